#include "httpconnection.h"

#include "logging/logging.h"

#include <QJsonDocument>
#include <QTcpSocket>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
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
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 422:
        return "Unprocessable Content";
    case 426:
        return "Upgrade Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return status < 500 ? "Bad Request" : "Internal Server Error";
    }
}

} // namespace

HttpResponse HttpResponse::json(int status, const QJsonObject& body)
{
    HttpResponse response;
    response.status = status;
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse HttpResponse::error(int status, const QString& message, const QString& code)
{
    const QString type = status < 500 ? u"invalid_request_error"_s : u"server_error"_s;
    return json(
        status,
        {{u"error"_s,
          QJsonObject{{u"message"_s, message}, {u"type"_s, type}, {u"param"_s, QJsonValue::Null}, {u"code"_s, code}}}});
}

namespace
{

int statusFor(const Error& error)
{
    switch (error.code) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::UnsupportedFormat:
    case ErrorCode::Corrupt:
        return 400;
    case ErrorCode::NoSpeech:
        return 422;
    case ErrorCode::RateLimited:
    case ErrorCode::SlotLoading:
        return 429;
    case ErrorCode::Cancelled:
        return 503;
    case ErrorCode::Io:
        return 500;
    default:
        return 502;
    }
}

} // namespace

HttpResponse HttpResponse::fromError(const Error& error, const QString& message)
{
    HttpResponse response = HttpResponse::error(statusFor(error), message, errorCodeName(error.code));
    if (error.retryAfter)
        response.headers.append(
            {"Retry-After", QByteArray::number(std::max<qint64>(1, (error.retryAfter->count() + 999) / 1000))});
    return response;
}

HttpConnection::HttpConnection(quint64 id, QTcpSocket* socket, const HttpConnectionLimits& limits, Handler* handler,
                               QObject* parent)
    : QObject(parent)
    , m_id(id)
    , m_socket(socket)
    , m_limits(limits)
    , m_handler(handler)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(m_limits.readBufferBytes);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::timedOut);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::process);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        m_peerGone = true;
        m_timer.stop();
        if (m_file.isOpen()) {
            m_file.close();
            m_file.remove(); // a partial upload is of no use
        }
        // A request with the handler stays until it is answered (a transcription still reaches history and
        // counts as in flight); anything else is done.
        if (m_state != State::Handling)
            finish();
    });
    m_timer.start(m_limits.headTimeoutMs);
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::process, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection()
{
    if (m_file.isOpen()) {
        m_file.close();
        m_file.remove();
    }
}

QString HttpConnection::peer() const
{
    return m_socket->peerAddress().toString() + u':' + QString::number(m_socket->peerPort());
}

void HttpConnection::process()
{
    if (m_state == State::ReadingHead)
        readHead();
    if (m_finished)
        return; // upgraded: the socket (and its unread bytes) belong to the WebSocket server now
    if (m_state == State::ReadingBody)
        readBody();
    if (m_state == State::Closing && m_socket->bytesAvailable() > 0)
        m_socket->skip(m_socket->bytesAvailable()); // draining what a refused client still sends
}

void HttpConnection::readHead()
{
    if (m_peerGone)
        return;
    const QByteArray peeked = m_socket->peek(m_limits.maxHeadBytes + 4);
    qsizetype end = peeked.indexOf("\r\n\r\n");
    qsizetype terminator = 4;
    if (end < 0) {
        end = peeked.indexOf("\n\n");
        terminator = 2;
    }
    if (end < 0) {
        if (peeked.size() > m_limits.maxHeadBytes)
            refuse(HttpResponse::error(
                       431, u"The request headers are larger than %1 KiB."_s.arg(m_limits.maxHeadBytes / 1024),
                       u"request_header_too_large"_s),
                   true);
        return; // wait for the rest (the head timer runs)
    }
    if (end > m_limits.maxHeadBytes) {
        refuse(HttpResponse::error(431,
                                   u"The request headers are larger than %1 KiB."_s.arg(m_limits.maxHeadBytes / 1024),
                                   u"request_header_too_large"_s),
               true);
        return;
    }
    Result<RequestHead> parsed = parseRequestHead(QByteArrayView(peeked).first(end));
    if (!parsed.ok()) {
        const bool version = parsed.error().code == ErrorCode::Unsupported;
        refuse(HttpResponse::error(version ? 505 : 400, parsed.error().message,
                                   version ? u"unsupported_http_version"_s : u"invalid_request"_s),
               false); // no length can be trusted after a malformed head: answer and close at once
        return;
    }
    m_head = std::move(parsed.value());
    m_closeAfterAnswer = !m_head.keepAlive();
    if (m_head.chunked) {
        refuse(HttpResponse::error(411,
                                   u"Send the body with a Content-Length (chunked request bodies are not "
                                   "accepted)."_s,
                                   u"length_required"_s),
               true);
        return;
    }
    Decision decision = m_handler->onHead(this, m_head);
    if (decision.kind == Decision::Kind::Upgrade) {
        m_timer.stop();
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->setReadBufferSize(0);
        QTcpSocket* socket = m_socket;
        m_state = State::Closing;
        m_finished = true;
        m_handler->onUpgrade(this, socket, m_head); // reparents the socket
        m_handler->onFinished(this);
        deleteLater();
        return;
    }
    m_socket->skip(end + terminator);
    if (decision.kind == Decision::Kind::Refuse) {
        if (!decision.refusal.close && m_head.contentLength == 0) {
            // Nothing to skip (a 404 or 405): answered like any request, and the connection stays open.
            m_state = State::Handling;
            respond(decision.refusal);
            return;
        }
        // A client that waits for 100-continue never sends the body; others may be sending it right now.
        refuse(decision.refusal, m_head.contentLength > 0 && !m_head.expectsContinue());
        return;
    }
    m_body.clear();
    m_remaining = m_head.contentLength;
    if (decision.kind == Decision::Kind::StreamBody) {
        m_file.setFileName(decision.bodyFile);
        if (!m_file.open(QIODevice::WriteOnly)) {
            qCWarning(lcHttp).noquote() << "cannot store an upload:" << m_file.errorString();
            refuse(HttpResponse::error(500, u"The upload cannot be stored; is the disk full?"_s, u"io"_s),
                   m_head.contentLength > 0 && !m_head.expectsContinue());
            return;
        }
    }
    if (m_head.expectsContinue() && m_remaining > 0)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    m_state = State::ReadingBody;
    m_timer.start(m_limits.bodyIdleTimeoutMs);
}

void HttpConnection::readBody()
{
    bool progressed = false;
    while (m_remaining > 0 && m_socket->bytesAvailable() > 0) {
        const QByteArray piece = m_socket->read(std::min<qint64>(m_remaining, 64 * 1024));
        if (piece.isEmpty())
            break;
        progressed = true;
        m_remaining -= piece.size();
        if (!m_file.isOpen()) {
            m_body += piece;
        } else if (m_file.write(piece) != piece.size()) {
            qCWarning(lcHttp).noquote() << "cannot store an upload:" << m_file.errorString();
            m_file.close();
            m_file.remove();
            refuse(HttpResponse::error(500, u"The upload cannot be stored; is the disk full?"_s, u"io"_s), true);
            return;
        }
    }
    if (m_remaining > 0) {
        if (progressed)
            m_timer.start(m_limits.bodyIdleTimeoutMs);
        return;
    }
    m_timer.stop();
    ClientRequest request;
    request.head = m_head;
    request.body = std::exchange(m_body, {});
    if (m_file.isOpen()) {
        m_file.close();
        request.bodyFile = m_file.fileName();
    }
    m_state = State::Handling;
    m_handler->onRequest(this, std::move(request));
}

void HttpConnection::respond(const HttpResponse& response)
{
    if (m_state != State::Handling || m_finished)
        return;
    if (m_peerGone) {
        finish();
        return;
    }
    const bool close = response.close || m_closeAfterAnswer;
    HttpResponse answer = response;
    answer.close = close;
    write(answer, m_head.method == "HEAD");
    if (close) {
        startClosing(false);
        return;
    }
    m_state = State::ReadingHead;
    m_head = {};
    m_timer.start(m_limits.headTimeoutMs);
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::process, Qt::QueuedConnection);
}

void HttpConnection::closeIfIdle()
{
    if (m_state == State::ReadingHead && m_socket->bytesAvailable() == 0)
        startClosing(false);
}

void HttpConnection::write(const HttpResponse& response, bool headOnly)
{
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    if (!response.contentType.isEmpty())
        bytes += "Content-Type: " + response.contentType + "\r\n";
    bytes += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto& [name, value] : response.headers)
        bytes += name + ": " + value + "\r\n";
    if (response.close)
        bytes += "Connection: close\r\n";
    else if (m_head.minorVersion == 0)
        bytes += "Connection: keep-alive\r\n";
    bytes += "\r\n";
    if (!headOnly)
        bytes += response.body;
    m_socket->write(bytes);
}

void HttpConnection::refuse(const HttpResponse& response, bool bodyMayFollow)
{
    const QString message =
        QJsonDocument::fromJson(response.body).object().value(u"error"_s).toObject().value(u"message"_s).toString();
    qCInfo(lcHttp).noquote() << "answering" << response.status << "to" << peer() << m_head.method << m_head.path
                             << "and closing:" << message;
    HttpResponse answer = response;
    answer.close = true;
    write(answer, m_head.method == "HEAD");
    startClosing(bodyMayFollow);
}

void HttpConnection::startClosing(bool drainInput)
{
    m_state = State::Closing;
    if (m_file.isOpen()) {
        m_file.close();
        m_file.remove();
    }
    if (drainInput) {
        // Read and drop what the client is still sending for a while, so it gets to read the answer instead of
        // a reset; then close.
        m_socket->skip(m_socket->bytesAvailable());
        m_timer.start(5000);
        return;
    }
    m_timer.start(30000);           // a client that never reads its answer does not hold the connection for ever
    m_socket->disconnectFromHost(); // after the answer is written
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        finish();
}

void HttpConnection::timedOut()
{
    switch (m_state) {
    case State::ReadingHead:
        if (m_socket->bytesAvailable() == 0) {
            startClosing(false); // an idle keep-alive connection
        } else {
            refuse(HttpResponse::error(
                       408, u"The request head did not arrive within %1 s."_s.arg(m_limits.headTimeoutMs / 1000),
                       u"request_timeout"_s),
                   false);
        }
        return;
    case State::ReadingBody:
        refuse(HttpResponse::error(408,
                                   u"The request body stalled: nothing arrived for %1 s (%2 bytes missing)."_s
                                       .arg(m_limits.bodyIdleTimeoutMs / 1000)
                                       .arg(m_remaining),
                                   u"request_timeout"_s),
               false);
        return;
    case State::Handling:
        return;
    case State::Closing:
        m_socket->abort();
        finish();
        return;
    }
}

void HttpConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_state = State::Closing;
    m_timer.stop();
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
    m_handler->onFinished(this);
    deleteLater();
}

} // namespace utter
