// The keychain misbehaving, in process: a Secret Service on a private bus (tests/support/fakesecretservice.py)
// that prompts and is answered late, answers late, or never answers. Late answers must be harmless (the first-run
// crash: a job that finished after its caller had given up wrote into that caller's dead stack frame), the
// store's cache must never wait, and the blocking command-line forms must give up cleanly.
#include "fakekeychain.h"
#include "secrets/filesecretbackend.h"
#include "secrets/keychainsecretbackend.h"
#include "secrets/secretstore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

class TestKeychainFaults final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SecretStore> makeStore(std::chrono::milliseconds timeout = std::chrono::seconds(10))
    {
        return std::make_unique<SecretStore>(std::make_unique<KeychainSecretBackend>(u"utter-test"_s, timeout),
                                             std::make_unique<FileSecretBackend>(m_dir.filePath(u"secrets.ini"_s)));
    }

    // Reads through the asynchronous form and waits for the answer (the test's own event loop).
    static Result<std::optional<QString>> readNow(KeychainSecretBackend& keychain, const QString& name,
                                                  int timeoutMs = 30000)
    {
        QObject context;
        std::optional<Result<std::optional<QString>>> answer;
        keychain.readAsync(name, &context, [&answer](const Result<std::optional<QString>>& read) { answer = read; });
        if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, timeoutMs))
            return Error(ErrorCode::Timeout, u"no answer in the test's time"_s);
        return *answer;
    }

    test::FakeKeychain m_keychain;
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QString why;
        if (!KeychainSecretBackend::isCompiledIn())
            QSKIP("built without QtKeychain");
        if (!test::FakeKeychain::available(&why)) {
            if (qEnvironmentVariable("UTTER_TEST_SERVICES") == u"1"_s)
                QFAIL(qPrintable(why));
            QSKIP(qPrintable(why));
        }
        // The fake's bus becomes this process's session bus before anything here speaks D-Bus.
        QVERIFY2(m_keychain.start(test::FakeKeychain::Mode::Slow, 0), qPrintable(m_keychain.errors()));
        qputenv("DBUS_SESSION_BUS_ADDRESS", m_keychain.address().toUtf8());
    }

    void promptAnsweredAfterTheTimeoutIsHarmless()
    {
        // First run: no keyring yet, so storing needs a "choose a password for the new keyring" prompt, and the
        // user answers it 3 s later — after the command line's 1 s timeout.
        QVERIFY2(m_keychain.start(test::FakeKeychain::Mode::Prompt, 3), qPrintable(m_keychain.errors()));
        KeychainSecretBackend impatient(u"utter-test"_s, std::chrono::seconds(1));
        const Status written = impatient.write(u"groq"_s, u"gsk_prompted_late_1234"_s);
        QVERIFY(!written.ok());
        QCOMPARE(written.error().code, ErrorCode::Timeout);
        QVERIFY2(written.error().message.contains(u"prompt"_s), qPrintable(written.error().message));
        // The answer comes while this test's frames are long gone from that call: it must reach nobody.
        QTRY_VERIFY_WITH_TIMEOUT(m_keychain.output().contains("prompt completed"), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(m_keychain.output().contains("created"), 15000);
        // The write did go through in the end, and the keychain still works.
        KeychainSecretBackend keychain(u"utter-test"_s);
        const Result<std::optional<QString>> read = readNow(keychain, u"groq"_s);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
        QCOMPARE(read.value().value_or(QString()), u"gsk_prompted_late_1234"_s);
    }

    void lateReadsAreHarmless()
    {
        QVERIFY2(m_keychain.start(test::FakeKeychain::Mode::Slow, 2, {{u"late"_s, u"gsk_late_value_5678"_s}},
                                  u"utter-test"_s),
                 qPrintable(m_keychain.errors()));
        KeychainSecretBackend impatient(u"utter-test"_s, std::chrono::milliseconds(200));
        for (int i = 0; i < 3; ++i) {
            const Result<std::optional<QString>> read = impatient.read(u"late"_s);
            QVERIFY(!read.ok());
            QCOMPARE(read.error().code, ErrorCode::Timeout);
        }
        // QtKeychain runs jobs one at a time: once this one answers, every abandoned one has answered too.
        KeychainSecretBackend keychain(u"utter-test"_s);
        const Result<std::optional<QString>> read = readNow(keychain, u"late"_s);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
        QCOMPARE(read.value().value_or(QString()), u"gsk_late_value_5678"_s);
    }

    void theCacheNeverWaits()
    {
        QVERIFY2(m_keychain.start(test::FakeKeychain::Mode::Slow, 3, {{u"groq"_s, u"gsk_cached_value_9012"_s}},
                                  u"utter-test"_s),
                 qPrintable(m_keychain.errors()));
        std::unique_ptr<SecretStore> store = makeStore();
        QSignalSpy resolved(store.get(), &SecretStore::resolved);
        QVERIFY(!store->cached(u"groq"_s)); // not known yet: being read, and the call returned at once
        QVERIFY(store->isResolving(u"groq"_s));
        QVERIFY(!m_keychain.answered("GetSecrets"));
        store->setBlockingAllowed(false);
        const SecretLookup meanwhile = store->lookup(u"groq"_s); // the blocking form, refused: answers at once
        QCOMPARE(meanwhile.source, SecretSource::None);
        QVERIFY(!m_keychain.answered("GetSecrets"));

        QTRY_VERIFY_WITH_TIMEOUT(store->cached(u"groq"_s).has_value(), 30000);
        QCOMPARE(store->cached(u"groq"_s)->value, u"gsk_cached_value_9012"_s);
        QCOMPARE(store->cached(u"groq"_s)->source, SecretSource::Keychain);
        QCOMPARE(resolved.count(), 1);
        QCOMPARE(resolved.at(0).at(0).toString(), u"groq"_s);

        // A new value is used at once and stored in the background.
        std::optional<Result<SecretSource>> stored;
        store->setAsync(u"groq"_s, u"gsk_new_value_3456"_s, this,
                        [&stored](const Result<SecretSource>& result) { stored = result; });
        QCOMPARE(store->cached(u"groq"_s)->value, u"gsk_new_value_3456"_s);
        QVERIFY(!stored);
        QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 30000);
        QVERIFY2(stored->ok(), stored->ok() ? "" : qPrintable(stored->error().message));
        QCOMPARE(stored->value(), SecretSource::Keychain);

        // A refused key (a 401) is forgotten and read again: the keychain's value comes back.
        store->invalidate(u"groq"_s);
        QVERIFY(!store->cached(u"groq"_s));
        QTRY_VERIFY_WITH_TIMEOUT(store->cached(u"groq"_s).has_value(), 30000);
        QCOMPARE(store->cached(u"groq"_s)->value, u"gsk_new_value_3456"_s);

        // Cleared: gone from the cache at once, and from the keychain.
        std::optional<Status> cleared;
        store->clearAsync(u"groq"_s, this, [&cleared](const Status& result) { cleared = result; });
        QCOMPARE(store->cached(u"groq"_s)->value, QString());
        QTRY_VERIFY_WITH_TIMEOUT(cleared.has_value(), 30000);
        QVERIFY(cleared->ok());
        KeychainSecretBackend keychain(u"utter-test"_s);
        QCOMPARE(readNow(keychain, u"groq"_s).value(), std::nullopt);
    }

    void lockedKeychainPromptsAndTheCacheWaitsForIt()
    {
        QVERIFY2(m_keychain.start(test::FakeKeychain::Mode::Prompt, 2, {{u"groq"_s, u"gsk_locked_value_7890"_s}},
                                  u"utter-test"_s),
                 qPrintable(m_keychain.errors()));
        std::unique_ptr<SecretStore> store = makeStore();
        QVERIFY(!store->cached(u"groq"_s));
        QTRY_VERIFY_WITH_TIMEOUT(m_keychain.answered("Prompt"), 15000);
        QVERIFY(!store->cached(u"groq"_s)); // the prompt is up: still waiting, nothing made up
        QTRY_VERIFY_WITH_TIMEOUT(store->cached(u"groq"_s).has_value(), 30000);
        QCOMPARE(store->cached(u"groq"_s)->value, u"gsk_locked_value_7890"_s);
    }

    void silentKeychainFailsLateAndHarmlessly()
    {
        QVERIFY2(m_keychain.start(test::FakeKeychain::Mode::Silent), qPrintable(m_keychain.errors()));
        std::unique_ptr<SecretStore> store = makeStore(std::chrono::seconds(1));
        QVERIFY(!store->cached(u"silent"_s));
        // The command line gives up after its timeout, with a sentence that says what to check.
        const SecretLookup blocking = store->lookup(u"silent"_s);
        QCOMPARE(blocking.source, SecretSource::None);
        QVERIFY(blocking.failed);
        QVERIFY2(blocking.detail.contains(u"did not answer"_s), qPrintable(blocking.detail));
        // The background read ends with D-Bus' own timeout (25 s): a failure, cached (asked again after
        // SecretStore::kRetryFailedMs), reached without a crash.
        QTRY_VERIFY_WITH_TIMEOUT(store->cached(u"silent"_s).has_value(), 60000);
        QVERIFY(store->cached(u"silent"_s)->failed);
        QVERIFY(store->cached(u"silent"_s)->value.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestKeychainFaults)
#include "testkeychainfaults.moc"
