#include "httpfrontdoor.h"

#include "common/version.h"
#include "httpstream.h"
#include "logging/logcontext.h"
#include "logging/logging.h"
#include "multipart.h"
#include "pipeline/dictationcontrol.h"
#include "porthint.h"

#include <QAbstractHttpServer>
#include <QDir>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

using Status_ = QHttpServerResponder::StatusCode;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Payload Too Large";
    case 426:
        return "Upgrade Required";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    default:
        return status < 500 ? "Bad Request" : "Internal Server Error";
    }
}

// A complete response written straight to the socket: used when the responder cannot be kept (asynchronous
// replies, whose socket may vanish meanwhile) and by the size guard before the request is parsed.
QByteArray rawResponse(int status, const QByteArray& contentType, const QByteArray& body, bool close)
{
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    bytes += "Content-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (close)
        bytes += "Connection: close\r\n";
    return bytes + "\r\n" + body;
}

// The OpenAI error envelope, so standard clients show the message.
QJsonObject errorBody(const QString& message, const QString& type, const QString& code)
{
    return {{u"error"_s, QJsonObject{{u"message"_s, message}, {u"type"_s, type}, {u"code"_s, code}}}};
}

QByteArray headerValue(const QHttpServerRequest& request, const QByteArray& name)
{
    const auto headers = request.headers();
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

// The first reader of every connection. It (1) sends WebSocket upgrades to our own QWebSocketServer, after the
// path and token are checked, so a refused client gets a plain HTTP 401/404 (Qt 6.4's QAbstractHttpServer
// upgrades before routing and cannot refuse); (2) counts the bytes of the request in progress and answers 413
// before an oversized body is buffered whole, then drains what the client still sends so it reads the answer.
// Everything else goes to the HTTP server untouched (only peeked, never consumed).
class ConnectionFront final : public QTcpServer
{
public:
    using Upgrade = std::function<void(QTcpSocket* socket, const QByteArray& head)>;

    ConnectionFront(qint64 limit, Upgrade upgrade, QObject* parent)
        : QTcpServer(parent)
        , m_limit(limit)
        , m_upgrade(std::move(upgrade))
    {}

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto* socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { firstBytes(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, [socket] {
            if (socket->property("utter.handed").isNull())
                socket->deleteLater();
        });
        QTimer::singleShot(30000, socket, [socket] {
            if (socket->property("utter.handed").isNull())
                socket->abort(); // never sent a complete request head
        });
    }

private:
    void firstBytes(QTcpSocket* socket)
    {
        const QByteArray head = socket->peek(16 * 1024);
        const qsizetype end = head.indexOf("\r\n\r\n");
        if (end < 0) {
            if (head.size() >= 16 * 1024)
                refuse(socket, 431, "request_header_too_large", u"The request headers are too large."_s);
            return; // wait for the rest of the head
        }
        QObject::disconnect(socket, &QTcpSocket::readyRead, socket, nullptr);
        socket->setProperty("utter.handed", true);
        const QByteArray lower = head.left(end).toLower();
        if (lower.startsWith("get ") && lower.contains("\nupgrade: websocket")) {
            m_upgrade(socket, head.left(end));
            return;
        }
        // curl asks before sending bodies over 1 MB and would otherwise wait a second for this.
        if (lower.contains("\nexpect: 100-continue"))
            socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        guard(socket);
        addPendingConnection(socket);
        emit newConnection();
        // The bytes are already buffered: wake the HTTP server's reader, which connects on newConnection.
        QMetaObject::invokeMethod(socket, &QTcpSocket::readyRead, Qt::QueuedConnection);
    }

    void guard(QTcpSocket* socket)
    {
        auto received = std::make_shared<qint64>(socket->bytesAvailable());
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, received] {
            *received += socket->bytesAvailable();
            if (*received > m_limit)
                refuse(socket, 413, "payload_too_large",
                       u"The upload is larger than %1 MB; split the audio or compress it (Ogg Opus at 24 kbit/s "
                       "holds hours in that size)."_s.arg(m_limit / (1024 * 1024)),
                       {}, true);
        });
        connect(socket, &QTcpSocket::bytesWritten, socket, [received] { *received = 0; });
    }

public:
    // drain: the client may still be sending a body — read and drop it for a while so it sees the answer.
    static void refuse(QTcpSocket* socket, int status, const QByteArray& code, const QString& message,
                       const QByteArray& extraHeaders = {}, bool drain = false)
    {
        qCWarning(lcHttp).noquote() << "answering" << status << "to" << socket->peerAddress().toString() << ":"
                                    << message;
        QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
        const QJsonObject body = errorBody(message, u"invalid_request_error"_s, QString::fromLatin1(code));
        QByteArray response =
            rawResponse(status, "application/json", QJsonDocument(body).toJson(QJsonDocument::Compact), true);
        if (!extraHeaders.isEmpty())
            response.insert(response.indexOf("\r\n") + 2, extraHeaders);
        socket->write(response);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        if (!drain) {
            socket->disconnectFromHost(); // after the answer is written
            return;
        }
        connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
        socket->readAll();
        QTimer::singleShot(10000, socket, [socket] { socket->disconnectFromHost(); });
    }

private:
    qint64 m_limit;
    Upgrade m_upgrade;
};

} // namespace

class HttpFrontDoor::Server final : public QAbstractHttpServer
{
public:
    Server(HttpFrontDoor* owner)
        : QAbstractHttpServer(owner)
        , m_owner(owner)
    {}

    using QAbstractHttpServer::makeResponder;

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override
    {
        return m_owner->handleRequest(request, socket);
    }
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override
    {
        makeResponder(request, socket)
            .write(QJsonDocument(errorBody(u"Not found."_s, u"invalid_request_error"_s, u"not_found"_s)),
                   Status_::NotFound);
    }

private:
    HttpFrontDoor* m_owner;
};

HttpFrontDoor::HttpFrontDoor(HttpConfig config, HttpHooks hooks, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_hooks(std::move(hooks))
{}

HttpFrontDoor::~HttpFrontDoor() = default;

Status HttpFrontDoor::listen()
{
    m_server = new Server(this);
    m_webSockets = new QWebSocketServer(u"utter"_s, QWebSocketServer::NonSecureMode, this);
    connect(m_webSockets, &QWebSocketServer::newConnection, this, &HttpFrontDoor::acceptWebSockets);
    auto* tcp = new ConnectionFront(
        m_config.maxUploadBytes + 64 * 1024,
        [this](QTcpSocket* socket, const QByteArray& head) { upgrade(socket, head); }, m_server);
    if (!tcp->listen(m_config.endpoint.address, m_config.endpoint.port)) {
        const QString why = tcp->errorString();
        const bool inUse = tcp->serverError() == QAbstractSocket::AddressInUseError;
        delete m_server;
        m_server = nullptr;
        if (inUse) {
            const QString holder = describePortHolder(m_config.endpoint.port);
            return Error(
                ErrorCode::AlreadyRunning,
                u"Port %1 is already in use%2; pick another with --listen HOST:PORT or stop that "
                "process."_s.arg(m_config.endpoint.toString(), holder.isEmpty() ? QString() : u" by "_s + holder));
        }
        return Error(ErrorCode::Io, u"Cannot listen on %1: %2."_s.arg(m_config.endpoint.toString(), why));
    }
    m_port = tcp->serverPort();
    m_server->bind(tcp);
    qCInfo(lcHttp).noquote() << u"HTTP API on http://"_s + address() << "(bearer token required)";
    return {};
}

void HttpFrontDoor::stopListening()
{
    if (!m_server)
        return;
    const QList<QTcpServer*> servers = m_server->servers();
    for (QTcpServer* server : servers)
        server->close();
    if (m_webSockets)
        m_webSockets->close();
}

void HttpFrontDoor::closeAll(const QString& reason)
{
    const QList<HttpStream*> streams = m_streams.values();
    for (HttpStream* stream : streams)
        stream->close(int(QWebSocketProtocol::CloseCodeGoingAway), reason);
}

QString HttpFrontDoor::address() const
{
    HttpEndpoint endpoint = m_config.endpoint;
    endpoint.port = m_port;
    return endpoint.toString();
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

bool HttpFrontDoor::handleRequest(const QHttpServerRequest& request, QTcpSocket* socket)
{
    const QString path = request.url().path();
    const QHttpServerRequest::Method method = request.method();
    const Auth auth = authorize(headerValue(request, "authorization"), {});
    QHttpServerResponder responder = Server::makeResponder(request, socket);
    const auto reply = [&](const QJsonObject& body, Status_ status) { responder.write(QJsonDocument(body), status); };
    qCDebug(lcHttp).noquote() << request.remoteAddress().toString() << path;

    if (path == u"/health"_s) {
        if (method != QHttpServerRequest::Method::Get) {
            reply(errorBody(u"Use GET."_s, u"invalid_request_error"_s, u"method_not_allowed"_s),
                  Status_::MethodNotAllowed);
        } else if (auth == Auth::Ok) {
            reply(m_hooks.health(), Status_::Ok);
        } else {
            // Liveness without a token; the details need one.
            reply({{u"status"_s, m_hooks.health().value(u"status"_s)}}, Status_::Ok);
        }
        return true;
    }
    if (auth == Auth::NotReady) {
        responder.write(QJsonDocument(errorBody(u"The API token is still being read from the keychain; try again "
                                                "in a few seconds (`utter status` says why it waits)."_s,
                                                u"server_error"_s, u"token_not_ready"_s)),
                        {{"Retry-After", "5"}, {"Content-Type", "application/json"}}, Status_::ServiceUnavailable);
        return true;
    }
    if (auth != Auth::Ok) {
        responder.write(
            QJsonDocument(errorBody(auth == Auth::Missing ? u"Send the token as `Authorization: Bearer TOKEN`; "
                                                            "`utter secret status` says where it is stored."_s
                                                          : u"The bearer token is wrong."_s,
                                    u"invalid_request_error"_s,
                                    auth == Auth::Missing ? u"missing_token"_s : u"invalid_token"_s)),
            {{"WWW-Authenticate", "Bearer"}, {"Content-Type", "application/json"}}, Status_::Unauthorized);
        return true;
    }
    if (path == u"/v1/models"_s) {
        QJsonArray data;
        data.append(QJsonObject{{u"id"_s, u"utter"_s}, {u"object"_s, u"model"_s}, {u"owned_by"_s, u"utter"_s}});
        data.append(QJsonObject{{u"id"_s, u"whisper-1"_s}, {u"object"_s, u"model"_s}, {u"owned_by"_s, u"utter"_s}});
        reply({{u"object"_s, u"list"_s}, {u"data"_s, data}}, Status_::Ok);
        return true;
    }
    if (path == u"/v1/audio/transcriptions"_s) {
        if (method != QHttpServerRequest::Method::Post) {
            reply(
                errorBody(u"Use POST with multipart/form-data."_s, u"invalid_request_error"_s, u"method_not_allowed"_s),
                Status_::MethodNotAllowed);
            return true;
        }
        transcribe(request, socket);
        return true;
    }
    if (path == u"/v1/stream"_s) {
        reply(errorBody(u"/v1/stream is a WebSocket: connect with ws://HOST:PORT/v1/stream."_s,
                        u"invalid_request_error"_s, u"upgrade_required"_s),
              Status_::UpgradeRequired);
        return true;
    }
    reply(errorBody(u"Unknown path %1; see GET /v1/models, POST /v1/audio/transcriptions, GET /v1/stream."_s.arg(path),
                    u"invalid_request_error"_s, u"not_found"_s),
          Status_::NotFound);
    return true;
}

void HttpFrontDoor::transcribe(const QHttpServerRequest& request, QTcpSocket* socket)
{
    QHttpServerResponder responder = Server::makeResponder(request, socket);
    const auto fail = [&](Status_ status, const QString& message, const QString& code) {
        responder.write(QJsonDocument(errorBody(message, u"invalid_request_error"_s, code)), status);
    };
    if (request.body().size() > m_config.maxUploadBytes) {
        fail(Status_::PayloadTooLarge, u"The upload is larger than %1 MB."_s.arg(m_config.maxUploadBytes >> 20),
             u"payload_too_large"_s);
        return;
    }
    const Result<QList<FormPart>> parts = parseMultipart(headerValue(request, "content-type"), request.body());
    if (!parts.ok()) {
        fail(Status_::BadRequest, parts.error().message, u"invalid_multipart"_s);
        return;
    }
    const FormPart* file = nullptr;
    QJsonObject options;
    for (const FormPart& part : parts.value()) {
        if (part.name == u"file"_s)
            file = &part;
        else if (part.fileName.isEmpty() && part.data.size() < 64 * 1024)
            options.insert(part.name, QString::fromUtf8(part.data));
    }
    if (!file || file->data.isEmpty()) {
        fail(Status_::BadRequest, u"The form has no `file` part with audio (curl -F file=@audio.ogg)."_s,
             u"missing_file"_s);
        return;
    }
    const QString format = options.value(u"response_format"_s).toString(u"json"_s);
    if (!QStringList{u"json"_s, u"text"_s, u"verbose_json"_s}.contains(format)) {
        fail(Status_::BadRequest, u"response_format must be json, text or verbose_json."_s,
             u"unsupported_response_format"_s);
        return;
    }
    if (!m_hooks.dictation) {
        responder.write(QJsonDocument(errorBody(u"Transcription is not built in this version of Utter (the "
                                                "dictation pipeline is missing)."_s,
                                                u"server_error"_s, u"not_built"_s)),
                        Status_::NotImplemented);
        return;
    }
    // The pipeline reads files: keep the upload under the runtime folder with its own extension (format
    // detection and Groq's filename check both look at it).
    auto folder = std::make_shared<QTemporaryDir>(QDir::tempPath() + u"/utter-upload-XXXXXX"_s);
    QString suffix = QFileInfo(file->fileName).suffix().toLower();
    if (suffix.isEmpty() || suffix.size() > 8)
        suffix = u"bin"_s;
    const QString path = folder->filePath(u"upload-%1.%2"_s.arg(++m_uploadCounter).arg(suffix));
    QFile out(path);
    if (!folder->isValid() || !out.open(QIODevice::WriteOnly) || out.write(file->data) != file->data.size()) {
        responder.write(
            QJsonDocument(errorBody(u"Cannot store the upload; is the disk full?"_s, u"server_error"_s, u"io"_s)),
            Status_::InternalServerError);
        return;
    }
    out.close();
    const QPointer<QTcpSocket> target(socket);
    m_hooks.dictation->transcribeFile(path, options, this, [folder, target, format](const Result<QJsonObject>& result) {
        if (!target)
            return; // the client left; the result is in the history anyway
        if (!result.ok()) {
            const Error& error = result.error();
            const int status = error.code == ErrorCode::InvalidArgument || error.code == ErrorCode::UnsupportedFormat
                                   ? 400
                               : error.code == ErrorCode::NoSpeech ? 422
                                                                   : 502;
            const QJsonObject body = errorBody(error.message, u"server_error"_s, errorCodeName(error.code));
            target->write(
                rawResponse(status, "application/json", QJsonDocument(body).toJson(QJsonDocument::Compact), false));
            return;
        }
        const QJsonObject& value = result.value();
        if (format == u"text"_s) {
            target->write(rawResponse(200, "text/plain; charset=utf-8",
                                      value.value(u"text"_s).toString().toUtf8() + '\n', false));
        } else {
            QJsonObject body{{u"text"_s, value.value(u"text"_s)}};
            if (format == u"verbose_json"_s) {
                body = value;
                body.insert(u"task"_s, u"transcribe"_s);
            }
            target->write(
                rawResponse(200, "application/json", QJsonDocument(body).toJson(QJsonDocument::Compact), false));
        }
    });
    // The responder was not used: the reply goes straight to the socket when the pipeline finishes.
}

void HttpFrontDoor::upgrade(QTcpSocket* socket, const QByteArray& head)
{
    // The request line and the two headers that matter: enough to refuse before upgrading; the handshake itself
    // is QWebSocketServer's.
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    const QUrl url(QString::fromLatin1(requestLine.value(1)));
    QByteArray authorization;
    for (const QByteArray& line : lines) {
        if (line.toLower().startsWith("authorization:"))
            authorization = line.mid(14).trimmed();
    }
    if (url.path() != u"/v1/stream"_s) {
        ConnectionFront::refuse(socket, 404, "not_found", u"WebSockets are served at /v1/stream only."_s);
        return;
    }
    const Auth auth = authorize(authorization, QUrlQuery(url).queryItemValue(u"token"_s));
    if (auth == Auth::NotReady) {
        ConnectionFront::refuse(socket, 503, "token_not_ready",
                                u"The API token is still being read from the keychain; try again in a few seconds."_s,
                                "Retry-After: 5\r\n");
        return;
    }
    if (auth != Auth::Ok) {
        ConnectionFront::refuse(socket, 401, auth == Auth::Missing ? "missing_token" : "invalid_token",
                                auth == Auth::Missing
                                    ? u"Send the token as `Authorization: Bearer TOKEN` or ?token=TOKEN."_s
                                    : u"The bearer token is wrong."_s,
                                "WWW-Authenticate: Bearer\r\n");
        return;
    }
    if (int(m_streams.size()) >= m_config.maxStreams) {
        ConnectionFront::refuse(socket, 503, "too_many_streams",
                                u"Too many streams are open (%1); try again later."_s.arg(m_config.maxStreams));
        return;
    }
    m_webSockets->handleConnection(socket);
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
