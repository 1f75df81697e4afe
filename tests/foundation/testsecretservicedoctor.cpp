// The keychain check of `utter doctor` and the Doctor window (core/doctor/secretservicedoctor.h) against a Secret
// Service that misbehaves on demand (tests/support/fakesecretservice.py on a private bus): none at all, one that
// never answers, no default keyring, a locked keyring — and the fixes Utter runs itself (unlock, set up), which
// show the keyring's own prompt and report how it was answered.
#include "doctor/secretservicedoctor.h"
#include "fakekeychain.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

class TestSecretServiceDoctor final : public QObject
{
    Q_OBJECT

private:
    // Runs the check through a Doctor, as both front ends do.
    DoctorCheck check(std::chrono::milliseconds patience = std::chrono::seconds(5))
    {
        Doctor doctor;
        doctor.add(std::make_unique<SecretServiceDoctor>(patience));
        std::optional<QList<DoctorCheck>> checks;
        doctor.run([&](const QList<DoctorCheck>& all) { checks = all; });
        if (!QTest::qWaitFor([&] { return checks.has_value(); }, 30000) || checks->size() != 1)
            return {};
        return checks->constFirst();
    }

    // Runs a fix and returns its error ("" = fixed), or "(no answer)".
    template<typename Fix>
    QString runFix(Fix fix)
    {
        std::optional<QString> result;
        QObject context;
        fix(&context, [&](const QString& error) { result = error; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
            return u"(no answer)"_s;
        return *result;
    }

    test::FakeKeychain m_keychain;

private slots:
    void initTestCase()
    {
#ifndef QT_DBUS_LIB
        QSKIP("built without Qt D-Bus");
#endif
        QString why;
        if (!test::FakeKeychain::available(&why)) {
            if (qEnvironmentVariableIntValue("UTTER_TEST_SERVICES") == 1)
                QFAIL(qPrintable(why));
            QSKIP(qPrintable(why));
        }
        // This process's session bus is the private one, before its first D-Bus call.
        QVERIFY2(m_keychain.start(test::FakeKeychain::Mode::Locked, 0), qPrintable(m_keychain.errors()));
        qputenv("DBUS_SESSION_BUS_ADDRESS", m_keychain.address().toUtf8());
    }

    void noDefaultKeyringOffersToSetOneUp()
    {
        // A fresh login whose keyring was never created (the fake's locked mode without items).
        QVERIFY2(m_keychain.start(test::FakeKeychain::Mode::Locked, 0), qPrintable(m_keychain.errors()));
        const DoctorCheck found = check();
        QCOMPARE(found.section, u"keychain"_s);
        QCOMPARE(found.status, CheckStatus::Warn);
        QVERIFY2(found.detail.contains(u"no default keyring"_s), qPrintable(found.detail));
        QCOMPARE(found.action, QString::fromLatin1(SecretServiceDoctor::kSetupAction));
        QVERIFY(found.toJson().value(u"action"_s).toString() == found.action);
    }

    void lockedKeyringOffersToUnlockIt()
    {
        QVERIFY2(m_keychain.start(test::FakeKeychain::Mode::Locked, 0, {{u"groq"_s, u"gsk_locked_value_1234"_s}}),
                 qPrintable(m_keychain.errors()));
        const DoctorCheck found = check();
        QCOMPARE(found.status, CheckStatus::Warn);
        QVERIFY2(found.detail.contains(u"locked"_s), qPrintable(found.detail));
        QCOMPARE(found.action, QString::fromLatin1(SecretServiceDoctor::kUnlockAction));
        // Nobody there to answer the prompt (a headless session): the fix says so instead of pretending.
        const QString error = runFix(&SecretServiceFix::unlockDefault);
        QVERIFY2(error.contains(u"dismissed"_s), qPrintable(error));
        QVERIFY(m_keychain.answered("Unlock"));
        QCOMPARE(check().status, CheckStatus::Warn); // still locked
    }

    void unlockRunsTheKeyringsPromptThenTheCheckPasses()
    {
        // The user answers the keyring's password prompt a moment after it is shown.
        QVERIFY2(m_keychain.start(test::FakeKeychain::Mode::Prompt, 0.2, {{u"groq"_s, u"gsk_locked_value_1234"_s}}),
                 qPrintable(m_keychain.errors()));
        QCOMPARE(check().action, QString::fromLatin1(SecretServiceDoctor::kUnlockAction));
        QCOMPARE(runFix(&SecretServiceFix::unlockDefault), QString());
        QVERIFY(m_keychain.output().contains("prompt completed"));
        const DoctorCheck after = check();
        QCOMPARE(after.status, CheckStatus::Ok);
        QVERIFY2(after.detail.contains(u"unlocked"_s), qPrintable(after.detail));
        QVERIFY(after.action.isEmpty());
    }

    void setUpCreatesTheDefaultKeyring()
    {
        QVERIFY2(m_keychain.start(test::FakeKeychain::Mode::Prompt, 0.2), qPrintable(m_keychain.errors()));
        QCOMPARE(check().action, QString::fromLatin1(SecretServiceDoctor::kSetupAction));
        QCOMPARE(runFix(&SecretServiceFix::createDefault), QString());
        QVERIFY(m_keychain.answered("CreateCollection"));
        QCOMPARE(check().status, CheckStatus::Ok); // created, and open
    }

    void aServiceThatNeverAnswersFailsWithinPatience()
    {
        QVERIFY2(m_keychain.start(test::FakeKeychain::Mode::Silent), qPrintable(m_keychain.errors()));
        const DoctorCheck found = check(std::chrono::seconds(1));
        QCOMPARE(found.status, CheckStatus::Fail);
        QVERIFY2(found.detail.contains(u"did not answer within 1 s"_s), qPrintable(found.detail));
        QVERIFY(found.fix.contains(u"restart"_s));
    }

    void noSecretServiceAtAllSaysWhatToInstall()
    {
        m_keychain.stopFake(); // the bus stays; nothing owns org.freedesktop.secrets and nothing can start it
        const DoctorCheck found = check();
        QCOMPARE(found.status, CheckStatus::Warn);
        QVERIFY2(found.detail.contains(u"no Secret Service"_s), qPrintable(found.detail));
        QCOMPARE(found.action, QString::fromLatin1(SecretServiceDoctor::kInstallAction));
        QVERIFY(found.fix.contains(u"gnome-keyring"_s));
    }
};

QTEST_GUILESS_MAIN(TestSecretServiceDoctor)
#include "testsecretservicedoctor.moc"
