#pragma once

#include "secretbackend.h"

#include <chrono>

namespace utter
{

// The OS keychain through QtKeychain: Secret Service or KWallet on Linux, Keychain on macOS, Credential
// Manager on Windows. Calls wait for the asynchronous job (with a timeout), so use them from the CLI or a
// worker, not from a UI slot. Errors that mean "no keychain here" come back as ErrorCode::Unsupported.
class KeychainSecretBackend final : public SecretBackend
{
public:
    explicit KeychainSecretBackend(QString service = QStringLiteral("utter"),
                                   std::chrono::milliseconds timeout = std::chrono::seconds(10));

    static bool isCompiledIn();

    QString description() const override;
    Result<std::optional<QString>> read(const QString& name) override;
    Status write(const QString& name, const QString& value) override;
    Status remove(const QString& name) override;

private:
    QString m_service;
    std::chrono::milliseconds m_timeout;
};

} // namespace utter
