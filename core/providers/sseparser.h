#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace utter
{

// Incremental parser for text/event-stream (as OpenAI-compatible chat servers send it). Bytes are fed as they
// arrive, split anywhere — in the middle of a line or of a UTF-8 sequence; events come out whole. Comment lines
// (": keep-alive") and blank keep-alive lines are skipped; multi-line data is joined with '\n'.
class SseParser final
{
public:
    struct Event
    {
        QString event; // "message" unless an event: field said otherwise
        QString data;
    };

    QList<Event> feed(const QByteArray& bytes);
    // Call at end of stream: an event not yet terminated by a blank line is returned (servers that close right
    // after the last data line).
    QList<Event> finish();

    int commentCount() const { return m_comments; }
    qsizetype pendingBytes() const { return m_buffer.size(); }

private:
    void line(const QByteArray& raw, QList<Event>& out);
    void dispatch(QList<Event>& out);

    QByteArray m_buffer;
    QString m_event;
    QStringList m_data;
    bool m_hasData = false;
    int m_comments = 0;
};

} // namespace utter
