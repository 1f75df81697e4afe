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

struct JobOutcome
{
    QKeychain::Error error = QKeychain::NoError;
    QString detail;
    QString text;
};

// Starts a keychain job; `done` gets its outcome on context's thread. A job cannot be cancelled (QtKeychain's
// libsecret callbacks point at the job), so it always runs to its end and deletes itself; if context is gone by
// then, the connection is gone with it and the answer reaches nobody. Everything the answer needs travels in the
// lambda by value: nothing refers to a caller's stack frame, which may be long gone when the keychain answers
// (a "create a keyring" prompt answered after minutes, a Secret Service that replies only at D-Bus' 25 s timeout).
void startJob(QKeychain::Job* job, QObject* context, std::function<void(const JobOutcome&)> done)
{
    job->setAutoDelete(true);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [context, done = std::move(done)](QKeychain::Job* finished) {
                         JobOutcome outcome{finished->error(), finished->errorString(), {}};
                         if (auto* read = qobject_cast<QKeychain::ReadPasswordJob*>(finished))
                             outcome.text = read->textData();
                         // Never inside start() (QtKeychain reports some failures synchronously), so callers
                         // see one order: the call returns, then the answer comes.
                         QMetaObject::invokeMethod(
                             context, [done, outcome] { done(outcome); }, Qt::QueuedConnection);
                     });
    job->start();
}

// The command line's blocking form: waits for the job in a local event loop, at most `timeout`. The loop is the
// connection's context, so an answer after the timeout finds no receiver (the loop has been destroyed).
std::optional<JobOutcome> waitForJob(QKeychain::Job* job, std::chrono::milliseconds timeout)
{
    std::optional<JobOutcome> outcome;
    QEventLoop loop;
    startJob(job, &loop, [&outcome, &loop](const JobOutcome& finished) {
        outcome = finished;
        loop.quit();
    });
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    if (!outcome)
        loop.exec();
    return outcome;
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

Result<std::optional<QString>> readResult(const JobOutcome& outcome)
{
    if (outcome.error == QKeychain::EntryNotFound)
        return std::optional<QString>();
    if (outcome.error != QKeychain::NoError)
        return keychainError(outcome.error, outcome.detail);
    return std::optional<QString>(outcome.text);
}

Status writeResult(const JobOutcome& outcome)
{
    if (outcome.error != QKeychain::NoError)
        return keychainError(outcome.error, outcome.detail);
    return {};
}

Status removeResult(const JobOutcome& outcome)
{
    if (outcome.error == QKeychain::NoError || outcome.error == QKeychain::EntryNotFound)
        return {};
    return keychainError(outcome.error, outcome.detail);
}

Error timeoutError(std::chrono::milliseconds timeout)
{
    return Error(ErrorCode::Timeout, u"The keychain did not answer within %1 s; is it locked, or waiting for "
                                     "you to answer a prompt?"_s.arg(qMax<qint64>(1, timeout.count() / 1000)));
}

QKeychain::Job* readJob(const QString& service, const QString& name)
{
    auto* job = new QKeychain::ReadPasswordJob(service);
    job->setKey(name);
    return job;
}

QKeychain::Job* writeJob(const QString& service, const QString& name, const QString& value)
{
    auto* job = new QKeychain::WritePasswordJob(service);
    job->setKey(name);
    job->setTextData(value);
    return job;
}

QKeychain::Job* removeJob(const QString& service, const QString& name)
{
    auto* job = new QKeychain::DeletePasswordJob(service);
    job->setKey(name);
    return job;
}

} // namespace

Result<std::optional<QString>> KeychainSecretBackend::read(const QString& name)
{
    const std::optional<JobOutcome> outcome = waitForJob(readJob(m_service, name), m_timeout);
    if (!outcome)
        return timeoutError(m_timeout);
    return readResult(*outcome);
}

Status KeychainSecretBackend::write(const QString& name, const QString& value)
{
    const std::optional<JobOutcome> outcome = waitForJob(writeJob(m_service, name, value), m_timeout);
    if (!outcome)
        return timeoutError(m_timeout);
    return writeResult(*outcome);
}

Status KeychainSecretBackend::remove(const QString& name)
{
    const std::optional<JobOutcome> outcome = waitForJob(removeJob(m_service, name), m_timeout);
    if (!outcome)
        return timeoutError(m_timeout);
    return removeResult(*outcome);
}

void KeychainSecretBackend::readAsync(const QString& name, QObject* context, ReadDone done)
{
    startJob(readJob(m_service, name), context,
             [done = std::move(done)](const JobOutcome& outcome) { done(readResult(outcome)); });
}

void KeychainSecretBackend::writeAsync(const QString& name, const QString& value, QObject* context, WriteDone done)
{
    startJob(writeJob(m_service, name, value), context,
             [done = std::move(done)](const JobOutcome& outcome) { done(writeResult(outcome)); });
}

void KeychainSecretBackend::removeAsync(const QString& name, QObject* context, WriteDone done)
{
    startJob(removeJob(m_service, name), context,
             [done = std::move(done)](const JobOutcome& outcome) { done(removeResult(outcome)); });
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

void KeychainSecretBackend::readAsync(const QString& name, QObject* context, ReadDone done)
{
    SecretBackend::readAsync(name, context, std::move(done));
}

void KeychainSecretBackend::writeAsync(const QString& name, const QString& value, QObject* context, WriteDone done)
{
    SecretBackend::writeAsync(name, value, context, std::move(done));
}

void KeychainSecretBackend::removeAsync(const QString& name, QObject* context, WriteDone done)
{
    SecretBackend::removeAsync(name, context, std::move(done));
}

#endif

} // namespace utter
