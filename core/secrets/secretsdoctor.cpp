#include "secretsdoctor.h"

#include "secretbackend.h"

#include <QElapsedTimer>
#include <QTimer>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

SecretsDoctor::SecretsDoctor(SecretBackend* keychain, QString probeName, QJsonObject serviceStatus,
                             std::chrono::milliseconds patience)
    : m_keychain(keychain)
    , m_probeName(std::move(probeName))
    , m_serviceStatus(std::move(serviceStatus))
    , m_patience(patience)
{}

DoctorCheck SecretsDoctor::tokenCheck(const QJsonObject& serviceStatus)
{
    DoctorCheck check{u"keychain"_s, u"HTTP API token"_s, CheckStatus::Skip, {}, {}, {}};
    const QJsonObject token = serviceStatus.value(u"httpToken"_s).toObject();
    if (serviceStatus.isEmpty()) {
        check.detail = u"no service is running"_s;
        return check;
    }
    if (token.isEmpty()) {
        check.detail = u"the running service has the HTTP API off"_s;
        return check;
    }
    const QString state = token.value(u"state"_s).toString();
    if (state == u"ready"_s) {
        const QString source = token.value(u"source"_s).toString();
        check.status = CheckStatus::Ok;
        check.detail = u"the running service's HTTP API uses the token from the %1"_s.arg(
            source == u"file"_s ? u"0600 secrets file (the keychain refused or is missing)"_s : source);
        return check;
    }
    check.status = CheckStatus::Warn;
    check.detail = state == u"waiting"_s
                       ? u"the running service's HTTP API waits for the keychain (requests get 503): %1"_s.arg(
                             token.value(u"detail"_s).toString())
                       : u"the running service is still reading its HTTP API token from the keychain"_s;
    check.fix = u"unlock the keychain (it is asked again every 30 s), or set UTTER_HTTP_TOKEN_API_KEY for the "
                "service"_s;
    return check;
}

void SecretsDoctor::run(QObject* context, std::function<void(QList<DoctorCheck>)> done)
{
    const DoctorCheck token = tokenCheck(m_serviceStatus);
    if (!m_keychain) {
        done({{u"keychain"_s,
               u"keychain"_s,
               CheckStatus::Warn,
               u"this build has no keychain support"_s,
               u"keys come from the environment or the 0600 secrets file"_s,
               {}},
              token});
        return;
    }
    // The keychain answers asynchronously; whatever comes first — its answer or the patience — ends the check,
    // and the other is ignored.
    auto finished = std::make_shared<bool>(false);
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    const auto finish = [finished, done, token](const DoctorCheck& check) {
        if (*finished)
            return;
        *finished = true;
        done({check, token});
    };
    const QString name = m_probeName;
    m_keychain->readAsync(name, context, [finish, clock, name](const Result<std::optional<QString>>& read) {
        DoctorCheck check{u"keychain"_s, u"keychain"_s, CheckStatus::Ok, {}, {}, clock->elapsed()};
        if (read.ok()) {
            check.detail = read.value() ? u"answers; \"%1\" is stored there"_s.arg(name)
                                        : u"answers; \"%1\" is not stored there"_s.arg(name);
        } else if (read.error().code == ErrorCode::Unsupported) {
            check.status = CheckStatus::Warn;
            check.detail = read.error().message;
            check.fix = u"start a Secret Service (gnome-keyring, KWallet); until then keys go to the 0600 "
                        "secrets file"_s;
        } else {
            check.status = CheckStatus::Fail;
            check.detail = read.error().message;
            check.fix = u"unlock the keychain, or answer its prompt"_s;
        }
        finish(check);
    });
    QTimer::singleShot(m_patience, context, [finish, patience = m_patience] {
        finish({u"keychain"_s,
                u"keychain"_s,
                CheckStatus::Warn,
                u"did not answer within %1 s (locked, or a prompt is waiting)"_s.arg(patience.count() / 1000),
                u"unlock the keychain or answer its prompt; the app and the service keep working and use the keys "
                "once it answers"_s,
                {}});
    });
}

} // namespace utter
