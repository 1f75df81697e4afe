#pragma once

#include "common/result.h"
#include "secretbackend.h"

#include <QStringList>

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
    QString detail; // which variable, which file, or why the keychain could not be asked
};

// API keys behind one interface (DESIGN §6): environment variables win (GROQ_API_KEY, UTTER_GROQ_API_KEY, ...),
// then the OS keychain, then a 0600 file used only when no keychain answers, with a one-time warning.
// Every value it hands out is registered with the log redactor first.
class SecretStore final
{
public:
    SecretStore(std::unique_ptr<SecretBackend> keychain, std::unique_ptr<SecretBackend> file);

    // A keychain store with the file fallback at fallbackPath.
    static std::unique_ptr<SecretStore> create(const QString& fallbackPath);

    static bool isValidName(const QString& name);
    // The variables consulted for a name, in order: NAME_API_KEY, UTTER_NAME_API_KEY.
    static QStringList environmentVariables(const QString& name);

    SecretLookup lookup(const QString& name);
    QString value(const QString& name) { return lookup(name).value; }

    // Stores in the keychain, or in the file when no keychain is available. Returns where it went.
    Result<SecretSource> set(const QString& name, const QString& value);
    // Removes the stored value from the keychain and the file (the environment is the user's).
    Status clear(const QString& name);

    // Names that have a stored value in the file backend (the keychain cannot be enumerated).
    QStringList fileNames() const;

    // Set when the file fallback was used for the first time in this process (for the one-time warning).
    QString fallbackWarning() const { return m_fallbackWarning; }

private:
    std::unique_ptr<SecretBackend> m_keychain;
    std::unique_ptr<SecretBackend> m_file;
    QString m_fallbackWarning;
};

} // namespace utter
