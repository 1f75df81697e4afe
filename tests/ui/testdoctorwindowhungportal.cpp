#include "doctorwindow.h"
#include "hungportal.h"
#include "ipc/ipcserver.h"
#include "platform/platformdoctor.h"
#include "settings/settings.h"

#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using namespace utter::ui;

// The Doctor window never waits on the GUI thread: with a desktop portal that owns its name on the session bus but
// never answers, run() returns at once, the checks already done show with "Checking…" for the portal, timers and
// IPC requests are served meanwhile, and the portal ends as a "timed out" warning after its D-Bus timeout.
class TestDoctorWindowHungPortal final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

private slots:
    void initTestCase()
    {
        qputenv("UTTER_DATA_DIR", m_home.filePath(u"data"_s).toUtf8());
        qputenv("UTTER_CONFIG_DIR", m_home.filePath(u"config"_s).toUtf8());
        qunsetenv("UTTER_PLATFORM_BACKEND");
    }

    void aHungPortalDoesNotStopTheWindow()
    {
        QProcess hung;
        UTTER_START_HUNG_PORTAL(hung);

        // An IPC server in this process, as the desktop app hosts one on its GUI thread.
        IpcServer server;
        QVERIFY(server.listen(m_home.filePath(u"ipc.sock"_s)).ok());
        server.registerMethod(u"ping"_s, IpcServer::SyncHandler([](const QJsonObject&, quint64) -> Result<QJsonValue> {
                                  return QJsonValue(u"pong"_s);
                              }));

        Settings settings(m_home.filePath(u"config/utter.ini"_s));
        QVERIFY(settings.setValue(SettingKey::OutputMethods, QStringList{u"portal"_s}).ok());
        DoctorWindow window([&settings] {
            auto doctor = std::make_unique<Doctor>();
            doctor->add(PlatformDoctor::fromSettings(settings));
            return doctor;
        });
        window.show();
        QSignalSpy finished(&window, &DoctorWindow::finished);
        window.run(); // returns before the portal answers
        QVERIFY(window.isRunning());
        QVERIFY(window.pending().contains(u"portal"_s));
        // The checks that needed no answer are shown; the portal's row says it is still being checked.
        const auto row = [&window](const QString& name) -> QTreeWidgetItem* {
            for (int i = 0; i < window.tree()->topLevelItemCount(); ++i) {
                if (window.tree()->topLevelItem(i)->text(0) == name)
                    return window.tree()->topLevelItem(i);
            }
            return nullptr;
        };
        QVERIFY(row(u"session"_s));
        QVERIFY(row(u"portal"_s));
        QCOMPARE(row(u"portal"_s)->text(1), DoctorWindow::tr("Checking…"));
        QVERIFY(std::any_of(window.checks().cbegin(), window.checks().cend(),
                            [](const DoctorCheck& check) { return check.name == u"session"_s; }));

        // The portal has the question; the event loop turns meanwhile: a 0-ms timer and an IPC request are served.
        QByteArray calls;
        connect(&hung, &QProcess::readyReadStandardOutput, this, [&hung, &calls] { calls += hung.readAll(); });
        calls += hung.readAll();
        QTRY_COMPARE(calls.count("call"), 1);
        bool ticked = false;
        QTimer::singleShot(0, this, [&ticked] { ticked = true; });
        QLocalSocket client;
        client.connectToServer(server.endpoint());
        client.write(R"({"jsonrpc":"2.0","id":1,"method":"ping"})"
                     "\n");
        QByteArray reply;
        connect(&client, &QLocalSocket::readyRead, this, [&client, &reply] { reply += client.readAll(); });
        QTRY_VERIFY(ticked);
        QTRY_VERIFY(reply.contains("\"pong\""));
        QVERIFY(window.isRunning());
        QVERIFY(window.pending().contains(u"portal"_s)); // all that while the portal said nothing
        QVERIFY(finished.isEmpty());

        // The portal's D-Bus timeout (5 s) ends the check as a warning that says it timed out.
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 20000);
        QVERIFY(window.pending().isEmpty());
        const QList<DoctorCheck> checks = window.checks();
        const auto portal = std::find_if(checks.cbegin(), checks.cend(), [](const DoctorCheck& check) {
            return check.section == u"output"_s && check.name == u"portal"_s;
        });
        QVERIFY(portal != checks.cend());
        QCOMPARE(portal->status, CheckStatus::Warn);
        QVERIFY2(portal->detail.startsWith(u"timed out: "_s), qPrintable(portal->detail));
        QVERIFY2(portal->detail.contains(u"did not answer within 5 s"_s), qPrintable(portal->detail));
        QCOMPARE(row(u"portal"_s)->text(1), DoctorWindow::tr("Warning"));
        QVERIFY(std::any_of(checks.cbegin(), checks.cend(),
                            [](const DoctorCheck& check) { return check.name == u"focused app"_s; }));

        hung.kill();
        hung.waitForFinished();
        calls += hung.readAll();
        QCOMPARE(calls.count("call"), 1); // asked once
    }
};

QTEST_MAIN(TestDoctorWindowHungPortal)
#include "testdoctorwindowhungportal.moc"
