#include "realtimedouble.h"

#include "fixtureclips.h"
#include "oggopus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QWebSocket>

using namespace Qt::Literals::StringLiterals;

namespace utter::test
{

namespace
{

constexpr int kRate = 24000;

QByteArray headerOf(const QByteArray& head, const QByteArray& name)
{
    for (const QByteArray& line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

} // namespace

RealtimeDouble::RealtimeDouble(QObject* parent)
    : QObject(parent)
    , m_ws(u"utter-realtime-double"_s, QWebSocketServer::NonSecureMode)
{
    connect(&m_tcp, &QTcpServer::newConnection, this, &RealtimeDouble::onTcpConnection);
    connect(&m_ws, &QWebSocketServer::newConnection, this, &RealtimeDouble::onWebSocket);
    m_clock.start();
}

RealtimeDouble::~RealtimeDouble()
{
    for (auto it = m_clients.begin(); it != m_clients.end(); ++it) {
        if (it->socket) {
            it->socket->disconnect(this);
            it->socket->abort();
        }
    }
}

quint16 RealtimeDouble::start(quint16 port)
{
    if (!m_tcp.listen(QHostAddress::LocalHost, port))
        return 0;
    m_port = m_tcp.serverPort();
    return m_port;
}

QString RealtimeDouble::url() const
{
    return u"ws://127.0.0.1:%1/v1"_s.arg(m_port);
}

void RealtimeDouble::setFixtures(const FixtureClips& clips)
{
    m_matcher = AudioMatcher();
    m_matcher.threshold = 0.7;
    m_clipTexts.clear();
    for (const FixtureClip& clip : clips.clips()) {
        m_matcher.addClip(clip.pcm);
        m_clipTexts << clip.text;
    }
}

void RealtimeDouble::onTcpConnection()
{
    while (QTcpSocket* socket = m_tcp.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onHandshakeBytes(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

// The handshake is peeked, not read: the key is checked like the real service does (HTTP 401 before any
// upgrade), then the untouched bytes go to QWebSocketServer.
void RealtimeDouble::onHandshakeBytes(QTcpSocket* socket)
{
    if (!socket->isOpen())
        return;
    const QByteArray head = socket->peek(socket->bytesAvailable());
    if (!head.contains("\r\n\r\n"))
        return;
    socket->disconnect(this);
    m_handshakes << head.left(head.indexOf("\r\n\r\n"));
    const QByteArray requestLine = head.left(head.indexOf("\r\n"));
    const QByteArray auth = headerOf(head, "authorization");
    const bool pathOk = requestLine.contains(" /v1/realtime");
    const bool keyOk = auth.startsWith("Bearer ") && m_options.keys.contains(QString::fromUtf8(auth.mid(7)));
    if (!pathOk || !keyOk) {
        ++m_refused;
        const int status = pathOk ? 401 : 404;
        const QByteArray body =
            QJsonDocument(
                QJsonObject{{u"error"_s, QJsonObject{{u"message"_s, pathOk ? u"Incorrect API key provided."_s
                                                                           : u"Invalid URL (GET /v1/realtime)"_s},
                                                     {u"type"_s, u"invalid_request_error"_s},
                                                     {u"code"_s, pathOk ? u"invalid_api_key"_s : QString()},
                                                     {u"param"_s, QJsonValue::Null}}}})
                .toJson(QJsonDocument::Compact);
        socket->write((status == 401 ? "HTTP/1.1 401 Unauthorized\r\n"_ba : "HTTP/1.1 404 Not Found\r\n"_ba) +
                      "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
        return;
    }
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    m_ws.handleConnection(socket);
    emit socket->readyRead();
}

void RealtimeDouble::onWebSocket()
{
    while (QWebSocket* socket = m_ws.nextPendingConnection()) {
        ++m_connections;
        if (m_options.frameBytes > 0)
            socket->setOutgoingFrameSize(quint64(m_options.frameBytes));
        m_clients.insert(socket, Client{socket, {}, {}, false, 0});
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, socket](const QString& message) { onMessage(socket, message); });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            m_clients.remove(socket);
            socket->deleteLater();
        });
        const QString sessionId = u"sess_%1"_s.arg(m_connections);
        sendEvent(socket, QJsonObject{{u"type"_s, u"transcription_session.created"_s},
                                      {u"session"_s,
                                       QJsonObject{{u"id"_s, sessionId},
                                                   {u"object"_s, u"realtime.transcription_session"_s},
                                                   {u"input_audio_format"_s, u"pcm16"_s},
                                                   {u"turn_detection"_s, QJsonObject{{u"type"_s, u"server_vad"_s}}}}}});
        if (m_rateLimitConnections > 0) {
            --m_rateLimitConnections;
            sendError(socket, u"rate_limit_error"_s, u"rate_limit_exceeded"_s,
                      u"Rate limit reached for requests. Please try again in 1s."_s);
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"rate limit"_s);
            continue;
        }
        if (m_options.sessionLimitMs > 0) {
            QTimer::singleShot(m_options.sessionLimitMs, socket, [this, socket] {
                sendError(socket, u"invalid_request_error"_s, u"session_expired"_s,
                          u"Your session hit the maximum duration of 60 minutes."_s);
                socket->close(QWebSocketProtocol::CloseCodeNormal, u"session expired"_s);
            });
        }
    }
}

void RealtimeDouble::sendEvent(QWebSocket* socket, QJsonObject event)
{
    static quint64 counter = 0;
    event.insert(u"event_id"_s, u"event_%1"_s.arg(++counter));
    socket->sendTextMessage(QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact)));
}

void RealtimeDouble::sendError(QWebSocket* socket, const QString& type, const QString& code, const QString& message,
                               const QString& param)
{
    sendEvent(socket, QJsonObject{{u"type"_s, u"error"_s},
                                  {u"error"_s, QJsonObject{{u"type"_s, type},
                                                           {u"code"_s, code},
                                                           {u"message"_s, message},
                                                           {u"param"_s, param.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                                        : QJsonValue(param)},
                                                           {u"event_id"_s, QJsonValue::Null}}}});
}

void RealtimeDouble::onMessage(QWebSocket* socket, const QString& message)
{
    auto client = m_clients.find(socket);
    if (client == m_clients.end())
        return;
    QJsonParseError parseError;
    const QJsonObject event = QJsonDocument::fromJson(message.toUtf8(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError) {
        sendError(socket, u"invalid_request_error"_s, u"invalid_json"_s, u"The event is not valid JSON."_s);
        return;
    }
    const QString type = event.value(u"type"_s).toString();
    if (m_options.uplinkKbps > 0) {
        const double now = double(m_clock.nsecsElapsed()) / 1e6;
        client->uplinkFreeMs =
            std::max(client->uplinkFreeMs, now) + double(message.size()) * 8.0 / double(m_options.uplinkKbps);
    }
    if (type == u"transcription_session.update"_s) {
        const QJsonObject session = event.value(u"session"_s).toObject();
        m_sessionUpdates << session;
        const QString model = session.value(u"input_audio_transcription"_s).toObject().value(u"model"_s).toString();
        if (!m_options.models.contains(model)) {
            sendError(socket, u"invalid_request_error"_s, u"invalid_value"_s,
                      u"Invalid value: '%1'. Supported values are: %2."_s.arg(model, m_options.models.join(u", "_s)),
                      u"session.input_audio_transcription.model"_s);
            return;
        }
        if (session.value(u"input_audio_format"_s).toString() != u"pcm16"_s) {
            sendError(socket, u"invalid_request_error"_s, u"invalid_value"_s, u"Only pcm16 is supported here."_s,
                      u"session.input_audio_format"_s);
            return;
        }
        client->configured = true;
        sendEvent(socket, QJsonObject{{u"type"_s, u"transcription_session.updated"_s}, {u"session"_s, session}});
    } else if (type == u"input_audio_buffer.append"_s) {
        const auto decoded = QByteArray::fromBase64Encoding(event.value(u"audio"_s).toString().toLatin1(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.size() % 2 != 0) {
            sendError(socket, u"invalid_request_error"_s, u"invalid_value"_s,
                      u"Invalid 'audio'. Expected base64-encoded audio bytes."_s, u"audio"_s);
            return;
        }
        client->buffer += decoded.decoded;
        m_appendedAudioS += double(decoded.decoded.size()) / (2.0 * kRate);
    } else if (type == u"input_audio_buffer.clear"_s) {
        // OpenAI: "Send this event to clear the audio bytes in the buffer. The server will respond with an
        // input_audio_buffer.cleared event" — {event_id, type}, nothing else.
        ++m_clears;
        m_clearedAudioS += double(client->buffer.size()) / (2.0 * kRate);
        client->buffer.clear();
        sendEvent(socket, QJsonObject{{u"type"_s, u"input_audio_buffer.cleared"_s}});
    } else if (type == u"input_audio_buffer.commit"_s) {
        const double seconds = double(client->buffer.size()) / (2.0 * kRate);
        if (seconds < 0.1) {
            sendError(socket, u"invalid_request_error"_s, u"input_audio_buffer_commit_empty"_s,
                      u"Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but "
                      "buffer only has %1ms of audio."_s.arg(qRound(seconds * 1000)));
            return;
        }
        const int index = ++m_commits;
        if (m_closeAfterCommits > 0 && index == m_closeAfterCommits) {
            m_closeAfterCommits = 0;
            socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"server restarting"_s);
            return;
        }
        const QString itemId = u"item_"_s + QString::number(++m_items).rightJustified(6, u'0');
        const QByteArray pcm = std::exchange(client->buffer, QByteArray());
        m_committedAudioS += seconds;
        sendEvent(socket,
                  QJsonObject{{u"type"_s, u"input_audio_buffer.committed"_s},
                              {u"previous_item_id"_s, client->lastItem.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                                 : QJsonValue(client->lastItem)},
                              {u"item_id"_s, itemId}});
        sendEvent(socket, QJsonObject{{u"type"_s, u"conversation.item.created"_s},
                                      {u"item"_s, QJsonObject{{u"id"_s, itemId},
                                                              {u"object"_s, u"realtime.item"_s},
                                                              {u"type"_s, u"message"_s},
                                                              {u"status"_s, u"completed"_s},
                                                              {u"role"_s, u"user"_s}}}});
        client->lastItem = itemId;
        sendEvent(socket, QJsonObject{{u"type"_s, u"rate_limits.updated"_s},
                                      {u"rate_limits"_s, QJsonArray{QJsonObject{{u"name"_s, u"requests"_s},
                                                                                {u"limit"_s, 1000},
                                                                                {u"remaining"_s, 1000 - index},
                                                                                {u"reset_seconds"_s, 60.0}}}}});
        int delay = m_options.completionDelayMs + m_slowCommits.value(index, 0);
        if (m_options.uplinkKbps > 0) // the audio before the commit is still on its way
            delay += std::max(0, int(client->uplinkFreeMs - double(m_clock.nsecsElapsed()) / 1e6));
        if (m_options.speedFactor > 0)
            delay += int(seconds * 1000 / m_options.speedFactor);
        transcribe(socket, itemId, pcm, delay);
    } else {
        sendError(socket, u"invalid_request_error"_s, u"invalid_value"_s,
                  u"Invalid value: '%1'. Supported values are: 'transcription_session.update', "
                  "'input_audio_buffer.append', 'input_audio_buffer.commit', 'input_audio_buffer.clear'."_s.arg(type),
                  u"type"_s);
    }
}

QString RealtimeDouble::textFor(const QByteArray& pcm24)
{
    QList<qint16> pcm(pcm24.size() / 2);
    memcpy(pcm.data(), pcm24.constData(), size_t(pcm.size()) * 2);
    const QList<qint16> pcm16k = resampleLinear(pcm, kRate, 16000);
    QStringList texts;
    for (const AudioMatcher::Match& m : m_matcher.identify(pcm16k))
        texts << m_options.clipTexts.value(m.clip, m_clipTexts.value(m.clip));
    if (texts.isEmpty() && AudioMatcher::voicedSeconds(pcm16k) >= 0.2)
        texts << u"[unrecognised speech]"_s;
    return texts.join(u' ');
}

void RealtimeDouble::transcribe(QWebSocket* socket, const QString& itemId, const QByteArray& pcm24, int delayMs)
{
    const QString text = textFor(pcm24);
    // Deltas cut every deltaChars code points: mid-word, and between a letter and its combining accent.
    QStringList deltas;
    const QList<uint> points = text.toUcs4();
    for (qsizetype i = 0; i < points.size(); i += qMax(1, m_options.deltaChars)) {
        const QList<uint> piece = points.mid(i, qMax(1, m_options.deltaChars));
        deltas << QString::fromUcs4(reinterpret_cast<const char32_t*>(piece.constData()), piece.size());
    }
    QPointer<QWebSocket> guard(socket);
    // The timers own the step; it only knows itself weakly, so nothing outlives the socket.
    auto step = std::make_shared<std::function<void(int)>>();
    std::weak_ptr<std::function<void(int)>> self = step;
    *step = [this, guard, itemId, text, deltas, self](int i) {
        if (!guard || !m_clients.contains(guard.data()))
            return;
        if (i < deltas.size()) {
            sendEvent(guard, QJsonObject{{u"type"_s, u"conversation.item.input_audio_transcription.delta"_s},
                                         {u"item_id"_s, itemId},
                                         {u"content_index"_s, 0},
                                         {u"delta"_s, deltas.at(i)}});
            QTimer::singleShot(m_options.deltaIntervalMs, guard, [step = self.lock(), i] { (*step)(i + 1); });
            return;
        }
        m_completed << text;
        sendEvent(guard, QJsonObject{{u"type"_s, u"conversation.item.input_audio_transcription.completed"_s},
                                     {u"item_id"_s, itemId},
                                     {u"content_index"_s, 0},
                                     {u"transcript"_s, text}});
    };
    QTimer::singleShot(delayMs, socket, [step] { (*step)(0); });
}

} // namespace utter::test
