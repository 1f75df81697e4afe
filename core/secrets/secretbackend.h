#pragma once

#include "common/result.h"

#include <QString>

#include <optional>

namespace utter
{

// Somewhere API keys can be kept. Implementations: the OS keychain and a 0600 file.
class SecretBackend
{
public:
    virtual ~SecretBackend() = default;

    virtual QString description() const = 0;
    // The value, std::nullopt when the backend has no entry, or an error when the backend cannot answer.
    virtual Result<std::optional<QString>> read(const QString& name) = 0;
    virtual Status write(const QString& name, const QString& value) = 0;
    // Removing an entry that does not exist succeeds.
    virtual Status remove(const QString& name) = 0;
};

} // namespace utter
