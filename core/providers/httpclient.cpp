#include "httpclient.h"

#include "common/version.h"
#include "logging/logging.h"
#include "logging/redactor.h"

#include <QIODevice>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSslConfiguration>

#include <cstring>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

QString describeUrl(const QUrl& url)
{
    // Query strings may carry keys (?key=...): log scheme, host, port and path only.
    return redact(url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment));
}

const char* failureName(TransportFailure failure)
{
    switch (failure) {
    case TransportFailure::None:
        return "none";
    case TransportFailure::ConnectFailed:
        return "connect_failed";
    case TransportFailure::Reset:
        return "reset";
    case TransportFailure::Tls:
        return "tls";
    case TransportFailure::ConnectTimeout:
        return "connect_timeout";
    case TransportFailure::ReadTimeout:
        return "read_timeout";
    case TransportFailure::TotalTimeout:
        return "total_timeout";
    case TransportFailure::Cancelled:
        return "cancelled";
    }
    return "?";
}

// QNetworkReply reports 4xx/5xx statuses as errors too; those are complete answers, not transport failures.
bool isHttpStatusError(QNetworkReply::NetworkError error)
{
    const int e = int(error);
    return (e >= QNetworkReply::ContentAccessDenied && e <= QNetworkReply::UnknownContentError) ||
           error == QNetworkReply::ProtocolInvalidOperationError ||
           (e >= QNetworkReply::InternalServerError && e <= QNetworkReply::UnknownServerError);
}

// A request body Qt can read exactly once. QNetworkAccessManager sends an HTTP/1.1 request again on its own when
// the server closes the connection (or resets it while the body is uploading) without answering — up to three
// times, invisible to the caller, so one Utter attempt could be billed several times. Re-sending needs the body
// rewound; this one refuses (reset() is false), so Qt ends the reply with ContentReSendError instead and the retry,
// if any, is Utter's own: logged, counted and paced by the retry policy.
class OneShotBody final : public QIODevice
{
public:
    OneShotBody(QByteArray data, QObject* parent)
        : QIODevice(parent)
        , m_data(std::move(data))
    {
        open(QIODevice::ReadOnly);
    }

    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override { return m_data.size() - m_pos + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char* out, qint64 max) override
    {
        const qint64 n = std::min<qint64>(max, m_data.size() - m_pos);
        if (n <= 0)
            return -1; // the end: Qt's upload device sees it as end of data
        std::memcpy(out, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

} // namespace

ProviderError transportError(const ErrorContext& context, const HttpResult& result)
{
    ProviderError out;
    out.retryable = true;
    const QString where = u"The %1 endpoint %2"_s.arg(capabilityNoun(context.capability), context.endpoint);
    const QString detail = result.failureDetail.isEmpty() ? QString() : u" (%1)"_s.arg(result.failureDetail);
    switch (result.failure) {
    case TransportFailure::None:
        out.error = Error(ErrorCode::ProviderError, u"%1 sent no answer."_s.arg(where));
        break;
    case TransportFailure::ConnectFailed:
        out.error = Error(ErrorCode::Network,
                          u"%1 could not be reached%2; check the network and the URL."_s.arg(where, detail));
        break;
    case TransportFailure::Reset:
        out.error = Error(ErrorCode::Network,
                          u"%1 closed the connection before the answer was complete%2."_s.arg(where, detail));
        break;
    case TransportFailure::Tls:
        out.retryable = false;
        out.error =
            Error(ErrorCode::Network, u"%1 failed the TLS check%2; Utter never skips certificate "
                                      "verification — fix the server's certificate or the URL."_s.arg(where, detail));
        break;
    case TransportFailure::ConnectTimeout:
        out.error = Error(ErrorCode::Timeout, u"%1 did not accept a connection in time."_s.arg(where));
        break;
    case TransportFailure::ReadTimeout:
        out.error = Error(ErrorCode::Timeout, u"%1 went silent in the middle of the answer."_s.arg(where));
        break;
    case TransportFailure::TotalTimeout:
        out.error = Error(ErrorCode::Timeout, u"%1 did not finish answering in time."_s.arg(where));
        break;
    case TransportFailure::Cancelled:
        out.retryable = false;
        out.error =
            Error(ErrorCode::Cancelled, u"The %1 request was cancelled."_s.arg(capabilityNoun(context.capability)));
        break;
    }
    return out;
}

HttpCall::HttpCall(QNetworkReply* reply, HttpRequest request, QString requestId, QObject* parent)
    : QObject(parent)
    , m_reply(reply)
    , m_request(std::move(request))
    , m_requestId(std::move(requestId))
{
    m_result.requestId = m_requestId;
    m_elapsed.start();
    reply->setParent(this);
    for (QTimer* timer : {&m_connectTimer, &m_readTimer, &m_totalTimer})
        timer->setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] { abortWith(TransportFailure::ConnectTimeout); });
    connect(&m_readTimer, &QTimer::timeout, this, [this] { abortWith(TransportFailure::ReadTimeout); });
    connect(&m_totalTimer, &QTimer::timeout, this, [this] { abortWith(TransportFailure::TotalTimeout); });
    m_connectTimer.start(m_request.connectTimeout);
    m_totalTimer.start(m_request.totalTimeout);

    connect(reply, &QNetworkReply::requestSent, this, &HttpCall::connected);
    connect(reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64) {
        if (sent > 0)
            connected();
        activity();
    });
    connect(reply, &QNetworkReply::metaDataChanged, this, [this] {
        connected();
        activity();
    });
    connect(reply, &QNetworkReply::readyRead, this, &HttpCall::readAvailable);
    connect(reply, &QNetworkReply::finished, this, &HttpCall::complete);
}

HttpCall::~HttpCall() = default;

void HttpCall::cancel()
{
    abortWith(TransportFailure::Cancelled);
}

void HttpCall::connected()
{
    if (m_connected)
        return;
    m_connected = true;
    m_connectTimer.stop();
    m_readTimer.start(m_request.readTimeout);
}

void HttpCall::activity()
{
    if (m_connected && !m_done)
        m_readTimer.start(m_request.readTimeout);
}

void HttpCall::readAvailable()
{
    connected();
    activity();
    // An aborted reply is closed: reading it only makes Qt warn ("device not open").
    if (!m_reply || !m_reply->isOpen())
        return;
    if (!m_statusKnown) {
        m_result.status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        m_statusKnown = true;
    }
    const QByteArray chunk = m_reply->readAll();
    m_result.bytesReceived += chunk.size();
    const bool deliver = m_request.stream && m_result.status >= 200 && m_result.status < 300;
    if (deliver)
        emit data(chunk);
    else
        m_result.body += chunk;
}

void HttpCall::abortWith(TransportFailure failure)
{
    if (m_done || !m_reply)
        return;
    if (m_abortReason == TransportFailure::None)
        m_abortReason = failure;
    m_reply->abort(); // emits finished synchronously
}

void HttpCall::complete()
{
    if (m_done || !m_reply)
        return;
    readAvailable();
    m_done = true;
    m_connectTimer.stop();
    m_readTimer.stop();
    m_totalTimer.stop();

    QNetworkReply* reply = m_reply;
    m_result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const auto& pair : reply->rawHeaderPairs())
        m_result.headers.append({pair.first.toLower(), pair.second});
    m_result.elapsed = std::chrono::milliseconds(m_elapsed.elapsed());

    const QNetworkReply::NetworkError error = reply->error();
    if (m_abortReason != TransportFailure::None) {
        m_result.failure = m_abortReason;
    } else if (m_result.status > 0 && isHttpStatusError(error)) {
        // An HTTP error status (4xx/5xx): a complete answer, classified by the caller.
    } else if (error != QNetworkReply::NoError) {
        switch (error) {
        case QNetworkReply::ConnectionRefusedError:
        case QNetworkReply::HostNotFoundError:
        case QNetworkReply::UnknownProxyError:
        case QNetworkReply::ProxyConnectionRefusedError:
        case QNetworkReply::ProxyNotFoundError:
        case QNetworkReply::NetworkSessionFailedError:
            m_result.failure = TransportFailure::ConnectFailed;
            break;
        case QNetworkReply::ContentReSendError:
            // The server closed the connection without an answer and Qt wanted to send the body again on its own
            // (OneShotBody refused): one attempt that got no answer.
            m_result.failure = TransportFailure::Reset;
            break;
        case QNetworkReply::SslHandshakeFailedError:
            m_result.failure = TransportFailure::Tls;
            break;
        case QNetworkReply::TimeoutError:
        case QNetworkReply::ProxyTimeoutError:
            m_result.failure = m_connected ? TransportFailure::ReadTimeout : TransportFailure::ConnectTimeout;
            break;
        default:
            m_result.failure = m_statusKnown || m_connected ? TransportFailure::Reset : TransportFailure::ConnectFailed;
            break;
        }
        m_result.failureDetail = error == QNetworkReply::ContentReSendError
                                     ? u"the server closed the connection without answering"_s
                                     : redact(reply->errorString());
    }
    if (m_result.failure == TransportFailure::None && m_result.status == 0) {
        m_result.failure = TransportFailure::Reset;
        m_result.failureDetail = redact(reply->errorString());
    }

    const QString label = m_request.label.isEmpty() ? QString() : m_request.label + u' ';
    if (m_result.failure == TransportFailure::None) {
        qCInfo(lcHttp).noquote() << u"%1req=%2 %3 %4 status=%5 ms=%6 bytes=%7"_s.arg(
            label, m_requestId, QString::fromLatin1(m_request.method), describeUrl(m_request.url),
            QString::number(m_result.status), QString::number(m_result.elapsed.count()),
            QString::number(m_result.bytesReceived));
    } else {
        qCInfo(lcHttp).noquote() << u"%1req=%2 %3 %4 failed=%5 status=%6 ms=%7 %8"_s.arg(
            label, m_requestId, QString::fromLatin1(m_request.method), describeUrl(m_request.url),
            QString::fromLatin1(failureName(m_result.failure)), QString::number(m_result.status),
            QString::number(m_result.elapsed.count()), m_result.failureDetail);
    }
    reply->deleteLater();
    m_reply.clear();
    emit finished(m_result);
    deleteLater();
}

HttpClient::HttpClient(QObject* parent)
    : QObject(parent)
    , m_manager(new QNetworkAccessManager(this))
{
    QNetworkProxyFactory::setUseSystemConfiguration(true);
    m_manager->setAutoDeleteReplies(false);
    m_manager->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

HttpClient::~HttpClient() = default;

QByteArray HttpClient::userAgent()
{
    return "Utter/" + utterVersion().toLatin1();
}

HttpCall* HttpClient::send(HttpRequest request)
{
    const QString requestId = u"u%1-%2"_s.arg(QString::number(++m_counter),
                                              QString::number(QRandomGenerator::global()->generate() & 0xffffff, 16));
    QNetworkRequest qrequest(request.url);
    qrequest.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    qrequest.setRawHeader("X-Request-Id", requestId.toLatin1());
    qrequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer); // never relaxed, not even for self-signed local servers
    qrequest.setSslConfiguration(ssl);
    if (!request.contentType.isEmpty())
        qrequest.setHeader(QNetworkRequest::ContentTypeHeader, request.contentType);
    for (const auto& [name, value] : std::as_const(request.headers))
        qrequest.setRawHeader(name, value);
    if (!request.bearerToken.isEmpty()) {
        processRedactor().addSecret(request.bearerToken);
        qrequest.setRawHeader("Authorization", "Bearer " + request.bearerToken.toUtf8());
    }
    if (request.stream)
        qrequest.setRawHeader("Accept", "text/event-stream");

    qCDebug(lcHttp).noquote() << u"%1 req=%2 %3 %4 bytes=%5"_s.arg(
        request.label, requestId, QString::fromLatin1(request.method), describeUrl(request.url),
        QString::number(request.body.size()));
    QNetworkReply* reply = nullptr;
    if (request.method == "GET" && request.body.isEmpty()) {
        reply = m_manager->get(qrequest);
    } else {
        // Streamed from a body that cannot be rewound (never buffered twice, never re-sent by Qt): see OneShotBody.
        qrequest.setHeader(QNetworkRequest::ContentLengthHeader, request.body.size());
        qrequest.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        auto* body = new OneShotBody(request.body, nullptr);
        reply = m_manager->sendCustomRequest(qrequest, request.method, body);
        body->setParent(reply);
    }
    return new HttpCall(reply, std::move(request), requestId, this);
}

} // namespace utter
