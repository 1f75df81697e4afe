#pragma once

#include "providererror.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace utter
{

// One HTTP request as a value: what to send and how long to wait.
struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    HttpHeaders headers;
    QByteArray contentType;
    QByteArray body;
    QString bearerToken; // sent as "Authorization: Bearer ...", registered with the redactor, never logged
    std::chrono::milliseconds connectTimeout{10000}; // until the connection carries the request
    std::chrono::milliseconds readTimeout{60000};    // longest silence once connected (keep-alives reset it)
    std::chrono::milliseconds totalTimeout{120000};  // hard deadline for the whole exchange
    bool stream = false; // deliver a 2xx body through HttpCall::data() as it arrives instead of buffering it
    QString label;       // what this is, for logs ("transcribe groq")
};

enum class TransportFailure
{
    None,
    ConnectFailed, // refused, unreachable, DNS
    Reset,         // closed or reset before the answer was complete
    Tls,           // certificate or handshake failure (never ignored)
    ConnectTimeout,
    ReadTimeout,
    TotalTimeout,
    Cancelled,
};

struct HttpResult
{
    int status = 0; // 0 when no HTTP status line arrived
    HttpHeaders headers;
    QByteArray body; // the whole body; in stream mode only for non-2xx answers
    QString requestId;
    std::chrono::milliseconds elapsed{0};
    qint64 bytesReceived = 0;
    TransportFailure failure = TransportFailure::None;
    QString failureDetail; // Qt's error string, redacted

    bool complete() const { return failure == TransportFailure::None && status > 0; }
    bool success() const { return complete() && status >= 200 && status < 300; }
    QByteArray header(const QByteArray& name) const { return headerValue(headers, name); }
};

// A transport failure as a provider error (Network / Timeout / Cancelled), retryable unless TLS or cancelled.
ProviderError transportError(const ErrorContext& context, const HttpResult& result);

// One request in flight. Emits data() for streamed bodies and finished() exactly once, then deletes itself.
class HttpCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpCall)

public:
    HttpCall(QNetworkReply* reply, HttpRequest request, QString requestId, QObject* parent);
    ~HttpCall() override;

    QString requestId() const { return m_requestId; }
    // Aborts the request; finished() follows with TransportFailure::Cancelled.
    void cancel();

signals:
    void data(const QByteArray& chunk);
    void finished(const utter::HttpResult& result);

private:
    void connected();
    void activity();
    void readAvailable();
    void abortWith(TransportFailure failure);
    void complete();

    QPointer<QNetworkReply> m_reply;
    HttpRequest m_request;
    QString m_requestId;
    HttpResult m_result;
    QElapsedTimer m_elapsed;
    QTimer m_connectTimer;
    QTimer m_readTimer;
    QTimer m_totalTimer;
    bool m_connected = false;
    bool m_statusKnown = false;
    bool m_done = false;
    TransportFailure m_abortReason = TransportFailure::None;
};

// The one HTTP layer of Utter (QNetworkAccessManager): system proxy, TLS verification always on, user agent
// "Utter/<version>", a request id per call in every log line, secrets redacted, connect/read/total timeouts
// and cancellation.
class HttpClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpClient)

public:
    explicit HttpClient(QObject* parent = nullptr);
    ~HttpClient() override;

    // Starts the request. Connect to the call's signals with a context object; the call deletes itself after
    // finished().
    HttpCall* send(HttpRequest request);

    static QByteArray userAgent();

private:
    QNetworkAccessManager* m_manager;
    quint64 m_counter = 0;
};

} // namespace utter
