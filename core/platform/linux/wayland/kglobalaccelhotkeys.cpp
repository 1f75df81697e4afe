#include "kglobalaccelhotkeys.h"

#include "logging/logging.h"

#include <QDBusConnectionInterface>
#include <QDBusObjectPath>
#include <QDBusReply>

using namespace Qt::Literals::StringLiterals;

namespace
{

const QString kService = u"org.kde.kglobalaccel"_s;
const QString kPath = u"/kglobalaccel"_s;
const QString kInterface = u"org.kde.KGlobalAccel"_s;
const QString kComponentInterface = u"org.kde.kglobalaccel.Component"_s;
constexpr int kCallTimeoutMs = 3000;

// kglobalaccel's setShortcut flags (KGlobalAccel::SetShortcutFlag / the daemon's SetShortcutFlag).
constexpr uint kSetPresent = 2;    // the application is running: the shortcut is active
constexpr uint kNoAutoloading = 4; // take these keys, not the ones saved in kglobalshortcutsrc

QString actionName(const QString& id)
{
    return id == u"dictate"_s ? u"Dictate (hold to talk)"_s : u"Utter: "_s + id;
}

} // namespace

namespace utter
{

const QString KGlobalAccelHotkeys::component = u"utter"_s;

KGlobalAccelHotkeys::KGlobalAccelHotkeys(QDBusConnection bus, QObject* parent)
    : GlobalHotkeys(parent)
    , m_bus(std::move(bus))
{}

KGlobalAccelHotkeys::~KGlobalAccelHotkeys()
{
    for (auto it = m_registered.cbegin(); it != m_registered.cend(); ++it) {
        QDBusMessage inactive = call(u"setInactive"_s);
        inactive << QStringList{component, it.key(), u"Utter"_s, actionName(it.key())};
        m_bus.call(inactive, QDBus::NoBlock);
    }
}

bool KGlobalAccelHotkeys::isAvailable(const QDBusConnection& bus, QString* why)
{
    if (!bus.isConnected()) {
        *why = u"no D-Bus session bus"_s;
        return false;
    }
    const QDBusReply<bool> owned = bus.interface()->isServiceRegistered(kService);
    if (!owned.isValid() || !owned.value()) {
        *why = u"kglobalaccel is not running (KWin starts it in a Plasma session)"_s;
        return false;
    }
    return true;
}

int KGlobalAccelHotkeys::qtKeyCode(const KeySpec& spec)
{
    int key = spec.qtKey();
    if (key == 0)
        return 0;
    if (spec.hasModifier(KeySpec::Ctrl))
        key |= Qt::ControlModifier;
    if (spec.hasModifier(KeySpec::Alt))
        key |= Qt::AltModifier;
    if (spec.hasModifier(KeySpec::Shift))
        key |= Qt::ShiftModifier;
    if (spec.hasModifier(KeySpec::Meta))
        key |= Qt::MetaModifier;
    return key;
}

QDBusMessage KGlobalAccelHotkeys::call(const QString& method) const
{
    return QDBusMessage::createMethodCall(kService, kPath, kInterface, method);
}

Status KGlobalAccelHotkeys::listen()
{
    if (!m_componentPath.isEmpty())
        return {};
    QDBusMessage get = call(u"getComponent"_s);
    get << component;
    const QDBusReply<QDBusObjectPath> path = m_bus.call(get, QDBus::Block, kCallTimeoutMs);
    if (!path.isValid())
        return Error(ErrorCode::Failed, u"kglobalaccel did not create Utter's component: "_s + path.error().message());
    const bool connected = m_bus.connect(kService, path.value().path(), kComponentInterface, u"globalShortcutPressed"_s,
                                         this, SLOT(onPressed(QDBusMessage))) &&
                           m_bus.connect(kService, path.value().path(), kComponentInterface,
                                         u"globalShortcutReleased"_s, this, SLOT(onReleased(QDBusMessage)));
    if (!connected)
        return Error(ErrorCode::Failed,
                     u"cannot listen to kglobalaccel's shortcut signals: "_s + m_bus.lastError().message());
    m_componentPath = path.value().path();
    return {};
}

Status KGlobalAccelHotkeys::registerHotkey(const QString& id, const KeySpec& spec)
{
    const int key = qtKeyCode(spec);
    if (key == 0)
        return Error(ErrorCode::Unsupported, u"KDE's global shortcuts cannot bind %1 on its own; choose a key such "
                                             "as F9 or Ctrl+Alt+Space."_s.arg(spec.toString()));
    const QStringList action{component, id, u"Utter"_s, actionName(id)};
    QDBusMessage doRegister = call(u"doRegister"_s);
    doRegister << action;
    const QDBusMessage registered = m_bus.call(doRegister, QDBus::Block, kCallTimeoutMs);
    if (registered.type() != QDBusMessage::ReplyMessage)
        return Error(ErrorCode::Failed, u"kglobalaccel refused Utter's shortcut: "_s + registered.errorMessage());
    QDBusMessage set = call(u"setShortcut"_s);
    set << action << QVariant::fromValue(QList<int>{key}) << uint(kSetPresent | kNoAutoloading);
    const QDBusReply<QList<int>> keys = m_bus.call(set, QDBus::Block, kCallTimeoutMs);
    if (!keys.isValid() || !keys.value().contains(key)) {
        // Leave no key-less "Utter" action behind in System Settings (nor an old key of this id).
        unregisterAction(id);
        if (!keys.isValid())
            return Error(ErrorCode::Failed, u"kglobalaccel refused Utter's shortcut: "_s + keys.error().message());
        return Error(ErrorCode::Failed, u"%1 is already a global shortcut of another application; choose another "
                                        "key or free it in System Settings → Shortcuts."_s.arg(spec.toString()));
    }
    if (const Status listening = listen(); !listening.ok())
        return listening;
    m_registered.insert(id, spec);
    qCInfo(lcHotkey) << "kglobalaccel bound" << id << "to" << spec.toString();
    return {};
}

void KGlobalAccelHotkeys::unregisterHotkey(const QString& id)
{
    if (m_registered.contains(id))
        unregisterAction(id);
}

void KGlobalAccelHotkeys::unregisterAction(const QString& id)
{
    m_registered.remove(id);
    m_down.remove(id);
    QDBusMessage remove = call(u"unregister"_s);
    remove << component << id;
    m_bus.call(remove, QDBus::NoBlock);
}

// (s componentUnique, s actionUnique, x timestamp)
void KGlobalAccelHotkeys::onPressed(const QDBusMessage& message)
{
    const QList<QVariant> args = message.arguments();
    const QString id = args.value(1).toString();
    if (args.value(0).toString() != component || !m_registered.contains(id) || m_down.contains(id))
        return; // a repeat while the key is held, or not ours
    m_down.insert(id);
    emit pressed(id);
}

void KGlobalAccelHotkeys::onReleased(const QDBusMessage& message)
{
    const QList<QVariant> args = message.arguments();
    const QString id = args.value(1).toString();
    if (args.value(0).toString() != component || !m_down.remove(id))
        return;
    emit released(id);
}

} // namespace utter
