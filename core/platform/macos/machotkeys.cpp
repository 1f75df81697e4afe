#include "machotkeys.h"

#include "logging/logging.h"

#include <Carbon/Carbon.h>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

constexpr OSType kSignature = 0x55545452; // 'UTTR'

OSStatus hotKeyHandler(EventHandlerCallRef, EventRef event, void* userData)
{
    EventHotKeyID hotKeyId{};
    if (GetEventParameter(event, kEventParamDirectObject, typeEventHotKeyID, nullptr, sizeof(hotKeyId), nullptr,
                          &hotKeyId) != noErr ||
        hotKeyId.signature != kSignature)
        return eventNotHandledErr;
    static_cast<MacHotkeys*>(userData)->onHotKey(hotKeyId.id, GetEventKind(event) == kEventHotKeyPressed);
    return noErr;
}

} // namespace

MacHotkeys::MacHotkeys(QObject* parent)
    : GlobalHotkeys(parent)
{
    const EventTypeSpec types[] = {{kEventClassKeyboard, kEventHotKeyPressed},
                                   {kEventClassKeyboard, kEventHotKeyReleased}};
    EventHandlerRef handler = nullptr;
    if (InstallApplicationEventHandler(NewEventHandlerUPP(hotKeyHandler), 2, types, this, &handler) == noErr)
        m_handler = handler;
    else
        qCWarning(lcHotkey) << "InstallApplicationEventHandler failed";
}

MacHotkeys::~MacHotkeys()
{
    for (const Registration& r : std::as_const(m_registrations))
        UnregisterEventHotKey(static_cast<EventHotKeyRef>(r.ref));
    if (m_handler)
        RemoveEventHandler(static_cast<EventHandlerRef>(m_handler));
}

Status MacHotkeys::registerHotkey(const QString& id, const KeySpec& spec)
{
    if (!m_handler)
        return Error(ErrorCode::Failed, u"Could not install the hotkey handler."_s);
    if (spec.isModifierKey())
        return Error(ErrorCode::Unsupported,
                     u"A modifier key on its own (%1) cannot be a global hotkey on macOS without Input Monitoring; "
                     "choose a chord such as Ctrl+Alt+Space or a function key."_s.arg(spec.toString()));
    if (spec.macKeyCode() == KeySpec::NoCode)
        return Error(ErrorCode::Unsupported,
                     u"%1 has no key on a Mac keyboard; choose another hotkey."_s.arg(spec.toString()));
    unregisterHotkey(id);
    for (const Registration& other : std::as_const(m_registrations)) {
        if (other.spec == spec)
            return Error(ErrorCode::InvalidArgument,
                         u"%1 is already used for %2; give %3 a different key."_s.arg(spec.toString(), other.id, id));
    }
    const unsigned number = m_next++;
    EventHotKeyRef ref = nullptr;
    const OSStatus status =
        RegisterEventHotKey(spec.macKeyCode(), spec.carbonModifierFlags(), EventHotKeyID{kSignature, number},
                            GetApplicationEventTarget(), 0, &ref);
    if (status == eventHotKeyExistsErr)
        return Error(ErrorCode::Failed,
                     u"%1 is already taken by another application or a system shortcut; choose "
                     "another hotkey with `utter config set hotkey/dictate KEY`."_s.arg(spec.toString()));
    if (status != noErr)
        return Error(ErrorCode::Failed,
                     u"macOS refused %1 (error %2); choose another hotkey."_s.arg(spec.toString()).arg(int(status)));
    m_registrations.insert(number, {id, spec, ref, false});
    return {};
}

void MacHotkeys::unregisterHotkey(const QString& id)
{
    for (auto it = m_registrations.begin(); it != m_registrations.end(); ++it) {
        if (it->id == id) {
            UnregisterEventHotKey(static_cast<EventHotKeyRef>(it->ref));
            m_registrations.erase(it);
            return;
        }
    }
}

void MacHotkeys::onHotKey(unsigned number, bool isPress)
{
    auto it = m_registrations.find(number);
    if (it == m_registrations.end())
        return;
    if (isPress && !it->down) {
        it->down = true;
        emit pressed(it->id);
    } else if (!isPress && it->down) {
        it->down = false;
        emit released(it->id);
    }
}

} // namespace utter
