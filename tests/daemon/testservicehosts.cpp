// The dictation service has two hosts — the desktop app (`utter`) and the daemon (`utter --headless serve`) — built
// by one composition root (ServiceHost). This test runs both as real processes, the desktop app on the test
// services' X server, reads each one's method registry over its control socket, calls every method with valid
// params in the same order on both, and compares the answers: every IPC method one host answers, the other answers
// the same way (docs/daemon.md). The desktop app's own front-end method (ui.show) is the one difference.
#include "doubletestutil.h"
#include "ipc/jsonrpc.h"
#include "servefixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

// Methods only the desktop app has: front-end methods for its windows (serve has none).
const QStringList kDesktopOnly{u"ui.show"_s};

// One call of the sequence both hosts get, in this order. service.shutdown comes last.
struct Call
{
    QString method;
    QJsonObject params;
};

// The answer to one call.
struct Answer
{
    bool ok = false;
    QJsonValue result;
    int errorCode = 0;
    QString errorMessage;

    QString describe() const
    {
        return ok ? QString::fromUtf8(QJsonDocument(QJsonObject{{u"result"_s, result}}).toJson(QJsonDocument::Compact))
                  : u"error %1: %2"_s.arg(errorCode).arg(errorMessage);
    }
};

// Keys of a status that depend on the moment, not on the host: the session id exists only while a dictation is
// under way, the last error only after one failed.
const QStringList kMomentaryKeys{u"session"_s, u"lastError"_s, u"reason"_s};

QStringList shape(const QJsonValue& value)
{
    if (!value.isObject())
        return {};
    QStringList keys = value.toObject().keys();
    for (const QString& key : kMomentaryKeys)
        keys.removeAll(key);
    return keys;
}

// An asynchronous JSON-RPC client: this thread's event loop keeps running while it waits, so the provider double
// in this process answers the host's requests.
class AsyncClient final
{
public:
    bool open(const QString& path)
    {
        m_socket.connectToServer(path);
        return QTest::qWaitFor([this] { return m_socket.state() == QLocalSocket::ConnectedState; }, 5000);
    }

    Answer call(const QString& method, const QJsonObject& params, int timeoutMs = 60000)
    {
        const int id = ++m_lastId;
        const QJsonObject request{
            {u"jsonrpc"_s, u"2.0"_s}, {u"id"_s, id}, {u"method"_s, method}, {u"params"_s, params}};
        m_socket.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
        QJsonObject reply;
        const bool answered = QTest::qWaitFor(
            [&] {
                m_buffer += m_socket.readAll();
                qsizetype newline = 0;
                while ((newline = m_buffer.indexOf('\n')) >= 0) {
                    const QJsonObject line = QJsonDocument::fromJson(m_buffer.left(newline)).object();
                    m_buffer.remove(0, newline + 1);
                    if (line.value(u"id"_s).toInt() == id) { // notifications have no id
                        reply = line;
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        Answer answer;
        if (!answered) {
            answer.errorMessage = u"no answer within %1 ms"_s.arg(timeoutMs);
            return answer;
        }
        answer.ok = reply.contains(u"result"_s);
        answer.result = reply.value(u"result"_s);
        answer.errorCode = reply.value(u"error"_s).toObject().value(u"code"_s).toInt();
        answer.errorMessage = reply.value(u"error"_s).toObject().value(u"message"_s).toString();
        return answer;
    }

    // The host's method registry: the -32601 answer lists every registered method.
    QStringList methods()
    {
        const Answer unknown = call(u"no.such.method"_s, {}, 10000);
        if (unknown.errorCode != jsonrpc::MethodNotFound)
            return {};
        static const QRegularExpression list(u"known methods: ([^ ].*)\\.$"_s);
        const QRegularExpressionMatch match = list.match(unknown.errorMessage);
        QStringList names = match.captured(1).split(u", "_s, Qt::SkipEmptyParts);
        names.sort();
        return names;
    }

private:
    QLocalSocket m_socket;
    QByteArray m_buffer;
    int m_lastId = 0;
};

} // namespace

class TestServiceHosts final : public QObject
{
    Q_OBJECT

private:
    struct Host
    {
        explicit Host(QString hostName)
            : name(std::move(hostName))
        {}
        ~Host()
        {
            if (process.state() != QProcess::NotRunning) { // a failed check: no host outlives the test
                process.kill();
                process.waitForFinished(5000);
            }
        }
        Q_DISABLE_COPY_MOVE(Host)

        QString name;
        test::TestHome home;
        QProcess process;
        AsyncClient client;
    };

    QProcessEnvironment environmentFor(const test::TestHome& home) const
    {
        QProcessEnvironment env = home.environment();
        env.insert(u"UTTER_TRANSCRIBE_URL"_s, m_provider.baseUrl() + u"/openai/v1"_s);
        env.insert(u"GROQ_API_KEY"_s, u"gsk_test_groq_key_0123456789"_s);
        env.insert(u"UTTER_TRANSFORM_URL"_s, m_provider.baseUrl());
        env.insert(u"DEEPSEEK_API_KEY"_s, u"sk-test-deepseek-key-0123"_s);
        env.insert(u"UTTER_NETWORK_PROBE"_s, u"1"_s); // reachability by probing the double
        return env;
    }

    // Starts the host and waits until its control socket answers.
    bool start(Host& host, const QStringList& args, QProcessEnvironment env)
    {
        // No first-run assistant in the desktop app: it would only cover the screen.
        if (test::runUtter({u"config"_s, u"set"_s, u"ui/onboardingDone"_s, u"true"_s}, env).exitCode != 0)
            return false;
        host.process.setProcessEnvironment(env);
        host.process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        host.process.start(test::utterBinary(), args);
        if (!host.process.waitForStarted(10000))
            return false;
        const QString socket = host.home.runtimeDir() + u"/utter.sock"_s;
        return QTest::qWaitFor(
                   [&] {
                       if (host.process.state() != QProcess::Running)
                           return true;
                       QLocalSocket probe;
                       probe.connectToServer(socket);
                       return probe.waitForConnected(100);
                   },
                   20000) &&
               host.process.state() == QProcess::Running && host.client.open(socket);
    }

    test::ProviderDouble m_provider;
    QString m_audioFile; // a spoken sentence the double knows, for transcribe.file
    QTemporaryDir m_files;

private slots:
    void initTestCase()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        QVERIFY(m_provider.start() > 0);
        m_provider.setFixtures(*clips);
        m_audioFile = m_files.filePath(u"sentence.wav"_s);
        QFile wav(m_audioFile);
        QVERIFY(wav.open(QIODevice::WriteOnly));
        wav.write(test::writeWav(clips->at(0).pcm, 16000));
    }

    void bothHostsAnswerEveryMethodAlike()
    {
        if (qEnvironmentVariableIsEmpty("DISPLAY")) {
            if (qEnvironmentVariable("UTTER_TEST_SERVICES") == u"1"_s)
                QFAIL("no X server: tests/with-services.sh starts one");
            QSKIP("the desktop app needs an X server (run under tests/with-services.sh)");
        }
        Host desktop(u"desktop app"_s);
        Host serve(u"serve"_s);

        QProcessEnvironment desktopEnv = environmentFor(desktop.home);
        desktopEnv.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
        QVERIFY2(start(desktop, {}, desktopEnv), "the desktop app did not start");
        // The daemon as a supervisor runs it on a server: no display at all.
        QProcessEnvironment serveEnv = environmentFor(serve.home);
        serveEnv.remove(u"DISPLAY"_s);
        serveEnv.remove(u"WAYLAND_DISPLAY"_s);
        QVERIFY2(start(serve, QStringList{u"--headless"_s, u"serve"_s} + test::ServeProcess::rootArgs(), serveEnv),
                 "serve did not start");

        const QStringList desktopMethods = desktop.client.methods();
        const QStringList serveMethods = serve.client.methods();
        QVERIFY2(!serveMethods.isEmpty() && !desktopMethods.isEmpty(), "no method registry in the -32601 answer");
        QStringList sharedByDesktop = desktopMethods;
        for (const QString& method : kDesktopOnly) {
            QVERIFY2(desktopMethods.contains(method), qPrintable(method));
            sharedByDesktop.removeAll(method);
        }
        QCOMPARE(sharedByDesktop, serveMethods);

        // Every method with valid params, in an order that leaves the state comparable.
        const QList<Call> sequence{
            {u"health"_s, {}},
            {u"status.get"_s, {}},
            {u"status.subscribe"_s, {}},
            {u"history.last"_s, {}},
            {u"history.search"_s, {{u"query"_s, u""_s}, {u"limit"_s, 5}}},
            {u"transform.text"_s,
             {{u"text"_s, u"so um please send me the the report by friday thanks a lot"_s}, {u"style"_s, u"clean"_s}}},
            {u"transcribe.file"_s, {{u"path"_s, m_audioFile}}},
            {u"dictation.begin"_s, {}},
            {u"dictation.cancel"_s, {}},
            // (the test waits here until the cancelled dictation's capture has ended: idle again)
            {u"dictation.toggle"_s, {}},
            {u"dictation.end"_s, {}},
            {u"ui.show"_s, {{u"window"_s, u"history"_s}}},
            {u"service.shutdown"_s, {}},
        };
        QStringList covered;
        for (const Call& call : sequence)
            covered << call.method;
        for (const QString& method : desktopMethods + serveMethods)
            QVERIFY2(covered.contains(method), qPrintable(u"%1 is registered but this test has no valid call for it: "
                                                          "add one to the sequence"_s.arg(method)));

        for (const Call& call : sequence) {
            if (call.method == u"dictation.toggle"_s) {
                // A cancelled dictation ends when its capture has stopped; then each host is idle again, and a
                // toggle starts a new one (before, the service stayed "listening" with nothing recording).
                for (Host* host : {&desktop, &serve}) {
                    QString state;
                    QVERIFY2(QTest::qWaitFor(
                                 [&] {
                                     state = host->client.call(u"status.get"_s, {}).result[u"state"_s].toString();
                                     return state == u"idle"_s;
                                 },
                                 10000),
                             qPrintable(host->name + u" stays "_s + state + u" after a cancel"_s));
                }
            }
            const Answer fromDesktop = desktop.client.call(call.method, call.params);
            if (kDesktopOnly.contains(call.method)) {
                QVERIFY2(fromDesktop.ok, qPrintable(call.method + u": "_s + fromDesktop.describe()));
                continue;
            }
            const Answer fromServe = serve.client.call(call.method, call.params);
            const QString both =
                call.method + u"\n  desktop app: "_s + fromDesktop.describe() + u"\n  serve: "_s + fromServe.describe();
            // Answered by the service, in both hosts: neither unknown nor "not built".
            for (const Answer* answer : {&fromDesktop, &fromServe}) {
                QVERIFY2(answer->ok || (answer->errorCode != jsonrpc::MethodNotFound &&
                                        answer->errorCode != jsonrpc::NotBuilt && answer->errorCode != 0),
                         qPrintable(both));
            }
            QVERIFY2(fromDesktop.ok == fromServe.ok, qPrintable(both));
            if (!fromDesktop.ok) {
                QVERIFY2(fromDesktop.errorCode == fromServe.errorCode, qPrintable(both));
                continue;
            }
            QVERIFY2(fromDesktop.result.type() == fromServe.result.type(), qPrintable(both));
            QVERIFY2(shape(fromDesktop.result) == shape(fromServe.result), qPrintable(both));
            if (call.method == u"transform.text"_s) {
                // The style provider really ran in both (the double's chat endpoint), with the same text back.
                QVERIFY2(fromDesktop.result[u"transformed"_s].toBool(), qPrintable(both));
                QCOMPARE(fromDesktop.result[u"text"_s], fromServe.result[u"text"_s]);
            } else if (call.method == u"transcribe.file"_s) {
                QVERIFY2(!fromDesktop.result[u"text"_s].toString().isEmpty(), qPrintable(both));
                QCOMPARE(fromDesktop.result[u"text"_s], fromServe.result[u"text"_s]);
            } else if (call.method == u"history.search"_s) {
                QCOMPARE(fromDesktop.result[u"entries"_s].toArray().size(),
                         fromServe.result[u"entries"_s].toArray().size());
            } else if (call.method == u"dictation.begin"_s || call.method == u"dictation.toggle"_s) {
                QCOMPARE(fromDesktop.result[u"state"_s].toString(), u"listening"_s);
                QCOMPARE(fromServe.result[u"state"_s].toString(), u"listening"_s);
            }
        }
        // Both stop cleanly (this event loop keeps running: work still in flight may reach the provider double).
        for (Host* host : {&desktop, &serve}) {
            QVERIFY2(QTest::qWaitFor([host] { return host->process.state() == QProcess::NotRunning; }, 15000),
                     qPrintable(host->name));
            QVERIFY2(host->process.exitStatus() == QProcess::NormalExit && host->process.exitCode() == 0,
                     qPrintable(host->name));
        }
    }

    void bothHostsFollowTheSettingsFile()
    {
        // Issue 18, defect 3: a setting changed by `utter config set` (another process) is in effect at once in
        // both hosts — the mode decides what the very next key press does, so it may not wait for a dictation.
        if (qEnvironmentVariableIsEmpty("DISPLAY")) {
            if (qEnvironmentVariable("UTTER_TEST_SERVICES") == u"1"_s)
                QFAIL("no X server: tests/with-services.sh starts one");
            QSKIP("the desktop app needs an X server (run under tests/with-services.sh)");
        }
        // One host after the other (they share the virtual microphone).
        for (const bool desktopApp : {true, false}) {
            Host host(desktopApp ? u"desktop app"_s : u"serve"_s);
            QProcessEnvironment env = environmentFor(host.home);
            if (desktopApp) {
                env.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
            } else { // as a supervisor runs it: no display
                env.remove(u"DISPLAY"_s);
                env.remove(u"WAYLAND_DISPLAY"_s);
            }
            QVERIFY2(start(host,
                           desktopApp ? QStringList{}
                                      : QStringList{u"--headless"_s, u"serve"_s} + test::ServeProcess::rootArgs(),
                           env),
                     qPrintable(host.name + u" did not start"_s));
            QCOMPARE(host.client.call(u"status.get"_s, {}).result[u"mode"_s].toString(), u"push-to-talk"_s);
            for (const auto& [key, value] :
                 {std::pair{u"general/mode"_s, u"toggle"_s}, std::pair{u"general/style"_s, u"clean"_s}}) {
                const test::UtterRun set = test::runUtter({u"config"_s, u"set"_s, key, value}, env);
                QVERIFY2(set.exitCode == 0, set.err.constData());
            }
            QTRY_COMPARE_WITH_TIMEOUT(host.client.call(u"status.get"_s, {}).result[u"mode"_s].toString(), u"toggle"_s,
                                      5000);
            QTRY_COMPARE_WITH_TIMEOUT(host.client.call(u"status.get"_s, {}).result[u"style"_s].toString(), u"clean"_s,
                                      5000);
            // The idle microphone (audio/keepOpen, off by default: docs/audio.md, "Idle microphone") and the pre-roll
            // reopen the input at once when no dictation records: open between dictations only with both, closed as
            // soon as either goes.
            const auto microphone = [&host] {
                return host.client.call(u"status.get"_s, {}).result[u"microphone"_s].toString();
            };
            const auto set = [&env](const QString& key, const QString& value) {
                return test::runUtter({u"config"_s, u"set"_s, key, value}, env).exitCode == 0;
            };
            QVERIFY(set(u"audio/preRollMs"_s, u"300"_s));
            QVERIFY(set(u"audio/keepOpen"_s, u"true"_s));
            QTRY_VERIFY_WITH_TIMEOUT(!microphone().isEmpty(), 10000);
            QVERIFY(set(u"audio/preRollMs"_s, u"0"_s));
            QTRY_VERIFY_WITH_TIMEOUT(microphone().isEmpty(), 10000);
            QVERIFY(set(u"audio/preRollMs"_s, u"300"_s));
            QTRY_VERIFY_WITH_TIMEOUT(!microphone().isEmpty(), 10000);
            QVERIFY(set(u"audio/keepOpen"_s, u"false"_s));
            QTRY_VERIFY_WITH_TIMEOUT(microphone().isEmpty(), 10000);
            QVERIFY(host.client.call(u"service.shutdown"_s, {}).ok);
            QVERIFY2(QTest::qWaitFor([&host] { return host.process.state() == QProcess::NotRunning; }, 15000),
                     qPrintable(host.name));
            QVERIFY2(host.process.exitStatus() == QProcess::NormalExit && host.process.exitCode() == 0,
                     qPrintable(host.name));
        }
    }
};

QTEST_MAIN(TestServiceHosts)
#include "testservicehosts.moc"
