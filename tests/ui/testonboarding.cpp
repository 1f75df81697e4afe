// The first-run assistant against the provider test double: the provider test reports success for a good key and
// the exact error for a bad one (your own server: its /models); the steps save what they ask (the idle-microphone
// choice, a key as soon as it is recorded); the output page sees text arrive; the last page says exactly how to
// dictate in the chosen mode; skipping, resuming and running it again behave.
#include "keycapturewidget.h"
#include "onboardingwizard.h"
#include "providerdouble.h"
#include "secrets/filesecretbackend.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"
#include "settings/settingsschema.h"
#include "testenv.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using namespace utter::ui;

class TestOnboarding final : public QObject
{
    Q_OBJECT

    static void record(KeyCaptureWidget* w, Qt::Key key, Qt::KeyboardModifiers modifiers)
    {
        w->startRecording();
        QKeyEvent down(QEvent::KeyPress, key, modifiers);
        QApplication::sendEvent(w, &down);
        QKeyEvent up(QEvent::KeyRelease, key, modifiers);
        QApplication::sendEvent(w, &up);
    }

private slots:
    void init()
    {
        qunsetenv("GROQ_API_KEY");
        qunsetenv("UTTER_GROQ_API_KEY");
        qunsetenv("UTTER_TRANSCRIBE_URL");
        m_home = std::make_unique<test::TestHome>();
        m_settings = std::make_unique<Settings>(m_home->configDir() + u"/utter.ini"_s);
        m_secrets = std::make_unique<SecretStore>(
            nullptr, std::make_unique<FileSecretBackend>(m_home->configDir() + u"/secrets.ini"_s));
        m_double = std::make_unique<test::ProviderDouble>();
        QVERIFY(m_double->start() > 0);
        QVERIFY(m_settings->setValue(SettingKey::TranscribeUrl, QString(m_double->baseUrl() + u"/openai/v1"_s)).ok());
    }

    void cleanup()
    {
        m_double.reset();
        m_secrets.reset();
        m_settings.reset();
        m_home.reset();
    }

    void walkThrough()
    {
        OnboardingWizard wizard(*m_settings, m_secrets.get());
        QSignalSpy checking(&wizard, &OnboardingWizard::hotkeyCheckActive);
        wizard.show();
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::Welcome));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::ApiKey));
        // A server other than Groq is configured: "my own server" is chosen, with its address.
        QVERIFY(wizard.ownServerChoice()->isChecked());
        QCOMPARE(wizard.serverUrlEdit()->text(), QString(m_double->baseUrl() + u"/openai/v1"_s));

        // A wrong key: the provider's own refusal is shown.
        wizard.keyEdit()->setText(u"gsk_wrong_key"_s);
        wizard.testButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(wizard.keyStatus().startsWith(u"✖"_s), 10000);
        QVERIFY2(wizard.keyStatus().contains(u"401"_s), qPrintable(wizard.keyStatus()));
        // The right key: connected, with the latency.
        wizard.keyEdit()->setText(u"gsk_test_groq_key_0123456789"_s);
        wizard.testButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(wizard.keyStatus().startsWith(u"✔"_s), 10000);
        QVERIFY(wizard.keyStatus().contains(u"ms"_s));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::Microphone));
        QCOMPARE(m_secrets->value(u"groq"_s), u"gsk_test_groq_key_0123456789"_s);

        // The privacy choice is saved with the step.
        wizard.keepMicrophoneOpenBox()->setChecked(!m_settings->boolValue(SettingKey::AudioKeepOpen));
        const bool keepOpen = wizard.keepMicrophoneOpenBox()->isChecked();
        wizard.next();
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::Hotkey));
        QCOMPARE(m_settings->boolValue(SettingKey::AudioKeepOpen), keepOpen);
        QCOMPARE(checking.count(), 1);
        QCOMPARE(checking.last().at(0).toBool(), true);
        // No service in this process: the page says the key cannot be tried here.
        QVERIFY2(wizard.grabStatus().contains(u"not running"_s), qPrintable(wizard.grabStatus()));
        wizard.modeBox()->setCurrentIndex(wizard.modeBox()->findData(u"toggle"_s));
        // A recorded key is saved at once (so the running service grabs it for the check).
        record(wizard.hotkeyEdit(), Qt::Key_F9, Qt::NoModifier);
        QCOMPARE(m_settings->stringValue(SettingKey::HotkeyDictate), u"F9"_s);
        QCOMPARE(m_settings->stringValue(SettingKey::GeneralMode), u"toggle"_s);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::Permissions));
        QCOMPARE(checking.count(), 2);
        QCOMPARE(checking.last().at(0).toBool(), false);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::Output));
        QVERIFY(wizard.outputStatus().isEmpty());
        QTest::keyClicks(wizard.outputField(), u"Hello from Utter."_s);
        QVERIFY2(wizard.outputStatus().startsWith(u"✔"_s), qPrintable(wizard.outputStatus()));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::Finished));
        QVERIFY2(wizard.howToText().contains(u"<b>Press F9</b>"_s) && wizard.howToText().contains(u"press F9 again"_s),
                 qPrintable(wizard.howToText()));
        QVERIFY(!m_settings->boolValue(SettingKey::UiOnboardingDone));
        wizard.accept();
        QVERIFY(m_settings->boolValue(SettingKey::UiOnboardingDone));
    }

    void ownServerAddressIsValidatedAndTested()
    {
        QVERIFY(
            m_settings->setValue(SettingKey::TranscribeUrl, settingSpec(SettingKey::TranscribeUrl).defaultValue).ok());
        OnboardingWizard wizard(*m_settings, m_secrets.get());
        wizard.show();
        wizard.next();
        QVERIFY(wizard.groqChoice()->isChecked());
        QVERIFY(!wizard.serverUrlEdit()->isVisible());
        wizard.ownServerChoice()->setChecked(true);
        QVERIFY(wizard.serverUrlEdit()->isVisible());
        // Not a URL: Next stays on the page and says why (the schema's rule, as `utter config set` has it).
        wizard.serverUrlEdit()->setText(u"localhost port 8000"_s);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::ApiKey));
        QVERIFY2(wizard.keyStatus().startsWith(u"✖"_s), qPrintable(wizard.keyStatus()));
        // A server without a key: /models answers, the model it lists is found.
        wizard.serverUrlEdit()->setText(m_double->baseUrl() + u"/openai/v1"_s);
        wizard.serverModelEdit()->setText(u"whisper-large-v3-turbo"_s);
        wizard.testButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!wizard.keyStatus().startsWith(u"Testing"_s), 10000);
        QVERIFY(!wizard.keyStatus().isEmpty());
        wizard.next();
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::Microphone));
        QCOMPARE(m_settings->stringValue(SettingKey::TranscribeUrl), QString(m_double->baseUrl() + u"/openai/v1"_s));
        QCOMPARE(m_settings->stringValue(SettingKey::TranscribeModel), u"whisper-large-v3-turbo"_s);
        // Back to Groq: the defaults return.
        wizard.back();
        wizard.groqChoice()->setChecked(true);
        wizard.next();
        QCOMPARE(m_settings->stringValue(SettingKey::TranscribeUrl),
                 settingSpec(SettingKey::TranscribeUrl).defaultValue.toString());
    }

    void howToDictateForEveryMode()
    {
        QVERIFY(OnboardingWizard::howToDictate(u"push-to-talk"_s, u"Ctrl+Alt+Space"_s, {})
                    .contains(u"<b>Hold Ctrl+Alt+Space</b>"_s));
        QVERIFY(OnboardingWizard::howToDictate(u"hands-free"_s, u"F9"_s, {}).contains(u"stops by itself"_s));
        QVERIFY(OnboardingWizard::howToDictate(u"toggle"_s, u"F9"_s, u"F10"_s).contains(u"F10 throws"_s));
        QVERIFY(OnboardingWizard::howToDictate(u"toggle"_s, {}, {}).contains(u"utter toggle"_s));
    }

    void resumesAfterTheStepsDone()
    {
        QVERIFY(m_secrets->set(u"groq"_s, u"gsk_test_groq_key_0123456789"_s).ok());
        OnboardingWizard wizard(*m_settings, m_secrets.get());
        QCOMPARE(wizard.resumePage(), int(OnboardingWizard::Microphone));
        wizard.show();
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::Microphone));
        // Closing half-way leaves it unfinished, so it comes back next time.
        wizard.reject();
        QVERIFY(!m_settings->boolValue(SettingKey::UiOnboardingDone));
        // "Run setup again" starts at the welcome, key stored or not.
        wizard.show();
        wizard.runAgain();
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::Welcome));
    }

    void skipEndsItForGood()
    {
        OnboardingWizard wizard(*m_settings, m_secrets.get());
        wizard.show();
        wizard.skip();
        QVERIFY(m_settings->boolValue(SettingKey::UiOnboardingDone));
        QVERIFY(!wizard.isVisible());
    }

    void permissionsGuidance()
    {
#if !defined(Q_OS_MACOS) && !defined(Q_OS_WIN)
        QVERIFY(OnboardingWizard::permissionsText(u"wayland"_s, u"wayland"_s).contains(u"utter toggle"_s));
        QVERIFY(OnboardingWizard::permissionsText(u"xcb"_s, u"x11"_s).contains(u"X11"_s));
#endif
    }

private:
    std::unique_ptr<test::TestHome> m_home;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<test::ProviderDouble> m_double;
};

QTEST_MAIN(TestOnboarding)
#include "testonboarding.moc"
