#include "requesthead.h"

#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

bool isTokenChar(char c)
{
    // RFC 9110 §5.6.2 tchar
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

} // namespace

QByteArray RequestHead::header(QByteArrayView lowerName) const
{
    for (const auto& [name, value] : headers) {
        if (name == lowerName)
            return value;
    }
    return {};
}

bool RequestHead::hasToken(QByteArrayView lowerName, QByteArrayView token) const
{
    for (const auto& [name, value] : headers) {
        if (name != lowerName)
            continue;
        const QList<QByteArray> items = value.split(',');
        for (const QByteArray& item : items) {
            if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0)
                return true;
        }
    }
    return false;
}

bool RequestHead::keepAlive() const
{
    if (hasToken("connection", "close"))
        return false;
    return minorVersion >= 1 || hasToken("connection", "keep-alive");
}

bool RequestHead::expectsContinue() const
{
    return minorVersion >= 1 && header("expect").compare("100-continue", Qt::CaseInsensitive) == 0;
}

bool RequestHead::isWebSocketUpgrade() const
{
    return method == "GET" && hasToken("connection", "upgrade") &&
           header("upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
}

Result<RequestHead> parseRequestHead(QByteArrayView bytes)
{
    const auto bad = [](const QString& why) { return Error(ErrorCode::InvalidArgument, why); };
    QByteArray text = bytes.toByteArray();
    while (text.endsWith('\n') || text.endsWith('\r'))
        text.chop(1);
    // RFC 9112 §2.2: a server should ignore at least one empty line before the request line.
    while (text.startsWith("\r\n"))
        text.remove(0, 2);
    while (text.startsWith('\n'))
        text.remove(0, 1);
    QList<QByteArray> lines = text.split('\n');
    for (QByteArray& line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    if (lines.isEmpty() || lines.first().isEmpty())
        return bad(u"The request has no request line."_s);

    RequestHead head;
    const QList<QByteArray> requestLine = lines.first().split(' ');
    if (requestLine.size() != 3 || !isToken(requestLine.at(0)) || requestLine.at(1).isEmpty())
        return bad(u"The request line is malformed; expected \"METHOD /path HTTP/1.1\"."_s);
    head.method = requestLine.at(0);
    head.target = requestLine.at(1);
    const QByteArray& version = requestLine.at(2);
    if (!version.startsWith("HTTP/") || version.size() != 8 || version.at(6) != '.' || !std::isdigit(version.at(5)) ||
        !std::isdigit(version.at(7)))
        return bad(u"The request line has no HTTP version."_s);
    if (version.at(5) != '1')
        return Error(ErrorCode::Unsupported, u"Only HTTP/1.0 and HTTP/1.1 are served."_s);
    head.minorVersion = version.at(7) - '0';
    for (const char c : head.target) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            return bad(u"The request target contains control characters."_s);
    }
    if (!head.target.startsWith('/'))
        return bad(u"Only origin-form request targets (\"/path\") are served."_s);
    const QUrl url(QString::fromLatin1(head.target), QUrl::StrictMode);
    if (!url.isValid())
        return bad(u"The request target is not a valid path."_s);
    head.path = url.path(QUrl::FullyDecoded);
    head.query = QUrlQuery(url);

    bool sawLength = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray& line = lines.at(i);
        if (line.isEmpty())
            return bad(u"The request head has an empty line before its end."_s);
        if (line.at(0) == ' ' || line.at(0) == '\t')
            return bad(u"Folded header lines are not accepted."_s);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(QByteArrayView(line).first(colon)))
            return bad(u"A header line is malformed."_s);
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        for (const char c : value) {
            if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f)
                return bad(u"A header value contains control characters."_s);
        }
        if (name == "content-length") {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            const bool digits = !value.isEmpty() &&
                                std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (!ok || !digits || length < 0)
                return bad(u"Content-Length is not a number."_s);
            if (sawLength && length != head.contentLength)
                return bad(u"The request has conflicting Content-Length headers."_s);
            sawLength = true;
            head.contentLength = length;
        }
        head.headers.append({name, value});
    }
    const QByteArray encoding = head.header("transfer-encoding");
    if (!encoding.isEmpty()) {
        // RFC 9112 §6.3: Transfer-Encoding overrides Content-Length; a request with both is a smuggling attempt.
        if (sawLength)
            return bad(u"The request has both Transfer-Encoding and Content-Length."_s);
        head.chunked = true;
    }
    return head;
}

} // namespace utter
