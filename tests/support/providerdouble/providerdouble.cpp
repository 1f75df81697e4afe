#include "providerdouble.h"

#include "fixtureclips.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace utter::test
{

namespace
{

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 413:
        return "Request Entity Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 498:
        return "Flex Tier Capacity Exceeded";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

QByteArray head(int status, const QByteArray& contentType, const QList<QPair<QByteArray, QByteArray>>& headers,
                std::optional<qint64> contentLength, bool close)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (contentLength)
        out += "Content-Length: " + QByteArray::number(*contentLength) + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    return out + "\r\n";
}

// Makes close() send a TCP RST instead of a FIN: a connection reset as a flaky proxy produces it.
void resetConnection(QTcpSocket* socket)
{
#ifdef Q_OS_UNIX
    struct linger option
    {
        1, 0
    };
    ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &option, sizeof option);
#endif
    socket->abort();
}

} // namespace

TranscriptScript TranscriptScript::fromJson(const QJsonObject& j)
{
    TranscriptScript script;
    script.clipNoSpeechProb = j.value(u"clip_no_speech_prob"_s).toDouble(-1);
    script.clipAvgLogprob = j.value(u"clip_avg_logprob"_s).toDouble(1);
    for (const QJsonValue& value : j.value(u"extra"_s).toArray()) {
        const QJsonObject e = value.toObject();
        script.extra.append({e.value(u"text"_s).toString(), e.value(u"no_speech_prob"_s).toDouble(0.01),
                             e.value(u"avg_logprob"_s).toDouble(-0.2), e.value(u"compression_ratio"_s).toDouble(1.2)});
    }
    script.anyAudio = j.value(u"any_audio"_s).toBool();
    script.times = j.value(u"times"_s).toInt(1);
    return script;
}

Fault Fault::fromJson(const QJsonObject& j)
{
    Fault f;
    f.path = j.value(u"path"_s).toString();
    f.status = j.value(u"status"_s).toInt();
    f.body = j.value(u"body"_s).isString()
                 ? j.value(u"body"_s).toString().toUtf8()
                 : QJsonDocument(j.value(u"body"_s).toObject()).toJson(QJsonDocument::Compact);
    if (!j.contains(u"body"_s))
        f.body.clear();
    const QJsonObject headers = j.value(u"headers"_s).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        f.headers.append({it.key().toUtf8(), it.value().toVariant().toString().toUtf8()});
    f.delayMs = j.value(u"delay_ms"_s).toInt();
    f.stall = j.value(u"stall"_s).toBool();
    f.resetMidBody = j.value(u"reset_mid_body"_s).toBool();
    f.closeWithoutAnswer = j.value(u"close_without_answer"_s).toBool();
    f.malformedJson = j.value(u"malformed_json"_s).toBool();
    f.truncateSseAfter = j.value(u"truncate_sse_after"_s).toInt(-1);
    f.keepAlives = j.value(u"keep_alives"_s).toInt();
    f.keepAliveForever = j.value(u"keep_alive_forever"_s).toBool();
    f.keepAliveIntervalMs = j.value(u"keep_alive_interval_ms"_s).toInt(50);
    f.times = j.value(u"times"_s).toInt(1);
    return f;
}

QByteArray RecordedRequest::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key == name.toLower())
            return value;
    }
    return {};
}

QJsonObject RecordedRequest::toJson() const
{
    QJsonObject f;
    for (auto it = fields.begin(); it != fields.end(); ++it)
        f.insert(it.key(), it.value());
    QJsonArray clips;
    for (int c : identifiedClips)
        clips.append(c);
    return QJsonObject{{u"method"_s, QString::fromLatin1(method)},
                       {u"path"_s, path},
                       {u"status"_s, status},
                       {u"fields"_s, f},
                       {u"file_name"_s, fileName},
                       {u"file_bytes"_s, double(fileBytes)},
                       {u"json"_s, json},
                       {u"audio_s"_s, audioS},
                       {u"billed_s"_s, billedS},
                       {u"clips"_s, clips},
                       {u"at"_s, receivedAt.toString(Qt::ISODateWithMs)}};
}

ProviderDouble::ProviderDouble(QObject* parent)
    : QAbstractHttpServer(parent)
{
    m_matcher.threshold = 0.7;
    for (const QString& slot : {u"stt"_s, u"tts"_s, u"chat"_s})
        m_slots.insert(slot, Slot{});
}

ProviderDouble::~ProviderDouble() = default;

quint16 ProviderDouble::start(quint16 port)
{
    m_port = listen(QHostAddress::LocalHost, port);
    return m_port;
}

QString ProviderDouble::baseUrl() const
{
    return u"http://127.0.0.1:%1"_s.arg(m_port);
}

void ProviderDouble::addFault(const Fault& fault)
{
    m_faults.append(fault);
}

void ProviderDouble::clearFaults()
{
    m_faults.clear();
}

void ProviderDouble::setFixtures(const FixtureClips& clips)
{
    m_matcher = AudioMatcher();
    m_matcher.threshold = 0.7;
    m_clipTexts.clear();
    for (const FixtureClip& clip : clips.clips()) {
        m_matcher.addClip(clip.pcm);
        m_clipTexts << clip.text;
    }
}

void ProviderDouble::setSlot(const QString& slot, const QString& state, int loadingRequests, int retryAfterS)
{
    m_slots.insert(slot, Slot{state, loadingRequests, retryAfterS});
}

QList<RecordedRequest> ProviderDouble::requests(const QString& pathContains) const
{
    QList<RecordedRequest> out;
    for (const RecordedRequest& r : m_requests) {
        if (r.path.contains(pathContains))
            out << r;
    }
    return out;
}

std::optional<Fault> ProviderDouble::takeFault(const QString& path)
{
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        Fault& f = m_faults[i];
        if (!path.contains(f.path))
            continue;
        Fault copy = f;
        if (--f.times <= 0)
            m_faults.removeAt(i);
        return copy;
    }
    return std::nullopt;
}

bool ProviderDouble::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    RecordedRequest record;
    record.path = request.url().path();
    record.receivedAt = QDateTime::currentDateTimeUtc();
    for (const auto& [name, value] : request.headers())
        record.headers.append({name.toLower(), value});
    record.body = request.body();
    switch (request.method()) {
    case QHttpServerRequest::Method::Get:
        record.method = "GET";
        break;
    case QHttpServerRequest::Method::Post:
        record.method = "POST";
        break;
    default:
        record.method = "OTHER";
        break;
    }
    const bool isControl = record.path.startsWith(u"/_double/"_s);
    const std::optional<Fault> fault = isControl ? std::nullopt : takeFault(record.path);
    Reply reply;
    if (fault && fault->status > 0) {
        reply.status = fault->status;
        reply.body = fault->body;
        reply.headers = fault->headers;
        reply.contentType = fault->body.trimmed().startsWith('{') ? "application/json" : "text/plain";
    } else {
        reply = route(request, record);
    }
    record.status = reply.status;
    qsizetype index = -1;
    if (!isControl) {
        m_requests.append(record);
        index = m_requests.size() - 1;
    }
    deliver(socket, request, std::move(reply), fault, index);
    return true;
}

void ProviderDouble::missingHandler(const QHttpServerRequest& request, QTcpSocket* socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.write(QJsonDocument(QJsonObject{{u"error"_s, u"no handler"_s}}),
                    QHttpServerResponder::StatusCode::NotFound);
}

void ProviderDouble::deliver(QTcpSocket* socket, const QHttpServerRequest& request, Reply reply,
                             const std::optional<Fault>& fault, qsizetype recordIndex)
{
    Q_UNUSED(recordIndex);
    if (fault && fault->stall)
        return; // the client's timeout has to notice
    if (fault && fault->closeWithoutAnswer) {
        socket->disconnectFromHost(); // a FIN after the whole request: what a crashing proxy or server does
        return;
    }
    const int delay = reply.delayMs + (fault ? fault->delayMs : 0);
    const bool plain = !reply.sse && !fault && delay == 0;
    if (plain && reply.headers.isEmpty()) {
        // The ordinary case goes through Qt's own responder.
        QHttpServerResponder responder = makeResponder(request, socket);
        responder.write(reply.body, reply.contentType, QHttpServerResponder::StatusCode(reply.status));
        return;
    }
    QPointer<QTcpSocket> guard(socket);
    if (delay > 0) {
        QTimer::singleShot(delay, this, [this, guard, reply, fault] { writeNow(guard, reply, fault); });
        return;
    }
    writeNow(guard, reply, fault);
}

void ProviderDouble::writeNow(QPointer<QTcpSocket> socket, const Reply& reply, const std::optional<Fault>& fault)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (reply.sse) {
        QList<QByteArray> chunks;
        const int keepAlives = fault ? fault->keepAlives : 0;
        for (int i = 0; i < keepAlives; ++i)
            chunks << QByteArray(": keep-alive\n\n");
        int events = 0;
        for (const QByteArray& data : reply.events) {
            if (fault && fault->truncateSseAfter >= 0 && events >= fault->truncateSseAfter)
                break;
            QByteArray event = "data: " + data + "\n\n";
            if (fault && fault->malformedJson && data != "[DONE]" && events == 1)
                event = "data: " + data.left(data.size() / 2) + "\n\n";
            chunks << event;
            ++events;
        }
        // Small writes must leave at once (Nagle + delayed ACK would hold each for ~40 ms).
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        socket->write(head(reply.status, "text/event-stream; charset=utf-8",
                           reply.headers + QList<QPair<QByteArray, QByteArray>>{{"Cache-Control", "no-cache"}},
                           std::nullopt, true));
        socket->flush();
        const int interval = keepAlives > 0 ? fault->keepAliveIntervalMs : m_options.sseIntervalMs;
        if (fault && fault->resetMidBody) {
            chunks = chunks.mid(0, std::max<qsizetype>(1, chunks.size() / 2));
            chunks << QByteArray("\x01RESET");
        }
        streamEvents(socket, chunks, interval, fault && fault->keepAliveForever);
        return;
    }
    QByteArray body = reply.body;
    if (fault && fault->keepAlives > 0)
        body.prepend(QByteArray(fault->keepAlives, '\n')); // DeepSeek's blank-line keep-alives before JSON
    if (fault && fault->malformedJson)
        body = body.left(body.size() / 2);
    if (fault && fault->resetMidBody) {
        socket->write(head(reply.status, reply.contentType, reply.headers, body.size(), false));
        socket->write(body.left(body.size() / 2));
        socket->flush();
        QTimer::singleShot(20, socket, [socket] {
            if (socket)
                resetConnection(socket);
        });
        return;
    }
    socket->write(head(reply.status, reply.contentType, reply.headers, body.size(), false) + body);
    socket->flush();
}

void ProviderDouble::streamEvents(QPointer<QTcpSocket> socket, QList<QByteArray> chunks, int intervalMs,
                                  bool keepAliveForever)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (chunks.isEmpty()) {
        if (keepAliveForever) {
            socket->write(": keep-alive\n\n");
            socket->flush();
            QTimer::singleShot(intervalMs, this,
                               [this, socket, intervalMs] { streamEvents(socket, {}, intervalMs, true); });
            return;
        }
        socket->disconnectFromHost();
        return;
    }
    QByteArray next = chunks.takeFirst();
    if (next == "\x01RESET") {
        resetConnection(socket);
        return;
    }
    const int piece = m_options.sseWriteBytes;
    if (piece > 0 && next.size() > piece) {
        // Write a few bytes now and the rest as the next chunk: UTF-8 sequences get cut across reads.
        chunks.prepend(next.mid(piece));
        next = next.left(piece);
    }
    socket->write(next);
    socket->flush();
    QTimer::singleShot(piece > 0 ? 1 : intervalMs, this, [this, socket, chunks, intervalMs, keepAliveForever] {
        streamEvents(socket, chunks, intervalMs, keepAliveForever);
    });
}

ProviderDouble::Reply ProviderDouble::error(int status, const QString& message, const QString& type,
                                            const QString& code) const
{
    if (m_options.hal0)
        return hal0Error(status, code.isEmpty() ? u"validation.error"_s : code, message);
    Reply r;
    r.status = status;
    QJsonObject e{{u"message"_s, message}, {u"type"_s, type}};
    e.insert(u"code"_s, code.isEmpty() ? QJsonValue() : QJsonValue(code));
    r.body = QJsonDocument(QJsonObject{{u"error"_s, e}}).toJson(QJsonDocument::Compact);
    return r;
}

ProviderDouble::Reply ProviderDouble::hal0Error(int status, const QString& code, const QString& message) const
{
    Reply r;
    r.status = status;
    r.body = QJsonDocument(
                 QJsonObject{{u"error"_s,
                              QJsonObject{{u"code"_s, code}, {u"message"_s, message}, {u"details"_s, QJsonObject{}}}}})
                 .toJson(QJsonDocument::Compact);
    return r;
}

std::optional<QList<MultipartPart>> parseMultipart(const QByteArray& contentType, const QByteArray& body)
{
    const qsizetype at = contentType.indexOf("boundary=");
    if (!contentType.startsWith("multipart/form-data") || at < 0)
        return std::nullopt;
    QByteArray boundary = contentType.mid(at + 9);
    if (const qsizetype semi = boundary.indexOf(';'); semi >= 0)
        boundary.truncate(semi);
    if (boundary.startsWith('"') && boundary.endsWith('"'))
        boundary = boundary.mid(1, boundary.size() - 2);
    const QByteArray delimiter = "--" + boundary;
    QList<MultipartPart> parts;
    qsizetype pos = body.indexOf(delimiter);
    if (pos < 0)
        return std::nullopt;
    for (;;) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            break;
        if (body.mid(pos, 2) != "\r\n")
            return std::nullopt;
        pos += 2;
        const qsizetype headerEnd = body.indexOf("\r\n\r\n", pos);
        if (headerEnd < 0)
            return std::nullopt;
        MultipartPart part;
        for (const QByteArray& line : body.mid(pos, headerEnd - pos).split('\n')) {
            const QByteArray l = line.trimmed();
            if (l.toLower().startsWith("content-disposition:")) {
                for (const QByteArray& attr : l.mid(20).split(';')) {
                    const QByteArray a = attr.trimmed();
                    auto unquote = [](QByteArray v) {
                        v = v.trimmed();
                        return v.startsWith('"') && v.endsWith('"') ? v.mid(1, v.size() - 2) : v;
                    };
                    if (a.startsWith("name="))
                        part.name = unquote(a.mid(5));
                    else if (a.startsWith("filename="))
                        part.fileName = QString::fromUtf8(unquote(a.mid(9)));
                }
            } else if (l.toLower().startsWith("content-type:")) {
                part.contentType = l.mid(13).trimmed();
            }
        }
        const qsizetype next = body.indexOf(QByteArray("\r\n" + delimiter), headerEnd + 4);
        if (next < 0)
            return std::nullopt;
        part.data = body.mid(headerEnd + 4, next - headerEnd - 4);
        parts << part;
        pos = next + 2;
    }
    return parts;
}

} // namespace utter::test
