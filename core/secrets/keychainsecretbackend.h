#pragma once

#include "secretbackend.h"

#include <chrono>

namespace utter
{

// The OS keychain through QtKeychain: Secret Service or KWallet on Linux, Keychain on macOS, Credential
// Manager on Windows. The blocking forms wait for the job (at most the timeout) in a local event loop: the
// command line's. The desktop app and the daemon use the asynchronous forms. Errors that mean "no keychain here"
// come back as ErrorCode::Unsupported.
class KeychainSecretBackend final : public SecretBackend
{
public:
    explicit KeychainSecretBackend(QString service = QStringLiteral("utter"),
                                   std::chrono::milliseconds timeout = std::chrono::seconds(10));

    std::chrono::milliseconds timeout() const { return m_timeout; }

    static bool isCompiledIn();

    QString description() const override;
    Result<std::optional<QString>> read(const QString& name) override;
    Status write(const QString& name, const QString& value) override;
    Status remove(const QString& name) override;
    void readAsync(const QString& name, QObject* context, ReadDone done) override;
    void writeAsync(const QString& name, const QString& value, QObject* context, WriteDone done) override;
    void removeAsync(const QString& name, QObject* context, WriteDone done) override;

private:
    QString m_service;
    std::chrono::milliseconds m_timeout;
};

} // namespace utter
