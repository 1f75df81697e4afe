#pragma once

#include "doctor/doctorcheck.h"

#include <QJsonObject>

#include <chrono>

namespace utter
{

class SecretBackend;

// The keychain section of `utter doctor`: does the keychain answer (a read of the transcription key, asked
// without waiting longer than `patience`), and — when a service is running with the HTTP API on — whether its
// API token is ready, from where, or why it waits (the service never stops for a locked keychain; this says
// which way it went: the token from the keychain, the 0600 file fallback, or waiting for the keychain).
class SecretsDoctor final : public DoctorContributor
{
public:
    // keychain: may be null (a build without QtKeychain). serviceStatus: the running service's status.get, or
    // empty when none runs.
    SecretsDoctor(SecretBackend* keychain, QString probeName, QJsonObject serviceStatus,
                  std::chrono::milliseconds patience = std::chrono::seconds(5));

    QString section() const override { return QStringLiteral("keychain"); }
    void run(QObject* context, std::function<void(QList<DoctorCheck>)> done) override;

    static DoctorCheck tokenCheck(const QJsonObject& serviceStatus);

private:
    SecretBackend* m_keychain;
    QString m_probeName;
    QJsonObject m_serviceStatus;
    std::chrono::milliseconds m_patience;
};

} // namespace utter
