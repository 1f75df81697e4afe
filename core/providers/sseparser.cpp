#include "sseparser.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

QList<SseParser::Event> SseParser::feed(const QByteArray& bytes)
{
    QList<Event> out;
    m_buffer += bytes;
    qsizetype start = 0;
    // Lines end in \n, \r\n or \r. A trailing \r may be the first half of \r\n: wait for the next byte.
    for (qsizetype i = 0; i < m_buffer.size(); ++i) {
        const char c = m_buffer.at(i);
        if (c != '\n' && c != '\r')
            continue;
        if (c == '\r' && i + 1 == m_buffer.size())
            break;
        line(m_buffer.mid(start, i - start), out);
        if (c == '\r' && m_buffer.at(i + 1) == '\n')
            ++i;
        start = i + 1;
    }
    m_buffer.remove(0, start);
    return out;
}

QList<SseParser::Event> SseParser::finish()
{
    QList<Event> out;
    if (!m_buffer.isEmpty()) {
        QByteArray rest = m_buffer;
        m_buffer.clear();
        if (rest.endsWith('\r'))
            rest.chop(1);
        line(rest, out);
    }
    dispatch(out);
    return out;
}

void SseParser::line(const QByteArray& raw, QList<Event>& out)
{
    if (raw.isEmpty()) {
        dispatch(out);
        return;
    }
    if (raw.startsWith(':')) {
        ++m_comments;
        return;
    }
    const qsizetype colon = raw.indexOf(':');
    const QByteArray field = colon < 0 ? raw : raw.left(colon);
    QByteArray value = colon < 0 ? QByteArray() : raw.mid(colon + 1);
    if (value.startsWith(' '))
        value.remove(0, 1);
    if (field == "data") {
        m_data << QString::fromUtf8(value);
        m_hasData = true;
    } else if (field == "event") {
        m_event = QString::fromUtf8(value);
    }
    // id: and retry: are irrelevant for one-shot completions.
}

void SseParser::dispatch(QList<Event>& out)
{
    if (m_hasData)
        out.append({m_event.isEmpty() ? u"message"_s : m_event, m_data.join(u'\n')});
    m_event.clear();
    m_data.clear();
    m_hasData = false;
}

} // namespace utter
