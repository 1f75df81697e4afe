#include "httpfrontdoor.h"

#include "common/fdlimit.h"
#include "httpstream.h"
#include "logging/logging.h"
#include "pipeline/dictationcontrol.h"
#include "porthint.h"

#include <QDir>
#include <QJsonArray>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

HttpResponse busy(const QString& message, const QString& code, int retryAfterSeconds)
{
    HttpResponse response = HttpResponse::error(503, message, code);
    response.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray(QByteArray::number(retryAfterSeconds))));
    response.close = true;
    return response;
}

HttpResponse methodNotAllowed(const QByteArray& allow)
{
    HttpResponse response =
        HttpResponse::error(405, u"Use %1."_s.arg(QString::fromLatin1(allow)), u"method_not_allowed"_s);
    response.headers.append(qMakePair(QByteArray("Allow"), QByteArray(allow)));
    return response;
}

} // namespace

// Accepts connections for the front door, which keeps the count under its cap.
class HttpFrontDoor::Listener final : public QTcpServer
{
public:
    explicit Listener(HttpFrontDoor* owner)
        : QTcpServer(owner)
        , m_owner(owner)
    {}

protected:
    void incomingConnection(qintptr descriptor) override { m_owner->accept(descriptor); }

private:
    HttpFrontDoor* m_owner;
};

HttpFrontDoor::HttpFrontDoor(HttpConfig config, HttpHooks hooks, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_hooks(std::move(hooks))
    , m_transcriptions(m_hooks.dictation, m_config.stylesDir)
    , m_speech(m_hooks.speechConfig)
{
    if (m_config.uploadDir.isEmpty())
        m_config.uploadDir = QDir::tempPath();
}

HttpFrontDoor::~HttpFrontDoor()
{
    // Connections call back into this object while they are destroyed.
    const QList<HttpConnection*> connections = m_connections.values();
    m_connections.clear();
    for (HttpConnection* connection : connections) {
        disconnect(connection, nullptr, this, nullptr);
        delete connection;
    }
}

Status HttpFrontDoor::listen()
{
    m_webSockets = new QWebSocketServer(u"utter"_s, QWebSocketServer::NonSecureMode, this);
    connect(m_webSockets, &QWebSocketServer::newConnection, this, &HttpFrontDoor::acceptWebSockets);
    m_listener = new Listener(this);
    m_listener->setMaxPendingConnections(m_config.maxConnections);
    if (!m_listener->listen(m_config.endpoint.address, m_config.endpoint.port)) {
        const QString why = m_listener->errorString();
        const bool inUse = m_listener->serverError() == QAbstractSocket::AddressInUseError;
        delete m_listener;
        m_listener = nullptr;
        if (inUse) {
            const QString holder = describePortHolder(m_config.endpoint.port);
            return Error(
                ErrorCode::AlreadyRunning,
                u"Port %1 is already in use%2; pick another with --listen HOST:PORT or stop that "
                "process."_s.arg(m_config.endpoint.toString(), holder.isEmpty() ? QString() : u" by "_s + holder));
        }
        return Error(ErrorCode::Io, u"Cannot listen on %1: %2."_s.arg(m_config.endpoint.toString(), why));
    }
    // Out of file descriptors, Qt stops accepting for good: say so once, and try again shortly.
    connect(m_listener, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError error) {
        if (!m_outOfDescriptors)
            qCWarning(lcHttp).noquote() << "cannot accept HTTP connections:" << m_listener->errorString() << "(error"
                                        << int(error) << "); open connections:" << m_connections.size()
                                        << "— retrying every 0.5 s";
        m_outOfDescriptors = true;
        QTimer::singleShot(500, m_listener, [this] {
            if (m_listener->isListening())
                m_listener->resumeAccepting();
        });
    });
    m_port = m_listener->serverPort();
    qCInfo(lcHttp).noquote() << u"HTTP API on http://"_s + address() << "(bearer token required; at most"
                             << m_config.maxConnections << "connections," << m_config.maxUploads << "uploads at once)";
    return {};
}

void HttpFrontDoor::stopListening()
{
    if (m_listener)
        m_listener->close();
    if (m_webSockets)
        m_webSockets->close();
}

void HttpFrontDoor::beginDrain()
{
    if (m_draining)
        return;
    m_draining = true;
    const QList<HttpConnection*> connections = m_connections.values();
    for (HttpConnection* connection : connections)
        connection->closeIfIdle();
    qCInfo(lcHttp) << "draining:" << inFlight() << "request(s) in flight; new requests get 503";
    QMetaObject::invokeMethod(this, &HttpFrontDoor::checkDrained, Qt::QueuedConnection);
}

void HttpFrontDoor::abortInFlight()
{
    const QList<HttpConnection*> connections = m_connections.values();
    for (HttpConnection* connection : connections) {
        if (connection->state() != HttpConnection::State::Handling)
            continue;
        if (QObject* job = m_jobs.take(connection->id()))
            delete job; // cancels the provider calls
        m_uploads.remove(connection->id());
        m_uploadDirs.remove(connection->id());
        qCWarning(lcHttp).noquote() << "answering 503 to" << connection->peer()
                                    << "because the shutdown deadline passed before its request finished";
        answer(connection, busy(u"Utter is shutting down and could not finish this request in time; send it again "
                                "in a moment."_s,
                                u"service_stopping"_s, 5));
    }
}

void HttpFrontDoor::closeAll(const QString& reason)
{
    const QList<HttpStream*> streams = m_streams.values();
    for (HttpStream* stream : streams)
        stream->close(int(QWebSocketProtocol::CloseCodeGoingAway), reason);
    const QList<HttpConnection*> connections = m_connections.values();
    for (HttpConnection* connection : connections)
        connection->closeIfIdle();
}

QString HttpFrontDoor::address() const
{
    HttpEndpoint endpoint = m_config.endpoint;
    endpoint.port = m_port;
    return endpoint.toString();
}

int HttpFrontDoor::inFlight() const
{
    int count = 0;
    for (const HttpConnection* connection : m_connections) {
        if (connection->state() == HttpConnection::State::ReadingBody ||
            connection->state() == HttpConnection::State::Handling)
            ++count;
    }
    return count;
}

void HttpFrontDoor::checkDrained()
{
    if (m_draining && !m_drainedSent && inFlight() == 0) {
        m_drainedSent = true;
        emit drained();
    }
}

HttpFrontDoor::Auth HttpFrontDoor::authorize(const QByteArray& authorization, const QString& queryToken) const
{
    QByteArray presented;
    if (authorization.startsWith("Bearer ") || authorization.startsWith("bearer "))
        presented = authorization.mid(7).trimmed();
    else if (!queryToken.isEmpty())
        presented = queryToken.toUtf8();
    if (presented.isEmpty())
        return Auth::Missing;
    if (m_config.token.isEmpty())
        return Auth::NotReady;
    return constantTimeEquals(presented, m_config.token.toUtf8()) ? Auth::Ok : Auth::Wrong;
}

void HttpFrontDoor::accept(qintptr descriptor)
{
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_outOfDescriptors) {
        m_outOfDescriptors = false;
        qCInfo(lcHttp) << "accepting HTTP connections again";
    }
    const int open = int(m_connections.size() + m_streams.size());
    // Descriptors are handed out lowest first: this one's number is a lower bound of how many are open. Near the
    // limit (lowered meanwhile, or taken by other work) HTTP stops taking connections, so the control socket, the
    // journal and the providers always find a free descriptor.
    const long fdLimit = currentFdLimit();
    const bool lowOnDescriptors = fdLimit > 0 && long(descriptor) >= fdLimit - kFdHeadroom;
    if (open >= m_config.maxConnections || lowOnDescriptors) {
        // Answered and closed at once, so a flood never holds more descriptors than the cap.
        if (m_refusedSinceLog++ == 0) {
            if (lowOnDescriptors)
                qCWarning(lcHttp).noquote()
                    << "running out of file descriptors (descriptor" << descriptor << "of a limit of" << fdLimit
                    << "): refusing HTTP connections so the control socket keeps working; further refusals are "
                       "counted quietly";
            else
                qCWarning(lcHttp).noquote() << "refusing connections:" << open << "are open (limit"
                                            << m_config.maxConnections << "); further refusals are counted quietly";
            QTimer::singleShot(10000, this, [this] {
                if (m_refusedSinceLog > 1)
                    qCWarning(lcHttp) << "refused" << m_refusedSinceLog << "connections over the limit in 10 s";
                m_refusedSinceLog = 0;
            });
        }
        const HttpResponse response =
            busy(u"Too many connections are open (%1); try again shortly."_s.arg(m_config.maxConnections),
                 u"too_many_connections"_s, 1);
        QByteArray bytes = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: " +
                           QByteArray::number(response.body.size()) +
                           "\r\nRetry-After: 1\r\nConnection: close\r\n\r\n" + response.body;
        socket->write(bytes);
        socket->flush();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        if (socket->state() == QAbstractSocket::UnconnectedState)
            socket->deleteLater();
        else
            QTimer::singleShot(1000, socket, [socket] { socket->abort(); });
        return;
    }
    const quint64 id = m_nextConnectionId++;
    auto* connection = new HttpConnection(id, socket, m_config.connection, this, this);
    m_connections.insert(id, connection);
}

HttpConnection::Decision HttpFrontDoor::onHead(HttpConnection* connection, const RequestHead& head)
{
    using Decision = HttpConnection::Decision;
    // Refusals close the connection (whatever body follows is never read), except those of requests without a
    // body that a well-behaved client makes by mistake (404, 405).
    const auto refuse = [](HttpResponse response) {
        if (response.status != 404 && response.status != 405)
            response.close = true;
        return Decision{Decision::Kind::Refuse, std::move(response), {}};
    };
    const QString& path = head.path;
    const QByteArray& method = head.method;
    qCDebug(lcHttp).noquote() << connection->peer() << method << path << head.contentLength;
    if (m_draining)
        return refuse(busy(u"Utter is shutting down; send the request again in a moment."_s, u"service_stopping"_s, 5));

    const auto unauthorized = [&](Auth auth, const QString& hint) {
        if (auth == Auth::NotReady) {
            return refuse(busy(u"The API token is still being read from the keychain; try again in a few seconds "
                               "(`utter status` says why it waits)."_s,
                               u"token_not_ready"_s, 5));
        }
        HttpResponse response = HttpResponse::error(401, auth == Auth::Missing ? hint : u"The bearer token is wrong."_s,
                                                    auth == Auth::Missing ? u"missing_token"_s : u"invalid_token"_s);
        response.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
        return refuse(response);
    };

    if (head.isWebSocketUpgrade()) {
        if (path != u"/v1/stream"_s)
            return refuse(HttpResponse::error(404, u"WebSockets are served at /v1/stream only."_s, u"not_found"_s));
        const Auth auth = authorize(head.header("authorization"), head.query.queryItemValue(u"token"_s));
        if (auth != Auth::Ok)
            return unauthorized(auth, u"Send the token as `Authorization: Bearer TOKEN` or ?token=TOKEN."_s);
        if (int(m_streams.size()) >= m_config.maxStreams)
            return refuse(busy(u"Too many streams are open (%1); try again later."_s.arg(m_config.maxStreams),
                               u"too_many_streams"_s, kRetryAfterSeconds));
        return Decision{Decision::Kind::Upgrade, {}, {}};
    }

    const Auth auth = authorize(head.header("authorization"), {});
    const bool isHealth = path == u"/health"_s;
    if (!isHealth && auth != Auth::Ok)
        return unauthorized(auth, u"Send the token as `Authorization: Bearer TOKEN`; `utter secret status` says where "
                                  "it is stored."_s);

    const bool isGet = method == "GET" || method == "HEAD";
    if (isHealth || path == u"/v1/models"_s) {
        if (!isGet)
            return refuse(methodNotAllowed("GET, HEAD"));
    } else if (path == u"/v1/stream"_s) {
        if (method != "GET")
            return refuse(methodNotAllowed("GET"));
    } else if (path == u"/v1/audio/transcriptions"_s || path == u"/v1/audio/speech"_s) {
        if (method != "POST")
            return refuse(methodNotAllowed("POST"));
    }

    if (path == u"/v1/audio/transcriptions"_s) {
        if (head.contentLength > m_config.maxUploadBytes)
            return refuse(HttpResponse::error(
                413,
                u"The upload is larger than %1 MB; split the audio or compress it (Ogg Opus at 24 kbit/s holds hours "
                "in that size)."_s.arg(m_config.maxUploadBytes / (1024 * 1024)),
                u"payload_too_large"_s));
        if (!head.header("content-type").toLower().startsWith("multipart/form-data"))
            return refuse(HttpResponse::error(
                400, u"Send the audio as multipart/form-data (curl -F file=@audio.ogg)."_s, u"invalid_multipart"_s));
        if (int(m_uploads.size()) >= m_config.maxUploads)
            return refuse(
                busy(u"%1 uploads are being transcribed; send this one again in a moment."_s.arg(m_uploads.size()),
                     u"too_many_uploads"_s, kRetryAfterSeconds));
        auto folder = std::make_shared<QTemporaryDir>(m_config.uploadDir + u"/utter-upload-XXXXXX"_s);
        if (!folder->isValid()) {
            qCWarning(lcHttp).noquote() << "cannot create an upload folder in" << m_config.uploadDir << ":"
                                        << folder->errorString();
            return refuse(HttpResponse::error(500, u"The upload cannot be stored; is the disk full?"_s, u"io"_s));
        }
        m_uploads.insert(connection->id());
        m_uploadDirs.insert(connection->id(), folder);
        return Decision{Decision::Kind::StreamBody, {}, folder->filePath(u"body"_s)};
    }
    if (head.contentLength > m_config.maxRequestBytes)
        return refuse(
            HttpResponse::error(413, u"The request body is larger than %1 KiB."_s.arg(m_config.maxRequestBytes / 1024),
                                u"payload_too_large"_s));
    return Decision{Decision::Kind::ReadBody, {}, {}};
}

void HttpFrontDoor::onUpgrade(HttpConnection*, QTcpSocket* socket, const RequestHead&)
{
    socket->setParent(this);
    m_webSockets->handleConnection(socket);
}

void HttpFrontDoor::onFinished(HttpConnection* connection)
{
    m_connections.remove(connection->id());
    m_uploads.remove(connection->id());
    m_uploadDirs.remove(connection->id());
    if (QObject* job = m_jobs.take(connection->id()))
        delete job;
    checkDrained();
}

void HttpFrontDoor::answer(HttpConnection* connection, const HttpResponse& response)
{
    m_uploads.remove(connection->id());
    m_uploadDirs.remove(connection->id());
    connection->respond(response);
    QMetaObject::invokeMethod(this, &HttpFrontDoor::checkDrained, Qt::QueuedConnection);
}

void HttpFrontDoor::onRequest(HttpConnection* connection, ClientRequest request)
{
    const QString& path = request.head.path;
    const bool authorized = authorize(request.head.header("authorization"), {}) == Auth::Ok;
    if (path == u"/health"_s) {
        // Liveness without a token; the details need one.
        answer(connection,
               HttpResponse::json(200, authorized ? m_hooks.health()
                                                  : QJsonObject{{u"status"_s, m_hooks.health().value(u"status"_s)}}));
    } else if (path == u"/v1/models"_s) {
        QJsonArray data;
        for (const QString& id : {u"utter"_s, u"whisper-1"_s})
            data.append(QJsonObject{{u"id"_s, id}, {u"object"_s, u"model"_s}, {u"owned_by"_s, u"utter"_s}});
        answer(connection, HttpResponse::json(200, {{u"object"_s, u"list"_s}, {u"data"_s, data}}));
    } else if (path == u"/v1/audio/transcriptions"_s) {
        transcribe(connection, request);
    } else if (path == u"/v1/audio/speech"_s) {
        speak(connection, request);
    } else if (path == u"/v1/stream"_s) {
        answer(connection,
               HttpResponse::error(426, u"/v1/stream is a WebSocket: connect with ws://HOST:PORT/v1/stream."_s,
                                   u"upgrade_required"_s));
    } else {
        answer(connection,
               HttpResponse::error(404,
                                   u"Unknown path %1; see GET /v1/models, POST /v1/audio/transcriptions, POST "
                                   "/v1/audio/speech, GET /v1/stream."_s.arg(path.left(200)),
                                   u"not_found"_s));
    }
}

HttpFrontDoor::Job HttpFrontDoor::startJob(HttpConnection* connection, std::shared_ptr<void> keepAlive)
{
    auto* job = new QObject(this);
    m_jobs.insert(connection->id(), job);
    const QPointer<HttpConnection> target(connection);
    const quint64 id = connection->id();
    return {job, [this, id, target, keepAlive](const HttpResponse& response) {
                if (QObject* done = m_jobs.take(id))
                    done->deleteLater();
                if (!target) {
                    checkDrained();
                    return; // the client left; a transcript is in the history anyway
                }
                answer(target, response);
            }};
}

void HttpFrontDoor::transcribe(HttpConnection* connection, const ClientRequest& request)
{
    const std::shared_ptr<QTemporaryDir> folder = m_uploadDirs.value(connection->id());
    if (!folder) {
        answer(connection, HttpResponse::error(500, u"The upload was lost."_s, u"io"_s));
        return;
    }
    // The folder holds the audio until the transcription is over, even when the client leaves before.
    const Job job = startJob(connection, folder);
    m_transcriptions.handle(request, folder->path(), job.context, job.reply);
}

void HttpFrontDoor::speak(HttpConnection* connection, const ClientRequest& request)
{
    const Job job = startJob(connection);
    m_speech.handle(request.body, job.context, job.reply);
}

void HttpFrontDoor::acceptWebSockets()
{
    while (QWebSocket* pending = m_webSockets->nextPendingConnection()) {
        std::unique_ptr<QWebSocket> socket(pending);
        const quint64 id = m_nextStreamId++;
        auto* stream = new HttpStream(id, std::move(socket), m_hooks.dictation, this);
        m_streams.insert(id, stream);
        connect(stream, &HttpStream::closed, this, [this](quint64 closedId) {
            if (HttpStream* gone = m_streams.take(closedId))
                gone->deleteLater();
        });
    }
}

} // namespace utter
