// Soak run for `utter --headless serve` (issue 15): the real daemon, in a private home, with `--listen`, for
// --minutes (default 30) under mixed load at once — IPC status.get pollers and status.subscribe followers that
// come and go; authenticated HTTP uploads to /v1/audio/transcriptions in several audio and response formats, plus
// token-less, malformed and otherwise wrong requests; WebSocket streams (idle ones that ping, and dictations fed
// through /v1/stream); dictations from the virtual microphone (IPC begin/end while PCM goes into the PulseAudio
// pipe source); and provider faults from the in-process provider double (429 with Retry-After, 500, stalls,
// dropped connections). Every --sample-seconds it samples the daemon's RSS and open fds; each minute it prints a
// row. At the end it checks: no crash (alive throughout, exit 0 on SIGTERM), every upload answered with the text
// the double said, every dictation's text once in the daemon's events and once in history (0 lost, 0 duplicated),
// RSS growth from the idle point after warm-up to the idle point at the end ≤ 5 %, fds flat. Exit code 1 on any
// failure. Linux (/proc).
//   tests/with-services.sh nice -n 10 build/bench/daemon/benchsoak [--minutes 30] [--warmup-minutes 3]
// (ctest: `tests/with-services.sh ctest --test-dir build -C soak -L soak` runs a 2-minute variant.)
#include "fixtureclips.h"
#include "ipc/jsonrpc.h"
#include "oggopus.h"
#include "providerdouble.h"
#include "rawhttpclient.h"
#include "realtimefeeder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include <signal.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

constexpr char kToken[] = "soak-token-0123456789abcdef";
constexpr char kGroqKey[] = "gsk_test_groq_key_0123456789";

qint64 rssKb(qint64 pid)
{
    return test::procStatusKb(pid, "VmRSS");
}

// What each open fd points at ("socket:[123]" counted by kind), for telling a leak from a pool that breathes.
QMap<QString, int> fdKinds(qint64 pid)
{
    QMap<QString, int> kinds;
    const QDir dir(u"/proc/%1/fd"_s.arg(pid));
    for (const QString& fd : dir.entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System)) {
        QString target = QFile::symLinkTarget(dir.filePath(fd)); // sockets and pipes resolve next to the fd
        if (target.startsWith(dir.path() + u'/'))
            target.remove(0, dir.path().size() + 1);
        const qsizetype bracket = target.indexOf(u":["_s);
        ++kinds[bracket > 0 ? target.left(bracket) : target];
    }
    return kinds;
}

// Letters and digits only, lower case: subtitles and plain text compare by their words.
QString words(const QString& text)
{
    QString out;
    for (const QChar c : text) {
        if (c.isLetterOrNumber())
            out += c.toLower();
    }
    return out;
}

// A private set of Utter folders, as the tests' TestHome, that can be kept for inspection after a failed run.
class Home final
{
public:
    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }
    QString dataDir() const { return m_dir.filePath(u"data"_s); }
    QString runtimeDir() const { return m_dir.filePath(u"runtime"_s); }
    void keep() { m_dir.setAutoRemove(false); }
    // The current environment minus provider keys and URL overrides from the developer's shell.
    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString& key : env.keys()) {
            if (key.endsWith(u"_API_KEY"_s) || (key.startsWith(u"UTTER_"_s) && key.endsWith(u"_URL"_s)))
                env.remove(key);
        }
        env.insert(u"UTTER_CONFIG_DIR"_s, m_dir.filePath(u"config"_s));
        env.insert(u"UTTER_DATA_DIR"_s, dataDir());
        env.insert(u"UTTER_RUNTIME_DIR"_s, runtimeDir());
        env.insert(u"UTTER_LOG_DIR"_s, m_dir.filePath(u"logs"_s));
        env.insert(u"LANG"_s, u"C.UTF-8"_s);
        return env;
    }

private:
    QTemporaryDir m_dir{QDir::tempPath() + u"/utter-soak-XXXXXX"_s};
};

QRandomGenerator& rng()
{
    static QRandomGenerator generator;
    return generator;
}

int between(int low, int high) // [low, high]
{
    return low + int(rng().bounded(quint32(high - low + 1)));
}

// 1–3 fixture sentences, never the same one twice in a row (a repetition across a chunk cut is kept: TestAssembler).
QList<int> sentences(int clips)
{
    QList<int> order;
    for (int k = between(1, 3); k > 0; --k) {
        int clip = between(0, clips - 1);
        while (!order.isEmpty() && clip == order.last())
            clip = between(0, clips - 1);
        order << clip;
    }
    return order;
}

// What went on, for the minute rows and the verdict.
struct Counters
{
    qint64 ipcCalls = 0;
    qint64 followers = 0;
    qint64 followerEvents = 0;
    qint64 uploadsOk = 0;
    qint64 uploadsRefused = 0; // 503 with Retry-After (limits), sent again
    qint64 hostile = 0;
    qint64 streams = 0;
    qint64 pongs = 0;
    qint64 micDictations = 0;
    qint64 wsDictations = 0;
    qint64 faults = 0;
    qint64 errors = 0;
    qint64 lostUploads = 0;
    QStringList errorLog;
};

Counters g;

void error(const QString& what)
{
    ++g.errors;
    if (g.errorLog.size() < 60)
        g.errorLog << what;
    std::fprintf(stderr, "soak: error: %s\n", qPrintable(what));
    std::fflush(stderr);
}

// One JSON-RPC connection to the control socket, asynchronous.
class Rpc final : public QObject
{
public:
    using Reply = std::function<void(const jsonrpc::Message&)>;

    explicit Rpc(const QString& path)
    {
        connect(&m_socket, &QLocalSocket::connected, this, [this] {
            m_socket.write(m_queued);
            m_queued.clear();
        });
        connect(&m_socket, &QLocalSocket::readyRead, this, &Rpc::read);
        connect(&m_socket, &QLocalSocket::disconnected, this, &Rpc::gone);
        connect(&m_socket, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError) { gone(); });
        m_socket.connectToServer(path);
    }
    ~Rpc() override
    {
        m_closing = true;
        m_socket.abort();
    }

    void call(const QString& method, const QJsonObject& params, Reply reply)
    {
        const qint64 id = ++m_nextId;
        m_replies.insert(id, std::move(reply));
        const QByteArray line = jsonrpc::request(id, method, params);
        if (m_socket.state() == QLocalSocket::ConnectedState)
            m_socket.write(line);
        else
            m_queued += line;
    }
    void close()
    {
        m_closing = true;
        m_socket.disconnectFromServer();
    }
    qsizetype pending() const { return m_replies.size(); }
    bool isGone() const { return m_gone; }

    std::function<void(const jsonrpc::Message&)> onNotification;
    std::function<void()> onGone; // the connection ended without close()

private:
    void read()
    {
        m_buffer += m_socket.readAll();
        qsizetype newline = 0;
        while ((newline = m_buffer.indexOf('\n')) >= 0) {
            const jsonrpc::Message message = jsonrpc::parse(m_buffer.left(newline));
            m_buffer.remove(0, newline + 1);
            if (message.kind == jsonrpc::Message::Kind::Notification) {
                if (onNotification)
                    onNotification(message);
                continue;
            }
            const Reply reply = m_replies.take(message.id.toInteger(-1));
            if (reply)
                reply(message);
            else
                error(u"IPC: a reply to no request: "_s + QString::fromUtf8(m_buffer.left(200)));
        }
    }
    void gone()
    {
        if (std::exchange(m_gone, true) || m_closing)
            return;
        if (onGone)
            onGone();
    }

    QLocalSocket m_socket;
    QByteArray m_buffer;
    QByteArray m_queued;
    QHash<qint64, Reply> m_replies;
    qint64 m_nextId = 0;
    bool m_closing = false;
    bool m_gone = false;
};

// A sentence sequence spoken by the fixture voice, and the text the double answers for it.
struct Utterance
{
    QList<qint16> pcm; // 16 kHz mono, with silence around it
    QString text;
};

// A file to upload: bytes, the name it is sent under, and what the double will say.
struct Upload
{
    QByteArray bytes;
    QByteArray fileName;
    QString text;
};

QByteArray wavStereo48k(const QList<qint16>& mono16k)
{
    const QList<qint16> mono = test::resampleLinear(mono16k, 16000, 48000);
    QByteArray data;
    data.reserve(mono.size() * 4);
    for (const qint16 sample : mono) {
        data.append(reinterpret_cast<const char*>(&sample), 2);
        data.append(reinterpret_cast<const char*>(&sample), 2);
    }
    QByteArray wav("RIFF");
    const auto u32 = [&wav](quint32 v) {
        for (int i = 0; i < 4; ++i)
            wav.append(char((v >> (8 * i)) & 0xff));
    };
    const auto u16 = [&wav](quint16 v) {
        wav.append(char(v & 0xff));
        wav.append(char(v >> 8));
    };
    u32(quint32(36 + data.size()));
    wav += "WAVEfmt ";
    u32(16);
    u16(1);
    u16(2);
    u32(48000);
    u32(48000 * 4);
    u16(4);
    u16(16);
    wav += "data";
    u32(quint32(data.size()));
    return wav + data;
}

QByteArray multipart(const QByteArray& boundary, const QByteArray& file, const QByteArray& fileName,
                     const QList<QPair<QByteArray, QByteArray>>& fields, bool withFile = true)
{
    QByteArray body;
    for (const auto& [name, value] : fields)
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    if (withFile)
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName +
                "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + file + "\r\n";
    body += "--" + boundary + "--\r\n";
    return body;
}

struct Config
{
    double minutes = 30;
    double warmupMinutes = 3;
    int sampleSeconds = 10;
    int faultEverySeconds = 12;
    double rssLimitPercent = 5;
    int fdTolerance = 2;
    bool keep = false;
};

class Soak final : public QObject
{
public:
    explicit Soak(const Config& config)
        : m_config(config)
    {}

    int run();

private:
    // --- set-up
    bool prepareClips();
    bool configure(const QString& key, const QString& value);
    bool startServe();
    QProcessEnvironment environment() const;

    // --- load
    void setLoad(bool on);
    void pollStatus(int index);
    void startFollower();
    void upload(int worker);
    void hostileRequest();
    void expectStatus(QNetworkReply* reply, int expected, const QString& what, bool allow503 = false);
    void rawRequest(const QByteArray& bytes, const QByteArray& expectedStart, const QString& what);
    void startIdleStream();
    void nextDictation();
    void micDictation(const Utterance& utterance);
    void streamDictation(const Utterance& utterance);
    void awaitFinal(const QString& session, const QString& expected, const QString& kind);
    void dictationDone();
    void injectFault();

    // --- measuring
    void sample();
    void printMinute();
    bool busy() const;
    void quiesce(const std::function<void()>& then);
    void finish();
    int verdict();

    Config m_config;
    Home m_home;
    test::ProviderDouble m_double;
    std::optional<test::FixtureClips> m_clips;
    std::vector<Upload> m_uploadPool;
    QByteArray m_truncatedOgg;
    QString m_fifo;
    QProcess m_serve;
    qint64 m_pid = 0;
    QString m_base; // http://127.0.0.1:PORT
    QString m_wsUrl;
    QElapsedTimer m_clock;
    bool m_load = false;
    bool m_ended = false;
    bool m_crashed = false;

    std::vector<std::unique_ptr<Rpc>> m_pollers;
    std::unique_ptr<Rpc> m_witness; // status.subscribe for the whole run: every transcript.final
    std::unique_ptr<Rpc> m_control; // dictation.begin / end
    int m_followers = 0;
    int m_idleStreams = 0;
    int m_uploadsInFlight = 0;
    int m_hostileInFlight = 0;
    QNetworkAccessManager m_network;
    QNetworkAccessManager m_hostileNetwork;
    QList<QTimer*> m_loadTimers;

    // Dictations
    bool m_dictating = false;
    bool m_nextIsMic = true;
    std::unique_ptr<test::RealTimeFeeder> m_feeder;
    QHash<QString, QStringList> m_finals;                    // session → texts the witness saw
    QHash<QString, std::function<void(QString)>> m_awaiting; // session → who waits for its final
    QStringList m_expectedHistory;                           // one per dictation the service accepted
    QStringList m_dictationSessions;
    int m_late = 0;

    // Samples
    struct Sample
    {
        double minute;
        qint64 rss;
        int fds;
    };
    std::vector<Sample> m_samples;
    int m_lastPrintedMinute = 0;
    qint64 m_warmRss = -1;
    int m_warmFds = -1;
    qint64 m_endRss = -1;
    int m_endFds = -1;
    QMap<QString, int> m_warmFdKinds;
    QMap<QString, int> m_endFdKinds;
    qint64 m_startRss = -1;
    int m_startFds = -1;
    int m_exitCode = -1;
    bool m_exitNormal = false;
    double m_exitSeconds = 0;
};

QProcessEnvironment Soak::environment() const
{
    QProcessEnvironment env = m_home.environment();
    env.insert(u"UTTER_HTTP_TOKEN_API_KEY"_s, QString::fromLatin1(kToken));
    env.insert(u"UTTER_TRANSCRIBE_URL"_s, m_double.baseUrl() + u"/openai/v1"_s);
    env.insert(u"GROQ_API_KEY"_s, QString::fromLatin1(kGroqKey));
    env.insert(u"UTTER_NETWORK_PROBE"_s, u"1"_s); // reachability by probing the double, not NetworkManager
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    return env;
}

bool Soak::prepareClips()
{
    QString why;
    m_clips =
        test::FixtureClips::synthesize(test::FixtureClips::defaultTexts(), QStringLiteral(UTTER_FIXTURE_CACHE), &why);
    if (!m_clips) {
        std::fprintf(stderr, "soak: no fixture clips (%s)\n", qPrintable(why));
        return false;
    }
    m_double.setFixtures(*m_clips);
    // A pool of uploads: 1–3 sentences each, in three audio formats.
    const int n = int(m_clips->size());
    for (int i = 0; i < 18; ++i) {
        const QList<int> order = sentences(n);
        const QList<qint16> pcm = m_clips->utterance(order, 500, 200) + QList<qint16>(8000, 0);
        Upload upload;
        upload.text = m_clips->referenceText(order);
        switch (i % 3) {
        case 0:
            upload.bytes = test::writeWav(pcm, 16000);
            upload.fileName = "memo-" + QByteArray::number(i) + ".wav";
            break;
        case 1:
            upload.bytes = test::encodeOggOpus(pcm, 16000);
            upload.fileName = "memo-" + QByteArray::number(i) + ".ogg";
            break;
        default:
            upload.bytes = wavStereo48k(pcm);
            upload.fileName = "memo-" + QByteArray::number(i) + "-48k.wav";
            break;
        }
        m_uploadPool.push_back(upload);
    }
    const QByteArray ogg = test::encodeOggOpus(m_clips->at(0).pcm, 16000);
    m_truncatedOgg = ogg.left(ogg.size() / 2);
    return true;
}

bool Soak::configure(const QString& key, const QString& value)
{
    QProcess set;
    set.setProcessEnvironment(environment());
    set.start(QStringLiteral(UTTER_BINARY_PATH), {u"config"_s, u"set"_s, key, value});
    if (!set.waitForFinished(30000) || set.exitCode() != 0) {
        std::fprintf(stderr, "soak: utter config set %s %s failed: %s\n", qPrintable(key), qPrintable(value),
                     set.readAllStandardError().constData());
        return false;
    }
    return true;
}

bool Soak::startServe()
{
    m_serve.setProcessEnvironment(environment());
    m_serve.setStandardOutputFile(m_home.path() + u"/serve-stdout.log"_s);
    m_serve.setStandardErrorFile(m_home.path() + u"/serve-stderr.log"_s);
    QStringList args{u"--headless"_s, u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s};
    if (::geteuid() == 0)
        args << u"--allow-root"_s;
    m_serve.start(QStringLiteral(UTTER_BINARY_PATH), args);
    if (!m_serve.waitForStarted(10000))
        return false;
    m_pid = m_serve.processId();
    const QString socketPath = m_home.runtimeDir() + u"/utter.sock"_s;
    for (int i = 0; i < 300 && m_base.isEmpty(); ++i) {
        if (m_serve.state() != QProcess::Running)
            return false;
        QLocalSocket probe;
        probe.connectToServer(socketPath);
        if (!probe.waitForConnected(200)) {
            QThread::msleep(100);
            continue;
        }
        probe.write(jsonrpc::request(1, u"status.get"_s));
        if (!probe.waitForReadyRead(5000))
            continue;
        const QString http = jsonrpc::parse(probe.readLine().trimmed()).result.toObject().value(u"http"_s).toString();
        if (!http.isEmpty()) {
            m_base = u"http://"_s + http;
            m_wsUrl = u"ws://"_s + http + u"/v1/stream"_s;
        }
    }
    return !m_base.isEmpty();
}

// --- load ------------------------------------------------------------------------------------------------------

void Soak::setLoad(bool on)
{
    m_load = on;
    for (QTimer* timer : std::as_const(m_loadTimers)) {
        if (on)
            timer->start();
        else
            timer->stop();
    }
    if (on && !m_dictating)
        QTimer::singleShot(between(200, 1500), this, &Soak::nextDictation);
    if (on) {
        for (int worker = 0; worker < 2; ++worker)
            QTimer::singleShot(between(100, 1000), this, [this, worker] { upload(worker); });
    }
}

void Soak::pollStatus(int index)
{
    Rpc* rpc = m_pollers[size_t(index)].get();
    if (rpc->isGone()) {
        m_pollers[size_t(index)] = std::make_unique<Rpc>(m_home.runtimeDir() + u"/utter.sock"_s);
        m_pollers[size_t(index)]->onGone = [] { error(u"IPC poller: the daemon closed the connection"_s); };
        return;
    }
    if (rpc->pending() > 20)
        return; // the daemon is slow: do not pile up
    ++g.ipcCalls;
    rpc->call(u"status.get"_s, {}, [](const jsonrpc::Message& reply) {
        if (!reply.error.isEmpty() || !reply.result.toObject().contains(u"state"_s))
            error(u"IPC status.get: "_s + QString::fromUtf8(QJsonDocument(reply.error).toJson(QJsonDocument::Compact)));
    });
}

void Soak::startFollower()
{
    if (m_followers >= 4)
        return;
    ++m_followers;
    ++g.followers;
    auto* follower = new Rpc(m_home.runtimeDir() + u"/utter.sock"_s);
    follower->setParent(this);
    follower->onNotification = [](const jsonrpc::Message&) { ++g.followerEvents; };
    follower->onGone = [] { error(u"IPC follower: the daemon closed the connection"_s); };
    follower->call(u"status.subscribe"_s, {}, [](const jsonrpc::Message& reply) {
        if (!reply.error.isEmpty() || !reply.result.toObject().contains(u"state"_s))
            error(u"IPC status.subscribe failed"_s);
    });
    QTimer::singleShot(between(3000, 20000), follower, [this, follower] {
        follower->close();
        follower->deleteLater();
        --m_followers;
    });
}

void Soak::upload(int worker)
{
    if (!m_load)
        return;
    const Upload& item = m_uploadPool[size_t(between(0, int(m_uploadPool.size()) - 1))];
    static const QByteArrayList formats{"json", "text", "verbose_json", "srt", "vtt"};
    const QByteArray format = formats.value(between(0, int(formats.size()) - 1));
    const QByteArray boundary = "soakboundary" + QByteArray::number(rng().generate());
    QNetworkRequest request(QUrl(m_base + u"/v1/audio/transcriptions"_s));
    request.setRawHeader("Authorization", QByteArray("Bearer ") + kToken);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("multipart/form-data; boundary=" + boundary));
    request.setTransferTimeout(300000);
    QNetworkReply* reply = m_network.post(
        request, multipart(boundary, item.bytes, item.fileName, {{"model", "whisper-1"}, {"response_format", format}}));
    ++m_uploadsInFlight;
    const QString expected = item.text;
    const QString name = QString::fromLatin1(item.fileName);
    connect(reply, &QNetworkReply::finished, this, [this, reply, expected, format, name, worker] {
        reply->deleteLater();
        --m_uploadsInFlight;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        int nextMs = between(300, 2500);
        if (status == 503) {
            ++g.uploadsRefused;
            nextMs = qMax(1, reply->rawHeader("Retry-After").toInt()) * 1000;
        } else if (status != 200) {
            ++g.lostUploads;
            error(u"upload %1 (%2): status %3 %4 %5"_s.arg(name, QString::fromLatin1(format))
                      .arg(status)
                      .arg(reply->errorString(), QString::fromUtf8(body.left(300))));
        } else {
            QString got;
            if (format == "json" || format == "verbose_json") {
                const QJsonObject json = QJsonDocument::fromJson(body).object();
                got = json.value(u"text"_s).toString();
                if (format == "verbose_json" && (!json.contains(u"duration"_s) || !json.contains(u"segments"_s)))
                    error(u"upload %1: verbose_json without duration or segments"_s.arg(name));
            } else if (format == "text") {
                got = QString::fromUtf8(body).trimmed();
            } else {
                // Subtitles: the cue texts, without numbers, timings and the WEBVTT line.
                QStringList cues;
                for (const QString& line : QString::fromUtf8(body).split(u'\n')) {
                    const QString t = line.trimmed();
                    static const QRegularExpression number(u"^\\d+$"_s);
                    if (t.isEmpty() || t == u"WEBVTT"_s || t.contains(u"-->"_s) || number.match(t).hasMatch())
                        continue;
                    cues << t;
                }
                got = cues.join(u' ');
            }
            const bool exact = format == "json" || format == "verbose_json" || format == "text";
            if (exact ? got == expected : words(got) == words(expected)) {
                ++g.uploadsOk;
            } else {
                ++g.lostUploads;
                error(u"upload %1 (%2): got \"%3\", expected \"%4\""_s.arg(name, QString::fromLatin1(format),
                                                                           got.left(300), expected));
            }
        }
        QTimer::singleShot(nextMs, this, [this, worker] { upload(worker); });
    });
}

void Soak::expectStatus(QNetworkReply* reply, int expected, const QString& what, bool allow503)
{
    ++m_hostileInFlight;
    ++g.hostile;
    connect(reply, &QNetworkReply::finished, this, [this, reply, expected, what, allow503] {
        reply->deleteLater();
        --m_hostileInFlight;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == expected || (allow503 && status == 503))
            return;
        error(u"%1: status %2, expected %3 (%4) %5"_s.arg(what).arg(status).arg(expected).arg(
            reply->errorString(), QString::fromUtf8(reply->readAll().left(200))));
    });
}

void Soak::rawRequest(const QByteArray& bytes, const QByteArray& expectedStart, const QString& what)
{
    ++m_hostileInFlight;
    ++g.hostile;
    auto* socket = new QTcpSocket(this);
    auto* received = new QByteArray;
    auto* timeout = new QTimer(socket);
    timeout->setSingleShot(true);
    const QUrl url(m_base);
    auto once = std::make_shared<bool>(false);
    const auto done = [this, socket, received, expectedStart, what, once](bool timedOut) {
        if (std::exchange(*once, true))
            return;
        if (!expectedStart.isEmpty() && !received->startsWith(expectedStart))
            error(u"%1: got \"%2\"%3, expected \"%4\""_s.arg(what, QString::fromLatin1(received->left(60)),
                                                             timedOut ? u" (timed out)"_s : QString(),
                                                             QString::fromLatin1(expectedStart)));
        delete received;
        socket->disconnect();
        socket->abort();
        socket->deleteLater();
        --m_hostileInFlight;
    };
    connect(socket, &QTcpSocket::connected, socket, [socket, bytes, expectedStart, timeout] {
        if (!bytes.isEmpty())
            socket->write(bytes);
        if (expectedStart.isEmpty()) // fire and forget: a partial head or a bare connect, then gone
            timeout->start(between(0, 300));
        else
            timeout->start(30000);
    });
    connect(socket, &QTcpSocket::readyRead, socket, [socket, received] { *received += socket->readAll(); });
    connect(socket, &QTcpSocket::disconnected, socket, [done] { done(false); });
    connect(socket, &QTcpSocket::errorOccurred, socket, [socket, done](QAbstractSocket::SocketError) {
        if (socket->state() == QAbstractSocket::UnconnectedState)
            done(false);
    });
    connect(timeout, &QTimer::timeout, socket, [done, expectedStart] { done(!expectedStart.isEmpty()); });
    socket->connectToHost(url.host(), quint16(url.port()));
}

void Soak::hostileRequest()
{
    if (!m_load || m_hostileInFlight > 2)
        return;
    const QByteArray auth = QByteArray("Bearer ") + kToken;
    const QByteArray boundary = "hostile" + QByteArray::number(rng().generate());
    const auto form = [&](const QByteArray& token, const QByteArray& body) {
        QNetworkRequest request(QUrl(m_base + u"/v1/audio/transcriptions"_s));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", token);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("multipart/form-data; boundary=" + boundary));
        return m_hostileNetwork.post(request, body);
    };
    const Upload& small = m_uploadPool.front();
    switch (between(0, 11)) {
    case 0:
        expectStatus(form({}, multipart(boundary, small.bytes, small.fileName, {})), 401, u"upload without token"_s);
        break;
    case 1: {
        QNetworkRequest request(QUrl(m_base + u"/v1/models"_s));
        request.setRawHeader("Authorization", "Bearer wrong-token");
        expectStatus(m_hostileNetwork.get(request), 401, u"wrong token"_s);
        break;
    }
    case 2:
        expectStatus(form(auth, multipart(boundary, {}, {}, {{"model", "whisper-1"}}, false)), 400,
                     u"form without file"_s, true);
        break;
    case 3:
        expectStatus(form(auth, multipart(boundary, small.bytes, small.fileName, {{"response_format", "xml"}})), 400,
                     u"unknown response_format"_s, true);
        break;
    case 4:
        expectStatus(form(auth, multipart(boundary, small.bytes, small.fileName, {{"style", "no-such-style"}})), 400,
                     u"unknown style"_s, true);
        break;
    case 5:
        expectStatus(form(auth, multipart(boundary, m_truncatedOgg, "broken.ogg", {})), 400, u"truncated Ogg"_s, true);
        break;
    case 6:
        expectStatus(m_hostileNetwork.get(QNetworkRequest(QUrl(m_base + u"/health"_s))), 200,
                     u"health without token"_s);
        break;
    case 7: {
        QNetworkRequest request(QUrl(m_base + u"/v1/stream"_s));
        request.setRawHeader("Authorization", auth);
        expectStatus(m_hostileNetwork.get(request), 426, u"plain GET of /v1/stream"_s);
        break;
    }
    case 8: {
        QNetworkRequest request(QUrl(m_base + u"/v1/models"_s));
        request.setRawHeader("Authorization", auth);
        expectStatus(m_hostileNetwork.deleteResource(request), 405, u"DELETE /v1/models"_s);
        break;
    }
    case 9:
        rawRequest("GARBAGE \x01\x02 NOT HTTP\r\n\r\n", "HTTP/1.1 400", u"garbage head"_s);
        break;
    case 10:
        rawRequest("POST /v1/audio/transcriptions HTTP/1.1\r\nHost: localhost\r\nContent-Le", {},
                   u"partial head, then gone"_s);
        break;
    default:
        rawRequest({}, {}, u"connect and close"_s);
        break;
    }
}

void Soak::startIdleStream()
{
    if (m_idleStreams >= 3)
        return;
    ++m_idleStreams;
    ++g.streams;
    auto* socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    auto* pings = new QTimer(socket);
    auto* state = new std::pair<qint64, qint64>(0, 0); // sent, answered
    const int lifetimeMs = between(4000, 30000);
    connect(socket, &QWebSocket::connected, socket, [socket, pings, lifetimeMs] {
        pings->start(500);
        QTimer::singleShot(lifetimeMs, socket, [socket] { socket->close(); });
    });
    connect(pings, &QTimer::timeout, socket,
            [socket, state] { socket->sendTextMessage(u"{\"type\":\"ping\",\"id\":%1}"_s.arg(++state->first)); });
    connect(socket, &QWebSocket::textMessageReceived, socket, [state](const QString& text) {
        const QJsonObject event = QJsonDocument::fromJson(text.toUtf8()).object();
        if (event.value(u"type"_s).toString() == u"pong"_s) {
            ++state->second;
            ++g.pongs;
        }
    });
    connect(socket, &QWebSocket::disconnected, this, [this, socket, pings, state] {
        pings->stop();
        if (socket->closeCode() != QWebSocketProtocol::CloseCodeNormal || state->first - state->second > 2)
            error(u"idle stream: closed with %1 (%2), %3 pings, %4 pongs"_s.arg(socket->closeCode())
                      .arg(socket->errorString())
                      .arg(state->first)
                      .arg(state->second));
        delete state;
        socket->deleteLater();
        --m_idleStreams;
    });
    QNetworkRequest request{QUrl(m_wsUrl)};
    request.setRawHeader("Authorization", QByteArray("Bearer ") + kToken);
    socket->open(request);
}

void Soak::nextDictation()
{
    if (!m_load || m_dictating || m_ended)
        return;
    m_dictating = true;
    const QList<int> order = sentences(int(m_clips->size()));
    Utterance utterance{m_clips->utterance(order, 600, 300) + QList<qint16>(8000, 0), m_clips->referenceText(order)};
    const bool mic = !m_fifo.isEmpty() && m_nextIsMic;
    m_nextIsMic = !m_nextIsMic;
    if (mic)
        micDictation(utterance);
    else
        streamDictation(utterance);
}

void Soak::dictationDone()
{
    m_dictating = false;
    if (m_load)
        QTimer::singleShot(between(500, 3000), this, &Soak::nextDictation);
}

void Soak::awaitFinal(const QString& session, const QString& expected, const QString& kind)
{
    m_expectedHistory << expected;
    m_dictationSessions << session;
    auto* timeout = new QTimer(this);
    timeout->setSingleShot(true);
    const auto settle = [this, session, expected, kind, timeout](const QString& got) {
        timeout->deleteLater();
        m_awaiting.remove(session);
        if (got != expected)
            error(u"%1 dictation %2: got \"%3\", expected \"%4\""_s.arg(kind, session, got, expected));
        dictationDone();
    };
    if (m_finals.contains(session)) {
        settle(m_finals.value(session).constFirst());
        return;
    }
    m_awaiting.insert(session, settle);
    connect(timeout, &QTimer::timeout, this, [this, session, kind, timeout] {
        // Not lost yet: a provider fault may keep it in the journal longer; history at the end decides.
        ++m_late;
        std::fprintf(stderr, "soak: %s dictation %s: no final after 120 s (counted at the end)\n", qPrintable(kind),
                     qPrintable(session));
        m_awaiting.remove(session);
        timeout->deleteLater();
        dictationDone();
    });
    timeout->start(120000);
}

void Soak::micDictation(const Utterance& utterance)
{
    m_control->call(u"dictation.begin"_s, {}, [this, utterance](const jsonrpc::Message& reply) {
        const QString session = reply.result.toObject().value(u"session"_s).toString();
        if (!reply.error.isEmpty() || session.isEmpty()) {
            error(u"dictation.begin: "_s +
                  QString::fromUtf8(QJsonDocument(reply.error.isEmpty() ? reply.result.toObject() : reply.error)
                                        .toJson(QJsonDocument::Compact)));
            QTimer::singleShot(3000, this, &Soak::dictationDone);
            return;
        }
        ++g.micDictations;
        m_feeder = std::make_unique<test::RealTimeFeeder>(
            m_fifo, std::vector<std::int16_t>(utterance.pcm.begin(), utterance.pcm.end()));
        auto* poll = new QTimer(this);
        connect(poll, &QTimer::timeout, this, [this, poll, session, utterance] {
            if (!m_feeder->done())
                return;
            poll->deleteLater();
            if (m_feeder->failed())
                error(u"the virtual microphone's FIFO refused PCM"_s);
            m_feeder.reset();
            QTimer::singleShot(300, this, [this, session, utterance] { // PulseAudio's buffering
                m_control->call(u"dictation.end"_s, {}, [this, session, utterance](const jsonrpc::Message& end) {
                    if (!end.error.isEmpty())
                        error(u"dictation.end: "_s +
                              QString::fromUtf8(QJsonDocument(end.error).toJson(QJsonDocument::Compact)));
                    awaitFinal(session, utterance.text, u"microphone"_s);
                });
            });
        });
        poll->start(50);
    });
}

void Soak::streamDictation(const Utterance& utterance)
{
    auto* socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    auto* frames = new QTimer(socket);
    frames->setTimerType(Qt::PreciseTimer);
    struct State
    {
        QString session;
        qsizetype at = 0;
        bool stopped = false;
        bool finished = false;
        QElapsedTimer clock;
    };
    auto state = std::make_shared<State>();
    const QByteArray pcm(reinterpret_cast<const char*>(utterance.pcm.constData()), utterance.pcm.size() * 2);
    const auto fail = [this, socket, state](const QString& why) {
        if (std::exchange(state->finished, true))
            return;
        error(u"stream dictation: "_s + why);
        socket->disconnect(this);
        socket->close();
        socket->deleteLater();
        QTimer::singleShot(3000, this, &Soak::dictationDone);
    };
    connect(socket, &QWebSocket::connected, socket, [socket] { socket->sendTextMessage(u"{\"type\":\"start\"}"_s); });
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, socket, frames, state, pcm, utterance, fail](const QString& text) {
                const QJsonObject event = QJsonDocument::fromJson(text.toUtf8()).object();
                const QString type = event.value(u"type"_s).toString();
                if (type == u"state"_s && state->session.isEmpty() &&
                    event.value(u"state"_s).toString() == u"listening"_s) {
                    state->session = event.value(u"session"_s).toString();
                    ++g.wsDictations;
                    state->clock.start();
                    frames->start(20);
                } else if (type == u"error"_s && state->session.isEmpty()) {
                    fail(u"start refused: "_s + text);
                } else if (type == u"error"_s && event.value(u"session"_s).toString() != state->session) {
                    // another session's error, forwarded to every stream
                } else if (type == u"final"_s && !state->session.isEmpty() &&
                           event.value(u"session"_s).toString() == state->session && !state->finished) {
                    state->finished = true;
                    socket->close();
                    socket->deleteLater();
                }
            });
    connect(frames, &QTimer::timeout, socket, [socket, frames, state, pcm, utterance, this] {
        // Real-time pace by the clock, whatever the timer's jitter.
        const qsizetype due = qMin<qsizetype>(pcm.size(), (state->clock.elapsed() / 20 + 1) * 640);
        while (state->at < due) {
            socket->sendBinaryMessage(pcm.mid(state->at, qMin<qsizetype>(640, due - state->at)));
            state->at += 640;
        }
        if (state->at >= pcm.size() && !state->stopped) {
            state->stopped = true;
            frames->stop();
            socket->sendTextMessage(u"{\"type\":\"stop\"}"_s);
            // The witness (IPC) sees the final as well and decides; this stream must get it too.
            awaitFinal(state->session, utterance.text, u"stream"_s);
            QTimer::singleShot(150000, socket, [socket, state] {
                if (std::exchange(state->finished, true))
                    return;
                error(u"stream dictation %1: the stream got no final in 150 s"_s.arg(state->session));
                socket->close();
                socket->deleteLater();
            });
        }
    });
    connect(socket, &QWebSocket::disconnected, this, [state, fail, socket] {
        if (!state->finished && !state->stopped)
            fail(u"disconnected before stop: "_s + socket->errorString());
    });
    QNetworkRequest request{QUrl(m_wsUrl)};
    request.setRawHeader("Authorization", QByteArray("Bearer ") + kToken);
    socket->open(request);
}

void Soak::injectFault()
{
    if (!m_load)
        return;
    test::Fault fault;
    fault.path = u"/audio/transcriptions"_s;
    fault.times = 1;
    switch (g.faults % 5) {
    case 0:
        fault.status = 429;
        fault.body =
            R"({"error":{"message":"Rate limit reached for model `whisper-large-v3-turbo`. Please try again in 1s.","type":"seconds","code":"rate_limit_exceeded"}})";
        fault.headers = {{"retry-after", "1"}};
        break;
    case 1:
        fault.status = 500;
        fault.body = R"({"error":{"message":"Internal Server Error","type":"internal_server_error"}})";
        break;
    case 2:
        fault.stall = true;
        break;
    case 3:
        fault.closeWithoutAnswer = true;
        break;
    default:
        fault.resetMidBody = true;
        break;
    }
    ++g.faults;
    m_double.addFault(fault);
}

// --- measuring -------------------------------------------------------------------------------------------------

void Soak::sample()
{
    if (m_serve.state() != QProcess::Running) {
        if (!m_crashed && !m_ended) {
            m_crashed = true;
            error(u"the daemon is gone: exit status %1, code %2"_s.arg(int(m_serve.exitStatus()))
                      .arg(m_serve.exitCode()));
            finish();
        }
        return;
    }
    m_samples.push_back({double(m_clock.elapsed()) / 60000.0, rssKb(m_pid), test::procFdCount(m_pid)});
    // What the double keeps of each request is the bench's memory, not the daemon's.
    m_double.clearRequests();
    printMinute();
}

void Soak::printMinute()
{
    const int minute = int(m_clock.elapsed() / 60000);
    if (minute <= m_lastPrintedMinute || m_samples.empty())
        return;
    m_lastPrintedMinute = minute;
    int fdMin = INT_MAX;
    int fdMax = 0;
    for (const Sample& s : m_samples) {
        if (s.minute >= minute - 1) {
            fdMin = qMin(fdMin, s.fds);
            fdMax = qMax(fdMax, s.fds);
        }
    }
    std::printf("%6d %9.1f %4d %4d-%-4d %8lld %6lld %7lld %9lld %7lld %6lld %6lld %6lld\n", minute,
                double(m_samples.back().rss) / 1024.0, m_samples.back().fds, fdMin, fdMax, g.uploadsOk,
                g.micDictations + g.wsDictations, g.ipcCalls, g.hostile, g.pongs, g.faults, g.uploadsRefused, g.errors);
    std::fflush(stdout);
}

bool Soak::busy() const
{
    return m_dictating || m_uploadsInFlight > 0 || m_hostileInFlight > 0 || m_idleStreams > 0 || m_followers > 0;
}

// Stops new load, waits for what runs to end (and the daemon's idle connections to time out), then calls then.
void Soak::quiesce(const std::function<void()>& then)
{
    setLoad(false);
    auto* wait = new QTimer(this);
    auto since = std::make_shared<QElapsedTimer>();
    since->start();
    connect(wait, &QTimer::timeout, this, [this, wait, since, then] {
        if (busy() && since->elapsed() < 300000 && !m_crashed)
            return;
        wait->stop();
        wait->deleteLater();
        if (busy())
            error(u"load did not settle within 300 s"_s);
        m_double.clearFaults();
        m_network.clearConnectionCache();
        m_hostileNetwork.clearConnectionCache();
        // The daemon's head timeout (10 s) closes whatever idle keep-alive connection is left.
        QTimer::singleShot(12000, this, then);
    });
    wait->start(200);
}

void Soak::finish()
{
    if (std::exchange(m_ended, true))
        return;
    setLoad(false);
    QCoreApplication::exit(0);
}

int Soak::run()
{
    std::printf("soak: %.1f min (warm-up %.1f min), samples every %d s, a provider fault every %d s\n",
                m_config.minutes, m_config.warmupMinutes, m_config.sampleSeconds, m_config.faultEverySeconds);
    if (!m_home.isValid() || !m_double.start() || !prepareClips())
        return 2;
    m_double.options().groqLatency = true;
    m_fifo = qEnvironmentVariable("UTTER_TEST_MIC_FIFO");
    if (m_fifo.isEmpty() || qEnvironmentVariableIsEmpty("PULSE_SERVER")) {
        if (qEnvironmentVariable("UTTER_TEST_SERVICES") == u"1"_s) {
            std::fprintf(stderr, "soak: UTTER_TEST_SERVICES=1 but there is no virtual microphone\n");
            return 2;
        }
        std::printf("soak: no virtual microphone (run under tests/with-services.sh): dictations through streams "
                    "only\n");
        m_fifo.clear();
    }
    // Several chunks per dictation and short provider timeouts: more requests, and stalls resolve in seconds.
    if (!configure(u"audio/targetChunkSeconds"_s, u"2"_s) || !configure(u"transcribe/stallSeconds"_s, u"3"_s) ||
        !configure(u"transcribe/timeoutSeconds"_s, u"20"_s))
        return 2;
    if (!startServe()) {
        std::fprintf(stderr, "soak: the daemon did not come up:\n");
        QFile log(m_home.path() + u"/serve-stderr.log"_s);
        if (log.open(QIODevice::ReadOnly))
            std::fprintf(stderr, "%s\n", log.readAll().right(3000).constData());
        return 2;
    }
    m_clock.start();
    QThread::msleep(1000);
    m_startRss = rssKb(m_pid);
    m_startFds = test::procFdCount(m_pid);
    std::printf("soak: serve pid %lld on %s, home %s; at start: RSS %.1f MiB, %d fds\n", m_pid, qPrintable(m_base),
                qPrintable(m_home.path()), double(m_startRss) / 1024.0, m_startFds);
    std::printf("%6s %9s %4s %9s %8s %6s %7s %9s %7s %6s %6s %6s\n", "minute", "RSS(MiB)", "fds", "fds-range",
                "uploads", "dict", "ipc", "hostile", "pongs", "faults", "503s", "errors");
    std::fflush(stdout);

    const QString socketPath = m_home.runtimeDir() + u"/utter.sock"_s;
    m_witness = std::make_unique<Rpc>(socketPath);
    m_witness->onGone = [] { error(u"IPC witness: the daemon closed the connection"_s); };
    m_witness->onNotification = [this](const jsonrpc::Message& event) {
        if (event.method != u"transcript.final"_s)
            return;
        const QJsonObject params = event.params.toObject();
        const QString session = params.value(u"session"_s).toString();
        m_finals[session] << params.value(u"text"_s).toString();
        if (m_finals.value(session).size() > 1)
            error(u"session %1: final #%2 \"%3\""_s.arg(session)
                      .arg(m_finals.value(session).size())
                      .arg(params.value(u"text"_s).toString()));
        if (const auto waiting = m_awaiting.value(session))
            waiting(params.value(u"text"_s).toString());
    };
    m_witness->call(u"status.subscribe"_s, {}, [](const jsonrpc::Message& reply) {
        if (!reply.error.isEmpty())
            error(u"witness: status.subscribe failed"_s);
    });
    m_control = std::make_unique<Rpc>(socketPath);
    m_control->onGone = [] { error(u"IPC control: the daemon closed the connection"_s); };
    for (int i = 0; i < 3; ++i) {
        m_pollers.push_back(std::make_unique<Rpc>(socketPath));
        m_pollers.back()->onGone = [] { error(u"IPC poller: the daemon closed the connection"_s); };
    }

    const auto every = [this](int ms, std::function<void()> action) {
        auto* timer = new QTimer(this);
        timer->setInterval(ms);
        connect(timer, &QTimer::timeout, this, std::move(action));
        m_loadTimers << timer;
    };
    for (int i = 0; i < 3; ++i)
        every(200, [this, i] { pollStatus(i); });
    every(2500, [this] { startFollower(); });
    every(1500, [this] { hostileRequest(); });
    every(3000, [this] { startIdleStream(); });
    every(m_config.faultEverySeconds * 1000, [this] { injectFault(); });
    auto* sampler = new QTimer(this);
    connect(sampler, &QTimer::timeout, this, &Soak::sample);
    sampler->start(m_config.sampleSeconds * 1000);

    const qint64 totalMs = qint64(m_config.minutes * 60000);
    const qint64 warmupMs = qint64(m_config.warmupMinutes * 60000);
    setLoad(true);
    QTimer::singleShot(warmupMs, this, [this, totalMs] {
        std::printf("soak: warm-up over; settling to measure the idle point\n");
        std::fflush(stdout);
        quiesce([this, totalMs] {
            m_warmRss = rssKb(m_pid);
            m_warmFds = test::procFdCount(m_pid);
            m_warmFdKinds = fdKinds(m_pid);
            std::printf("soak: idle after warm-up (minute %.1f): RSS %.1f MiB, %d fds\n",
                        double(m_clock.elapsed()) / 60000.0, double(m_warmRss) / 1024.0, m_warmFds);
            std::fflush(stdout);
            setLoad(true);
            QTimer::singleShot(qMax<qint64>(0, totalMs - m_clock.elapsed()), this, [this] {
                std::printf("soak: load over; settling to measure the idle point\n");
                std::fflush(stdout);
                quiesce([this] {
                    m_endRss = rssKb(m_pid);
                    m_endFds = test::procFdCount(m_pid);
                    m_endFdKinds = fdKinds(m_pid);
                    finish();
                });
            });
        });
    });
    QCoreApplication::exec();
    return verdict();
}

int Soak::verdict()
{
    const bool aliveAtEnd = m_serve.state() == QProcess::Running && !m_crashed;
    // Whatever a fault kept in the journal is delivered before the daemon is stopped.
    QJsonObject status;
    if (aliveAtEnd) {
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 180000) {
            QLocalSocket probe;
            probe.connectToServer(m_home.runtimeDir() + u"/utter.sock"_s);
            if (probe.waitForConnected(2000)) {
                probe.write(jsonrpc::request(1, u"status.get"_s));
                if (probe.waitForReadyRead(5000))
                    status = jsonrpc::parse(probe.readLine().trimmed()).result.toObject();
            }
            if (status.value(u"pendingJobs"_s).toInt(-1) == 0 && status.value(u"state"_s).toString() == u"idle"_s)
                break;
            QThread::msleep(1000);
        }
    }
    const int pendingJobs = status.value(u"pendingJobs"_s).toInt(-1);
    const int deadJobs = status.value(u"deadJobs"_s).toInt(-1);
    if (aliveAtEnd) {
        QElapsedTimer stopping;
        stopping.start();
        ::kill(pid_t(m_pid), SIGTERM);
        m_serve.waitForFinished(60000);
        m_exitSeconds = double(stopping.elapsed()) / 1000.0;
        m_exitNormal = m_serve.state() == QProcess::NotRunning && m_serve.exitStatus() == QProcess::NormalExit;
        m_exitCode = m_serve.exitCode();
        if (m_serve.state() != QProcess::NotRunning) {
            m_serve.kill();
            m_serve.waitForFinished(5000);
        }
    }

    // History: every dictation once, with its text.
    QHash<QString, int> perSession;
    QMap<QString, int> historyTexts;
    int historyRows = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"soak"_s);
        db.setDatabaseName(m_home.dataDir() + u"/history.sqlite"_s);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(u"SELECT session_id, raw_text FROM entries"_s)) {
                while (query.next()) {
                    ++historyRows;
                    ++perSession[query.value(0).toString()];
                    ++historyTexts[query.value(1).toString()];
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"soak"_s);
    QMap<QString, int> expectedTexts;
    for (const QString& text : std::as_const(m_expectedHistory))
        ++expectedTexts[text];
    int lost = 0;
    int duplicated = 0;
    for (const QString& session : std::as_const(m_dictationSessions)) {
        const int n = perSession.value(session);
        if (n == 0)
            ++lost;
        else if (n > 1)
            duplicated += n - 1;
        const int finals = int(m_finals.value(session).size());
        if (finals == 0) {
            error(u"dictation %1: no transcript.final event"_s.arg(session));
        }
    }
    int wrongText = 0;
    for (auto it = expectedTexts.cbegin(); it != expectedTexts.cend(); ++it)
        wrongText += qMax(0, it.value() - historyTexts.value(it.key()));
    const int unexpectedRows = historyRows - int(m_expectedHistory.size());
    for (auto it = m_finals.cbegin(); it != m_finals.cend(); ++it) {
        if (!m_dictationSessions.contains(it.key()))
            error(u"a final for a session nobody dictated: %1 \"%2\""_s.arg(it.key(), it.value().join(u" | "_s)));
    }

    // Time series summary after warm-up.
    qint64 peakRss = 0;
    int fdMin = INT_MAX;
    int fdMax = 0;
    for (const Sample& s : m_samples) {
        if (s.minute < m_config.warmupMinutes)
            continue;
        peakRss = qMax(peakRss, s.rss);
        fdMin = qMin(fdMin, s.fds);
        fdMax = qMax(fdMax, s.fds);
    }
    const double growth =
        m_warmRss > 0 && m_endRss > 0 ? 100.0 * double(m_endRss - m_warmRss) / double(m_warmRss) : 1e9;
    const bool rssOk = growth <= m_config.rssLimitPercent;
    const bool fdsOk = m_warmFds > 0 && m_endFds > 0 && m_endFds - m_warmFds <= m_config.fdTolerance;
    const bool crashOk = aliveAtEnd && m_exitNormal && m_exitCode == 0;
    const bool transcriptsOk = lost == 0 && duplicated == 0 && wrongText == 0 && unexpectedRows == 0 &&
                               g.lostUploads == 0 && pendingJobs == 0 && deadJobs == 0;
    const bool errorsOk = g.errors == 0;

    std::printf("\nsoak summary (%.1f min, %.1f min warm-up)\n", m_config.minutes, m_config.warmupMinutes);
    std::printf("  load: %lld uploads answered with the right text, %lld refused with 503 and sent again, %lld "
                "hostile/malformed requests, %lld IPC status.get, %lld followers (%lld events), %lld idle streams "
                "(%lld pongs), %lld provider faults\n",
                g.uploadsOk, g.uploadsRefused, g.hostile, g.ipcCalls, g.followers, g.followerEvents, g.streams, g.pongs,
                g.faults);
    std::printf("  dictations: %lld from the microphone, %lld through WebSocket streams, %d finals later than 120 s\n",
                g.micDictations, g.wsDictations, m_late);
    std::printf("  transcripts: history %d rows for %lld dictations; lost %d, duplicated %d, wrong text %d, "
                "unexpected rows %d; uploads lost or wrong %lld; journal at the end: %d pending, %d dead\n",
                historyRows, qint64(m_expectedHistory.size()), lost, duplicated, wrongText, unexpectedRows,
                g.lostUploads, pendingJobs, deadJobs);
    std::printf("  RSS: start %.1f MiB; idle after warm-up %.1f MiB → idle at the end %.1f MiB (%+.2f %%, limit "
                "%.0f %%); peak under load after warm-up %.1f MiB\n",
                double(m_startRss) / 1024.0, double(m_warmRss) / 1024.0, double(m_endRss) / 1024.0, growth,
                m_config.rssLimitPercent, double(peakRss) / 1024.0);
    std::printf("  fds: start %d; idle after warm-up %d → idle at the end %d (tolerance +%d); under load %d–%d\n",
                m_startFds, m_warmFds, m_endFds, m_config.fdTolerance, fdMin == INT_MAX ? 0 : fdMin, fdMax);
    QStringList fdChanges;
    for (const QString& kind : QSet<QString>(m_warmFdKinds.keyBegin(), m_warmFdKinds.keyEnd()) +
                                   QSet<QString>(m_endFdKinds.keyBegin(), m_endFdKinds.keyEnd())) {
        if (m_warmFdKinds.value(kind) != m_endFdKinds.value(kind))
            fdChanges << u"%1 %2 → %3"_s.arg(kind).arg(m_warmFdKinds.value(kind)).arg(m_endFdKinds.value(kind));
    }
    fdChanges.sort();
    if (!fdChanges.isEmpty())
        std::printf("  fds that differ between the idle points: %s\n", qPrintable(fdChanges.join(u"; "_s)));
    std::printf("  daemon: %s; SIGTERM → exit code %d (%s) after %.1f s\n", aliveAtEnd ? "alive throughout" : "DIED",
                m_exitCode, m_exitNormal ? "normal exit" : "crashed/killed", m_exitSeconds);
    std::printf("  errors: %lld\n", g.errors);
    for (const QString& line : std::as_const(g.errorLog))
        std::printf("    %s\n", qPrintable(line));
    const bool pass = rssOk && fdsOk && crashOk && transcriptsOk && errorsOk;
    std::printf("verdict: %s (RSS %s, fds %s, crashes %s, transcripts %s, errors %s)\n", pass ? "PASS" : "FAIL",
                rssOk ? "ok" : "FAIL", fdsOk ? "ok" : "FAIL", crashOk ? "ok" : "FAIL", transcriptsOk ? "ok" : "FAIL",
                errorsOk ? "ok" : "FAIL");
    if (!pass || m_config.keep) {
        m_home.keep();
        std::printf("home kept for inspection: %s (serve-stderr.log, logs/)\n", qPrintable(m_home.path()));
    }
    std::fflush(stdout);
    return pass ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Soak run of `utter --headless serve` under mixed load (issue 15)."_s);
    parser.addHelpOption();
    parser.addOption({u"minutes"_s, u"How long (default 30)."_s, u"M"_s, u"30"_s});
    parser.addOption(
        {u"warmup-minutes"_s, u"Warm-up before the RSS/fd baseline (default 3, at most a third)."_s, u"M"_s, u"3"_s});
    parser.addOption({u"sample-seconds"_s, u"RSS/fd sampling interval (default 10)."_s, u"S"_s, u"10"_s});
    parser.addOption({u"fault-every"_s, u"Seconds between provider faults (default 12)."_s, u"S"_s, u"12"_s});
    parser.addOption({u"seed"_s, u"Random seed (default 1)."_s, u"N"_s, u"1"_s});
    parser.addOption({u"keep"_s, u"Keep the private home (logs, history) even when the run passes."_s});
    parser.process(app);
    Config config;
    config.minutes = qMax(0.5, parser.value(u"minutes"_s).toDouble());
    config.warmupMinutes = qBound(0.1, parser.value(u"warmup-minutes"_s).toDouble(), config.minutes / 3);
    config.sampleSeconds = qMax(1, parser.value(u"sample-seconds"_s).toInt());
    config.faultEverySeconds = qMax(1, parser.value(u"fault-every"_s).toInt());
    config.keep = parser.isSet(u"keep"_s);
    rng().seed(parser.value(u"seed"_s).toUInt());
    Soak soak(config);
    return soak.run();
}
