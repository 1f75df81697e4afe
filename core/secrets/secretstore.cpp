#include "secretstore.h"

#include "filesecretbackend.h"
#include "keychainsecretbackend.h"
#include "logging/logging.h"
#include "logging/redactor.h"

#include <QFileInfo>
#include <QRegularExpression>

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

SecretStore::SecretStore(std::unique_ptr<SecretBackend> keychain, std::unique_ptr<SecretBackend> file)
    : m_keychain(std::move(keychain))
    , m_file(std::move(file))
{}

std::unique_ptr<SecretStore> SecretStore::create(const QString& fallbackPath)
{
    return std::make_unique<SecretStore>(std::make_unique<KeychainSecretBackend>(),
                                         std::make_unique<FileSecretBackend>(fallbackPath));
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

SecretLookup SecretStore::lookup(const QString& name)
{
    for (const QString& variable : environmentVariables(name)) {
        const QString value = qEnvironmentVariable(variable.toLatin1().constData());
        if (!value.trimmed().isEmpty()) {
            processRedactor().addSecret(value);
            return {value.trimmed(), SecretSource::Environment, variable};
        }
    }
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
    if (m_file) {
        const Result<std::optional<QString>> stored = m_file->read(name);
        if (stored.ok() && stored.value()) {
            processRedactor().addSecret(*stored.value());
            return {*stored.value(), SecretSource::File, m_file->description()};
        }
    }
    return {{}, SecretSource::None, keychainProblem};
}

Result<SecretSource> SecretStore::set(const QString& name, const QString& value)
{
    if (!isValidName(name))
        return Error(ErrorCode::InvalidArgument,
                     u"\"%1\" is not a valid key name: use lower-case letters, digits, '-' or '_'."_s.arg(name));
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return Error(ErrorCode::InvalidArgument, u"The key is empty; nothing was stored."_s);
    processRedactor().addSecret(trimmed);

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
    if (!m_file)
        return Error(ErrorCode::Unsupported, u"No place to store secrets."_s);
    const Status stored = m_file->write(name, trimmed);
    if (!stored.ok())
        return stored.error();
    if (m_fallbackWarning.isEmpty()) {
        m_fallbackWarning =
            u"No keychain answered, so the key was stored in %1 (readable only by you). "
            "Start a Secret Service (gnome-keyring, KWallet) to keep keys encrypted."_s.arg(m_file->description());
        qCWarning(lcSettings).noquote() << m_fallbackWarning;
    }
    return SecretSource::File;
}

Status SecretStore::clear(const QString& name)
{
    if (!isValidName(name))
        return Error(ErrorCode::InvalidArgument, u"\"%1\" is not a valid key name."_s.arg(name));
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
