#include "portalhotkeys.h"

#include "logging/logging.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusReply>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace
{

const QString kInterface = u"org.freedesktop.portal.GlobalShortcuts"_s;

struct PortalShortcut
{
    QString id;
    QVariantMap properties;
};

QDBusArgument& operator<<(QDBusArgument& arg, const PortalShortcut& s)
{
    arg.beginStructure();
    arg << s.id << s.properties;
    arg.endStructure();
    return arg;
}

const QDBusArgument& operator>>(const QDBusArgument& arg, PortalShortcut& s)
{
    arg.beginStructure();
    arg >> s.id >> s.properties;
    arg.endStructure();
    return arg;
}

} // namespace

Q_DECLARE_METATYPE(PortalShortcut)

namespace utter
{

PortalHotkeys::PortalHotkeys(QObject* parent)
    : GlobalHotkeys(parent)
{
    qDBusRegisterMetaType<PortalShortcut>();
    qDBusRegisterMetaType<QList<PortalShortcut>>();
    QDBusConnection bus = QDBusConnection::sessionBus();
    const bool connected = bus.connect(PortalRequest::service, PortalRequest::desktopPath, kInterface, u"Activated"_s,
                                       this, SLOT(onActivated(QDBusMessage))) &&
                           bus.connect(PortalRequest::service, PortalRequest::desktopPath, kInterface, u"Deactivated"_s,
                                       this, SLOT(onDeactivated(QDBusMessage)));
    if (!connected)
        qCWarning(lcHotkey) << "cannot listen to the GlobalShortcuts portal's signals:" << bus.lastError().message();
}

PortalHotkeys::~PortalHotkeys()
{
    if (!m_session.isEmpty()) {
        QDBusMessage close = QDBusMessage::createMethodCall(PortalRequest::service, m_session,
                                                            u"org.freedesktop.portal.Session"_s, u"Close"_s);
        QDBusConnection::sessionBus().call(close, QDBus::NoBlock);
    }
}

bool PortalHotkeys::isAvailable(QString* why)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        *why = u"no D-Bus session bus"_s;
        return false;
    }
    QDBusMessage get = QDBusMessage::createMethodCall(PortalRequest::service, PortalRequest::desktopPath,
                                                      u"org.freedesktop.DBus.Properties"_s, u"Get"_s);
    get << kInterface << u"version"_s;
    const QDBusMessage reply = bus.call(get, QDBus::Block, 2000);
    if (reply.type() != QDBusMessage::ReplyMessage) {
        *why = u"the desktop portal has no GlobalShortcuts interface"_s;
        return false;
    }
    return true;
}

QString PortalHotkeys::preferredTrigger(const KeySpec& spec)
{
    QStringList parts;
    if (spec.hasModifier(KeySpec::Ctrl))
        parts << u"CTRL"_s;
    if (spec.hasModifier(KeySpec::Alt))
        parts << u"ALT"_s;
    if (spec.hasModifier(KeySpec::Shift))
        parts << u"SHIFT"_s;
    if (spec.hasModifier(KeySpec::Meta))
        parts << u"LOGO"_s;
    // The spec names keys by their xkb keysym names.
    static const QHash<QString, QString> names = {
        {u"Space"_s, u"space"_s},
        {u"Enter"_s, u"Return"_s},
        {u"Backspace"_s, u"BackSpace"_s},
        {u"PageUp"_s, u"Prior"_s},
        {u"PageDown"_s, u"Next"_s},
        {u"ScrollLock"_s, u"Scroll_Lock"_s},
        {u"PrintScreen"_s, u"Print"_s},
        {u"CapsLock"_s, u"Caps_Lock"_s},
        {u"Minus"_s, u"minus"_s},
        {u"Equal"_s, u"equal"_s},
        {u"Comma"_s, u"comma"_s},
        {u"Period"_s, u"period"_s},
        {u"Slash"_s, u"slash"_s},
        {u"Semicolon"_s, u"semicolon"_s},
        {u"Apostrophe"_s, u"apostrophe"_s},
        {u"Grave"_s, u"grave"_s},
        {u"LeftBracket"_s, u"bracketleft"_s},
        {u"RightBracket"_s, u"bracketright"_s},
        {u"Backslash"_s, u"backslash"_s},
        {u"LeftCtrl"_s, u"Control_L"_s},
        {u"RightCtrl"_s, u"Control_R"_s},
        {u"LeftAlt"_s, u"Alt_L"_s},
        {u"RightAlt"_s, u"Alt_R"_s},
        {u"LeftShift"_s, u"Shift_L"_s},
        {u"RightShift"_s, u"Shift_R"_s},
        {u"LeftMeta"_s, u"Super_L"_s},
        {u"RightMeta"_s, u"Super_R"_s},
    };
    const QString key = spec.keyName();
    parts << (names.contains(key) ? names.value(key) : (key.size() == 1 ? key.toLower() : key));
    return parts.join(u'+');
}

Status PortalHotkeys::registerHotkey(const QString& id, const KeySpec& spec)
{
    if (m_bound)
        return Error(ErrorCode::Unsupported,
                     u"The desktop portal binds shortcuts once per session; restart Utter to change hotkeys."_s);
    m_wanted.insert(id, spec);
    if (!m_bindScheduled) {
        m_bindScheduled = true;
        QTimer::singleShot(0, this, &PortalHotkeys::bindPending);
    }
    return {};
}

void PortalHotkeys::unregisterHotkey(const QString& id)
{
    m_wanted.remove(id); // the portal has no unbind; events for unknown ids are ignored
    m_down.remove(id);
}

void PortalHotkeys::failAll(const QString& message)
{
    for (auto it = m_wanted.cbegin(); it != m_wanted.cend(); ++it)
        emit registrationFailed(it.key(), Error(ErrorCode::Failed, message));
}

void PortalHotkeys::bindPending()
{
    const QString token = PortalRequest::nextToken(u"shortcuts"_s);
    QDBusMessage create = QDBusMessage::createMethodCall(PortalRequest::service, PortalRequest::desktopPath, kInterface,
                                                         u"CreateSession"_s);
    create << QVariantMap{{u"handle_token"_s, token},
                          {u"session_handle_token"_s, PortalRequest::nextToken(u"shortcuts_session"_s)}};
    PortalRequest::send(QDBusConnection::sessionBus(), create, token, this,
                        [this](const PortalResponse& response) { onSessionCreated(response); });
}

void PortalHotkeys::onSessionCreated(const PortalResponse& response)
{
    if (!response.error.isEmpty()) {
        failAll(u"The GlobalShortcuts portal refused to create a session: %1"_s.arg(response.error));
        return;
    }
    if (response.code != PortalResponse::Success) {
        failAll(u"The desktop refused Utter's global shortcuts (portal response %1); allow them in the dialog, "
                "or bind `utter begin`/`utter end` in your desktop's shortcut settings."_s.arg(response.code));
        return;
    }
    m_session = PortalRequest::objectPathValue(response.results.value(u"session_handle"_s));
    QList<PortalShortcut> shortcuts;
    for (auto it = m_wanted.cbegin(); it != m_wanted.cend(); ++it) {
        shortcuts << PortalShortcut{
            it.key(),
            {{u"description"_s, it.key() == u"dictate"_s ? u"Dictate (hold to talk)"_s : u"Utter: "_s + it.key()},
             {u"preferred_trigger"_s, preferredTrigger(it.value())}}};
    }
    const QString token = PortalRequest::nextToken(u"shortcuts"_s);
    QDBusMessage bind = QDBusMessage::createMethodCall(PortalRequest::service, PortalRequest::desktopPath, kInterface,
                                                       u"BindShortcuts"_s);
    bind << QVariant::fromValue(QDBusObjectPath(m_session)) << QVariant::fromValue(shortcuts) << QString()
         << QVariantMap{{u"handle_token"_s, token}};
    PortalRequest::send(QDBusConnection::sessionBus(), bind, token, this,
                        [this](const PortalResponse& response) { onBound(response); });
}

void PortalHotkeys::onBound(const PortalResponse& response)
{
    if (!response.error.isEmpty()) {
        failAll(u"The GlobalShortcuts portal refused the shortcuts: %1"_s.arg(response.error));
        return;
    }
    m_bound = true; // the portal answered: a session's shortcuts are bound once
    if (response.code != PortalResponse::Success) {
        failAll(u"The shortcuts were not allowed (portal response %1); allow them in the desktop's dialog or "
                "settings."_s.arg(response.code));
        return;
    }
    QList<PortalShortcut> bound;
    response.results.value(u"shortcuts"_s).value<QDBusArgument>() >> bound;
    QSet<QString> ids;
    for (const PortalShortcut& s : std::as_const(bound)) {
        ids.insert(s.id);
        qCInfo(lcHotkey) << "portal bound" << s.id << "to" << s.properties.value(u"trigger_description"_s).toString();
    }
    for (auto it = m_wanted.cbegin(); it != m_wanted.cend(); ++it) {
        if (!ids.contains(it.key()))
            emit registrationFailed(it.key(),
                                    Error(ErrorCode::Failed, u"The desktop did not bind %1; assign it in the desktop's "
                                                             "shortcut settings."_s.arg(it.value().toString())));
    }
}

// The signals are taken as whole messages: (o session_handle, s shortcut_id, t timestamp, a{sv} options).
void PortalHotkeys::onActivated(const QDBusMessage& message)
{
    const QList<QVariant> args = message.arguments();
    const QString session = qdbus_cast<QDBusObjectPath>(args.value(0)).path();
    const QString id = args.value(1).toString();
    if (session != m_session || !m_wanted.contains(id) || m_down.contains(id))
        return;
    m_down.insert(id);
    emit pressed(id);
}

void PortalHotkeys::onDeactivated(const QDBusMessage& message)
{
    const QList<QVariant> args = message.arguments();
    const QString session = qdbus_cast<QDBusObjectPath>(args.value(0)).path();
    const QString id = args.value(1).toString();
    if (session != m_session || !m_down.remove(id))
        return;
    emit released(id);
}

} // namespace utter
