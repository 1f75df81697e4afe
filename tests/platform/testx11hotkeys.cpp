#include "platform/linux/x11/x11hotkeys.h"
#include "platform/platformdoctor.h"
#include "settings/settings.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

void xdotool(const QStringList& args)
{
    QProcess p;
    p.start(u"xdotool"_s, args);
    QVERIFY2(p.waitForFinished(10000), "xdotool hung");
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
}

} // namespace

// The X11 backend against a real X server: keys sent with xdotool (XTest), exactly as a user's keyboard would.
class TestX11Hotkeys : public QObject
{
    Q_OBJECT

    std::unique_ptr<X11Hotkeys> m_hotkeys;

private slots:
    void initTestCase()
    {
        const bool required = qEnvironmentVariableIntValue("UTTER_TEST_SERVICES") == 1;
        if (qEnvironmentVariableIsEmpty("DISPLAY")) {
            if (required)
                QFAIL("DISPLAY is not set although UTTER_TEST_SERVICES=1 (Xvfb should run)");
            QSKIP("no X server (DISPLAY unset); run under tests/with-services.sh");
        }
        if (QStandardPaths::findExecutable(u"xdotool"_s).isEmpty()) {
            if (required)
                QFAIL("xdotool is not installed (apt-get install xdotool)");
            QSKIP("xdotool is not installed");
        }
        QString error;
        m_hotkeys = X11Hotkeys::create(&error);
        QVERIFY2(m_hotkeys, qPrintable(error));
    }

    void cleanup()
    {
        m_hotkeys->unregisterHotkey(u"dictate"_s);
        m_hotkeys->unregisterHotkey(u"cancel"_s);
    }

    void chordPressAndRelease()
    {
        QVERIFY(m_hotkeys->registerHotkey(u"dictate"_s, *KeySpec::parse(u"Ctrl+Alt+Space"_s)).ok());
        QSignalSpy pressed(m_hotkeys.get(), &GlobalHotkeys::pressed);
        QSignalSpy released(m_hotkeys.get(), &GlobalHotkeys::released);
        xdotool({u"key"_s, u"ctrl+alt+space"_s});
        QTRY_COMPARE(released.count(), 1);
        QCOMPARE(pressed.count(), 1);
        QCOMPARE(pressed.first().first().toString(), u"dictate"_s);
        // The same key without its modifiers is not the hotkey.
        xdotool({u"key"_s, u"space"_s});
        xdotool({u"key"_s, u"ctrl+space"_s});
        QTest::qWait(200);
        QCOMPARE(pressed.count(), 1);
    }

    void worksWithNumLockAndCapsLockOn()
    {
        QVERIFY(m_hotkeys->registerHotkey(u"dictate"_s, *KeySpec::parse(u"Ctrl+Alt+Space"_s)).ok());
        QSignalSpy pressed(m_hotkeys.get(), &GlobalHotkeys::pressed);
        QSignalSpy released(m_hotkeys.get(), &GlobalHotkeys::released);
        xdotool({u"key"_s, u"Num_Lock"_s, u"Caps_Lock"_s});
        xdotool({u"key"_s, u"ctrl+alt+space"_s});
        xdotool({u"key"_s, u"Num_Lock"_s, u"Caps_Lock"_s}); // back off
        QTRY_COMPARE(released.count(), 1);
        QCOMPARE(pressed.count(), 1);
    }

    void heldSingleKeyIsOnePressOneRelease_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("xkey");
        QTest::newRow("F9") << u"F9"_s << u"F9"_s;
        QTest::newRow("RightCtrl") << u"RightCtrl"_s << u"Control_R"_s;
        QTest::newRow("chord held") << u"Ctrl+Alt+Space"_s << u"ctrl+alt+space"_s;
    }
    void heldSingleKeyIsOnePressOneRelease()
    {
        QFETCH(QString, spec);
        QFETCH(QString, xkey);
        QVERIFY(m_hotkeys->registerHotkey(u"dictate"_s, *KeySpec::parse(spec)).ok());
        QSignalSpy pressed(m_hotkeys.get(), &GlobalHotkeys::pressed);
        QSignalSpy released(m_hotkeys.get(), &GlobalHotkeys::released);
        xdotool({u"keydown"_s, xkey});
        QTRY_COMPARE(pressed.count(), 1);
        // Hold well past the server's auto-repeat delay (660 ms by default, then 25/s).
        QTest::qWait(1500);
        QCOMPARE(pressed.count(), 1);
        QCOMPARE(released.count(), 0);
        xdotool({u"keyup"_s, xkey});
        QTRY_COMPARE(released.count(), 1);
        QTest::qWait(200);
        QCOMPARE(pressed.count(), 1);
        QCOMPARE(released.count(), 1);
    }

    void twoHotkeysAreTold()
    {
        QVERIFY(m_hotkeys->registerHotkey(u"dictate"_s, *KeySpec::parse(u"F9"_s)).ok());
        QVERIFY(m_hotkeys->registerHotkey(u"cancel"_s, *KeySpec::parse(u"Ctrl+Alt+Escape"_s)).ok());
        QSignalSpy pressed(m_hotkeys.get(), &GlobalHotkeys::pressed);
        xdotool({u"key"_s, u"ctrl+alt+Escape"_s});
        xdotool({u"key"_s, u"F9"_s});
        QTRY_COMPARE(pressed.count(), 2);
        QCOMPARE(pressed.at(0).first().toString(), u"cancel"_s);
        QCOMPARE(pressed.at(1).first().toString(), u"dictate"_s);
    }

    void keyTakenByAnotherClientIsReported()
    {
        QString error;
        auto other = X11Hotkeys::create(&error);
        QVERIFY(other);
        QVERIFY(other->registerHotkey(u"theirs"_s, *KeySpec::parse(u"Ctrl+Shift+F5"_s)).ok());
        const Status status = m_hotkeys->registerHotkey(u"dictate"_s, *KeySpec::parse(u"Ctrl+Shift+F5"_s));
        QVERIFY(!status.ok());
        QVERIFY2(status.error().message.contains(u"already taken by another application"_s),
                 qPrintable(status.error().message));
        // Once the other client lets go, it can be had.
        other.reset();
        QVERIFY(m_hotkeys->registerHotkey(u"dictate"_s, *KeySpec::parse(u"Ctrl+Shift+F5"_s)).ok());
    }

    void theRunningAppsDoctorSaysItHoldsTheKey()
    {
        // Issue 18: the Doctor window said "Ctrl+Alt+Space is already taken by another application"; the
        // application holding it was Utter itself. A second grab from this process fails exactly like that.
        QVERIFY(m_hotkeys->registerHotkey(u"dictate"_s, *KeySpec::parse(u"Ctrl+Alt+Space"_s)).ok());
        QTemporaryDir dir;
        const Settings settings(dir.filePath(u"utter.ini"_s)); // the default key, Ctrl+Alt+Space
        const auto globalHotkey = [](const PlatformDoctor& doctor) {
            for (const DoctorCheck& check : doctor.checks()) {
                if (check.name == u"global hotkey"_s)
                    return check;
            }
            return DoctorCheck{};
        };
        const DoctorCheck grabbedAgain = globalHotkey(*PlatformDoctor::fromSettings(settings));
        QCOMPARE(grabbedAgain.status, CheckStatus::Fail);
        QVERIFY2(grabbedAgain.detail.contains(u"already taken"_s), qPrintable(grabbedAgain.detail));

        std::unique_ptr<PlatformDoctor> inTheApp = PlatformDoctor::fromSettings(settings);
        inTheApp->setRunningHotkey(m_hotkeys.get(), u"Ctrl+Alt+Space"_s, {});
        const DoctorCheck held = globalHotkey(*inTheApp);
        QCOMPARE(held.status, CheckStatus::Ok);
        QVERIFY2(held.detail.contains(u"Ctrl+Alt+Space is held by this Utter through x11"_s), qPrintable(held.detail));
        // When the app could not have the key, the Doctor says what it was told.
        inTheApp->setRunningHotkey(m_hotkeys.get(), u"Ctrl+Alt+Space"_s, u"Ctrl+Alt+Space is already taken"_s);
        const DoctorCheck refused = globalHotkey(*inTheApp);
        QCOMPARE(refused.status, CheckStatus::Fail);
        QVERIFY(!refused.fix.isEmpty());
    }

    void sameKeyTwiceIsRefused()
    {
        QVERIFY(m_hotkeys->registerHotkey(u"dictate"_s, *KeySpec::parse(u"F9"_s)).ok());
        const Status status = m_hotkeys->registerHotkey(u"cancel"_s, *KeySpec::parse(u"F9"_s));
        QVERIFY(!status.ok());
        QVERIFY(status.error().message.contains(u"already used for dictate"_s));
    }
};

QTEST_GUILESS_MAIN(TestX11Hotkeys)
#include "testx11hotkeys.moc"
