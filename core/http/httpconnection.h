#pragma once

#include "common/error.h"
#include "requesthead.h"

#include <QByteArray>
#include <QFile>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace utter
{

// One answer. Error bodies use OpenAI's envelope (errorResponse).
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // extra header fields
    bool close = false;                           // close the connection after this answer

    static HttpResponse json(int status, const QJsonObject& body);
    // {"error":{"message","type","code"}}; type is invalid_request_error for 4xx, server_error for 5xx.
    static HttpResponse error(int status, const QString& message, const QString& code);
    // A pipeline or provider error of a request: what the client can fix is 4xx (a broken file 400, no speech
    // 422, a rate limit 429 with Retry-After), the rest 5xx.
    static HttpResponse fromError(const Error& error, const QString& message);
};

// A request whose body has been read whole: in memory, or (uploads) in bodyFile.
struct ClientRequest
{
    RequestHead head;
    QByteArray body;
    QString bodyFile;
};

struct HttpConnectionLimits
{
    int headTimeoutMs = 10000;     // a request head must be complete this long after the previous answer
    int bodyIdleTimeoutMs = 15000; // longest silence while a body is arriving
    qsizetype maxHeadBytes = 16 * 1024;
    qint64 readBufferBytes = 256 * 1024; // what Qt buffers from the kernel; more waits in TCP (backpressure)
};

// One HTTP/1.x connection of the front door. It reads a request head, asks the handler what to do with it
// before a byte of the body is read (refuse it, read the body into memory, stream it to a file, or hand the
// socket to the WebSocket server), reads the body with an inactivity timeout, hands the request over and writes
// the handler's answer; then the next request, or close (HTTP/1.0 without keep-alive, "Connection: close",
// refusals). Memory per connection stays bounded: Qt's read buffer is capped and uploads go to disk.
class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    struct Decision
    {
        enum class Kind
        {
            Refuse,     // answer `refusal` and close; the body is never read
            ReadBody,   // read the body into memory (the handler checked its size)
            StreamBody, // write the body to bodyFile as it arrives
            Upgrade,    // the handler takes the socket (takeSocket), head bytes still unread
        };
        Kind kind = Kind::Refuse;
        HttpResponse refusal;
        QString bodyFile;
    };

    class Handler
    {
    public:
        virtual ~Handler() = default;
        virtual Decision onHead(HttpConnection* connection, const RequestHead& head) = 0;
        // The request is complete; the handler answers with respond(), now or later.
        virtual void onRequest(HttpConnection* connection, ClientRequest request) = 0;
        virtual void onUpgrade(HttpConnection* connection, QTcpSocket* socket, const RequestHead& head) = 0;
        virtual void onFinished(HttpConnection* connection) = 0; // about to be deleted
    };

    enum class State
    {
        ReadingHead,
        ReadingBody,
        Handling, // the request is with the handler
        Closing,
    };

    HttpConnection(quint64 id, QTcpSocket* socket, const HttpConnectionLimits& limits, Handler* handler,
                   QObject* parent);
    ~HttpConnection() override;

    quint64 id() const { return m_id; }
    State state() const { return m_state; }
    bool isStreamingBody() const { return m_state == State::ReadingBody && m_file.isOpen(); }
    const RequestHead& currentHead() const { return m_head; }
    QString peer() const;

    // The answer to the request being handled; ignored when there is none or the client left.
    void respond(const HttpResponse& response);
    // Closes an idle keep-alive connection now (shutdown); a connection mid-request is left alone.
    void closeIfIdle();

private:
    void readHead();
    void readBody();
    void process();
    void refuse(const HttpResponse& response, bool bodyMayFollow);
    void write(const HttpResponse& response, bool headOnly);
    void timedOut();
    void startClosing(bool drainInput);
    void finish();

    quint64 m_id;
    QTcpSocket* m_socket;
    HttpConnectionLimits m_limits;
    Handler* m_handler;
    State m_state = State::ReadingHead;
    RequestHead m_head;
    QByteArray m_body;
    QFile m_file;
    qint64 m_remaining = 0;
    bool m_closeAfterAnswer = false;
    bool m_peerGone = false;
    bool m_finished = false;
    QTimer m_timer;
};

} // namespace utter
