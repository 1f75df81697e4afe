#pragma once

#include "common/result.h"
#include "httpendpoint.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>

class QHttpServerRequest;
class QTcpSocket;
class QWebSocketServer;

namespace utter
{

class DictationControl;
class HttpStream;

struct HttpConfig
{
    HttpEndpoint endpoint;
    QString token; // bearer token every request but the bare /health needs; empty: not known yet (503)
    qint64 maxUploadBytes = 64LL * 1024 * 1024; // a larger request gets 413 before it is buffered whole
    int maxStreams = 32;                        // concurrent /v1/stream WebSockets
};

struct HttpHooks
{
    std::function<QJsonObject()> health;
    std::function<QJsonObject()> status;
    DictationControl* dictation = nullptr; // nullptr: transcription and streaming answer "not built"
};

// The daemon's HTTP front door (DESIGN §5), on Qt HTTP Server + Qt WebSockets: GET /health, GET /v1/models,
// POST /v1/audio/transcriptions (OpenAI-compatible multipart plus `style`), GET /v1/stream (WebSocket). Off
// unless asked for; loopback unless explicitly allowed; a bearer token always (only a bare {"status":"ok"}
// liveness answer is given without one).
class HttpFrontDoor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpFrontDoor)

public:
    static constexpr const char* kTokenSecretName = "http-token";

    HttpFrontDoor(HttpConfig config, HttpHooks hooks, QObject* parent = nullptr);
    ~HttpFrontDoor() override;

    // The token, once the secret store has it (HttpToken); until then requests get 503 with Retry-After.
    void setToken(const QString& token) { m_config.token = token; }

    // A port already in use is reported with the process that holds it when the OS can tell.
    Status listen();
    void stopListening();
    // Closes every WebSocket (1001 going away) and idle connection.
    void closeAll(const QString& reason);

    QString address() const; // "127.0.0.1:8765" (the real port when 0 was asked)
    int streamCount() const { return int(m_streams.size()); }

    // Called by the server object.
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket);
    void acceptWebSockets();

private:
    enum class Auth
    {
        Ok,
        Missing,
        Wrong,
        NotReady, // the token is still being read from the keychain
    };
    Auth authorize(const QByteArray& authorization, const QString& queryToken) const;
    void transcribe(const QHttpServerRequest& request, QTcpSocket* socket);
    void upgrade(QTcpSocket* socket, const QByteArray& head);

    HttpConfig m_config;
    HttpHooks m_hooks;
    class Server;
    Server* m_server = nullptr;
    QWebSocketServer* m_webSockets = nullptr;
    quint16 m_port = 0;
    QHash<quint64, HttpStream*> m_streams;
    quint64 m_nextStreamId = 1;
    int m_uploadCounter = 0;
};

} // namespace utter
