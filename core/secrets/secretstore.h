#pragma once

#include "common/result.h"
#include "secretbackend.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace utter
{

enum class SecretSource
{
    None,
    Environment,
    Keychain,
    File,
};

QString secretSourceName(SecretSource source);

struct SecretLookup
{
    QString value;
    SecretSource source = SecretSource::None;
    QString detail;      // which variable, which file, or why the keychain could not be asked
    bool failed = false; // the keychain could not be asked (detail says why); it is asked again later
};

// API keys behind one interface (DESIGN §6): environment variables win (GROQ_API_KEY, UTTER_GROQ_API_KEY, ...),
// then the OS keychain, then a 0600 file used only when no keychain answers, with a one-time warning.
// Every value it hands out is registered with the log redactor first.
//
// Two ways in. Processes that must never wait — the desktop app and the daemon, whose main thread draws, reacts
// and answers IPC — use the cache: cached() answers at once (the environment, or what the keychain said last)
// and, when nothing is known yet, starts reading the key in the background; resolved(name) says when the answer
// is in. setAsync()/clearAsync() put the new value in the cache at once and store it in the background. The
// command line may wait: lookup(), set() and clear() block (the keychain's own timeout, 10 s), safely — an answer
// that comes after the timeout is dropped. setBlockingAllowed(false) turns the blocking forms into their
// cache-backed, non-waiting equivalents (a safety net for the hosts that must not wait).
//
// A cached key is forgotten and read again when it is set or cleared here, when invalidate() is called (a
// provider refused it), and when the Secret Service reports a change to its items (another process ran
// `utter secret set`). A keychain that failed is asked again after kRetryFailedMs.
class SecretStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    static constexpr int kRetryFailedMs = 30000;

    SecretStore(std::unique_ptr<SecretBackend> keychain, std::unique_ptr<SecretBackend> file,
                QObject* parent = nullptr);
    ~SecretStore() override;

    // A keychain store with the file fallback at fallbackPath.
    static std::unique_ptr<SecretStore> create(const QString& fallbackPath);

    static bool isValidName(const QString& name);
    // The variables consulted for a name, in order: NAME_API_KEY, UTTER_NAME_API_KEY.
    static QStringList environmentVariables(const QString& name);

    // --- Never waits (GUI thread, daemon) ---
    // The environment's value, else the cached answer (a value, "not set", or a failure). std::nullopt while the
    // answer is being read: the read has been started, and resolved(name) follows.
    std::optional<SecretLookup> cached(const QString& name);
    // Starts reading the key unless it is cached or being read.
    void resolve(const QString& name);
    bool isResolving(const QString& name) const;
    // Forgets the cached answer and reads it again (a provider refused the key; the keychain changed).
    void invalidate(const QString& name);
    void invalidateAll();
    // Uses the value from now on (cache) and stores it in the background; done gets where it went. A value that
    // could not be stored stays in use until the process ends, and done says why it was not stored.
    // With UseFile, a keychain that refuses to store it (a locked collection) sends the value to the 0600 file,
    // as a missing keychain does (for a generated credential such as the HTTP API token, not for a user's key).
    enum class KeychainRefuses
    {
        KeepInMemory,
        UseFile,
    };
    void setAsync(const QString& name, const QString& value, QObject* context,
                  std::function<void(const Result<SecretSource>&)> done = {},
                  KeychainRefuses refused = KeychainRefuses::KeepInMemory);
    void clearAsync(const QString& name, QObject* context, std::function<void(const Status&)> done = {});

    // --- Blocking (the command line) ---
    SecretLookup lookup(const QString& name);
    QString value(const QString& name) { return lookup(name).value; }
    // Stores in the keychain, or in the file when no keychain is available. Returns where it went.
    Result<SecretSource> set(const QString& name, const QString& value);
    // Removes the stored value from the keychain and the file (the environment is the user's).
    Status clear(const QString& name);

    void setBlockingAllowed(bool allowed) { m_blockingAllowed = allowed; }
    bool blockingAllowed() const { return m_blockingAllowed; }

    // The keychain backend (for `utter doctor`); null without one.
    SecretBackend* keychain() const { return m_keychain.get(); }

    // Names that have a stored value in the file backend (the keychain cannot be enumerated).
    QStringList fileNames() const;

    // Set when the file fallback was used for the first time in this process (for the one-time warning).
    QString fallbackWarning() const { return m_fallbackWarning; }

signals:
    // The cache has a new answer for name (read, set or cleared): look at cached(name).
    void resolved(const QString& name);

private slots:
    void onKeychainChanged();

private:
    struct Entry
    {
        std::optional<SecretLookup> answer;
        quint64 generation = 0; // bumped by every set, clear and invalidation; older answers are dropped
        bool reading = false;
        QElapsedTimer answeredAt;
    };

    static std::optional<SecretLookup> fromEnvironment(const QString& name);
    std::optional<SecretLookup> fromFile(const QString& name);
    void remember(const QString& name, SecretLookup answer, bool notify = true);
    void forget(const QString& name);
    void keychainAnswered(const QString& name, quint64 generation, const Result<std::optional<QString>>& stored);
    Status validate(const QString& name, const QString& value) const;
    Result<SecretSource> storeInFile(const QString& name, const QString& value, const QString& why = {});
    void watchForChanges();

    std::unique_ptr<SecretBackend> m_keychain;
    std::unique_ptr<SecretBackend> m_file;
    QHash<QString, Entry> m_entries;
    QString m_fallbackWarning;
    bool m_blockingAllowed = true;
    bool m_watchForChanges = false; // create(): listen to the keychain's change signals once keys are cached
};

} // namespace utter
