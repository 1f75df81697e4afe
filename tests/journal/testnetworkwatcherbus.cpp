#include "journal/networkwatcher.h"

#include <QDBusConnection>
#include <QFile>
#include <QNetworkInformation>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

// NetworkWatcher::start() against a system bus of its own (a private dbus-daemon) with a NetworkManager
// (tests/support/fakenetworkmanager.py) that never answers, then one that does: the main thread never waits for
// it, the watcher probes meanwhile and for good when it stays silent, and uses Qt's system backend once it answers.
class TestNetworkWatcherBus final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_bus;
    QByteArray m_calls;

    bool startFake(QProcess& fake, const QString& mode)
    {
        fake.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        connect(&fake, &QProcess::readyReadStandardOutput, this, [this, &fake] { m_calls += fake.readAll(); });
        fake.start(u"/usr/bin/python3"_s,
                   {qEnvironmentVariable("UTTER_SOURCE_DIR") + u"/tests/support/fakenetworkmanager.py"_s, mode});
        return QTest::qWaitFor([&] { return m_calls.contains("ready") || fake.state() == QProcess::NotRunning; },
                               10000) &&
               m_calls.contains("ready");
    }

    static quint16 closedPort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost))
            return 0;
        return probe.serverPort();
    }

    // Answers every request with 401, as a provider does without a key: the network is there.
    static void answer401(QTcpServer& server)
    {
        connect(&server, &QTcpServer::newConnection, &server, [&server] {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    socket->readAll();
                    socket->write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

private slots:
    void initTestCase()
    {
        const bool services = qEnvironmentVariableIntValue("UTTER_TEST_SERVICES") == 1;
        QProcess gi;
        gi.start(u"/usr/bin/python3"_s, {u"-c"_s, u"import gi"_s});
        if (QStandardPaths::findExecutable(u"dbus-daemon"_s).isEmpty() || !gi.waitForFinished(10000) ||
            gi.exitCode() != 0) {
            if (services)
                QFAIL("dbus-daemon and python3-gi are needed (apt-get install dbus python3-gi)");
            QSKIP("needs dbus-daemon and python3-gi");
        }
        QFile config(m_dir.filePath(u"system.conf"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(u"<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                     " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                     "<busconfig><type>session</type><keep_umask/><listen>unix:dir=%1</listen><auth>EXTERNAL</auth>"
                     "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/><allow "
                     "eavesdrop=\"true\"/><allow own=\"*\"/></policy>"
                     "</busconfig>\n"_s.arg(m_dir.path())
                         .toUtf8());
        config.close();
        m_bus.start(u"dbus-daemon"_s, {u"--config-file="_s + config.fileName(), u"--nofork"_s, u"--print-address=1"_s});
        QVERIFY(m_bus.waitForStarted(10000));
        QVERIFY(QTest::qWaitFor([this] { return m_bus.canReadLine() || m_bus.state() != QProcess::Running; }, 10000));
        const QByteArray address = m_bus.readLine().trimmed();
        QVERIFY(!address.isEmpty());
        // Before anything in this process connects to the system bus (Qt and GLib read it then).
        qputenv("DBUS_SYSTEM_BUS_ADDRESS", address);
        QVERIFY(QDBusConnection::systemBus().isConnected());
    }

    void cleanupTestCase()
    {
        m_bus.kill();
        m_bus.waitForFinished();
    }

    void aSilentNetworkManagerIsNotWaitedFor()
    {
        QProcess fake;
        QVERIFY2(startFake(fake, u"silent"_s), m_calls.constData());
        QTcpServer endpoint;
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        NetworkWatcher::Options options;
        options.probeUrl = QUrl(u"http://127.0.0.1:%1/v1/models"_s.arg(port));
        options.probeInterval = std::chrono::milliseconds(100);
        options.networkManagerTimeout = std::chrono::milliseconds(2000);
        NetworkWatcher watcher(options);
        QSignalSpy chosen(&watcher, &NetworkWatcher::backendChosen);
        QSignalSpy returned(&watcher, &NetworkWatcher::networkReturned);
        watcher.start(); // returns before NetworkManager answers
        QCOMPARE(watcher.backend(), NetworkWatcher::Backend::Probe);
        QVERIFY(watcher.isOnline());
        QVERIFY(chosen.isEmpty());

        // NetworkManager has the question; the event loop turns and the probing fallback works meanwhile.
        QTRY_VERIFY(m_calls.contains("call GetAll"));
        bool ticked = false;
        QTimer::singleShot(0, this, [&ticked] { ticked = true; });
        QTRY_VERIFY(ticked);
        watcher.reportFailure();
        QVERIFY(!watcher.isOnline());
        answer401(endpoint);
        QVERIFY(endpoint.listen(QHostAddress::LocalHost, port));
        QTRY_COMPARE(returned.count(), 1);
        QVERIFY(chosen.isEmpty()); // all that while NetworkManager said nothing

        // It never answers: the watcher settles for probing without ever loading Qt's backend (which would ask it
        // again, waiting).
        QTRY_COMPARE_WITH_TIMEOUT(chosen.count(), 1, 15000);
        QCOMPARE(chosen.at(0).at(0).value<NetworkWatcher::Backend>(), NetworkWatcher::Backend::Probe);
        QCOMPARE(watcher.backend(), NetworkWatcher::Backend::Probe);
        QCOMPARE(watcher.backendName(), u"probe"_s);
        QVERIFY(!QNetworkInformation::instance());
        fake.kill();
        fake.waitForFinished();
        QCOMPARE(m_calls.count("call "), 1);
    }

    void anAnsweringNetworkManagerIsUsed()
    {
        m_calls.clear();
        QProcess fake;
        QVERIFY2(startFake(fake, u"connected"_s), m_calls.constData());
        NetworkWatcher::Options options;
        options.probeUrl = QUrl(u"http://127.0.0.1:%1/"_s.arg(closedPort()));
        NetworkWatcher watcher(options);
        QSignalSpy chosen(&watcher, &NetworkWatcher::backendChosen);
        watcher.start();
        QTRY_COMPARE_WITH_TIMEOUT(chosen.count(), 1, 15000);
        QCOMPARE(chosen.at(0).at(0).value<NetworkWatcher::Backend>(), NetworkWatcher::Backend::System);
        QCOMPARE(watcher.backend(), NetworkWatcher::Backend::System);
        qInfo() << "system backend:" << watcher.backendName();
        QVERIFY(QNetworkInformation::instance());
        QVERIFY(watcher.isOnline());
        QVERIFY(m_calls.contains("call GetAll"));
        fake.kill();
        fake.waitForFinished();
    }
};

QTEST_GUILESS_MAIN(TestNetworkWatcherBus)
#include "testnetworkwatcherbus.moc"
