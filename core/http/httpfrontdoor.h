#pragma once

#include "common/result.h"
#include "httpconnection.h"
#include "httpendpoint.h"
#include "providers/providerconfig.h"
#include "speechroute.h"
#include "transcriptionroute.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>

class QTcpServer;
class QTcpSocket;
class QTemporaryDir;
class QWebSocketServer;

namespace utter
{

class DictationControl;
class HttpStream;

struct HttpConfig
{
    HttpEndpoint endpoint;
    QString token; // bearer token every request but the bare /health needs; empty: not known yet (503)
    qint64 maxUploadBytes = 64LL * 1024 * 1024; // a larger upload gets 413 from its Content-Length, unread
    qint64 maxRequestBytes = 1024 * 1024;       // bodies of the other requests (JSON)
    int maxStreams = 32;                        // concurrent /v1/stream WebSockets
    int maxConnections = 256;                   // open HTTP + WebSocket connections; more get 503 and are closed
    int maxUploads = 4;                         // uploads arriving or being transcribed; more get 503 + Retry-After
    HttpConnectionLimits connection;
    QString stylesDir; // `style` is checked against these before an upload is transcribed
    QString uploadDir; // where uploads wait while they are transcribed (default: the temp folder)
};

struct HttpHooks
{
    std::function<QJsonObject()> health;
    std::function<QJsonObject()> status;
    DictationControl* dictation = nullptr;      // nullptr: transcription and streaming answer "not built"
    std::function<SpeechConfig()> speechConfig; // empty: /v1/audio/speech answers "not built"
};

// The daemon's HTTP front door (DESIGN §5): GET|HEAD /health, GET /v1/models, POST /v1/audio/transcriptions
// (OpenAI-compatible multipart plus `style`), POST /v1/audio/speech (OpenAI's JSON shape, through the read-back
// client), GET /v1/stream (WebSocket). Off unless asked for; loopback unless explicitly allowed; a bearer token
// always (only a bare {"status":"ok"} liveness answer is given without one).
//
// Connections are Utter's own (HttpConnection on a QTcpServer): Qt 6.4's QAbstractHttpServer reads and buffers
// a whole body (twice) before any code can look at the head, and has no timeouts; here the token, size, method
// and load are judged on the head, bodies of uploads go to disk as they arrive, and every connection has head
// and body inactivity timeouts and counts against a connection cap.
class HttpFrontDoor final : public QObject, private HttpConnection::Handler
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpFrontDoor)

public:
    static constexpr const char* kTokenSecretName = "http-token";
    static constexpr int kRetryAfterSeconds = 2;
    static constexpr long kFdHeadroom = 64; // descriptors HTTP leaves free for everything else

    HttpFrontDoor(HttpConfig config, HttpHooks hooks, QObject* parent = nullptr);
    ~HttpFrontDoor() override;

    // The token, once the secret store has it (HttpToken); until then requests get 503 with Retry-After.
    void setToken(const QString& token) { m_config.token = token; }

    // A port already in use is reported with the process that holds it when the OS can tell.
    Status listen();
    void stopListening();
    // Shutdown, step 1: new requests get 503 + Retry-After, idle connections are closed, requests in flight go
    // on; drained() once none is left.
    void beginDrain();
    // Shutdown deadline: requests still in flight get 503 service_stopping (the client still has its audio and
    // can retry) and their provider calls are cancelled.
    void abortInFlight();
    // Closes every WebSocket (1001 going away) and connection.
    void closeAll(const QString& reason);

    QString address() const; // "127.0.0.1:8765" (the real port when 0 was asked)
    int streamCount() const { return int(m_streams.size()); }
    int connectionCount() const { return int(m_connections.size()); }
    int inFlight() const; // requests whose body is arriving or that are being answered
    const HttpConfig& config() const { return m_config; }

    void acceptWebSockets();

signals:
    void drained();

private:
    class Listener;
    friend class Listener;
    enum class Auth
    {
        Ok,
        Missing,
        Wrong,
        NotReady, // the token is still being read from the keychain
    };
    Auth authorize(const QByteArray& authorization, const QString& queryToken) const;
    void accept(qintptr descriptor);

    HttpConnection::Decision onHead(HttpConnection* connection, const RequestHead& head) override;
    void onRequest(HttpConnection* connection, ClientRequest request) override;
    void onUpgrade(HttpConnection* connection, QTcpSocket* socket, const RequestHead& head) override;
    void onFinished(HttpConnection* connection) override;

    // A request being answered: deleting context (the client left, the shutdown deadline) cancels its provider
    // calls; reply answers the connection if it is still open. keepAlive lives until the reply.
    struct Job
    {
        QObject* context;
        std::function<void(const HttpResponse&)> reply;
    };
    Job startJob(HttpConnection* connection, std::shared_ptr<void> keepAlive = {});
    void transcribe(HttpConnection* connection, const ClientRequest& request);
    void speak(HttpConnection* connection, const ClientRequest& request);
    void answer(HttpConnection* connection, const HttpResponse& response);
    void checkDrained();

    HttpConfig m_config;
    HttpHooks m_hooks;
    Listener* m_listener = nullptr;
    QWebSocketServer* m_webSockets = nullptr;
    quint16 m_port = 0;
    QHash<quint64, HttpConnection*> m_connections;
    quint64 m_nextConnectionId = 1;
    QHash<quint64, HttpStream*> m_streams;
    quint64 m_nextStreamId = 1;
    QSet<quint64> m_uploads;                                     // connections with an upload in progress
    QHash<quint64, std::shared_ptr<QTemporaryDir>> m_uploadDirs; // per connection, while its upload lasts
    QHash<quint64, QPointer<QObject>> m_jobs;                    // per connection: the running transcription/read-back
    bool m_draining = false;
    bool m_drainedSent = false;
    int m_refusedSinceLog = 0;
    bool m_outOfDescriptors = false;
    TranscriptionRoute m_transcriptions;
    SpeechRoute m_speech;
};

} // namespace utter
