// WebSocket messages on the daemon's /v1/stream (core/http/httpstream): JSON control messages ({"type":"start"},
// ping with an id, ...) and binary audio frames, through a real HttpFrontDoor on loopback and a real WebSocket.
// The first input byte chooses the frame type (odd: binary); the rest is the message, followed by a ping that
// must be answered; without a dictation pipeline attached, start/stop/cancel answer "not built".
#include "fuzzsupport.h"
#include "http/httpfrontdoor.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <cstdlib>
#include <memory>

namespace
{

std::unique_ptr<utter::HttpFrontDoor> g_door;
std::unique_ptr<QWebSocket> g_socket;
quint16 g_port = 0;

// Waits until signal fires on sender, for at most ms (returns whether it fired).
template<typename Sender, typename Signal>
bool waitFor(Sender* sender, Signal signal, int ms)
{
    QEventLoop loop;
    bool fired = false;
    QObject::connect(sender, signal, &loop, [&] {
        fired = true;
        loop.quit();
    });
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
    return fired;
}

QWebSocket* socket()
{
    if (g_socket && g_socket->state() == QAbstractSocket::ConnectedState)
        return g_socket.get();
    g_socket = std::make_unique<QWebSocket>();
    QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/v1/stream").arg(g_port)));
    request.setRawHeader("Authorization", "Bearer fuzz-token");
    g_socket->open(request);
    if (!waitFor(g_socket.get(), &QWebSocket::connected, 5000))
        utter::fuzz::fail("the stream does not accept a WebSocket");
    return g_socket.get();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    utter::fuzz::ensureApplication();
    utter::HttpConfig config;
    config.endpoint = utter::HttpEndpoint::parse(QStringLiteral("127.0.0.1:0")).value();
    config.token = QStringLiteral("fuzz-token");
    utter::HttpHooks hooks;
    hooks.health = [] { return QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}}; };
    hooks.status = [] { return QJsonObject{{QStringLiteral("state"), QStringLiteral("idle")}}; };
    g_door = std::make_unique<utter::HttpFrontDoor>(config, hooks);
    if (const utter::Status listening = g_door->listen(); !listening.ok())
        utter::fuzz::fail("the front door does not listen", listening.error().message.toUtf8());
    g_port = quint16(g_door->address().section(QLatin1Char(':'), -1).toUInt());
    // Registered after the application object exists, so this runs before it is destroyed at exit.
    std::atexit([] {
        g_socket.reset();
        g_door.reset();
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    QWebSocket* ws = socket();
    const QByteArray message = utter::fuzz::bytes(data + 1, size - 1);
    if (data[0] & 1)
        ws->sendBinaryMessage(QByteArray(message.constData(), message.size()));
    else
        ws->sendTextMessage(QString::fromUtf8(message));
    // Whatever the message was, the stream still answers a ping (or has closed the connection, which the next
    // input opens again). Not every message has an answer of its own: frame errors are sent once per stream.
    static int pingId = 0;
    const int id = ++pingId;
    ws->sendTextMessage(QStringLiteral("{\"type\":\"ping\",\"id\":%1}").arg(id));
    QEventLoop loop;
    bool answered = false;
    QObject::connect(ws, &QWebSocket::textMessageReceived, &loop, [&](const QString& text) {
        const QJsonObject event = QJsonDocument::fromJson(text.toUtf8()).object();
        if (event.value(QStringLiteral("type")).toString() == QStringLiteral("pong") &&
            event.value(QStringLiteral("id")).toInt() == id) {
            answered = true;
            loop.quit();
        }
    });
    QObject::connect(ws, &QWebSocket::disconnected, &loop, &QEventLoop::quit);
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    loop.exec();
    if (!answered && ws->state() == QAbstractSocket::ConnectedState)
        utter::fuzz::fail("the stream stopped answering pings after a message", message);
    return 0;
}
