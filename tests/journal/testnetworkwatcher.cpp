#include "journal/networkwatcher.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

// A tiny HTTP server that answers every request with 401, the way a provider does without a key: for the
// watcher that still means "the network is there".
class TinyHttp final : public QObject
{
    Q_OBJECT
public:
    bool listen(quint16 port)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    socket->readAll();
                    socket->write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        return m_server.listen(QHostAddress::LocalHost, port);
    }
    quint16 port() const { return m_server.serverPort(); }
    void close() { m_server.close(); }

private:
    QTcpServer m_server;
};

class TestNetworkWatcher final : public QObject
{
    Q_OBJECT

private slots:
    void probingNoticesTheNetworkComingBack()
    {
        // Find a free port, then leave it closed: connection refused = offline.
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        NetworkWatcher::Options options;
        options.probeUrl = QUrl(u"http://127.0.0.1:%1/v1/models"_s.arg(port));
        options.probeInterval = std::chrono::milliseconds(100);
        options.forceProbe = true;
        NetworkWatcher watcher(options);
        QSignalSpy returned(&watcher, &NetworkWatcher::networkReturned);
        QSignalSpy lost(&watcher, &NetworkWatcher::networkLost);
        watcher.start();
        QCOMPARE(watcher.backend(), NetworkWatcher::Backend::Probe);
        QCOMPARE(watcher.backendName(), u"probe"_s);
        QVERIFY(watcher.isOnline());

        watcher.reportFailure(); // an upload just failed with a network error
        QVERIFY(!watcher.isOnline());
        QCOMPARE(lost.count(), 1);
        // Probes keep failing while nothing listens.
        QTest::qWait(350);
        QCOMPARE(returned.count(), 0);
        QVERIFY(!watcher.isOnline());

        TinyHttp server;
        QVERIFY(server.listen(port));
        QTRY_COMPARE_WITH_TIMEOUT(returned.count(), 1, 10000);
        QVERIFY(watcher.isOnline());
        // Once online it stops probing and stays quiet.
        QTest::qWait(300);
        QCOMPARE(returned.count(), 1);
    }

    // Whatever backend this machine has, a reported failure makes the watcher probe the endpoint until it answers.
    void anyBackendProbesAfterAFailure()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        NetworkWatcher::Options options;
        options.probeUrl = QUrl(u"http://127.0.0.1:%1/"_s.arg(port));
        options.probeInterval = std::chrono::milliseconds(100);
        NetworkWatcher watcher(options);
        watcher.start();
        QVERIFY(watcher.backend() != NetworkWatcher::Backend::None);
        qInfo() << "network backend on this machine:" << watcher.backendName();
        QSignalSpy returned(&watcher, &NetworkWatcher::networkReturned);
        watcher.reportFailure();
        QVERIFY(!watcher.isOnline());
        TinyHttp server;
        QVERIFY(server.listen(port));
        QTRY_COMPARE_WITH_TIMEOUT(returned.count(), 1, 10000);
        QVERIFY(watcher.isOnline());
    }
};

QTEST_GUILESS_MAIN(TestNetworkWatcher)
#include "testnetworkwatcher.moc"
