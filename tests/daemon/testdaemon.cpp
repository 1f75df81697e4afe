#include "ipc/ipcclient.h"
#include "ipc/jsonrpc.h"
#include "servefixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <sys/un.h>
#endif

using namespace Qt::Literals::StringLiterals;
using namespace utter;

// `utter --headless serve` and its clients through real processes: the CLI verbs, single instance, stale
// sockets, signals, the JSON-RPC protocol's error handling, and the systemd notify datagrams.
class TestDaemon final : public QObject
{
    Q_OBJECT

private:
    // A raw JSON-RPC connection: write lines, read parsed lines.
    struct RawClient
    {
        QLocalSocket socket;
        QByteArray buffer;

        bool open(const QString& path)
        {
            socket.connectToServer(path);
            return socket.waitForConnected(2000);
        }
        void send(const QByteArray& bytes)
        {
            socket.write(bytes);
            socket.waitForBytesWritten(2000);
        }
        QJsonObject next(int timeoutMs = 5000)
        {
            QElapsedTimer timer;
            timer.start();
            while (timer.elapsed() < timeoutMs) {
                const qsizetype newline = buffer.indexOf('\n');
                if (newline >= 0) {
                    const QByteArray line = buffer.left(newline);
                    buffer.remove(0, newline + 1);
                    return QJsonDocument::fromJson(line).object();
                }
                if (!socket.waitForReadyRead(100) && socket.state() != QLocalSocket::ConnectedState)
                    break;
                buffer += socket.readAll();
            }
            return {};
        }
    };

    test::UtterRun utter(const test::TestHome& home, const QStringList& args)
    {
        return test::runUtter(args, home.environment());
    }

private slots:
    void clientVerbsWithoutInstanceExit3()
    {
        test::TestHome home;
        for (const QString& verb : {u"toggle"_s, u"begin"_s, u"end"_s, u"cancel"_s, u"status"_s}) {
            const test::UtterRun run = utter(home, {verb});
            QCOMPARE(run.exitCode, 3);
            QVERIFY2(run.errText().contains(u"No Utter instance is running"_s), qPrintable(run.errText()));
            QVERIFY2(run.errText().contains(u"utter --headless start"_s), qPrintable(run.errText()));
        }
        QCOMPARE(utter(home, {u"status"_s, u"--quiet"_s}).exitCode, 3);
        QVERIFY(utter(home, {u"status"_s, u"--quiet"_s}).err.isEmpty());
    }

    void serveAndEveryClientVerb()
    {
        test::TestHome home;
        test::ServeProcess serve(home);
        QVERIFY2(serve.start(), serve.stderrText().constData());
        QVERIFY(QFile::exists(home.runtimeDir() + u"/utter.pid"_s));
        QCOMPARE(QFile(home.runtimeDir()).permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeOther),
                 QFile::Permissions());

        test::UtterRun run = utter(home, {u"status"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.outText().contains(u"pid %1"_s.arg(serve.pid())), qPrintable(run.outText()));

        run = utter(home, {u"status"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject status = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(status.value(u"pid"_s).toInteger(), serve.pid());
        QCOMPARE(status.value(u"service"_s).toString(), u"running"_s);
        QVERIFY(status.contains(u"state"_s));

        run = utter(home, {u"status"_s, u"--quiet"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.isEmpty());

        // Without the dictation pipeline the control verbs reach the daemon and say what is missing.
        for (const QString& verb : {u"toggle"_s, u"begin"_s, u"end"_s, u"cancel"_s}) {
            run = utter(home, {verb});
            QVERIFY2(run.exitCode == 0 || run.errText().contains(u"not built"_s),
                     qPrintable(verb + u": "_s + run.errText()));
            QVERIFY(run.exitCode != 3);
        }

        // health over IPC
        IpcClient client(serve.socketPath());
        QVERIFY(client.connectToServer().ok());
        const Result<QJsonValue> health = client.call(u"health"_s);
        QVERIFY(health.ok());
        QCOMPARE(health->toObject().value(u"status"_s).toString(), u"ok"_s);
        QVERIFY(health->toObject().contains(u"version"_s));
        QVERIFY(health->toObject().contains(u"pendingJobs"_s));
        QVERIFY(health->toObject().value(u"providers"_s).toObject().contains(u"transcribe"_s));

        // transform.text through the real style provider: the raw style and short texts make no call.
        const Result<QJsonValue> raw =
            client.call(u"transform.text"_s, {{u"text"_s, u"hello there"_s}, {u"style"_s, u"raw"_s}});
        QVERIFY2(raw.ok(), raw.ok() ? "" : qPrintable(raw.error().message));
        QCOMPARE(raw->toObject().value(u"text"_s).toString(), u"hello there"_s);
        QCOMPARE(raw->toObject().value(u"transformed"_s).toBool(), false);
        const Result<QJsonValue> unknown =
            client.call(u"transform.text"_s, {{u"text"_s, u"hello there"_s}, {u"style"_s, u"no-such-style"_s}});
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.error().message.contains(u"known styles"_s), qPrintable(unknown.error().message));
        QVERIFY(!client.call(u"transform.text"_s, {}).ok());
        // The history is real (SQLite in the test home): empty at first.
        const Result<QJsonValue> search = client.call(u"history.search"_s, {{u"query"_s, u"hello"_s}});
        QVERIFY2(search.ok(), search.ok() ? "" : qPrintable(search.error().message));
        QVERIFY(search->toObject().value(u"entries"_s).isArray());
        const Result<QJsonValue> last = client.call(u"history.last"_s);
        QVERIFY(last.ok());
        QVERIFY(last->isNull());
        const Result<QJsonValue> relative = client.call(u"transcribe.file"_s, {{u"path"_s, u"a.ogg"_s}});
        QVERIFY(!relative.ok());
        QVERIFY2(relative.error().message.contains(u"absolute"_s), qPrintable(relative.error().message));
    }

    void statusFollowStreamsUntilShutdown()
    {
        test::TestHome home;
        test::ServeProcess serve(home);
        QVERIFY(serve.start());
        QProcess follow;
        follow.setProcessEnvironment(home.environment());
        follow.start(test::utterBinary(), {u"status"_s, u"--follow"_s});
        QVERIFY(follow.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(follow.canReadLine() || follow.bytesAvailable() > 0, 5000);
        const QJsonObject first = QJsonDocument::fromJson(follow.readLine()).object();
        QCOMPARE(first.value(u"event"_s).toString(), u"status"_s);

        IpcClient client(serve.socketPath());
        QVERIFY(client.connectToServer().ok());
        QVERIFY(client.call(u"service.shutdown"_s).ok());
        QVERIFY(follow.waitForFinished(10000));
        QCOMPARE(follow.exitCode(), 0);
        QVERIFY2(follow.readAll().contains("\"event\":\"service.stopping\""), "follow did not see service.stopping");
        QVERIFY(serve.waitForExit(10000));
        QCOMPARE(serve.process()->exitCode(), 0);
        QVERIFY(!QFile::exists(serve.socketPath()));
    }

    void secondInstanceNamesTheFirst()
    {
        test::TestHome home;
        test::ServeProcess first(home);
        QVERIFY(first.start());
        const test::UtterRun second = test::runUtter(
            QStringList{u"--headless"_s, u"serve"_s} + test::ServeProcess::rootArgs(), home.environment());
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(second.errText().contains(u"already serving"_s), qPrintable(second.errText()));
        QVERIFY2(second.errText().contains(QString::number(first.pid())), qPrintable(second.errText()));
        // The first one is undisturbed.
        QCOMPARE(utter(home, {u"status"_s, u"--quiet"_s}).exitCode, 0);
    }

    void staleSocketAfterCrashIsReplaced()
    {
#ifndef Q_OS_UNIX
        QSKIP("SIGKILL leaves no socket file behind on this platform");
#else
        test::TestHome home;
        {
            test::ServeProcess crashed(home);
            QVERIFY(crashed.start());
            crashed.signal(SIGKILL);
            QVERIFY(crashed.waitForExit(5000));
        }
        QVERIFY2(QFile::exists(home.runtimeDir() + u"/utter.sock"_s), "SIGKILL should leave the socket behind");
        QVERIFY(QFile::exists(home.runtimeDir() + u"/utter.lock"_s));
        QCOMPARE(utter(home, {u"status"_s, u"--quiet"_s}).exitCode, 3);

        test::ServeProcess next(home);
        QVERIFY2(next.start(), next.stderrText().constData());
        QCOMPARE(utter(home, {u"status"_s, u"--quiet"_s}).exitCode, 0);
        QTRY_VERIFY2_WITH_TIMEOUT(next.stderrText().contains("stale socket"), next.stderrText().constData(), 5000);
#endif
    }

    void termSignalsShutDownCleanly_data()
    {
        QTest::addColumn<int>("signalNumber");
#ifdef Q_OS_UNIX
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
#endif
    }

    void termSignalsShutDownCleanly()
    {
#ifndef Q_OS_UNIX
        QSKIP("signals are Unix");
#else
        QFETCH(int, signalNumber);
        test::TestHome home;
        test::ServeProcess serve(home);
        QVERIFY(serve.start());
        // A connected subscriber is told and disconnected.
        RawClient subscriber;
        QVERIFY(subscriber.open(serve.socketPath()));
        subscriber.send(jsonrpc::request(1, u"status.subscribe"_s));
        QCOMPARE(subscriber.next().value(u"id"_s).toInt(), 1);

        QElapsedTimer timer;
        timer.start();
        serve.signal(signalNumber);
        QVERIFY2(serve.waitForExit(10000), serve.stderrText().right(900).constData());
        QVERIFY2(timer.elapsed() < 10000, "shutdown took longer than 10 s");
        QCOMPARE(serve.process()->exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve.process()->exitCode(), 0);
        QCOMPARE(subscriber.next().value(u"method"_s).toString(), u"service.stopping"_s);
        for (const QString& name : {u"utter.sock"_s, u"utter.lock"_s, u"utter.pid"_s})
            QVERIFY2(!QFile::exists(home.runtimeDir() + u'/' + name), qPrintable(name + u" left behind"_s));
        QVERIFY(serve.stderrText().contains("stopped cleanly"));
#endif
    }

    void termSignalDuringStartIsCarriedOut()
    {
#ifndef Q_OS_UNIX
        QSKIP("signals are Unix");
#else
        // Start-up may wait on the keychain in a nested event loop; a SIGTERM that lands then must not be lost.
        for (int attempt = 0; attempt < 3; ++attempt) {
            test::TestHome home;
            QProcess serve;
            serve.setProcessEnvironment(home.environment());
            serve.start(test::utterBinary(), QStringList{u"--headless"_s, u"serve"_s} + test::ServeProcess::rootArgs());
            QVERIFY(serve.waitForStarted(10000));
            const QString socket = home.runtimeDir() + u"/utter.sock"_s;
            QVERIFY(QTest::qWaitFor([&] { return QFile::exists(socket); }, 10000));
            ::kill(pid_t(serve.processId()), SIGTERM);
            QVERIFY2(serve.waitForFinished(10000), serve.readAllStandardError().right(900).constData());
            QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
            QCOMPARE(serve.exitCode(), 0);
            QVERIFY(!QFile::exists(socket));
        }
#endif
    }

    void jsonRpcErrorsNeverDisturbOtherClients()
    {
        test::TestHome home;
        test::ServeProcess serve(home);
        QVERIFY(serve.start());
        RawClient bystander;
        QVERIFY(bystander.open(serve.socketPath()));
        RawClient rude;
        QVERIFY(rude.open(serve.socketPath()));

        rude.send("this is not json\n");
        QJsonObject reply = rude.next();
        QCOMPARE(reply.value(u"error"_s).toObject().value(u"code"_s).toInt(), -32700);
        QVERIFY(reply.value(u"id"_s).isNull());

        rude.send("{\"id\":1,\"method\":\"health\"}"
                  "\n");
        QCOMPARE(rude.next().value(u"error"_s).toObject().value(u"code"_s).toInt(), -32600);

        rude.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"no.such.method\"}"
                  "\n");
        reply = rude.next();
        QCOMPARE(reply.value(u"id"_s).toInt(), 2);
        QCOMPARE(reply.value(u"error"_s).toObject().value(u"code"_s).toInt(), -32601);

        rude.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"health\",\"params\":[1,2]}"
                  "\n");
        QCOMPARE(rude.next().value(u"error"_s).toObject().value(u"code"_s).toInt(), -32602);

        rude.send("[{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"health\"}]"
                  "\n");
        QCOMPARE(rude.next().value(u"error"_s).toObject().value(u"code"_s).toInt(), -32600);

        rude.send(QByteArray("{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"health\"}") + '\n');
        QCOMPARE(rude.next().value(u"error"_s).toObject().value(u"code"_s).toInt(), -32600);

        // 3 MiB without a newline, then its end: one error, and the connection keeps working.
        rude.send(QByteArray(3 * 1024 * 1024, 'x'));
        reply = rude.next();
        QCOMPARE(reply.value(u"error"_s).toObject().value(u"code"_s).toInt(), -32600);
        QVERIFY(reply.value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"larger than"_s));
        rude.send("tail of the oversized line\n");
        rude.send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"status.get\"}"
                  "\n");
        reply = rude.next();
        QCOMPARE(reply.value(u"id"_s).toInt(), 5);
        QVERIFY(reply.contains(u"result"_s));

        // A notification (no id) gets no answer; the next request does.
        rude.send("{\"jsonrpc\":\"2.0\",\"method\":\"health\"}"
                  "\n");
        rude.send("{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"method\":\"health\"}"
                  "\n");
        QCOMPARE(rude.next().value(u"id"_s).toString(), u"s"_s);

        bystander.send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"health\"}"
                       "\n");
        reply = bystander.next();
        QCOMPARE(reply.value(u"id"_s).toInt(), 9);
        QCOMPARE(reply.value(u"result"_s).toObject().value(u"status"_s).toString(), u"ok"_s);

        // A client that disconnects mid-line does not hurt either.
        {
            RawClient quitter;
            QVERIFY(quitter.open(serve.socketPath()));
            quitter.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"meth");
        }
        bystander.send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"status.get\"}"
                       "\n");
        QCOMPARE(bystander.next().value(u"id"_s).toInt(), 10);
    }

    void refusesRootWithoutAllowRoot()
    {
#ifdef Q_OS_UNIX
        if (::geteuid() != 0)
            QSKIP("this check needs a root test run");
        test::TestHome home;
        const test::UtterRun run = utter(home, {u"--headless"_s, u"serve"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.errText().contains(u"--allow-root"_s), qPrintable(run.errText()));
        QVERIFY(!QFile::exists(home.runtimeDir() + u"/utter.sock"_s));
#else
        QSKIP("no root on this platform");
#endif
    }

    void speaksTheSystemdNotifyProtocol()
    {
#ifndef Q_OS_UNIX
        QSKIP("systemd is Linux-only");
#else
        test::TestHome home;
        QDir().mkpath(home.path());
        const QByteArray path = (home.path() + u"/notify.sock"_s).toLocal8Bit();
        const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        QVERIFY(fd >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
        QProcessEnvironment env = home.environment();
        env.insert(u"NOTIFY_SOCKET"_s, QString::fromLocal8Bit(path));
        env.insert(u"WATCHDOG_USEC"_s, u"200000"_s);

        QStringList messages;
        const auto drain = [&] {
            char buffer[512];
            ssize_t got = 0;
            while ((got = ::recv(fd, buffer, sizeof(buffer), 0)) > 0)
                messages << QString::fromUtf8(buffer, got);
        };
        test::ServeProcess serve(home, env);
        QVERIFY(serve.start());
        QTRY_VERIFY_WITH_TIMEOUT((drain(), messages.join(u'\n').count(u"WATCHDOG=1"_s) >= 3), 5000);
        const QString all = messages.join(u'\n');
        QVERIFY2(all.contains(u"READY=1"_s), qPrintable(all));
        QVERIFY2(all.contains(u"MAINPID=%1"_s.arg(serve.pid())), qPrintable(all));
        QVERIFY(all.indexOf(u"READY=1"_s) < all.indexOf(u"WATCHDOG=1"_s) || all.count(u"WATCHDOG=1"_s) > 1);
        serve.signal(SIGTERM);
        QVERIFY(serve.waitForExit(10000));
        drain();
        QVERIFY2(messages.join(u'\n').contains(u"STOPPING=1"_s), qPrintable(messages.join(u'\n')));
        ::close(fd);
#endif
    }
};

QTEST_GUILESS_MAIN(TestDaemon)
#include "testdaemon.moc"
