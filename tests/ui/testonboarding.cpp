// The first-run assistant against the provider test double: the key test reports success for a good key and
// the exact error for a bad one; the steps save what they ask; skipping and resuming behave.
#include "keycapturewidget.h"
#include "onboardingwizard.h"
#include "providerdouble.h"
#include "secrets/filesecretbackend.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"
#include "testenv.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using namespace utter::ui;

class TestOnboarding final : public QObject
{
    Q_OBJECT

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
        wizard.show();
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::Welcome));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::ApiKey));

        // A wrong key: the provider's own refusal is shown.
        wizard.keyEdit()->setText(u"gsk_wrong_key"_s);
        auto* test = wizard.currentPage()->findChild<QPushButton*>();
        QVERIFY(test);
        test->click();
        QTRY_VERIFY_WITH_TIMEOUT(wizard.keyStatus().startsWith(u"✖"_s), 10000);
        QVERIFY2(wizard.keyStatus().contains(u"401"_s), qPrintable(wizard.keyStatus()));
        // The right key: connected, with the latency.
        wizard.keyEdit()->setText(u"gsk_test_groq_key_0123456789"_s);
        test->click();
        QTRY_VERIFY_WITH_TIMEOUT(wizard.keyStatus().startsWith(u"✔"_s), 10000);
        QVERIFY(wizard.keyStatus().contains(u"ms"_s));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::Microphone));
        QCOMPARE(m_secrets->value(u"groq"_s), u"gsk_test_groq_key_0123456789"_s);

        wizard.next();
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::Hotkey));
        wizard.modeBox()->setCurrentIndex(wizard.modeBox()->findData(u"toggle"_s));
        wizard.hotkeyEdit()->setKeySpec(u"F9"_s);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::Permissions));
        QCOMPARE(m_settings->stringValue(SettingKey::GeneralMode), u"toggle"_s);
        QCOMPARE(m_settings->stringValue(SettingKey::HotkeyDictate), u"F9"_s);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::Finished));
        QVERIFY(!m_settings->boolValue(SettingKey::UiOnboardingDone));
        wizard.accept();
        QVERIFY(m_settings->boolValue(SettingKey::UiOnboardingDone));
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
