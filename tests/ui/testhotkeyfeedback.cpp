// A hotkey that cannot be grabbed is shown in the settings, under the key (issue 8): on a real X server another
// X client holds the chord, the service's desktop integration fails to grab it, and the Hotkeys page says so.
// Picking another key and applying grabs that one at once and the warning goes; the taken key brings it back.
#include "keycapturewidget.h"
#include "pipeline/desktopintegration.h"
#include "pipeline/dictationservice.h"
#include "platform/linux/x11/x11hotkeys.h"
#include "secrets/filesecretbackend.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"
#include "settingsdialog.h"
#include "settingsform.h"
#include "testenv.h"

#include <QApplication>
#include <QDir>
#include <QKeyEvent>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using namespace utter::ui;

class TestHotkeyFeedback final : public QObject
{
    Q_OBJECT

private:
    static void press(KeyCaptureWidget* w, Qt::Key key, Qt::KeyboardModifiers modifiers)
    {
        w->startRecording();
        QKeyEvent down(QEvent::KeyPress, key, modifiers);
        QApplication::sendEvent(w, &down);
        QKeyEvent up(QEvent::KeyRelease, key, modifiers);
        QApplication::sendEvent(w, &up);
    }

private slots:
    void initTestCase()
    {
        if (QGuiApplication::platformName() != u"xcb"_s) {
            if (qEnvironmentVariableIntValue("UTTER_TEST_SERVICES") == 1)
                QFAIL("needs an X server (DISPLAY) for the xcb platform");
            QSKIP("needs an X server (DISPLAY); run under tests/with-services.sh");
        }
    }

    void grabFailureIsShownUnderTheKey()
    {
        test::TestHome home;
        home.applyToCurrentProcess();
        Settings settings(home.configDir() + u"/utter.ini"_s);
        SecretStore secrets(nullptr, std::make_unique<FileSecretBackend>(home.configDir() + u"/secrets.ini"_s));
        QVERIFY(settings.setValue(SettingKey::HotkeyDictate, u"Ctrl+Shift+F6"_s).ok());
        QVERIFY(settings.setValue(SettingKey::HotkeyCancel, u"Ctrl+Shift+F8"_s).ok());

        // Another application holds the dictation chord.
        QString error;
        std::unique_ptr<X11Hotkeys> other = X11Hotkeys::create(&error);
        QVERIFY2(other, qPrintable(error));
        QVERIFY(other->registerHotkey(u"theirs"_s, *KeySpec::parse(u"Ctrl+Shift+F6"_s)).ok());

        DictationService service(Locations::fromEnvironment(), settings, secrets, nullptr);
        DesktopIntegration integration(service, settings);
        QVERIFY(integration.hotkeys());
        QCOMPARE(integration.hotkeyStatus(u"dictate"_s).key, u"Ctrl+Shift+F6"_s);
        QVERIFY2(integration.hotkeyStatus(u"dictate"_s).error.contains(u"already taken"_s),
                 qPrintable(integration.hotkeyStatus(u"dictate"_s).error));
        QVERIFY(integration.hotkeyStatus(u"cancel"_s).error.isEmpty());

        SettingsDialog dialog(settings, &secrets);
        dialog.watchHotkeys(&integration);
        dialog.showPage(SettingsDialog::Page::General); // the dictation key is among the first choices
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY2(dialog.hotkeyWarning(u"dictate"_s).contains(u"already taken"_s),
                 qPrintable(dialog.hotkeyWarning(u"dictate"_s)));
        QVERIFY(dialog.hotkeyWarning(u"cancel"_s).isEmpty());
        // The dictation key's warning (the cancel key, on the Hotkeys page, has its own, hidden).
        QLabel* warning = nullptr;
        for (QLabel* label : dialog.findChildren<QLabel*>(u"hotkeyWarning"_s)) {
            if (label->text() == dialog.hotkeyWarning(u"dictate"_s))
                warning = label;
        }
        QVERIFY(warning && warning->isVisible());
        QVERIFY(!warning->accessibleName().isEmpty());
        if (const QString dir = qEnvironmentVariable("UTTER_ARTIFACT_DIR"); !dir.isEmpty() && QDir().mkpath(dir))
            dialog.grab().save(QDir(dir).filePath(u"settings-hotkey-not-grabbed-x11.png"_s));
        // It is a warning, not a validation error: the dialog still saves.
        QVERIFY(dialog.form().errorFor(SettingKey::HotkeyDictate).isEmpty());

        // Another key: the warning is about the old one, so it goes at once; applying grabs the new key.
        auto* capture = qobject_cast<KeyCaptureWidget*>(dialog.form().editor(SettingKey::HotkeyDictate));
        QVERIFY(capture);
        press(capture, Qt::Key_F7, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(capture->keySpec(), u"Ctrl+Shift+F7"_s);
        QVERIFY(dialog.hotkeyWarning(u"dictate"_s).isEmpty());
        QSignalSpy statusChanged(&integration, &DesktopIntegration::hotkeyStatusChanged);
        QVERIFY(dialog.apply().ok());
        QVERIFY(statusChanged.count() >= 1);
        QCOMPARE(integration.hotkeyStatus(u"dictate"_s).key, u"Ctrl+Shift+F7"_s);
        QVERIFY(integration.hotkeyStatus(u"dictate"_s).error.isEmpty());
        QVERIFY(dialog.hotkeyWarning(u"dictate"_s).isEmpty());
        // The new key really is ours now: the other client cannot have it.
        QVERIFY(!other->registerHotkey(u"theirs2"_s, *KeySpec::parse(u"Ctrl+Shift+F7"_s)).ok());

        // Back to the taken key: the service tries it on Apply and the page says it is not active.
        press(capture, Qt::Key_F6, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(dialog.apply().ok());
        QVERIFY(integration.hotkeyStatus(u"dictate"_s).error.contains(u"already taken"_s));
        QVERIFY(dialog.hotkeyWarning(u"dictate"_s).contains(u"already taken"_s));
        // Once the other application lets go, a later grab (e.g. the next change) succeeds and clears it.
        other.reset();
        QVERIFY(settings.setValue(SettingKey::HotkeyCancel, u"Ctrl+Shift+F9"_s).ok());
        QVERIFY(integration.hotkeyStatus(u"dictate"_s).error.isEmpty());
        QVERIFY(dialog.hotkeyWarning(u"dictate"_s).isEmpty());
    }
};

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestHotkeyFeedback test;
    return QTest::qExec(&test, argc, argv);
}
#include "testhotkeyfeedback.moc"
