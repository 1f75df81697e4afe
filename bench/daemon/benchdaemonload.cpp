// Load run for `utter --headless serve` (issue 6): for N seconds (default 60), 20 IPC clients issue status.get
// at 50 calls/s each (1000/s in all) and 20 WebSocket streams send 20 ms PCM16 frames (50/s) plus a ping every
// 100 ms. Prints p50/p99 latencies, errors, the daemon's RSS (idle, after warm-up, at the end) and its open
// file descriptors before and after. Linux (/proc) for RSS and fds.
#include "ipc/jsonrpc.h"
#include "rawhttpclient.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace
{

qint64 rssKb(qint64 pid)
{
    return utter::test::procStatusKb(pid, "VmRSS");
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[size_t(p * double(values.size() - 1))];
}

struct Stats
{
    std::vector<double> latenciesMs;
    qint64 errors = 0;
    qint64 sent = 0;
    qint64 received = 0;
    bool measuring = false;
};

class IpcLoad final : public QObject
{
public:
    IpcLoad(const QString& socketPath, Stats& stats)
        : m_stats(stats)
    {
        m_socket.connectToServer(socketPath);
        m_socket.waitForConnected(2000);
        connect(&m_socket, &QLocalSocket::readyRead, this, &IpcLoad::read);
        connect(&m_timer, &QTimer::timeout, this, &IpcLoad::send);
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.start(20); // 50 calls/s
    }
    void stop() { m_timer.stop(); }

private:
    void send()
    {
        const qint64 id = ++m_nextId;
        m_started.insert(id, m_clock.isValid() ? m_clock.nsecsElapsed() : (m_clock.start(), 0));
        m_socket.write(utter::jsonrpc::request(id, u"status.get"_s));
        ++m_stats.sent;
    }
    void read()
    {
        m_buffer += m_socket.readAll();
        qsizetype newline = 0;
        while ((newline = m_buffer.indexOf('\n')) >= 0) {
            const utter::jsonrpc::Message reply = utter::jsonrpc::parse(m_buffer.left(newline));
            m_buffer.remove(0, newline + 1);
            const qint64 id = reply.id.toInteger(-1);
            ++m_stats.received;
            if (!reply.error.isEmpty() || !m_started.contains(id)) {
                ++m_stats.errors;
                continue;
            }
            if (m_stats.measuring)
                m_stats.latenciesMs.push_back(double(m_clock.nsecsElapsed() - m_started.take(id)) / 1e6);
            else
                m_started.remove(id);
        }
    }

    Stats& m_stats;
    QLocalSocket m_socket;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QHash<qint64, qint64> m_started;
    QByteArray m_buffer;
    qint64 m_nextId = 0;
};

class StreamLoad final : public QObject
{
public:
    StreamLoad(const QUrl& url, const QByteArray& token, Stats& stats)
        : m_stats(stats)
        , m_frame(640, '\0') // 20 ms of 16 kHz mono PCM16
    {
        m_clock.start();
        connect(&m_socket, &QWebSocket::textMessageReceived, this, &StreamLoad::onEvent);
        connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
                [this](QAbstractSocket::SocketError) { ++m_stats.errors; });
        connect(&m_socket, &QWebSocket::connected, this, [this] {
            m_frames.start(20);
            m_pings.start(100);
        });
        connect(&m_frames, &QTimer::timeout, this, [this] { m_socket.sendBinaryMessage(m_frame); });
        connect(&m_pings, &QTimer::timeout, this, [this] {
            const qint64 id = ++m_nextId;
            m_started.insert(id, m_clock.nsecsElapsed());
            m_socket.sendTextMessage(u"{\"type\":\"ping\",\"id\":%1}"_s.arg(id));
            ++m_stats.sent;
        });
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + token);
        m_socket.open(request);
    }
    void stop()
    {
        m_frames.stop();
        m_pings.stop();
        m_socket.close();
    }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

private:
    void onEvent(const QString& text)
    {
        const QJsonObject event = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = event.value(u"type"_s).toString();
        if (type != u"pong"_s)
            return; // state on connect; one not_built notice for the frames (no pipeline in this build)
        ++m_stats.received;
        const qint64 id = event.value(u"id"_s).toInteger(-1);
        if (!m_started.contains(id)) {
            ++m_stats.errors;
            return;
        }
        const qint64 started = m_started.take(id);
        if (m_stats.measuring)
            m_stats.latenciesMs.push_back(double(m_clock.nsecsElapsed() - started) / 1e6);
    }

    Stats& m_stats;
    QWebSocket m_socket;
    QTimer m_frames;
    QTimer m_pings;
    QElapsedTimer m_clock;
    QHash<qint64, qint64> m_started;
    QByteArray m_frame;
    qint64 m_nextId = 0;
};

void waitMs(int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int seconds = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 60;
    const int warmup = qMin(10, qMax(1, seconds / 6));
    QTemporaryDir home;
    const QByteArray token = "bench-token-0123456789";
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"UTTER_CONFIG_DIR"_s, home.filePath(u"config"_s));
    env.insert(u"UTTER_DATA_DIR"_s, home.filePath(u"data"_s));
    env.insert(u"UTTER_RUNTIME_DIR"_s, home.filePath(u"run"_s));
    env.insert(u"UTTER_LOG_DIR"_s, home.filePath(u"logs"_s));
    env.insert(u"UTTER_HTTP_TOKEN_API_KEY"_s, QString::fromLatin1(token));
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);

    QProcess serve;
    serve.setProcessEnvironment(env);
    serve.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList args{u"--headless"_s, u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s};
#ifdef Q_OS_UNIX
    if (::geteuid() == 0)
        args << u"--allow-root"_s;
#endif
    env.insert(u"QT_LOGGING_RULES"_s, u"utter.*.info=false"_s); // the log would measure the disk, not the daemon
    serve.setProcessEnvironment(env);
    serve.start(QString::fromUtf8(UTTER_BINARY_PATH), args);
    serve.waitForStarted();
    const QString socketPath = home.filePath(u"run/utter.sock"_s);
    QString address;
    for (int i = 0; i < 100 && address.isEmpty(); ++i) {
        waitMs(100);
        QLocalSocket probe;
        probe.connectToServer(socketPath);
        if (!probe.waitForConnected(200))
            continue;
        probe.write(utter::jsonrpc::request(1, u"status.get"_s));
        probe.waitForReadyRead(2000);
        address = utter::jsonrpc::parse(probe.readLine().trimmed()).result.toObject().value(u"http"_s).toString();
    }
    if (address.isEmpty()) {
        std::fprintf(stderr, "the daemon did not come up\n");
        return 1;
    }
    const qint64 pid = serve.processId();
    waitMs(1000);
    const qint64 idleRss = rssKb(pid);
    const int fdsBefore = utter::test::procFdCount(pid);

    Stats ipc;
    Stats ws;
    std::vector<std::unique_ptr<IpcLoad>> ipcClients;
    std::vector<std::unique_ptr<StreamLoad>> streams;
    for (int i = 0; i < 20; ++i) {
        ipcClients.push_back(std::make_unique<IpcLoad>(socketPath, ipc));
        streams.push_back(std::make_unique<StreamLoad>(QUrl(u"ws://"_s + address + u"/v1/stream"_s), token, ws));
    }
    waitMs(warmup * 1000);
    int connectedStreams = 0;
    for (const auto& stream : streams)
        connectedStreams += stream->isConnected() ? 1 : 0;
    const qint64 warmRss = rssKb(pid);
    ipc.measuring = ws.measuring = true;
    const qint64 ipcSentAtStart = ipc.sent;
    QElapsedTimer measured;
    measured.start();
    qint64 peakRss = warmRss;
    while (measured.elapsed() < qint64(seconds - warmup) * 1000) {
        waitMs(1000);
        peakRss = qMax(peakRss, rssKb(pid));
    }
    const double elapsedS = double(measured.elapsed()) / 1000.0;
    const qint64 endRss = rssKb(pid);
    const double ipcRate = double(ipc.sent - ipcSentAtStart) / elapsedS;
    for (auto& client : ipcClients)
        client->stop();
    for (auto& stream : streams)
        stream->stop();
    waitMs(1000);
    ipcClients.clear();
    streams.clear();
    waitMs(1500);
    const int fdsAfter = utter::test::procFdCount(pid);
    const qint64 afterRss = rssKb(pid);

    std::printf("daemon load run: %d s (%d s warm-up), 20 IPC clients + 20 WebSocket streams (%d connected)\n", seconds,
                warmup, connectedStreams);
    std::printf("IPC status.get: %.0f calls/s, %zu measured, p50 %.3f ms, p99 %.3f ms, max %.3f ms, errors %lld, "
                "unanswered %lld\n",
                ipcRate, ipc.latenciesMs.size(), percentile(ipc.latenciesMs, 0.5), percentile(ipc.latenciesMs, 0.99),
                percentile(ipc.latenciesMs, 1.0), ipc.errors, ipc.sent - ipc.received);
    std::printf("WebSocket ping (with 50 audio frames/s per stream): %zu measured, p50 %.3f ms, p99 %.3f ms, "
                "errors %lld\n",
                ws.latenciesMs.size(), percentile(ws.latenciesMs, 0.5), percentile(ws.latenciesMs, 0.99), ws.errors);
    std::printf("RSS: idle %lld KiB, after warm-up %lld KiB, peak %lld KiB, end of load %lld KiB (growth %.1f %%), "
                "after clients left %lld KiB\n",
                idleRss, warmRss, peakRss, endRss, warmRss > 0 ? 100.0 * double(endRss - warmRss) / double(warmRss) : 0,
                afterRss);
    std::printf("open fds: before %d, after %d\n", fdsBefore, fdsAfter);
    serve.terminate();
    serve.waitForFinished(10000);
    std::printf("daemon exit code after SIGTERM: %d\n", serve.exitCode());
    return 0;
}
