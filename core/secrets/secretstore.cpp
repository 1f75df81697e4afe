#include "secretstore.h"

#include "filesecretbackend.h"
#include "keychainsecretbackend.h"
#include "logging/logging.h"
#include "logging/redactor.h"

#include <QFileInfo>
#include <QPointer>
#include <QRegularExpression>

#if defined(QT_DBUS_LIB) && !defined(Q_OS_WIN) && !defined(Q_OS_MACOS)
#include <QDBusConnection>
#define UTTER_SECRET_SERVICE_SIGNALS
#endif

using namespace Qt::Literals::StringLiterals;

namespace utter
{

QString secretSourceName(SecretSource source)
{
    switch (source) {
    case SecretSource::None:
        return u"not set"_s;
    case SecretSource::Environment:
        return u"environment"_s;
    case SecretSource::Keychain:
        return u"keychain"_s;
    case SecretSource::File:
        return u"file"_s;
    }
    return {};
}

SecretStore::SecretStore(std::unique_ptr<SecretBackend> keychain, std::unique_ptr<SecretBackend> file, QObject* parent)
    : QObject(parent)
    , m_keychain(std::move(keychain))
    , m_file(std::move(file))
{}

SecretStore::~SecretStore() = default;

std::unique_ptr<SecretStore> SecretStore::create(const QString& fallbackPath)
{
    auto store = std::make_unique<SecretStore>(std::make_unique<KeychainSecretBackend>(),
                                               std::make_unique<FileSecretBackend>(fallbackPath));
    store->m_watchForChanges = true;
    return store;
}

bool SecretStore::isValidName(const QString& name)
{
    static const QRegularExpression pattern(u"^[a-z][a-z0-9_-]{0,39}$"_s);
    return pattern.match(name).hasMatch();
}

QStringList SecretStore::environmentVariables(const QString& name)
{
    QString upper = name.toUpper();
    upper.replace(u'-', u'_');
    return {upper + u"_API_KEY"_s, u"UTTER_"_s + upper + u"_API_KEY"_s};
}

std::optional<SecretLookup> SecretStore::fromEnvironment(const QString& name)
{
    for (const QString& variable : environmentVariables(name)) {
        const QString value = qEnvironmentVariable(variable.toLatin1().constData()).trimmed();
        if (!value.isEmpty()) {
            processRedactor().addSecret(value);
            return SecretLookup{value, SecretSource::Environment, variable};
        }
    }
    return std::nullopt;
}

std::optional<SecretLookup> SecretStore::fromFile(const QString& name)
{
    if (!m_file)
        return std::nullopt;
    const Result<std::optional<QString>> stored = m_file->read(name);
    if (!stored.ok() || !stored.value())
        return std::nullopt;
    processRedactor().addSecret(*stored.value());
    return SecretLookup{*stored.value(), SecretSource::File, m_file->description()};
}

void SecretStore::remember(const QString& name, SecretLookup answer, bool notify)
{
    if (!answer.value.isEmpty())
        processRedactor().addSecret(answer.value);
    Entry& entry = m_entries[name];
    entry.answer = std::move(answer);
    entry.answeredAt.start();
    if (notify)
        emit resolved(name);
}

// --- Never waits -------------------------------------------------------------------------------------------------

std::optional<SecretLookup> SecretStore::cached(const QString& name)
{
    if (std::optional<SecretLookup> env = fromEnvironment(name))
        return env;
    const auto it = m_entries.constFind(name);
    if (it != m_entries.constEnd() && it->answer && !(it->answer->failed && it->answeredAt.hasExpired(kRetryFailedMs)))
        return it->answer;
    resolve(name);
    // A store without a keychain answers from the file at once.
    if (const auto now = m_entries.constFind(name); now != m_entries.constEnd() && now->answer && !now->reading)
        return now->answer;
    return std::nullopt;
}

void SecretStore::resolve(const QString& name)
{
    if (!isValidName(name))
        return;
    if (std::exchange(m_watchForChanges, false))
        watchForChanges();
    Entry& entry = m_entries[name];
    if (entry.reading)
        return;
    if (entry.answer && !(entry.answer->failed && entry.answeredAt.hasExpired(kRetryFailedMs)))
        return;
    if (!m_keychain) {
        // The file answers at once; listeners hear of it on the next turn (never inside a caller's cached()).
        remember(name, fromFile(name).value_or(SecretLookup{}), false);
        QMetaObject::invokeMethod(
            this, [this, name] { emit resolved(name); }, Qt::QueuedConnection);
        return;
    }
    entry.reading = true;
    const quint64 generation = entry.generation;
    qCDebug(lcSettings).noquote() << "reading key" << name << "from the keychain";
    m_keychain->readAsync(name, this, [this, name, generation](const Result<std::optional<QString>>& stored) {
        keychainAnswered(name, generation, stored);
    });
}

void SecretStore::keychainAnswered(const QString& name, quint64 generation,
                                   const Result<std::optional<QString>>& stored)
{
    Entry& entry = m_entries[name];
    if (entry.generation != generation)
        return; // set, cleared or invalidated meanwhile: a newer answer is on its way or already in
    entry.reading = false;
    if (stored.ok() && stored.value()) {
        remember(name, {*stored.value(), SecretSource::Keychain, m_keychain->description()});
        return;
    }
    if (std::optional<SecretLookup> file = fromFile(name)) {
        remember(name, *file);
        return;
    }
    if (!stored.ok()) {
        qCWarning(lcSettings).noquote() << "key" << name << "could not be read:" << stored.error().message;
        remember(name, {{}, SecretSource::None, stored.error().message, true});
        return;
    }
    remember(name, {});
}

bool SecretStore::isResolving(const QString& name) const
{
    const auto it = m_entries.constFind(name);
    return it != m_entries.constEnd() && it->reading;
}

void SecretStore::forget(const QString& name)
{
    Entry& entry = m_entries[name];
    ++entry.generation;
    entry.answer.reset();
    entry.reading = false;
}

void SecretStore::invalidate(const QString& name)
{
    if (!m_entries.contains(name))
        return;
    forget(name);
    resolve(name);
}

void SecretStore::invalidateAll()
{
    const QStringList names = m_entries.keys();
    for (const QString& name : names)
        invalidate(name);
}

void SecretStore::onKeychainChanged()
{
    qCDebug(lcSettings) << "the keychain or the secrets file changed; keys are read again";
    invalidateAll();
}

void SecretStore::watchForChanges()
{
#ifdef UTTER_SECRET_SERVICE_SIGNALS
    // The Secret Service announces item changes on its collections (org.freedesktop.Secret.Collection); another
    // process's `utter secret set` (or a password manager) then reaches the running app. Adding the match rule
    // does not wait for the bus.
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected()) {
        for (const char* signal : {"ItemCreated", "ItemChanged", "ItemDeleted"})
            bus.connect(QString(), QString(), u"org.freedesktop.Secret.Collection"_s, QString::fromLatin1(signal), this,
                        SLOT(onKeychainChanged()));
    }
#endif
}

Status SecretStore::validate(const QString& name, const QString& value) const
{
    if (!isValidName(name))
        return Error(ErrorCode::InvalidArgument,
                     u"\"%1\" is not a valid key name: use lower-case letters, digits, '-' or '_'."_s.arg(name));
    if (value.trimmed().isEmpty())
        return Error(ErrorCode::InvalidArgument, u"The key is empty; nothing was stored."_s);
    return {};
}

Result<SecretSource> SecretStore::storeInFile(const QString& name, const QString& value, const QString& why)
{
    if (!m_file)
        return Error(ErrorCode::Unsupported, u"No place to store secrets."_s);
    const Status stored = m_file->write(name, value);
    if (!stored.ok())
        return stored.error();
    if (!why.isEmpty()) {
        qCWarning(lcSettings).noquote()
            << u"The keychain refused to store %1 (%2), so it was stored in %3 (readable only by you)."_s.arg(
                   name, why, m_file->description());
    } else if (m_fallbackWarning.isEmpty()) {
        m_fallbackWarning =
            u"No keychain answered, so the key was stored in %1 (readable only by you). "
            "Start a Secret Service (gnome-keyring, KWallet) to keep keys encrypted."_s.arg(m_file->description());
        qCWarning(lcSettings).noquote() << m_fallbackWarning;
    }
    return SecretSource::File;
}

void SecretStore::setAsync(const QString& name, const QString& value, QObject* context,
                           std::function<void(const Result<SecretSource>&)> done, KeychainRefuses refused)
{
    const QPointer<QObject> receiver(context);
    auto finish = [receiver, name, done = std::move(done)](const Result<SecretSource>& result) {
        if (!result.ok()) // the window that asked may be closed by now: the log keeps it
            qCWarning(lcSettings).noquote() << "key" << name << "was not stored:" << result.error().message;
        if (done && receiver)
            done(result);
    };
    if (const Status valid = validate(name, value); !valid.ok()) {
        QMetaObject::invokeMethod(
            this, [finish, error = valid.error()] { finish(error); }, Qt::QueuedConnection);
        return;
    }
    const QString trimmed = value.trimmed();
    forget(name);
    remember(name, {trimmed, m_keychain ? SecretSource::Keychain : SecretSource::File,
                    m_keychain ? m_keychain->description() : QString()});
    if (!m_keychain) {
        // A small local file, as quick as the cache itself: written now, reported on the next turn.
        const Result<SecretSource> inFile = storeInFile(name, trimmed);
        QMetaObject::invokeMethod(
            this, [finish, inFile] { finish(inFile); }, Qt::QueuedConnection);
        return;
    }
    m_keychain->writeAsync(name, trimmed, this, [this, name, trimmed, finish, refused](const Status& stored) {
        if (stored.ok()) {
            if (m_file)
                (void)m_file->remove(name); // do not leave an older copy in the file
            finish(SecretSource::Keychain);
            return;
        }
        const bool unavailable = stored.error().code == ErrorCode::Unsupported;
        if ((!unavailable && refused != KeychainRefuses::UseFile) || !m_file) {
            finish(Error(stored.error().code,
                         stored.error().message + u" The key is used until Utter quits, but it is not stored."_s));
            return;
        }
        qCInfo(lcSettings).noquote() << "keychain unavailable:" << stored.error().message;
        const Result<SecretSource> inFile =
            storeInFile(name, trimmed, unavailable ? QString() : stored.error().message);
        if (inFile.ok() && m_entries.value(name).answer && m_entries.value(name).answer->value == trimmed)
            m_entries[name].answer->source = SecretSource::File;
        finish(inFile);
    });
}

void SecretStore::clearAsync(const QString& name, QObject* context, std::function<void(const Status&)> done)
{
    const QPointer<QObject> receiver(context);
    auto finish = [receiver, done = std::move(done)](const Status& result) {
        if (done && receiver)
            done(result);
    };
    if (!isValidName(name)) {
        const Error error(ErrorCode::InvalidArgument, u"\"%1\" is not a valid key name."_s.arg(name));
        QMetaObject::invokeMethod(
            this, [finish, error] { finish(error); }, Qt::QueuedConnection);
        return;
    }
    forget(name);
    remember(name, fromEnvironment(name).value_or(SecretLookup{}));
    auto removeFile = [this, name, finish] { finish(m_file ? m_file->remove(name) : Status()); };
    if (!m_keychain) {
        const Status removed = m_file ? m_file->remove(name) : Status();
        QMetaObject::invokeMethod(
            this, [finish, removed] { finish(removed); }, Qt::QueuedConnection);
        return;
    }
    m_keychain->removeAsync(name, this, [removeFile, finish](const Status& removed) {
        if (!removed.ok() && removed.error().code != ErrorCode::Unsupported) {
            finish(removed);
            return;
        }
        removeFile();
    });
}

// --- Blocking (the command line) ---------------------------------------------------------------------------------

SecretLookup SecretStore::lookup(const QString& name)
{
    if (!m_blockingAllowed) {
        if (std::optional<SecretLookup> known = cached(name))
            return *known;
        return {{}, SecretSource::None, u"still being read from the keychain"_s};
    }
    if (std::optional<SecretLookup> env = fromEnvironment(name))
        return *env;
    QString keychainProblem;
    if (m_keychain) {
        const Result<std::optional<QString>> stored = m_keychain->read(name);
        if (stored.ok() && stored.value()) {
            processRedactor().addSecret(*stored.value());
            return {*stored.value(), SecretSource::Keychain, m_keychain->description()};
        }
        if (!stored.ok())
            keychainProblem = stored.error().message;
    }
    if (std::optional<SecretLookup> file = fromFile(name))
        return *file;
    return {{}, SecretSource::None, keychainProblem, !keychainProblem.isEmpty()};
}

Result<SecretSource> SecretStore::set(const QString& name, const QString& value)
{
    if (const Status valid = validate(name, value); !valid.ok())
        return valid.error();
    const QString trimmed = value.trimmed();
    processRedactor().addSecret(trimmed);
    if (!m_blockingAllowed) {
        qCWarning(lcSettings) << "a blocking key write in a process that must not wait; stored in the background";
        setAsync(name, trimmed, nullptr);
        return m_keychain ? SecretSource::Keychain : SecretSource::File;
    }
    forget(name);
    if (m_keychain) {
        const Status stored = m_keychain->write(name, trimmed);
        if (stored.ok()) {
            if (m_file)
                (void)m_file->remove(name); // do not leave an older copy in the file
            return SecretSource::Keychain;
        }
        if (stored.error().code != ErrorCode::Unsupported || !m_file)
            return stored.error();
        qCInfo(lcSettings).noquote() << "keychain unavailable:" << stored.error().message;
    }
    return storeInFile(name, trimmed);
}

Status SecretStore::clear(const QString& name)
{
    if (!isValidName(name))
        return Error(ErrorCode::InvalidArgument, u"\"%1\" is not a valid key name."_s.arg(name));
    if (!m_blockingAllowed) {
        qCWarning(lcSettings) << "a blocking key removal in a process that must not wait; done in the background";
        clearAsync(name, nullptr);
        return {};
    }
    forget(name);
    if (m_keychain) {
        const Status removed = m_keychain->remove(name);
        if (!removed.ok() && removed.error().code != ErrorCode::Unsupported)
            return removed;
    }
    if (m_file)
        return m_file->remove(name);
    return {};
}

QStringList SecretStore::fileNames() const
{
    if (auto* file = dynamic_cast<FileSecretBackend*>(m_file.get()))
        return file->names();
    return {};
}

} // namespace utter
