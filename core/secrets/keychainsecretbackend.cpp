#include "keychainsecretbackend.h"

#include "logging/logging.h"

#ifdef UTTER_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

#include <QEventLoop>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

KeychainSecretBackend::KeychainSecretBackend(QString service, std::chrono::milliseconds timeout)
    : m_service(std::move(service))
    , m_timeout(timeout)
{}

bool KeychainSecretBackend::isCompiledIn()
{
#ifdef UTTER_HAVE_QTKEYCHAIN
    return true;
#else
    return false;
#endif
}

QString KeychainSecretBackend::description() const
{
#if defined(Q_OS_MACOS)
    return u"macOS Keychain"_s;
#elif defined(Q_OS_WIN)
    return u"Windows Credential Manager"_s;
#else
    return u"Secret Service keychain"_s;
#endif
}

#ifdef UTTER_HAVE_QTKEYCHAIN

namespace
{

// Runs a keychain job to completion. Returns false on timeout (the job is then abandoned to delete itself).
bool runJob(QKeychain::Job* job, std::chrono::milliseconds timeout)
{
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool finished = false;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    job->setAutoDelete(true);
    job->start();
    timer.start(timeout);
    if (!finished)
        loop.exec();
    return finished;
}

Error keychainError(QKeychain::Error code, const QString& detail)
{
    switch (code) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        // QtKeychain 0.13 maps "no Secret Service", "no D-Bus" and "no login collection" to OtherError.
        return Error(ErrorCode::Unsupported, u"The keychain is not available (%1)."_s.arg(detail));
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Error(ErrorCode::AuthFailed,
                     u"The keychain refused access (%1); unlock it and try again."_s.arg(detail));
    default:
        return Error(ErrorCode::Failed, u"The keychain failed: %1."_s.arg(detail));
    }
}

} // namespace

Result<std::optional<QString>> KeychainSecretBackend::read(const QString& name)
{
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(name);
    QString value;
    QKeychain::Error error = QKeychain::NoError;
    QString detail;
    QObject::connect(job, &QKeychain::Job::finished, job, [&](QKeychain::Job*) {
        error = job->error();
        detail = job->errorString();
        value = job->textData();
    });
    if (!runJob(job, m_timeout))
        return Error(ErrorCode::Timeout,
                     u"The keychain did not answer within %1 s; is it locked?"_s.arg(m_timeout.count() / 1000));
    if (error == QKeychain::EntryNotFound)
        return std::optional<QString>();
    if (error != QKeychain::NoError)
        return keychainError(error, detail);
    return std::optional<QString>(value);
}

Status KeychainSecretBackend::write(const QString& name, const QString& value)
{
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(name);
    job->setTextData(value);
    QKeychain::Error error = QKeychain::NoError;
    QString detail;
    QObject::connect(job, &QKeychain::Job::finished, job, [&](QKeychain::Job*) {
        error = job->error();
        detail = job->errorString();
    });
    if (!runJob(job, m_timeout))
        return Error(ErrorCode::Timeout, u"The keychain did not answer; is it locked?"_s);
    if (error != QKeychain::NoError)
        return keychainError(error, detail);
    return {};
}

Status KeychainSecretBackend::remove(const QString& name)
{
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(name);
    QKeychain::Error error = QKeychain::NoError;
    QString detail;
    QObject::connect(job, &QKeychain::Job::finished, job, [&](QKeychain::Job*) {
        error = job->error();
        detail = job->errorString();
    });
    if (!runJob(job, m_timeout))
        return Error(ErrorCode::Timeout, u"The keychain did not answer; is it locked?"_s);
    if (error == QKeychain::NoError || error == QKeychain::EntryNotFound)
        return {};
    return keychainError(error, detail);
}

#else

Result<std::optional<QString>> KeychainSecretBackend::read(const QString&)
{
    return Error(ErrorCode::Unsupported, u"This build of Utter has no keychain support (QtKeychain)."_s);
}

Status KeychainSecretBackend::write(const QString&, const QString&)
{
    return Error(ErrorCode::Unsupported, u"This build of Utter has no keychain support (QtKeychain)."_s);
}

Status KeychainSecretBackend::remove(const QString&)
{
    return Error(ErrorCode::Unsupported, u"This build of Utter has no keychain support (QtKeychain)."_s);
}

#endif

} // namespace utter
