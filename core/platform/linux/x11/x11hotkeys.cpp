#include "x11hotkeys.h"

#include "logging/logging.h"

#include <QSocketNotifier>
#include <QTimer>

// xcb/xkb.h names a struct member "explicit", a C++ keyword; rename it for this include only (Qt does the same).
#ifdef __clang__
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wkeyword-macro"
#endif
#define explicit xcb_explicit
#include <xcb/xkb.h>
#undef explicit
#ifdef __clang__
#pragma clang diagnostic pop
#endif

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

constexpr std::uint8_t kBadAccess = 10;

bool enableDetectableAutoRepeat(xcb_connection_t* c)
{
    x11::Reply<xcb_xkb_use_extension_reply_t> use(xcb_xkb_use_extension_reply(
        c, xcb_xkb_use_extension(c, XCB_XKB_MAJOR_VERSION, XCB_XKB_MINOR_VERSION), nullptr));
    if (!use || !use->supported)
        return false;
    const std::uint32_t flag = XCB_XKB_PER_CLIENT_FLAG_DETECTABLE_AUTO_REPEAT;
    x11::Reply<xcb_xkb_per_client_flags_reply_t> flags(xcb_xkb_per_client_flags_reply(
        c, xcb_xkb_per_client_flags(c, XCB_XKB_ID_USE_CORE_KBD, flag, flag, 0, 0, 0), nullptr));
    return flags && (flags->value & flag);
}

} // namespace

std::unique_ptr<X11Hotkeys> X11Hotkeys::create(QString* error, QObject* parent)
{
    x11::ConnectionPtr connection = x11::connectToDisplay(error);
    if (!connection)
        return {};
    return std::unique_ptr<X11Hotkeys>(new X11Hotkeys(std::move(connection), parent));
}

X11Hotkeys::X11Hotkeys(x11::ConnectionPtr connection, QObject* parent)
    : GlobalHotkeys(parent)
    , m_connection(std::move(connection))
    , m_keyboard(m_connection.get())
{
    xcb_connection_t* c = m_connection.get();
    m_root = xcb_setup_roots_iterator(xcb_get_setup(c)).data->root;
    m_detectableAutoRepeat = enableDetectableAutoRepeat(c);
    if (!m_detectableAutoRepeat)
        qCInfo(lcHotkey) << "XKB detectable auto-repeat unavailable; filtering repeat pairs by timestamp";
    m_notifier = new QSocketNotifier(xcb_get_file_descriptor(c), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &X11Hotkeys::readEvents);
}

X11Hotkeys::~X11Hotkeys()
{
    for (const Grab& g : std::as_const(m_grabs))
        ungrab(g);
    xcb_flush(m_connection.get());
}

std::uint16_t X11Hotkeys::maskFor(const KeySpec& spec) const
{
    std::uint16_t mask = 0;
    if (spec.hasModifier(KeySpec::Ctrl))
        mask |= XCB_MOD_MASK_CONTROL;
    if (spec.hasModifier(KeySpec::Shift))
        mask |= XCB_MOD_MASK_SHIFT;
    if (spec.hasModifier(KeySpec::Alt))
        mask |= m_keyboard.altMask();
    if (spec.hasModifier(KeySpec::Meta))
        mask |= m_keyboard.metaMask();
    return mask;
}

xcb_keycode_t X11Hotkeys::keycodeFor(const KeySpec& spec) const
{
    xcb_keycode_t code = m_keyboard.keycodeFor(spec.x11Keysym());
    if (code == 0 && spec.x11AlternateKeysym() != 0)
        code = m_keyboard.keycodeFor(spec.x11AlternateKeysym());
    return code;
}

Status X11Hotkeys::grab(Grab& g)
{
    xcb_connection_t* c = m_connection.get();
    g.keycode = keycodeFor(g.spec);
    if (g.keycode == 0)
        return Error(ErrorCode::Unsupported,
                     u"The key %1 does not exist in the current keyboard layout; choose another hotkey in settings "
                     "(hotkey/dictate)."_s.arg(g.spec.toString()));
    g.modifiers = maskFor(g.spec);
    const std::vector<std::uint16_t> masks = grabMasks(g);
    std::vector<xcb_void_cookie_t> cookies;
    for (std::uint16_t mask : masks)
        cookies.push_back(
            xcb_grab_key_checked(c, 1, m_root, mask, g.keycode, XCB_GRAB_MODE_ASYNC, XCB_GRAB_MODE_ASYNC));
    bool taken = false;
    std::uint8_t otherError = 0;
    for (auto& cookie : cookies) {
        if (x11::Reply<xcb_generic_error_t> error{xcb_request_check(c, cookie)}) {
            if (error->error_code == kBadAccess)
                taken = true;
            else
                otherError = error->error_code;
        }
    }
    if (taken || otherError) {
        ungrab(g);
        xcb_flush(c);
        if (taken)
            return Error(ErrorCode::Failed,
                         u"%1 is already taken by another application; free it there or choose another hotkey "
                         "with `utter config set hotkey/dictate KEY`."_s.arg(g.spec.toString()));
        return Error(ErrorCode::Failed,
                     u"The X server refused to grab %1 (X error %2); choose another hotkey."_s.arg(g.spec.toString())
                         .arg(otherError));
    }
    return {};
}

void X11Hotkeys::ungrab(const Grab& g)
{
    if (g.keycode == 0)
        return;
    for (std::uint16_t mask : grabMasks(g))
        xcb_ungrab_key(m_connection.get(), g.keycode, m_root, mask);
}

std::vector<std::uint16_t> X11Hotkeys::grabMasks(const Grab& g) const
{
    // A lone modifier key (RightCtrl) is taken whatever else is held: its own press may already carry its
    // modifier bit (another Ctrl held, or tools that press Control_L along with Control_R).
    if (g.spec.isModifierKey())
        return {XCB_MOD_MASK_ANY};
    // Without the lock variants the hotkey silently stops working whenever NumLock or CapsLock is on.
    const std::uint16_t numLock = m_keyboard.numLockMask();
    return {g.modifiers, std::uint16_t(g.modifiers | numLock), std::uint16_t(g.modifiers | XCB_MOD_MASK_LOCK),
            std::uint16_t(g.modifiers | numLock | XCB_MOD_MASK_LOCK)};
}

Status X11Hotkeys::registerHotkey(const QString& id, const KeySpec& spec)
{
    if (!spec.isValid())
        return Error(ErrorCode::InvalidArgument, u"No hotkey given for %1."_s.arg(id));
    unregisterHotkey(id);
    for (const Grab& other : std::as_const(m_grabs)) {
        if (other.spec == spec)
            return Error(ErrorCode::InvalidArgument,
                         u"%1 is already used for %2; give %3 a different key."_s.arg(spec.toString(), other.id, id));
    }
    Grab g{id, spec};
    Status status = grab(g);
    if (!status.ok()) {
        qCWarning(lcHotkey) << "cannot grab" << spec.toString() << ":" << status.error().message;
        return status;
    }
    m_grabs.append(g);
    qCInfo(lcHotkey) << "grabbed" << spec.toString() << "for" << id << "keycode" << g.keycode;
    // Replies may have pulled events into xcb's queue without waking the socket notifier.
    QTimer::singleShot(0, this, &X11Hotkeys::readEvents);
    return {};
}

void X11Hotkeys::unregisterHotkey(const QString& id)
{
    for (qsizetype i = 0; i < m_grabs.size(); ++i) {
        if (m_grabs.at(i).id == id) {
            ungrab(m_grabs.at(i));
            m_grabs.removeAt(i);
            xcb_flush(m_connection.get());
            return;
        }
    }
}

void X11Hotkeys::readEvents()
{
    xcb_connection_t* c = m_connection.get();
    if (xcb_connection_has_error(c)) {
        qCWarning(lcHotkey) << "lost the connection to the X server; hotkeys stop working";
        m_notifier->setEnabled(false);
        return;
    }
    x11::Reply<xcb_generic_event_t> event(xcb_poll_for_event(c));
    while (event) {
        // One event of look-ahead lets a release be matched with the auto-repeat press that follows it.
        x11::Reply<xcb_generic_event_t> next(xcb_poll_for_event(c));
        handleEvent(event.get(), next.get());
        const std::uint8_t type = event->response_type & 0x7f;
        if (next && type == XCB_KEY_RELEASE && (next->response_type & 0x7f) == XCB_KEY_PRESS) {
            const auto* release = reinterpret_cast<const xcb_key_release_event_t*>(event.get());
            const auto* press = reinterpret_cast<const xcb_key_press_event_t*>(next.get());
            if (release->detail == press->detail && release->time == press->time) {
                event.reset(xcb_poll_for_event(c)); // the pair was auto-repeat: both consumed
                continue;
            }
        }
        event = std::move(next);
    }
}

void X11Hotkeys::handleEvent(const xcb_generic_event_t* event, const xcb_generic_event_t* next)
{
    const std::uint8_t type = event->response_type & 0x7f;
    if (type == XCB_KEY_PRESS || type == XCB_KEY_RELEASE) {
        const auto* key = reinterpret_cast<const xcb_key_press_event_t*>(event);
        qCDebug(lcHotkey) << (type == XCB_KEY_PRESS ? "key press" : "key release") << key->detail << "state" << Qt::hex
                          << key->state << Qt::dec << "time" << key->time;
    }
    if (type == XCB_KEY_PRESS) {
        const auto* press = reinterpret_cast<const xcb_key_press_event_t*>(event);
        const std::uint16_t relevant =
            XCB_MOD_MASK_CONTROL | XCB_MOD_MASK_SHIFT | m_keyboard.altMask() | m_keyboard.metaMask();
        for (Grab& g : m_grabs) {
            if (g.keycode != press->detail)
                continue;
            if (!g.spec.isModifierKey() && (press->state & relevant) != g.modifiers)
                continue;
            if (g.down)
                return; // auto-repeat with detectable auto-repeat on
            g.down = true;
            qCDebug(lcHotkey) << "pressed" << g.id;
            emit pressed(g.id);
            return;
        }
    } else if (type == XCB_KEY_RELEASE) {
        const auto* release = reinterpret_cast<const xcb_key_release_event_t*>(event);
        if (next && (next->response_type & 0x7f) == XCB_KEY_PRESS) {
            const auto* press = reinterpret_cast<const xcb_key_press_event_t*>(next);
            if (press->detail == release->detail && press->time == release->time)
                return; // synthetic auto-repeat release
        }
        for (Grab& g : m_grabs) {
            if (g.keycode == release->detail && g.down) {
                g.down = false;
                qCDebug(lcHotkey) << "released" << g.id;
                emit released(g.id);
                return;
            }
        }
    } else if (type == XCB_MAPPING_NOTIFY) {
        const auto* mapping = reinterpret_cast<const xcb_mapping_notify_event_t*>(event);
        if (mapping->request == XCB_MAPPING_MODIFIER || mapping->request == XCB_MAPPING_KEYBOARD) {
            m_keyboard.refresh();
            // Utter's own typing remaps spare keycodes; re-grab only when a hotkey's keycode really moved.
            for (Grab& g : m_grabs) {
                if (keycodeFor(g.spec) == g.keycode && maskFor(g.spec) == g.modifiers)
                    continue;
                ungrab(g);
                Status status = grab(g);
                if (!status.ok())
                    emit registrationFailed(g.id, status.error());
            }
            xcb_flush(m_connection.get());
        }
    }
}

} // namespace utter
