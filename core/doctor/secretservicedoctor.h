#pragma once

#include "doctorcheck.h"

#include <chrono>

namespace utter
{

// The Secret Service behind the keychain on Linux (org.freedesktop.secrets on the D-Bus session bus), asked
// directly and never waited for longer than `patience`: is one running (or startable), does it answer, is there a
// default keyring (collection), and is that keyring locked. One check, section "keychain", for `utter doctor` and
// the Doctor window alike. Where Utter can fix it, the check carries an action (DoctorCheck::action):
// "keychain.unlock" or "keychain.setup" (SecretServiceFix below), or "install" with the package in fix.
// On other systems (or without Qt D-Bus) it adds nothing.
class SecretServiceDoctor final : public DoctorContributor
{
public:
    explicit SecretServiceDoctor(std::chrono::milliseconds patience = std::chrono::seconds(5));

    QString section() const override { return QStringLiteral("keychain"); }
    void run(QObject* context, std::function<void(QList<DoctorCheck>)> done) override;

    static constexpr const char* kUnlockAction = "keychain.unlock";
    static constexpr const char* kSetupAction = "keychain.setup";
    static constexpr const char* kInstallAction = "install";

private:
    std::chrono::milliseconds m_patience;
};

// What "Fix" does for a keychain check: asks the Secret Service to unlock the default keyring, or to create one
// (both show the keyring's own password prompt, from its process). done(error) runs once when the prompt is answered
// or dismissed (error empty when the keyring is now usable), or when the service refuses; never blocks.
namespace SecretServiceFix
{
void unlockDefault(QObject* context, std::function<void(const QString& error)> done);
void createDefault(QObject* context, std::function<void(const QString& error)> done);
} // namespace SecretServiceFix

} // namespace utter
