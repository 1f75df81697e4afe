#include "secrets/filesecretbackend.h"
#include "secrets/keychainsecretbackend.h"
#include "secrets/secretstore.h"
#include "testenv.h"
#include "utterprocess.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <cstring>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

// Secrets against a real Secret Service (gnome-keyring in the private D-Bus session that
// tests/with-services.sh starts), the 0600 file fallback, and environment precedence.
class TestSecrets final : public QObject
{
    Q_OBJECT

private:
    static bool secretServiceRunning()
    {
        QDBusConnection bus = QDBusConnection::sessionBus();
        return bus.isConnected() && bus.interface()->isServiceRegistered(u"org.freedesktop.secrets"_s);
    }

    static void requireSecretService()
    {
        if (secretServiceRunning())
            return;
        if (qEnvironmentVariable("UTTER_TEST_SERVICES") == u"1"_s)
            QFAIL("tests/with-services.sh should provide a Secret Service, but org.freedesktop.secrets is absent");
        QSKIP("no Secret Service on the session bus; run under tests/with-services.sh");
    }

    // A value that looks like a real key and is unique per run, so finding it anywhere is a real leak.
    static QString freshSecret() { return u"gsk_test_"_s + QUuid::createUuid().toString(QUuid::Id128); }

    // Environment for a child utter that cannot reach any keychain.
    static QProcessEnvironment withoutKeychain(const test::TestHome& home)
    {
        QProcessEnvironment env = home.environment();
        env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/utter-test-bus"_s);
        env.remove(u"DISPLAY"_s);
        env.remove(u"WAYLAND_DISPLAY"_s);
        return env;
    }

    // A blocking read made from `depth` frames further down the stack than its caller.
    Q_NEVER_INLINE static ErrorCode readFromDeeperFrame(KeychainSecretBackend& keychain, int depth)
    {
        volatile char scratch[256];
        std::memset(const_cast<char*>(scratch), depth, sizeof scratch);
        ErrorCode code = ErrorCode::Failed;
        if (depth > 0) {
            code = readFromDeeperFrame(keychain, depth - 1);
        } else {
            const auto read = keychain.read(u"late"_s);
            code = read.ok() ? ErrorCode::Failed : read.error().code;
        }
        return scratch[0] == char(depth) ? code : ErrorCode::Corrupt; // keeps this frame alive across the call
    }

    static void verifyNotLeaked(const QString& secret, const test::UtterRun& run, const test::TestHome& home,
                                bool fileFallbackExpected)
    {
        QVERIFY2(!run.out.contains(secret.toUtf8()), "secret printed on stdout");
        QVERIFY2(!run.err.contains(secret.toUtf8()), "secret printed on stderr");
        QFile log(home.logDir() + u"/utter.log"_s);
        if (log.open(QIODevice::ReadOnly))
            QVERIFY2(!log.readAll().contains(secret.toUtf8()), "secret written to the log file");
        QFile settings(home.configDir() + u"/utter.ini"_s);
        if (settings.open(QIODevice::ReadOnly))
            QVERIFY2(!settings.readAll().contains(secret.toUtf8()), "secret written to the settings file");
        if (!fileFallbackExpected)
            QVERIFY2(!home.allFileContents().contains(secret.toUtf8()), "secret written to a file");
    }

private slots:
    void fileBackendRoundTripAndPermissions()
    {
        QTemporaryDir dir;
        FileSecretBackend file(dir.filePath(u"cfg/secrets.ini"_s));
        QCOMPARE(file.read(u"groq"_s).value(), std::nullopt);
        QVERIFY(file.write(u"groq"_s, u"value-1234567"_s).ok());
        QCOMPARE(file.read(u"groq"_s).value().value(), u"value-1234567"_s);
        QCOMPARE(QFile::permissions(file.path()) &
                     ~(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser),
                 QFile::Permissions());
        QCOMPARE(QFile::permissions(dir.filePath(u"cfg"_s)) & (QFile::ReadOther | QFile::ReadGroup),
                 QFile::Permissions());
        QCOMPARE(file.names(), QStringList{u"groq"_s});
        QVERIFY(file.remove(u"groq"_s).ok());
        QVERIFY(file.remove(u"groq"_s).ok()); // removing twice is fine
        QCOMPARE(file.read(u"groq"_s).value(), std::nullopt);
    }

    void namesAndVariables()
    {
        QVERIFY(SecretStore::isValidName(u"groq"_s));
        QVERIFY(SecretStore::isValidName(u"my-hal0_box"_s));
        QVERIFY(!SecretStore::isValidName(u"Groq"_s));
        QVERIFY(!SecretStore::isValidName(u"../etc"_s));
        QVERIFY(!SecretStore::isValidName(QString()));
        QCOMPARE(SecretStore::environmentVariables(u"groq"_s),
                 (QStringList{u"GROQ_API_KEY"_s, u"UTTER_GROQ_API_KEY"_s}));
        QCOMPARE(SecretStore::environmentVariables(u"my-box"_s),
                 (QStringList{u"MY_BOX_API_KEY"_s, u"UTTER_MY_BOX_API_KEY"_s}));
    }

    void keychainBackendRoundTrip()
    {
        requireSecretService();
        QVERIFY(KeychainSecretBackend::isCompiledIn());
        KeychainSecretBackend keychain(u"utter-test"_s);
        const QString name = u"roundtrip"_s;
        const QString secret = freshSecret();
        QVERIFY(keychain.write(name, secret).ok());
        const auto read = keychain.read(name);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
        QCOMPARE(read.value().value(), secret);
        QVERIFY(keychain.remove(name).ok());
        QCOMPARE(keychain.read(name).value(), std::nullopt);
    }

    // The first-run crash: a read that gave up (its timeout) left its job running, and the job's answer wrote
    // into the caller's stack frame, long gone by then — SIGSEGV in QKeychain::Job::error(). Here the reads give up
    // at once (a 0 ms timeout: the answer needs a round trip through D-Bus, so it always comes late; with 1 ms an idle
    // gnome-keyring sometimes answered all six in time), from frames deeper than the one that waits next, so the late
    // answers land on reused stack.
    void lateKeychainAnswersAreHarmless()
    {
        requireSecretService();
        KeychainSecretBackend keychain(u"utter-test"_s);
        const QString secret = freshSecret();
        QVERIFY(keychain.write(u"late"_s, secret).ok());
        KeychainSecretBackend impatient(u"utter-test"_s, std::chrono::milliseconds(0));
        int timedOut = 0;
        for (int depth = 1; depth <= 6; ++depth)
            timedOut += readFromDeeperFrame(impatient, depth) == ErrorCode::Timeout ? 1 : 0;
        QVERIFY(timedOut > 0);
        // QtKeychain runs one job at a time: this answer comes after every abandoned one has come.
        const auto read = keychain.read(u"late"_s);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
        QCOMPARE(read.value().value(), secret);
        QVERIFY(keychain.remove(u"late"_s).ok());
    }

    // `utter secret set` in another process reaches a running store through the Secret Service's change signals.
    void changesFromAnotherProcessReachTheCache()
    {
        requireSecretService();
        test::TestHome home;
        std::unique_ptr<SecretStore> store = SecretStore::create(home.configDir() + u"/secrets.ini"_s);
        QTRY_VERIFY(store->cached(u"changes"_s).has_value());
        QCOMPARE(store->cached(u"changes"_s)->value, QString());

        const QString first = freshSecret();
        QCOMPARE(test::runUtter({u"secret"_s, u"set"_s, u"changes"_s}, home.environment(), first.toUtf8()).exitCode, 0);
        QTRY_COMPARE(store->cached(u"changes"_s).value_or(SecretLookup{}).value, first);
        QCOMPARE(store->cached(u"changes"_s)->source, SecretSource::Keychain);
        const QString second = freshSecret();
        QCOMPARE(test::runUtter({u"secret"_s, u"set"_s, u"changes"_s}, home.environment(), second.toUtf8()).exitCode,
                 0);
        QTRY_COMPARE(store->cached(u"changes"_s).value_or(SecretLookup{}).value, second);
        QCOMPARE(test::runUtter({u"secret"_s, u"clear"_s, u"changes"_s}, home.environment()).exitCode, 0);
        QTRY_VERIFY(store->cached(u"changes"_s).has_value() && store->cached(u"changes"_s)->value.isEmpty());
    }

    void cliStoresInKeychainAndNeverLeaks()
    {
        requireSecretService();
        test::TestHome home;
        const QString secret = freshSecret();
        const test::UtterRun set =
            test::runUtter({u"secret"_s, u"set"_s, u"groq"_s}, home.environment(), secret.toUtf8() + '\n');
        QVERIFY2(set.exitCode == 0, qPrintable(set.errText()));
        QVERIFY2(set.outText().contains(u"keychain"_s), qPrintable(set.outText()));
        verifyNotLeaked(secret, set, home, false);
        QVERIFY(!QFile::exists(home.configDir() + u"/secrets.ini"_s));

        const test::UtterRun status = test::runUtter({u"secret"_s, u"status"_s}, home.environment());
        QCOMPARE(status.exitCode, 0);
        QVERIFY2(status.outText().contains(u"groq: keychain"_s), qPrintable(status.outText()));
        QVERIFY2(status.outText().contains(u"deepseek: not set"_s), qPrintable(status.outText()));
        verifyNotLeaked(secret, status, home, false);

        // The keychain really holds it (read back in-process through the same service name).
        KeychainSecretBackend keychain(u"utter"_s);
        QCOMPARE(keychain.read(u"groq"_s).value().value(), secret);

        const test::UtterRun clear = test::runUtter({u"secret"_s, u"clear"_s, u"groq"_s}, home.environment());
        QCOMPARE(clear.exitCode, 0);
        QCOMPARE(keychain.read(u"groq"_s).value(), std::nullopt);
        const test::UtterRun after = test::runUtter({u"secret"_s, u"status"_s, u"groq"_s}, home.environment());
        QVERIFY2(after.outText().contains(u"groq: not set"_s), qPrintable(after.outText()));
    }

    void withoutKeychainFallsBackToPrivateFileWithWarning()
    {
        test::TestHome home;
        const QString secret = freshSecret();
        const QProcessEnvironment env = withoutKeychain(home);
        const test::UtterRun set = test::runUtter({u"secret"_s, u"set"_s, u"deepseek"_s}, env, secret.toUtf8());
        QVERIFY2(set.exitCode == 0, qPrintable(set.errText()));
        QVERIFY2(set.errText().contains(u"Warning: No keychain answered"_s), qPrintable(set.errText()));
        QVERIFY2(set.outText().contains(u"file"_s), qPrintable(set.outText()));
        verifyNotLeaked(secret, set, home, true);

        const QString file = home.configDir() + u"/secrets.ini"_s;
        QVERIFY(QFile::exists(file));
        QCOMPARE(QFile::permissions(file) &
                     (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());

        const test::UtterRun status = test::runUtter({u"secret"_s, u"status"_s, u"--json"_s}, env);
        QCOMPARE(status.exitCode, 0);
        QVERIFY2(status.outText().contains(u"\"source\": \"file\""_s), qPrintable(status.outText()));
        verifyNotLeaked(secret, status, home, true);

        QCOMPARE(test::runUtter({u"secret"_s, u"clear"_s, u"deepseek"_s}, env).exitCode, 0);
        QVERIFY(!home.allFileContents().contains(secret.toUtf8()));
    }

    void environmentWins()
    {
        test::TestHome home;
        QProcessEnvironment env = withoutKeychain(home);
        const QString stored = freshSecret();
        QCOMPARE(test::runUtter({u"secret"_s, u"set"_s, u"groq"_s}, env, stored.toUtf8()).exitCode, 0);
        const QString fromEnv = freshSecret();
        env.insert(u"UTTER_GROQ_API_KEY"_s, fromEnv);
        const test::UtterRun status = test::runUtter({u"secret"_s, u"status"_s, u"groq"_s}, env);
        QVERIFY2(status.outText().contains(u"groq: environment (UTTER_GROQ_API_KEY)"_s), qPrintable(status.outText()));
        verifyNotLeaked(fromEnv, status, home, false);
        env.insert(u"GROQ_API_KEY"_s, freshSecret());
        const test::UtterRun both = test::runUtter({u"secret"_s, u"status"_s, u"groq"_s}, env);
        QVERIFY2(both.outText().contains(u"(GROQ_API_KEY)"_s), qPrintable(both.outText()));

        // In-process: the store hands out the environment's value and registers it for redaction.
        qputenv("UTTER_GROQ_API_KEY", fromEnv.toUtf8());
        SecretStore store(nullptr, std::make_unique<FileSecretBackend>(home.configDir() + u"/secrets.ini"_s));
        const SecretLookup found = store.lookup(u"groq"_s);
        QCOMPARE(found.source, SecretSource::Environment);
        QCOMPARE(found.value, fromEnv);
        qunsetenv("UTTER_GROQ_API_KEY");
        QCOMPARE(store.lookup(u"groq"_s).source, SecretSource::File);
        QCOMPARE(store.lookup(u"groq"_s).value, stored);
    }

    void valueIsNeverTakenFromArguments()
    {
        test::TestHome home;
        const QString secret = freshSecret();
        const test::UtterRun run = test::runUtter({u"secret"_s, u"set"_s, u"groq"_s, secret}, withoutKeychain(home));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.errText().contains(u"stdin"_s), qPrintable(run.errText()));
        verifyNotLeaked(secret, run, home, false);
        QVERIFY(!QFile::exists(home.configDir() + u"/secrets.ini"_s));

        const test::UtterRun empty = test::runUtter({u"secret"_s, u"set"_s, u"groq"_s}, withoutKeychain(home));
        QCOMPARE(empty.exitCode, 2);
        QVERIFY2(empty.errText().contains(u"no key"_s), qPrintable(empty.errText()));
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "testsecrets.moc"
