// Raw bytes from a TCP client to the daemon's HTTP front door (core/http): Utter's request-head parser
// (requesthead.cpp) and connection state machine (httpconnection.cpp: limits, Expect, upgrade, keep-alive), routing,
// the token check and the multipart body of POST /v1/audio/transcriptions (transcriptionroute.cpp). A real
// HttpFrontDoor listens on loopback; each input is one connection.
// No dictation pipeline is attached: uploads are parsed and then answered "not built", nothing is transcribed.
#include "fuzzsupport.h"
#include "http/httpfrontdoor.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTcpSocket>
#include <QTimer>

#include <cstdlib>
#include <memory>

namespace
{

std::unique_ptr<utter::HttpFrontDoor> g_door;
quint16 g_port = 0;

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    utter::fuzz::ensureApplication();
    utter::HttpConfig config;
    config.endpoint = utter::HttpEndpoint::parse(QStringLiteral("127.0.0.1:0")).value();
    config.token = QStringLiteral("fuzz-token");
    config.maxUploadBytes = 256 * 1024;
    utter::HttpHooks hooks;
    hooks.health = [] { return QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}}; };
    hooks.status = [] { return QJsonObject{{QStringLiteral("state"), QStringLiteral("idle")}}; };
    g_door = std::make_unique<utter::HttpFrontDoor>(config, hooks);
    if (const utter::Status listening = g_door->listen(); !listening.ok())
        utter::fuzz::fail("the front door does not listen", listening.error().message.toUtf8());
    g_port = quint16(g_door->address().section(QLatin1Char(':'), -1).toUInt());
    // Registered after the application object exists, so this runs before it is destroyed at exit.
    std::atexit([] { g_door.reset(); });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    QTcpSocket client;
    QEventLoop loop;
    // The exchange is over when the server closes the connection, or when it has been quiet for 30 ms after the
    // input was sent (a request still waiting for more bytes, a keep-alive connection after its answer).
    QTimer quiet;
    quiet.setSingleShot(true);
    quiet.setInterval(30);
    QObject::connect(&quiet, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&client, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&client, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
    QObject::connect(&client, &QTcpSocket::readyRead, &loop, [&] {
        client.readAll();
        quiet.start();
    });
    QObject::connect(&client, &QTcpSocket::connected, &loop, [&] {
        client.write(reinterpret_cast<const char*>(data), qint64(size));
        quiet.start();
    });
    client.connectToHost(QHostAddress::LocalHost, g_port);
    QTimer::singleShot(2000, &loop, &QEventLoop::quit); // never one input for ever
    loop.exec();
    client.abort();
    // Let the server see the close and delete what it kept for this connection.
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return 0;
}
