#include "portalkeyboard.h"

#include "logging/logging.h"

#include <QDBusArgument>
#include <QDBusError>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{
const QString kInterface = u"org.freedesktop.portal.RemoteDesktop"_s;
const QString kSessionInterface = u"org.freedesktop.portal.Session"_s;
constexpr int kProbeTimeoutMs = 5000; // the portal may be started by D-Bus activation
constexpr int kKeyTimeoutMs = 5000;
} // namespace

struct PortalKeyboard::Sending
{
    QList<KeysymEvent> events;
    int next = 0;
    std::function<void(int, const Status&)> done;
};

namespace
{

Error noBus()
{
    return Error(ErrorCode::NotFound, u"there is no D-Bus session bus, so no desktop portal"_s);
}

QDBusMessage availabilityCall()
{
    QDBusMessage getAll = QDBusMessage::createMethodCall(PortalRequest::service, PortalRequest::desktopPath,
                                                         u"org.freedesktop.DBus.Properties"_s, u"GetAll"_s);
    getAll << kInterface;
    return getAll;
}

} // namespace

Result<PortalKeyboard::Availability> PortalKeyboard::availabilityFrom(const QDBusMessage& reply)
{
    if (reply.type() != QDBusMessage::ReplyMessage) {
        const QString name = reply.errorName();
        if (name == u"org.freedesktop.DBus.Error.ServiceUnknown"_s ||
            name == u"org.freedesktop.DBus.Error.NameHasNoOwner"_s)
            return Error(ErrorCode::NotFound, u"no desktop portal (xdg-desktop-portal) runs on the session bus"_s);
        if (name == u"org.freedesktop.DBus.Error.NoReply"_s || name == u"org.freedesktop.DBus.Error.Timeout"_s)
            return Error(ErrorCode::Timeout,
                         u"the desktop portal did not answer within %1 s"_s.arg(kProbeTimeoutMs / 1000));
        return Error(ErrorCode::Unsupported,
                     u"the desktop portal has no RemoteDesktop interface (%1)"_s.arg(reply.errorMessage()));
    }
    const QVariantMap properties = qdbus_cast<QVariantMap>(reply.arguments().value(0));
    if (!properties.contains(u"AvailableDeviceTypes"_s))
        return Error(ErrorCode::Unsupported, u"the desktop portal has no RemoteDesktop interface"_s);
    Availability available;
    available.deviceTypes = properties.value(u"AvailableDeviceTypes"_s).toUInt();
    available.version = properties.value(u"version"_s).toUInt();
    if (!(available.deviceTypes & keyboardDevice))
        return Error(
            ErrorCode::Unsupported,
            u"the desktop's RemoteDesktop portal offers no keyboard (device types %1)"_s.arg(available.deviceTypes));
    return available;
}

Result<PortalKeyboard::Availability> PortalKeyboard::probe(const QDBusConnection& bus)
{
    if (!bus.isConnected())
        return noBus();
    return availabilityFrom(bus.call(availabilityCall(), QDBus::Block, kProbeTimeoutMs));
}

void PortalKeyboard::probeAsync(const QDBusConnection& bus, QObject* context,
                                std::function<void(const Result<Availability>&)> done)
{
    if (!bus.isConnected()) {
        done(noBus());
        return;
    }
    auto* watcher = new QDBusPendingCallWatcher(bus.asyncCall(availabilityCall(), kProbeTimeoutMs), context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context, [watcher, done = std::move(done)] {
        watcher->deleteLater();
        done(availabilityFrom(watcher->reply()));
    });
}

QVariantMap PortalKeyboard::selectDevicesOptions(uint version, const QString& handleToken, const QString& restoreToken)
{
    QVariantMap options{{u"handle_token"_s, handleToken}, {u"types"_s, keyboardDevice}};
    if (version >= 2) { // persist_mode and restore_token arrived with version 2 (xdg-desktop-portal 1.17)
        options.insert(u"persist_mode"_s, persistUntilRevoked);
        if (RestoreTokenStore::isValidToken(restoreToken))
            options.insert(u"restore_token"_s, restoreToken);
    }
    return options;
}

PortalKeyboard::PortalKeyboard(QDBusConnection bus, RestoreTokenStore tokens, QObject* parent)
    : QObject(parent)
    , m_bus(std::move(bus))
    , m_tokens(std::move(tokens))
{}

PortalKeyboard::~PortalKeyboard()
{
    close();
}

QDBusMessage PortalKeyboard::portalCall(const QString& method) const
{
    return QDBusMessage::createMethodCall(PortalRequest::service, PortalRequest::desktopPath, kInterface, method);
}

void PortalKeyboard::watchSession(const QString& path, bool watch)
{
    if (path.isEmpty())
        return;
    if (watch)
        m_bus.connect(PortalRequest::service, path, kSessionInterface, u"Closed"_s, this,
                      SLOT(onSessionClosed(QDBusMessage)));
    else
        m_bus.disconnect(PortalRequest::service, path, kSessionInterface, u"Closed"_s, this,
                         SLOT(onSessionClosed(QDBusMessage)));
}

void PortalKeyboard::open(std::function<void(const Status&)> done)
{
    if (m_state == State::Open) {
        done({});
        return;
    }
    m_waiting.append(std::move(done));
    if (m_state == State::Opening)
        return;
    m_state = State::Opening;
    const Result<Availability> available = probe(m_bus);
    if (!available.ok()) {
        failOpen(available.error());
        return;
    }
    m_version = available->version;
    createSession(m_version);
}

void PortalKeyboard::createSession(uint version)
{
    const QString token = PortalRequest::nextToken(u"rd"_s);
    const QString sessionToken = PortalRequest::nextToken(u"rd_session"_s);
    // Watch the predicted session before it exists, so a close right after creation is not missed.
    m_session = PortalRequest::sessionPath(m_bus.baseService(), sessionToken);
    watchSession(m_session, true);
    QDBusMessage create = portalCall(u"CreateSession"_s);
    create << QVariantMap{{u"handle_token"_s, token}, {u"session_handle_token"_s, sessionToken}};
    PortalRequest::send(m_bus, create, token, this, [this, version](const PortalResponse& response) {
        if (!response.ok()) {
            failOpen(Error(ErrorCode::Failed,
                           u"the RemoteDesktop portal did not create a session (%1)"_s.arg(
                               response.error.isEmpty() ? u"response %1"_s.arg(response.code) : response.error)));
            return;
        }
        const QString handle = PortalRequest::objectPathValue(response.results.value(u"session_handle"_s));
        if (!handle.isEmpty() && handle != m_session) {
            watchSession(m_session, false);
            m_session = handle;
            watchSession(m_session, true);
        }
        selectDevices(version);
    });
}

void PortalKeyboard::selectDevices(uint version)
{
    const QString token = PortalRequest::nextToken(u"rd"_s);
    const QString restoreToken = version >= 2 ? m_tokens.load() : QString();
    QDBusMessage select = portalCall(u"SelectDevices"_s);
    select << QVariant::fromValue(QDBusObjectPath(m_session)) << selectDevicesOptions(version, token, restoreToken);
    const bool restoring = !restoreToken.isEmpty();
    PortalRequest::send(m_bus, select, token, this, [this, restoring](const PortalResponse& response) {
        if (!response.ok()) {
            failOpen(Error(ErrorCode::Failed,
                           u"the RemoteDesktop portal refused the keyboard selection (%1)"_s.arg(
                               response.error.isEmpty() ? u"response %1"_s.arg(response.code) : response.error)));
            return;
        }
        start(restoring);
    });
}

void PortalKeyboard::start(bool restoring)
{
    qCInfo(lcInject) << "RemoteDesktop portal: starting a keyboard session"
                     << (restoring ? "with the stored restore token" : "(the desktop asks for consent)");
    const QString token = PortalRequest::nextToken(u"rd"_s);
    QDBusMessage startCall = portalCall(u"Start"_s);
    startCall << QVariant::fromValue(QDBusObjectPath(m_session)) << QString() // no parent window
              << QVariantMap{{u"handle_token"_s, token}};
    PortalRequest::send(
        m_bus, startCall, token, this,
        [this](const PortalResponse& response) {
            if (!response.error.isEmpty()) {
                failOpen(Error(ErrorCode::Timeout,
                               u"the desktop's remote-control consent was not given (%1)"_s.arg(response.error)));
                return;
            }
            if (response.code == PortalResponse::Cancelled) {
                failOpen(Error(ErrorCode::Cancelled,
                               u"you declined the desktop's request to let Utter control the keyboard"_s));
                return;
            }
            if (response.code != PortalResponse::Success) {
                failOpen(Error(ErrorCode::Failed,
                               u"the desktop ended the remote-control request (response %1)"_s.arg(response.code)));
                return;
            }
            const uint devices = response.results.value(u"devices"_s).toUInt();
            if (!(devices & keyboardDevice)) {
                failOpen(Error(ErrorCode::Cancelled, u"the desktop started the session without the keyboard "
                                                     "(devices %1)"_s.arg(devices)));
                return;
            }
            if (m_version >= 2) {
                // Single-use: the token we sent is spent; keep the new one, or none when persistence was refused.
                const Status saved = m_tokens.save(response.results.value(u"restore_token"_s).toString());
                if (!saved.ok())
                    qCWarning(lcInject) << "cannot keep the RemoteDesktop restore token:" << saved.error().message;
            }
            opened();
        },
        consentTimeoutMs);
}

void PortalKeyboard::opened()
{
    m_state = State::Open;
    qCInfo(lcInject) << "RemoteDesktop portal: keyboard session" << m_session << "open";
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto& done : waiting)
        done({});
}

void PortalKeyboard::failOpen(const Error& error)
{
    if (!m_session.isEmpty()) {
        watchSession(m_session, false);
        m_bus.call(QDBusMessage::createMethodCall(PortalRequest::service, m_session, kSessionInterface, u"Close"_s),
                   QDBus::NoBlock);
        m_session.clear();
    }
    m_state = State::Closed;
    qCWarning(lcInject) << "RemoteDesktop portal: no keyboard session:" << error.message;
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto& done : waiting)
        done(error);
}

void PortalKeyboard::close()
{
    if (m_state == State::Opening) {
        failOpen(Error(ErrorCode::Cancelled, u"the keyboard session was closed while it was opening"_s));
        return;
    }
    if (m_session.isEmpty())
        return;
    watchSession(m_session, false);
    m_bus.call(QDBusMessage::createMethodCall(PortalRequest::service, m_session, kSessionInterface, u"Close"_s),
               QDBus::NoBlock);
    m_session.clear();
    m_state = State::Closed;
}

void PortalKeyboard::onSessionClosed(const QDBusMessage& message)
{
    if (message.path() != m_session)
        return;
    if (m_state == State::Opening) {
        failOpen(Error(ErrorCode::Failed, u"the desktop closed the remote-control session before it started"_s));
        return;
    }
    qCInfo(lcInject) << "RemoteDesktop portal: the desktop closed keyboard session" << m_session;
    watchSession(m_session, false);
    m_session.clear();
    m_state = State::Closed;
    emit closed();
}

void PortalKeyboard::send(const QList<KeysymEvent>& events, std::function<void(int, const Status&)> done)
{
    if (m_state != State::Open) {
        done(0, Error(ErrorCode::Failed, u"the remote-control session is not open"_s));
        return;
    }
    auto job = std::make_shared<Sending>();
    job->events = events;
    job->done = std::move(done);
    sendNext(job);
}

void PortalKeyboard::sendNext(const std::shared_ptr<Sending>& job)
{
    if (job->next == job->events.size()) {
        job->done(job->next, {});
        return;
    }
    if (m_state != State::Open) {
        job->done(job->next, Error(ErrorCode::Failed, u"the desktop closed the remote-control session"_s));
        return;
    }
    const KeysymEvent event = job->events.at(job->next);
    QDBusMessage notify = portalCall(u"NotifyKeyboardKeysym"_s);
    notify << QVariant::fromValue(QDBusObjectPath(m_session)) << QVariantMap() << qint32(event.keysym)
           << uint(event.pressed ? 1 : 0);
    auto* watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(notify, kKeyTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, job] {
        watcher->deleteLater();
        const QDBusPendingReply<> reply = *watcher;
        if (reply.isError()) {
            job->done(job->next, Error(ErrorCode::InjectionBlocked,
                                       u"the portal refused a key event (%1)"_s.arg(reply.error().message())));
            return;
        }
        ++job->next;
        sendNext(job);
    });
}

} // namespace utter
