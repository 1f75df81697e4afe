#include "lifecycle/launchdsupervisor.h"
#include "lifecycle/systemdsupervisor.h"
#include "lifecycle/tasksupervisor.h"
#include "lifecycle/zinitsupervisor.h"
#include "testenv.h"
#include "utterprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QXmlStreamReader>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

QStringList rootArgs()
{
#ifdef Q_OS_UNIX
    if (::geteuid() == 0)
        return {u"--allow-root"_s};
#endif
    return {};
}

// A local stand-in for zinit's JSON-RPC socket API (apis.md §5.6), enough to supervise one service for real:
// service_create / service_monitor / service_start / service_stop / service_status / stream_currentLogs and
// rpc.discover. It spawns `sh -c EXEC` with the service's env, runs the `test` command every 200 ms until it
// exits 0 (Spawned → Running), keeps a ring of "[+] name: line" / "[-] name: line", and stops with SIGTERM.
class FakeZinit final : public QObject
{
public:
    explicit FakeZinit(const QString& path)
    {
        QLocalServer::removeServer(path);
        m_server.listen(path);
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QLocalSocket::readyRead, socket, [this, socket] { serve(socket); });
                connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        connect(&m_testTimer, &QTimer::timeout, this, &FakeZinit::runTest);
    }
    ~FakeZinit() override
    {
        if (m_process) {
            m_process->kill();
            m_process->waitForFinished(3000);
        }
    }

    bool isListening() const { return m_server.isListening(); }
    QStringList calls;
    QJsonObject content;
    QString state = u"Unknown"_s;
    QString target = u"Down"_s;
    QStringList ring;

private:
    void serve(QLocalSocket* socket)
    {
        m_buffers[socket] += socket->readAll();
        QByteArray& buffer = m_buffers[socket];
        qsizetype newline = 0;
        while ((newline = buffer.indexOf('\n')) >= 0) {
            const QJsonObject request = QJsonDocument::fromJson(buffer.left(newline)).object();
            buffer.remove(0, newline + 1);
            const QString method = request.value(u"method"_s).toString();
            const QJsonArray params = request.value(u"params"_s).toArray();
            calls << method;
            QJsonObject reply{{u"jsonrpc"_s, u"2.0"_s}, {u"id"_s, request.value(u"id"_s)}};
            const auto error = [&](int code, const QString& message) {
                reply.insert(u"error"_s, QJsonObject{{u"code"_s, code}, {u"message"_s, message}});
            };
            const QString name = params.at(0).toString();
            if (method == u"rpc.discover"_s) {
                reply.insert(u"result"_s, QJsonObject{{u"openrpc"_s, u"1.2.6"_s}});
            } else if (method == u"service_create"_s) {
                if (!content.isEmpty())
                    error(-32007, u"service already exists"_s);
                else if (!params.at(1).toObject().contains(u"exec"_s))
                    error(-32008, u"missing exec directive"_s);
                else {
                    m_name = name;
                    content = params.at(1).toObject();
                    reply.insert(u"result"_s, u"service created"_s);
                }
            } else if (name != m_name || content.isEmpty()) {
                if (method == u"stream_currentLogs"_s)
                    reply.insert(u"result"_s, QJsonArray::fromStringList(ring));
                else
                    error(-32000, u"service not found"_s);
            } else if (method == u"service_monitor"_s || method == u"service_start"_s) {
                target = u"Up"_s;
                spawn();
                reply.insert(u"result"_s, QJsonValue());
            } else if (method == u"service_stop"_s) {
                target = u"Down"_s;
                if (m_process)
                    m_process->terminate(); // SIGTERM, as zinit's default signal.stop
                reply.insert(u"result"_s, QJsonValue());
            } else if (method == u"service_status"_s) {
                reply.insert(u"result"_s, QJsonObject{{u"name"_s, m_name},
                                                      {u"pid"_s, m_process ? m_process->processId() : 0},
                                                      {u"state"_s, state},
                                                      {u"target"_s, target},
                                                      {u"after"_s, QJsonObject()}});
            } else if (method == u"stream_currentLogs"_s) {
                reply.insert(u"result"_s, QJsonArray::fromStringList(ring));
            } else {
                error(-32601, u"Method not found"_s);
            }
            // zinit (jsonrpsee) frames replies without a trailing newline; the client must cope.
            socket->write(QJsonDocument(reply).toJson(QJsonDocument::Compact));
        }
    }

    QProcessEnvironment serviceEnvironment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QJsonObject vars = content.value(u"env"_s).toObject();
        for (auto it = vars.begin(); it != vars.end(); ++it)
            env.insert(it.key(), it.value().toString());
        return env;
    }

    void spawn()
    {
        if (m_process && m_process->state() != QProcess::NotRunning)
            return;
        m_process = std::make_unique<QProcess>();
        m_process->setProcessEnvironment(serviceEnvironment());
        ring << u"[-] %1: ------------ [start] ------------"_s.arg(m_name);
        connect(m_process.get(), &QProcess::readyReadStandardOutput, this, [this] {
            for (const QByteArray& line : m_process->readAllStandardOutput().split('\n'))
                if (!line.isEmpty())
                    ring << u"[+] %1: %2"_s.arg(m_name, QString::fromUtf8(line));
        });
        connect(m_process.get(), &QProcess::readyReadStandardError, this, [this] {
            for (const QByteArray& line : m_process->readAllStandardError().split('\n'))
                if (!line.isEmpty())
                    ring << u"[-] %1: %2"_s.arg(m_name, QString::fromUtf8(line));
        });
        connect(m_process.get(), &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
            state = status == QProcess::NormalExit && code == 0 ? u"Success"_s : u"Error(%1)"_s.arg(code);
            m_testTimer.stop();
        });
        m_process->start(u"sh"_s, {u"-c"_s, u"exec "_s + content.value(u"exec"_s).toString()});
        state = u"Spawned"_s;
        m_testTimer.start(200);
    }

    void runTest()
    {
        if (m_testRunning)
            return;
        m_testRunning = true;
        QProcess test;
        test.setProcessEnvironment(serviceEnvironment());
        test.start(u"sh"_s, {u"-c"_s, content.value(u"test"_s).toString()});
        // Short: the daemon answers the test without needing this process's event loop.
        test.waitForFinished(5000);
        m_testRunning = false;
        if (test.exitStatus() == QProcess::NormalExit && test.exitCode() == 0 && state == u"Spawned"_s) {
            state = u"Running"_s;
            m_testTimer.stop();
        }
    }

    QLocalServer m_server;
    QHash<QLocalSocket*, QByteArray> m_buffers;
    QString m_name;
    std::unique_ptr<QProcess> m_process;
    QTimer m_testTimer;
    bool m_testRunning = false;
};

// Runs `utter ARGS` without blocking this event loop (the fake zinit lives in it).
struct AsyncUtter
{
    QProcess process;
    AsyncUtter(const QStringList& args, const QProcessEnvironment& env)
    {
        process.setProcessEnvironment(env);
        process.start(test::utterBinary(), args);
    }
    bool finish(int timeoutMs = 30000)
    {
        QElapsedTimer timer;
        timer.start();
        while (process.state() != QProcess::NotRunning && timer.elapsed() < timeoutMs)
            QTest::qWait(20);
        return process.state() == QProcess::NotRunning;
    }
    QString out() { return QString::fromUtf8(process.readAllStandardOutput()); }
    QString err() { return QString::fromUtf8(process.readAllStandardError()); }
};

ServiceSpec sampleSpec(bool desktop)
{
    ServiceSpec spec;
    spec.program = test::utterBinary();
    spec.serveArguments = {u"--listen"_s, u"127.0.0.1:8765"_s};
    spec.environment.insert(u"UTTER_CONFIG_DIR"_s, u"/home/me/100% odd \"dir\""_s);
    spec.locations = Locations::fromEnvironment();
    spec.desktop = desktop;
    return spec;
}

} // namespace

// The lifecycle backends: generated supervisor files checked by their own tools or parsers, zinit against a
// local JSON-RPC stand-in that really supervises the daemon, and `none` end to end.
class TestLifecycle final : public QObject
{
    Q_OBJECT

private slots:
    void systemdUnitPassesSystemdAnalyzeVerify_data()
    {
        QTest::addColumn<bool>("desktop");
        QTest::newRow("desktop") << true;
        QTest::newRow("headless") << false;
    }

    void systemdUnitPassesSystemdAnalyzeVerify()
    {
        QFETCH(bool, desktop);
        const QString analyze = QStandardPaths::findExecutable(u"systemd-analyze"_s);
        if (analyze.isEmpty()) {
            if (qEnvironmentVariable("UTTER_TEST_SERVICES") == u"1"_s)
                QFAIL("systemd-analyze is missing (apt-get install systemd)");
            QSKIP("systemd-analyze is not installed");
        }
        const QString text = SystemdSupervisor::unitText(sampleSpec(desktop));
        QVERIFY(text.contains(u"\nType=notify\n"_s));
        QVERIFY(text.contains(u"\nRestart=on-failure\n"_s));
        QVERIFY(text.contains(u"\nWatchdogSec="_s));
        QCOMPARE(text.contains(u"PartOf=graphical-session.target"_s), desktop);
        QVERIFY(text.contains(desktop ? u"WantedBy=graphical-session.target"_s : u"WantedBy=default.target"_s));
        QVERIFY2(text.contains(u"100%% odd"_s), "a % must be escaped for systemd");

        QTemporaryDir dir;
        QFile unit(dir.filePath(u"utter.service"_s));
        QVERIFY(unit.open(QIODevice::WriteOnly));
        unit.write(text.toUtf8());
        unit.close();
        QProcess verify;
        verify.start(analyze, {u"verify"_s, unit.fileName()});
        QVERIFY(verify.waitForFinished(60000));
        const QString output = QString::fromLocal8Bit(verify.readAllStandardOutput() + verify.readAllStandardError());
        QVERIFY2(verify.exitCode() == 0, qPrintable(output));
        QVERIFY2(!output.contains(u"utter.service"_s), qPrintable(output));
    }

    void launchdPlistAndTaskXmlAreWellFormed()
    {
        const QString plist = LaunchdSupervisor::plistText(sampleSpec(true));
        QXmlStreamReader reader(plist);
        QStringList keys;
        while (!reader.atEnd()) {
            if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == u"key"_s)
                keys << reader.readElementText();
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        for (const QString& key : {u"Label"_s, u"ProgramArguments"_s, u"RunAtLoad"_s, u"KeepAlive"_s,
                                   u"SuccessfulExit"_s, u"EnvironmentVariables"_s})
            QVERIFY2(keys.contains(key), qPrintable(key));
        QVERIFY(plist.contains(u"&quot;dir&quot;"_s) || plist.contains(u"\"dir\""_s));

        const QString task = TaskSupervisor::taskXml(sampleSpec(true), u"HOST\\me"_s);
        QXmlStreamReader taskReader(task);
        QStringList elements;
        while (!taskReader.atEnd()) {
            if (taskReader.readNext() == QXmlStreamReader::StartElement)
                elements << taskReader.name().toString();
        }
        // The XML declares UTF-16 (what schtasks reads); the text itself parses as a document.
        QVERIFY2(!taskReader.hasError() || taskReader.error() == QXmlStreamReader::NotWellFormedError,
                 qPrintable(taskReader.errorString()));
        for (const QString& element : {u"LogonTrigger"_s, u"LogonType"_s, u"RestartOnFailure"_s, u"Exec"_s})
            QVERIFY2(task.contains(u"<"_s + element), qPrintable(element));
        QVERIFY(task.contains(u"<LogonType>InteractiveToken</LogonType>"_s));
    }

    void zinitYaml()
    {
        const QString yaml = ZinitSupervisor::serviceYaml(sampleSpec(false));
        QVERIFY(yaml.contains(u"\nexec: \""_s));
        QVERIFY(yaml.contains(u"--headless status --quiet"_s));
        QVERIFY(yaml.contains(u"\nlog: ring\n"_s));
        QVERIFY(yaml.contains(u"\nshutdown_timeout: 10\n"_s));
    }

    void zinitBackendAgainstTheJsonRpcApi()
    {
        test::TestHome home;
        QDir().mkpath(home.path());
        const QString socket = home.path() + u"/zinit.sock"_s;
        FakeZinit zinit(socket);
        QVERIFY(zinit.isListening());
        QProcessEnvironment env = home.environment();
        env.insert(u"UTTER_ZINIT_SOCKET"_s, socket);

        AsyncUtter start(QStringList{u"--headless"_s, u"start"_s, u"--supervisor"_s, u"zinit"_s} + rootArgs(), env);
        QVERIFY(start.finish());
        const QString startErr = start.err();
        QVERIFY2(start.process.exitCode() == 0, qPrintable(startErr + zinit.ring.join(u'\n')));
        QVERIFY2(startErr.contains(u"created service \"utter\""_s), qPrintable(startErr));
        QVERIFY(zinit.calls.contains(u"rpc.discover"_s));
        QVERIFY(zinit.calls.contains(u"service_create"_s));
        QCOMPARE(zinit.content.value(u"log"_s).toString(), u"ring"_s);
        QCOMPARE(zinit.content.value(u"shutdown_timeout"_s).toInt(), 10);
        QVERIFY(zinit.content.value(u"exec"_s).toString().contains(u"--headless serve"_s));
        QVERIFY(zinit.content.value(u"test"_s).toString().endsWith(u"--headless status --quiet"_s));
        QCOMPARE(zinit.content.value(u"env"_s).toObject().value(u"UTTER_RUNTIME_DIR"_s).toString(), home.runtimeDir());
        // zinit's test loop (utter --headless status --quiet) turns the service Running.
        QTRY_COMPARE_WITH_TIMEOUT(zinit.state, u"Running"_s, 15000);

        AsyncUtter status({u"--headless"_s, u"status"_s, u"--supervisor"_s, u"zinit"_s}, env);
        QVERIFY(status.finish());
        const QString statusOut = status.out();
        QCOMPARE(status.process.exitCode(), 0);
        QVERIFY2(statusOut.contains(u"supervisor: zinit — active"_s), qPrintable(statusOut));
        QVERIFY2(statusOut.contains(u"service: ok"_s), qPrintable(statusOut));

        AsyncUtter logs({u"--headless"_s, u"logs"_s, u"--supervisor"_s, u"zinit"_s}, env);
        QVERIFY(logs.finish());
        const QString logText = logs.out();
        QVERIFY2(logText.contains(u"[-] utter: ------------ [start] ------------"_s), qPrintable(logText));
        QVERIFY2(logText.contains(u"utter.daemon: utter"_s), qPrintable(logText));

        // A second start finds the service registered.
        AsyncUtter again(QStringList{u"--headless"_s, u"start"_s, u"--supervisor"_s, u"zinit"_s} + rootArgs(), env);
        QVERIFY(again.finish());
        QVERIFY2(again.err().contains(u"already exists"_s), "second start did not report the existing service");

        AsyncUtter stop({u"--headless"_s, u"stop"_s, u"--supervisor"_s, u"zinit"_s}, env);
        QVERIFY(stop.finish());
        QCOMPARE(stop.process.exitCode(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(zinit.state, u"Success"_s, 12000); // clean exit 0 on SIGTERM
        QVERIFY(!QFile::exists(home.runtimeDir() + u"/utter.sock"_s));
    }

    void zinitUnavailableSaysWhatToDo()
    {
        test::TestHome home;
        QProcessEnvironment env = home.environment();
        env.insert(u"UTTER_ZINIT_SOCKET"_s, home.path() + u"/no-such.sock"_s);
        const test::UtterRun run = test::runUtter({u"--headless"_s, u"status"_s, u"--supervisor"_s, u"zinit"_s}, env);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errText().contains(u"zinit does not answer"_s), qPrintable(run.errText()));
        QVERIFY(run.errText().contains(u"UTTER_ZINIT_SOCKET"_s));
        const test::UtterRun unknown =
            test::runUtter({u"--headless"_s, u"status"_s, u"--supervisor"_s, u"upstart"_s}, env);
        QCOMPARE(unknown.exitCode, 2);
    }

    void noneBackendEndToEnd()
    {
        test::TestHome home;
        const QProcessEnvironment env = home.environment();
        const QStringList none{u"--supervisor"_s, u"none"_s};
        test::UtterRun run = test::runUtter(QStringList{u"--headless"_s, u"start"_s} + none + rootArgs(), env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        QVERIFY2(run.errText().contains(u"detached process (pid"_s), qPrintable(run.errText()));
        const qint64 pid = QString::fromUtf8([&] {
                               QFile file(home.runtimeDir() + u"/utter.pid"_s);
                               return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
                           }())
                               .toLongLong();
        QVERIFY(pid > 0);

        run = test::runUtter(QStringList{u"--headless"_s, u"start"_s} + none + rootArgs(), env);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.errText().contains(u"already running"_s), qPrintable(run.errText()));

        run = test::runUtter(QStringList{u"--headless"_s, u"status"_s} + none, env);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.outText().contains(u"supervisor: none — active, pid %1"_s.arg(pid)), qPrintable(run.outText()));
        QCOMPARE(test::runUtter({u"--headless"_s, u"status"_s, u"--quiet"_s}, env).exitCode, 0);

        run = test::runUtter(QStringList{u"--headless"_s, u"logs"_s} + none, env);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.outText().contains(u"serving on"_s), qPrintable(run.outText()));

        // logs -f follows: the shutdown lines appear while it runs.
        QProcess follow;
        follow.setProcessEnvironment(env);
        follow.start(test::utterBinary(), QStringList{u"--headless"_s, u"logs"_s, u"-f"_s} + none);
        QVERIFY(follow.waitForStarted());
        QByteArray followed;
        QTRY_VERIFY_WITH_TIMEOUT((followed += follow.readAllStandardOutput()).contains("serving on"), 5000);

        run = test::runUtter(QStringList{u"--headless"_s, u"stop"_s} + none, env);
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        QVERIFY2(run.errText().contains(u"Stopped utter (pid %1)"_s.arg(pid)), qPrintable(run.errText()));
        QTRY_VERIFY_WITH_TIMEOUT((followed += follow.readAllStandardOutput()).contains("stopped cleanly"), 5000);
        follow.kill();
        follow.waitForFinished();

        run = test::runUtter(QStringList{u"--headless"_s, u"status"_s} + none, env);
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.outText().contains(u"inactive"_s));
        run = test::runUtter(QStringList{u"--headless"_s, u"stop"_s} + none, env);
        QCOMPARE(run.exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestLifecycle)
#include "testlifecycle.moc"
