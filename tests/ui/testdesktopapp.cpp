// The desktop app hosts the daemon's IPC server (so `utter toggle` etc. reach the GUI) and is single-instance:
// a second `utter` raises the first one's settings.
#include "desktopapp.h"
#include "fakedictationcontrol.h"
#include "history/historystore.h"
#include "ipc/ipcclient.h"
#include "onboardingwizard.h"
#include "recordingoverlay.h"
#include "secrets/filesecretbackend.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"
#include "statuswindow.h"
#include "testenv.h"
#include "traycontroller.h"
#include "utterprocess.h"

#include <QAction>
#include <QApplication>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using namespace utter::ui;

class TestDesktopApp final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_home = std::make_unique<test::TestHome>();
        m_home->applyToCurrentProcess();
        m_settings = std::make_unique<Settings>(m_home->configDir() + u"/utter.ini"_s);
        m_secrets = std::make_unique<SecretStore>(
            nullptr, std::make_unique<FileSecretBackend>(m_home->configDir() + u"/secrets.ini"_s));
        const Locations locations = Locations::fromEnvironment();
        m_history = std::make_unique<HistoryStore>(locations.historyDatabase(), locations.audioArchiveDir());
        QVERIFY(m_history->open().ok());
    }

    void cleanup()
    {
        m_history.reset();
        m_secrets.reset();
        m_settings.reset();
        m_home.reset();
    }

    void hostsTheIpcServerAndDrivesTheService()
    {
        // The service host as the product builds it, with the stand-in service at the DictationControl seam.
        FakeDictationControl fake;
        ServiceParts parts;
        parts.locations = Locations::fromEnvironment();
        parts.settings = m_settings.get();
        parts.secrets = m_secrets.get();
        parts.history = [this]() -> Result<HistoryStore*> { return m_history.get(); };
        DaemonOptions options;
        options.allowRoot = true; // as the desktop app does
        ServiceHost host(parts, options, fake);
        DesktopApp app(host);
        QSignalSpy presented(&app, &DesktopApp::presented);
        QVERIFY(app.start().ok());
        QVERIFY(presented.wait(5000));
        // Offscreen has no tray: the status window stands in and says why.
        QVERIFY(app.statusWindow());
        QVERIFY(app.statusWindow()->isVisible());
        QVERIFY(app.statusWindow()->lastNotice().contains(u"no system tray"_s));

        // `utter toggle` from another process reaches the same service (run asynchronously: the server needs
        // this event loop to answer).
        QProcess toggle;
        QVERIFY(runAsync(toggle, {u"toggle"_s}));
        QCOMPARE(toggle.exitCode(), 0);
        QCOMPARE(fake.calls, QStringList{u"toggle"_s});
        fake.setState(u"listening"_s);
        QVERIFY(app.overlay()->isVisible());
        QCOMPARE(app.tray()->state(), TrayState::Listening);

        // A second instance is refused and raises this one's settings.
        ServiceHost secondHost(parts, options, fake);
        DesktopApp second(secondHost);
        const Status refused = second.start();
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::AlreadyRunning);
        QProcess again;
        QVERIFY(runAsync(again, {}));
        QCOMPARE(again.exitCode(), 0);
        QVERIFY(QString::fromUtf8(again.readAllStandardOutput()).contains(u"already running"_s));
        QTRY_VERIFY(findVisible(u"settingsDialog"_s));

        // "Run setup again" (Settings, `ui.show` with "setup"): the first-run assistant from its welcome page,
        // even when it was finished before.
        QVERIFY(m_settings->setValue(SettingKey::UiOnboardingDone, true).ok());
        app.showWindow(u"setup"_s);
        auto* wizard = qobject_cast<OnboardingWizard*>(findVisible(u"onboardingWizard"_s));
        QVERIFY(wizard);
        QCOMPARE(wizard->currentId(), int(OnboardingWizard::Welcome));
        wizard->next();
        app.runSetupAgain();
        QCOMPARE(wizard->currentId(), int(OnboardingWizard::Welcome));

        QSignalSpy finished(&app, &DesktopApp::finished);
        app.tray()->action(TrayController::Action::Quit)->trigger();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(0).at(0).toInt(), 0);
    }

    void secondBinaryLaunchRaisesTheFirst()
    {
        // The real binary: `utter` (GUI, offscreen) then `utter` again.
        QProcessEnvironment env = m_home->environment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"DISPLAY"_s, u":utter-test"_s); // any value: offscreen never opens it
        QProcess first;
        first.setProcessEnvironment(env);
        first.start(QString::fromLocal8Bit(qgetenv("UTTER_BINARY")), {});
        QVERIFY(first.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(test::runUtter({u"status"_s}, env).exitCode == 0, 15000);
        const test::UtterRun again = test::runUtter({}, env);
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.outText().contains(u"already running"_s), qPrintable(again.outText() + again.errText()));
        IpcClient client(ipcEndpointName(Locations::fromEnvironment()));
        QVERIFY(client.connectToServer().ok());
        QVERIFY(client.call(u"service.shutdown"_s).ok());
        QVERIFY(first.waitForFinished(15000));
        QCOMPARE(first.exitCode(), 0);
    }

private:
    bool runAsync(QProcess& process, const QStringList& args)
    {
        QProcessEnvironment env = m_home->environment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"DISPLAY"_s, u":utter-test"_s);
        process.setProcessEnvironment(env);
        process.start(test::utterBinary(), args);
        if (!process.waitForStarted())
            return false;
        QDeadlineTimer deadline(20000);
        while (process.state() != QProcess::NotRunning && !deadline.hasExpired())
            QTest::qWait(20);
        if (process.state() != QProcess::NotRunning)
            return false;
        if (process.exitCode() != 0)
            qWarning().noquote() << "utter" << args << "failed:" << process.readAllStandardError();
        return true;
    }

    static QWidget* findVisible(const QString& objectName)
    {
        for (QWidget* w : QApplication::topLevelWidgets()) {
            if (w->objectName() == objectName && w->isVisible())
                return w;
        }
        return nullptr;
    }

    std::unique_ptr<test::TestHome> m_home;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<HistoryStore> m_history;
};

QTEST_MAIN(TestDesktopApp)
#include "testdesktopapp.moc"
