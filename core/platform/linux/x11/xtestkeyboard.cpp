#include "xtestkeyboard.h"

#include "platform/textchunking.h"

#include <QElapsedTimer>
#include <QThread>

#include <xcb/xtest.h>
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

namespace utter::x11
{

namespace
{
constexpr std::uint32_t kShiftL = 0xffe1;
} // namespace

std::unique_ptr<XTestKeyboard> XTestKeyboard::open(QString* error)
{
    ConnectionPtr connection = connectToDisplay(error);
    if (!connection)
        return {};
    Reply<xcb_test_get_version_reply_t> version(
        xcb_test_get_version_reply(connection.get(), xcb_test_get_version(connection.get(), 2, 2), nullptr));
    if (!version) {
        if (error)
            *error = u"The X server has no XTEST extension, so Utter cannot type; use the clipboard method."_s;
        return {};
    }
    return std::unique_ptr<XTestKeyboard>(new XTestKeyboard(std::move(connection)));
}

XTestKeyboard::XTestKeyboard(ConnectionPtr connection)
    : m_connection(std::move(connection))
    , m_keyboard(m_connection.get())
{
    m_root = xcb_setup_roots_iterator(xcb_get_setup(m_connection.get())).data->root;
    // XKB must be initialised on this connection for the group query below.
    Reply<xcb_xkb_use_extension_reply_t> use(xcb_xkb_use_extension_reply(
        m_connection.get(), xcb_xkb_use_extension(m_connection.get(), XCB_XKB_MAJOR_VERSION, XCB_XKB_MINOR_VERSION),
        nullptr));
    Q_UNUSED(use)
}

XTestKeyboard::~XTestKeyboard()
{
    restoreScratch();
    sync();
}

void XTestKeyboard::sync()
{
    Reply<xcb_get_input_focus_reply_t> reply(
        xcb_get_input_focus_reply(m_connection.get(), xcb_get_input_focus(m_connection.get()), nullptr));
}

void XTestKeyboard::key(xcb_keycode_t code, bool press)
{
    xcb_test_fake_input(m_connection.get(), press ? XCB_KEY_PRESS : XCB_KEY_RELEASE, code, XCB_CURRENT_TIME, XCB_NONE,
                        0, 0, 0);
}

int XTestKeyboard::currentGroup()
{
    Reply<xcb_xkb_get_state_reply_t> state(xcb_xkb_get_state_reply(
        m_connection.get(), xcb_xkb_get_state(m_connection.get(), XCB_XKB_ID_USE_CORE_KBD), nullptr));
    return state ? state->group : 0;
}

xcb_keycode_t XTestKeyboard::scratchFor(std::uint32_t keysym)
{
    if (auto it = m_scratch.find(keysym); it != m_scratch.end())
        return it->second;
    if (m_spare.empty()) {
        // Every spare keycode is in use: let the target read the keys typed so far (it fetches the keymap
        // when it processes the mapping change), then recycle them.
        sync();
        QThread::msleep(150);
        restoreScratch();
        m_keyboard.refresh();
        m_spare = m_keyboard.unusedKeycodes();
        if (m_spare.empty())
            return 0;
    }
    const xcb_keycode_t code = m_spare.back();
    m_spare.pop_back();
    // The keysym on both levels, so the Shift state does not matter.
    const int per = std::max(2, m_keyboard.keysymsPerKeycode());
    std::vector<xcb_keysym_t> syms(std::size_t(per), 0);
    syms[0] = keysym;
    syms[1] = keysym;
    xcb_change_keyboard_mapping(m_connection.get(), 1, code, std::uint8_t(per), syms.data());
    m_scratch[keysym] = code;
    return code;
}

void XTestKeyboard::restoreScratch()
{
    if (m_scratch.empty())
        return;
    const int per = std::max(2, m_keyboard.keysymsPerKeycode());
    const std::vector<xcb_keysym_t> none(std::size_t(per), 0);
    for (const auto& [sym, code] : m_scratch)
        xcb_change_keyboard_mapping(m_connection.get(), 1, code, std::uint8_t(per), none.data());
    m_scratch.clear();
    xcb_flush(m_connection.get());
}

XTestKeyboard::TypeStats XTestKeyboard::type(const QString& text)
{
    TypeStats stats;
    m_keyboard.refresh();
    m_spare = m_keyboard.unusedKeycodes();
    const int group = currentGroup();
    const xcb_keycode_t shift = m_keyboard.keycodeFor(kShiftL);
    const QList<uint> codePoints = text.toUcs4();
    for (qsizetype i = 0; i < codePoints.size(); ++i) {
        const char32_t cp = codePoints[i];
        if (cp == U'\r' && i + 1 < codePoints.size() && codePoints[i + 1] == U'\n')
            continue;
        const std::uint32_t keysym = keysymForCodePoint(cp);
        if (keysym == 0) {
            ++stats.skipped;
            continue;
        }
        ++stats.characters;
        if (auto it = m_scratch.find(keysym); it != m_scratch.end()) {
            ++stats.remapped; // still mapped from an earlier insertion
            key(it->second, true);
            key(it->second, false);
            continue;
        }
        if (const auto pos = m_keyboard.find(keysym, group)) {
            const bool needShift = pos->level == 1 && shift != 0;
            if (needShift)
                key(shift, true);
            key(pos->keycode, true);
            key(pos->keycode, false);
            if (needShift)
                key(shift, false);
            continue;
        }
        const xcb_keycode_t code = scratchFor(keysym);
        if (code == 0) {
            ++stats.skipped;
            continue;
        }
        ++stats.remapped;
        key(code, true);
        key(code, false);
    }
    // Temporary mappings stay until restoreIdleMappings(): a client fetches the new keymap only when it
    // processes the mapping change, which may be after this returns.
    sync();
    return stats;
}

void XTestKeyboard::restoreIdleMappings()
{
    restoreScratch();
    sync();
}

bool XTestKeyboard::chord(const std::vector<std::uint32_t>& keysyms)
{
    m_keyboard.refresh();
    std::vector<xcb_keycode_t> codes;
    for (std::uint32_t sym : keysyms) {
        const xcb_keycode_t code = m_keyboard.keycodeFor(sym);
        if (code == 0)
            return false;
        codes.push_back(code);
    }
    for (xcb_keycode_t code : codes)
        key(code, true);
    for (auto it = codes.rbegin(); it != codes.rend(); ++it)
        key(*it, false);
    sync();
    return true;
}

bool XTestKeyboard::waitForModifiersReleased(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    const std::vector<xcb_keycode_t>& modifiers = m_keyboard.modifierKeycodes();
    while (true) {
        Reply<xcb_query_keymap_reply_t> keymap(
            xcb_query_keymap_reply(m_connection.get(), xcb_query_keymap(m_connection.get()), nullptr));
        if (!keymap)
            return true;
        bool held = false;
        for (xcb_keycode_t code : modifiers) {
            // Lock keys (Caps/Num Lock) are latched, not held; they stay in the map but are not "down".
            if (keymap->keys[code / 8] & (1 << (code % 8)))
                held = true;
        }
        if (!held)
            return true;
        if (timer.elapsed() >= timeoutMs) {
            // Still held: release them synthetically (xdotool's --clearmodifiers) so "hello" is not Ctrl+H...
            for (xcb_keycode_t code : modifiers) {
                if (keymap->keys[code / 8] & (1 << (code % 8)))
                    key(code, false);
            }
            sync();
            return false;
        }
        QThread::msleep(10);
    }
}

xcb_window_t XTestKeyboard::focusWindow()
{
    Reply<xcb_get_input_focus_reply_t> focus(
        xcb_get_input_focus_reply(m_connection.get(), xcb_get_input_focus(m_connection.get()), nullptr));
    if (!focus || focus->focus == XCB_NONE || focus->focus == XCB_INPUT_FOCUS_POINTER_ROOT)
        return 0;
    return focus->focus;
}

} // namespace utter::x11
