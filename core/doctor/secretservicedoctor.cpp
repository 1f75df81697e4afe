#include "secretservicedoctor.h"

#include <QElapsedTimer>
#include <QTimer>

#include <memory>

#if defined(QT_DBUS_LIB) && !defined(Q_OS_WIN) && !defined(Q_OS_MACOS)
#define UTTER_SECRET_SERVICE 1
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusVariant>
#endif

using namespace Qt::Literals::StringLiterals;

namespace utter
{

SecretServiceDoctor::SecretServiceDoctor(std::chrono::milliseconds patience)
    : m_patience(patience)
{}

#ifdef UTTER_SECRET_SERVICE

namespace
{

const QString kService = u"org.freedesktop.secrets"_s;
const QString kServicePath = u"/org/freedesktop/secrets"_s;
const QString kServiceInterface = u"org.freedesktop.Secret.Service"_s;
const QString kCollectionInterface = u"org.freedesktop.Secret.Collection"_s;
const QString kPromptInterface = u"org.freedesktop.Secret.Prompt"_s;

bool isNoAnswer(const QDBusMessage& reply)
{
    return reply.type() == QDBusMessage::ErrorMessage &&
           (reply.errorName() == u"org.freedesktop.DBus.Error.NoReply"_s ||
            reply.errorName() == u"org.freedesktop.DBus.Error.Timeout"_s);
}

// Sends a call and hands its reply (or error message) to then, on context's thread; nothing when context dies first.
void callAsync(const QDBusMessage& message, std::chrono::milliseconds timeout, QObject* context,
               std::function<void(const QDBusMessage& reply)> then)
{
    auto* watcher =
        new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(message, int(timeout.count())), context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context,
                     [then = std::move(then)](QDBusPendingCallWatcher* finished) {
                         finished->deleteLater();
                         then(finished->reply());
                     });
}

QDBusMessage serviceCall(const QString& method, const QVariantList& args)
{
    QDBusMessage message = QDBusMessage::createMethodCall(kService, kServicePath, kServiceInterface, method);
    message.setArguments(args);
    return message;
}

DoctorCheck keychainCheck(CheckStatus status, QString detail, QString fix = {}, QString action = {})
{
    DoctorCheck check{u"keychain"_s, u"Secret Service"_s, status, std::move(detail), std::move(fix), {}};
    check.action = std::move(action);
    return check;
}

// The Secret Service's prompt (its own password dialog): shown with Prompt(""), answered with Completed.
class PromptWaiter final : public QObject
{
    Q_OBJECT

public:
    PromptWaiter(const QString& path, QObject* parent, std::function<void(const QString&)> done)
        : QObject(parent)
        , m_path(path)
        , m_done(std::move(done))
    {
        QDBusConnection::sessionBus().connect(kService, m_path, kPromptInterface, u"Completed"_s, this,
                                              SLOT(completed(bool, QDBusVariant)));
        QDBusMessage prompt = QDBusMessage::createMethodCall(kService, m_path, kPromptInterface, u"Prompt"_s);
        prompt.setArguments({QString()});
        // The call itself returns at once; the answer is the Completed signal, whenever the user gets to it.
        callAsync(prompt, std::chrono::seconds(25), this, [this](const QDBusMessage& reply) {
            if (reply.type() == QDBusMessage::ErrorMessage)
                finish(u"the keyring could not show its prompt: "_s + reply.errorMessage());
        });
    }

private slots:
    void completed(bool dismissed, const QDBusVariant& result)
    {
        Q_UNUSED(result)
        finish(dismissed ? u"the keyring's prompt was dismissed"_s : QString());
    }

private:
    void finish(const QString& error)
    {
        if (!m_done)
            return;
        QDBusConnection::sessionBus().disconnect(kService, m_path, kPromptInterface, u"Completed"_s, this,
                                                 SLOT(completed(bool, QDBusVariant)));
        auto done = std::exchange(m_done, {});
        deleteLater();
        done(error);
    }

    QString m_path;
    std::function<void(const QString&)> m_done;
};

// A call that may answer with a prompt to show (Unlock, CreateCollection): the prompt path is the reply's second
// argument, "/" when none is needed.
void runWithPrompt(const QDBusMessage& message, QObject* context, std::function<void(const QString&)> done)
{
    callAsync(message, std::chrono::seconds(25), context, [context, done](const QDBusMessage& reply) {
        if (reply.type() == QDBusMessage::ErrorMessage) {
            done(reply.errorMessage());
            return;
        }
        const QString prompt = reply.arguments().value(1).value<QDBusObjectPath>().path();
        if (prompt.isEmpty() || prompt == u"/"_s) {
            done({});
            return;
        }
        new PromptWaiter(prompt, context, done);
    });
}

} // namespace

void SecretServiceDoctor::run(QObject* context, std::function<void(QList<DoctorCheck>)> done)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        QTimer::singleShot(0, context, [done] {
            done({keychainCheck(CheckStatus::Warn, u"no D-Bus session bus, so no keychain"_s,
                                u"keys are kept in the 0600 secrets file (or set them in the environment); run "
                                "Utter in a desktop session to use the keychain"_s)});
        });
        return;
    }
    const std::chrono::milliseconds patience = m_patience;
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    const auto finish = [done, clock](DoctorCheck check) {
        check.latencyMs = clock->elapsed();
        done({std::move(check)});
    };
    const QString secs = QString::number(double(patience.count()) / 1000.0);

    // 4. The default keyring: locked or open.
    const auto checkLocked = [context, patience, finish, secs](const QString& collection) {
        QDBusMessage get =
            QDBusMessage::createMethodCall(kService, collection, u"org.freedesktop.DBus.Properties"_s, u"Get"_s);
        get.setArguments({kCollectionInterface, u"Locked"_s});
        callAsync(get, patience, context, [finish, secs](const QDBusMessage& reply) {
            if (reply.type() == QDBusMessage::ErrorMessage) {
                finish(keychainCheck(
                    CheckStatus::Fail,
                    isNoAnswer(reply) ? u"the default keyring did not say within %1 s whether it is locked"_s.arg(secs)
                                      : u"the default keyring cannot be read: "_s + reply.errorMessage(),
                    u"restart the keyring (log out and in again)"_s));
                return;
            }
            const bool locked = reply.arguments().value(0).value<QDBusVariant>().variant().toBool();
            if (locked) {
                finish(keychainCheck(CheckStatus::Warn, u"the default keyring is locked"_s,
                                     u"unlock it (the keyring asks for its password); until then Utter uses keys "
                                     "from the environment and waits for the others"_s,
                                     QString::fromLatin1(kUnlockAction)));
                return;
            }
            finish(keychainCheck(CheckStatus::Ok, u"running; the default keyring is unlocked"_s));
        });
    };

    // 3. Does it answer, and is there a default keyring?
    const auto readAlias = [context, patience, finish, checkLocked, secs] {
        callAsync(
            serviceCall(u"ReadAlias"_s, {u"default"_s}), patience, context,
            [finish, checkLocked, secs](const QDBusMessage& reply) {
                if (isNoAnswer(reply)) {
                    finish(keychainCheck(
                        CheckStatus::Fail,
                        u"a Secret Service owns org.freedesktop.secrets but did not answer within %1 s"_s.arg(secs),
                        u"it hangs: restart it (log out and in again, or `gnome-keyring-daemon --replace`); "
                        "the app keeps working with keys from the environment"_s));
                    return;
                }
                if (reply.type() == QDBusMessage::ErrorMessage) {
                    finish(keychainCheck(CheckStatus::Fail, u"the Secret Service refused: "_s + reply.errorMessage(),
                                         u"restart the keyring (log out and in again)"_s));
                    return;
                }
                const QString path = reply.arguments().value(0).value<QDBusObjectPath>().path();
                if (path.isEmpty() || path == u"/"_s) {
                    finish(keychainCheck(CheckStatus::Warn, u"running, but there is no default keyring yet"_s,
                                         u"set one up (the keyring asks for a password for it); until then "
                                         "keys are kept in the 0600 secrets file"_s,
                                         QString::fromLatin1(kSetupAction)));
                    return;
                }
                checkLocked(path);
            });
    };

    const auto notInstalled = [finish] {
        finish(keychainCheck(CheckStatus::Warn, u"no Secret Service is running or installed"_s,
                             u"install gnome-keyring (or KWallet) and log in again; until then keys are kept in the "
                             "0600 secrets file"_s,
                             QString::fromLatin1(kInstallAction)));
    };

    // 1. Is the name owned (a keyring daemon running)? 2. If not, can the bus start one?
    QDBusMessage hasOwner = QDBusMessage::createMethodCall(u"org.freedesktop.DBus"_s, u"/org/freedesktop/DBus"_s,
                                                           u"org.freedesktop.DBus"_s, u"NameHasOwner"_s);
    hasOwner.setArguments({kService});
    callAsync(hasOwner, patience, context, [context, patience, readAlias, notInstalled](const QDBusMessage& reply) {
        if (reply.type() != QDBusMessage::ErrorMessage && reply.arguments().value(0).toBool()) {
            readAlias();
            return;
        }
        QDBusMessage activatable = QDBusMessage::createMethodCall(u"org.freedesktop.DBus"_s, u"/org/freedesktop/DBus"_s,
                                                                  u"org.freedesktop.DBus"_s, u"ListActivatableNames"_s);
        callAsync(activatable, patience, context, [readAlias, notInstalled](const QDBusMessage& names) {
            if (names.type() != QDBusMessage::ErrorMessage &&
                names.arguments().value(0).toStringList().contains(kService))
                readAlias(); // started by the bus on this first call
            else
                notInstalled();
        });
    });
}

void SecretServiceFix::unlockDefault(QObject* context, std::function<void(const QString&)> done)
{
    callAsync(serviceCall(u"ReadAlias"_s, {u"default"_s}), std::chrono::seconds(10), context,
              [context, done](const QDBusMessage& reply) {
                  const QString path = reply.arguments().value(0).value<QDBusObjectPath>().path();
                  if (reply.type() == QDBusMessage::ErrorMessage || path.isEmpty() || path == u"/"_s) {
                      done(reply.type() == QDBusMessage::ErrorMessage ? reply.errorMessage()
                                                                      : u"there is no default keyring to unlock"_s);
                      return;
                  }
                  runWithPrompt(
                      serviceCall(u"Unlock"_s, {QVariant::fromValue(QList<QDBusObjectPath>{QDBusObjectPath(path)})}),
                      context, done);
              });
}

void SecretServiceFix::createDefault(QObject* context, std::function<void(const QString&)> done)
{
    const QVariantMap properties{{u"org.freedesktop.Secret.Collection.Label"_s, u"Login"_s}};
    runWithPrompt(serviceCall(u"CreateCollection"_s, {properties, u"default"_s}), context, std::move(done));
}

#else

void SecretServiceDoctor::run(QObject* context, std::function<void(QList<DoctorCheck>)> done)
{
    Q_UNUSED(m_patience)
    QTimer::singleShot(0, context, [done] { done({}); });
}

void SecretServiceFix::unlockDefault(QObject* context, std::function<void(const QString&)> done)
{
    QTimer::singleShot(0, context, [done] { done(u"this system has no Secret Service"_s); });
}

void SecretServiceFix::createDefault(QObject* context, std::function<void(const QString&)> done)
{
    QTimer::singleShot(0, context, [done] { done(u"this system has no Secret Service"_s); });
}

#endif

} // namespace utter

#ifdef UTTER_SECRET_SERVICE
#include "secretservicedoctor.moc"
#endif
