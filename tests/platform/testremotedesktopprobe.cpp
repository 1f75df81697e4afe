#include "hungportal.h"
#include "platform/fake/fakeoutput.h"
#include "platform/linux/wayland/portalkeyboard.h"
#include "platform/linux/wayland/portaloutput.h"
#include "platform/outputchain.h"
#include "platform/platformdoctor.h"
#include "settings/settings.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

// The RemoteDesktop portal output on a real session bus without a desktop portal (tests/with-services.sh):
// probe() says "absent" without creating a session, an insertion fails with the fix and the chain moves on,
// and `utter doctor` shows the method as failing with the exact fix; and a hung portal (a process that owns the
// portal's name and never answers) is not asked again for a minute. (Real back ends: testportaloutput, GNOME, and
// testkdeportals, KDE.)
class TestRemoteDesktopProbe : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

private slots:
    void initTestCase()
    {
        QDBusConnection bus = QDBusConnection::sessionBus();
        if (!bus.isConnected()) {
            if (qEnvironmentVariableIntValue("UTTER_TEST_SERVICES") == 1)
                QFAIL("no D-Bus session bus although UTTER_TEST_SERVICES=1");
            QSKIP("no D-Bus session bus; run under tests/with-services.sh");
        }
        const QString portal = u"org.freedesktop.portal.Desktop"_s;
        if (bus.interface()->isServiceRegistered(portal) ||
            bus.interface()->activatableServiceNames().value().contains(portal))
            QSKIP("a desktop portal is on this bus; this test checks the bus without one");
        qputenv("UTTER_DATA_DIR", m_home.filePath(u"data"_s).toUtf8());
        qputenv("UTTER_CONFIG_DIR", m_home.filePath(u"config"_s).toUtf8());
        qputenv("XDG_CURRENT_DESKTOP", "GNOME"); // the fix names GNOME's back end
        qunsetenv("UTTER_PLATFORM_BACKEND");
    }

    void probeReportsAbsent()
    {
        const Result<PortalKeyboard::Availability> available = PortalKeyboard::probe(QDBusConnection::sessionBus());
        QVERIFY(!available.ok());
        QCOMPARE(available.error().code, ErrorCode::NotFound);

        PortalOutput output(QDBusConnection::sessionBus(), m_home.filePath(u"token"_s), DesktopSession::Gnome);
        const Status status = output.probe();
        QVERIFY(!status.ok());
        QVERIFY2(status.error().message.contains(u"no desktop portal (xdg-desktop-portal)"_s),
                 qPrintable(status.error().message));
        QVERIFY(!QFile::exists(m_home.filePath(u"token"_s))); // a probe never touches the token
    }

    void insertFailsWithTheFix()
    {
        PortalOutput output(QDBusConnection::sessionBus(), m_home.filePath(u"token"_s), DesktopSession::Gnome);
        QList<InsertResult> results;
        output.insert(u"hello world"_s, TargetApp{}, InsertOptions{},
                      [&results](const InsertResult& result) { results.append(result); });
        QTRY_COMPARE(results.size(), 1);
        QCOMPARE(results[0].outcome, InsertResult::Failed); // absent: asking again would not help
        QCOMPARE(results[0].method, u"portal"_s);
        QVERIFY2(results[0].error.message.contains(u"apt install xdg-desktop-portal xdg-desktop-portal-gnome"_s),
                 qPrintable(results[0].error.message));
        // A text without keysyms is refused before the portal is asked.
        output.insert(u"a\u0007"_s, TargetApp{}, InsertOptions{},
                      [&results](const InsertResult& result) { results.append(result); });
        QTRY_COMPARE(results.size(), 2);
        QCOMPARE(results[1].outcome, InsertResult::Failed);
        QVERIFY(results[1].error.message.contains(u"U+0007"_s));
        // On GNOME, text beyond ASCII too (Mutter would drop what the layout lacks).
        output.insert(u"héllo 你好"_s, TargetApp{}, InsertOptions{},
                      [&results](const InsertResult& result) { results.append(result); });
        QTRY_COMPARE(results.size(), 3);
        QCOMPARE(results[2].outcome, InsertResult::Failed);
        QVERIFY2(results[2].error.message.contains(u"é (U+00E9) is not"_s), qPrintable(results[2].error.message));
    }

    void chainMovesOn()
    {
        std::vector<std::unique_ptr<TextOutput>> methods;
        methods.push_back(std::make_unique<PortalOutput>(QDBusConnection::sessionBus(), m_home.filePath(u"token"_s),
                                                         DesktopSession::Gnome));
        auto fake = std::make_unique<FakeTextOutput>(u"next"_s);
        FakeTextOutput* next = fake.get();
        methods.push_back(std::move(fake));
        OutputChain chain(std::move(methods));
        const QList<OutputChain::MethodStatus> probed = chain.probeAll();
        QCOMPARE(probed.size(), 2);
        QVERIFY(!probed[0].status.ok());
        QList<InsertResult> results;
        chain.insert(u"hello"_s, TargetApp{}, InsertOptions{},
                     [&results](const InsertResult& result) { results.append(result); });
        QTRY_COMPARE(results.size(), 1);
        QVERIFY(results[0].ok());
        QCOMPARE(results[0].method, u"next"_s);
        QCOMPARE(next->inserted, QStringList{u"hello"_s});
    }

    void doctorShowsAbsentWithFix()
    {
        Settings settings(m_home.filePath(u"config/utter.ini"_s));
        QVERIFY(settings.setValue(SettingKey::OutputMethods, QStringList{u"portal"_s}).ok());
        const QList<DoctorCheck> checks = PlatformDoctor::fromSettings(settings)->checks();
        const DoctorCheck* portal = nullptr;
        for (const DoctorCheck& check : checks) {
            if (check.section == u"output"_s && check.name == u"portal"_s)
                portal = &check;
        }
        QVERIFY(portal);
        QCOMPARE(portal->status, CheckStatus::Fail);
        QVERIFY2(portal->detail.contains(u"no desktop portal (xdg-desktop-portal) runs on the session bus"_s),
                 qPrintable(portal->detail));
        QCOMPARE(portal->fix, u"install the portal and GNOME's back end (Debian/Ubuntu: apt install "
                              "xdg-desktop-portal xdg-desktop-portal-gnome), then log out and in"_s);
    }

    void aPortalThatDoesNotAnswerIsLeftAloneForAMinute()
    {
        // A broken portal set-up (a back end that hangs) owns the portal's name but never answers. The first probe
        // waits out its timeout; the chain re-probes before every insertion, and those must not each block the
        // app again: for a minute the same error comes back without a call. (Last: the name is released after.)
        QProcess hung;
        UTTER_START_HUNG_PORTAL(hung);

        PortalOutput output(QDBusConnection::sessionBus(), m_home.filePath(u"token"_s), DesktopSession::Gnome);
        const Status first = output.probe();
        QVERIFY(!first.ok());
        QCOMPARE(first.error().code, ErrorCode::Timeout);
        QVERIFY2(first.error().message.contains(u"did not answer within 5 s"_s), qPrintable(first.error().message));
        for (int i = 0; i < 3; ++i) {
            const Status again = output.probe();
            QCOMPARE(again.error().code, ErrorCode::Timeout);
            QVERIFY2(again.error().message.contains(u"asks it again in a minute"_s), qPrintable(again.error().message));
        }
        QTest::qWait(200); // any call that did go out has reached the helper by now
        hung.kill();
        hung.waitForFinished();
        // The helper printed one line per call it received: only the first probe asked.
        QCOMPARE(hung.readAllStandardOutput().count("call"), 1);
    }

    void aHungPortalIsProbedWithoutWaiting()
    {
        // At start (and when an insertion re-probes) the desktop app and the daemon probe without waiting: the
        // chain's probe returns at once, the event loop runs on while the portal says nothing, the portal's
        // timeout comes back as its status, and an insertion meanwhile goes to the next method.
        QProcess hung;
        UTTER_START_HUNG_PORTAL(hung);

        std::vector<std::unique_ptr<TextOutput>> methods;
        methods.push_back(std::make_unique<PortalOutput>(QDBusConnection::sessionBus(), m_home.filePath(u"token"_s),
                                                         DesktopSession::Gnome));
        auto fake = std::make_unique<FakeTextOutput>(u"next"_s);
        FakeTextOutput* next = fake.get();
        methods.push_back(std::move(fake));
        OutputChain chain(std::move(methods));

        QObject context;
        std::optional<QList<OutputChain::MethodStatus>> probed;
        chain.probeAllAsync(&context,
                            [&probed](const QList<OutputChain::MethodStatus>& statuses) { probed = statuses; });
        QVERIFY(!probed); // returned before the portal answered
        bool ticked = false;
        QTimer::singleShot(0, &context, [&ticked] { ticked = true; });
        QTRY_VERIFY(ticked);
        QVERIFY(!probed); // the event loop ran on while the portal was silent

        QTRY_VERIFY_WITH_TIMEOUT(probed.has_value(), 20000); // the portal's 5 s D-Bus timeout
        QCOMPARE(probed->size(), 2);
        QCOMPARE(probed->at(0).status.error().code, ErrorCode::Timeout);
        QVERIFY2(probed->at(0).status.error().message.contains(u"did not answer within 5 s"_s),
                 qPrintable(probed->at(0).status.error().message));
        QVERIFY(probed->at(1).status.ok());

        // The insertion re-probes the portal (known unanswered: no second call) and goes on to the next method.
        QList<InsertResult> results;
        chain.insert(u"hello"_s, TargetApp{}, InsertOptions{},
                     [&results](const InsertResult& result) { results.append(result); });
        QTRY_COMPARE(results.size(), 1);
        QVERIFY(results[0].ok());
        QCOMPARE(results[0].method, u"next"_s);
        QCOMPARE(next->inserted, QStringList{u"hello"_s});

        hung.kill();
        hung.waitForFinished();
        QCOMPARE(hung.readAllStandardOutput().count("call"), 1);
    }
};

QTEST_GUILESS_MAIN(TestRemoteDesktopProbe)
#include "testremotedesktopprobe.moc"
