#include "xcbkeyboard.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace utter::x11
{

ConnectionPtr connectToDisplay(QString* error)
{
    const QByteArray display = qgetenv("DISPLAY");
    if (display.isEmpty()) {
        if (error)
            *error = u"DISPLAY is not set, so there is no X server to talk to."_s;
        return {};
    }
    ConnectionPtr connection(xcb_connect(display.constData(), nullptr));
    if (!connection || xcb_connection_has_error(connection.get())) {
        if (error)
            *error = u"Cannot connect to the X server at DISPLAY=%1; check that it runs and allows this user."_s.arg(
                QString::fromLocal8Bit(display));
        return {};
    }
    return connection;
}

KeyboardMap::KeyboardMap(xcb_connection_t* connection)
    : m_connection(connection)
{
    refresh();
}

void KeyboardMap::refresh()
{
    const xcb_setup_t* setup = xcb_get_setup(m_connection);
    m_min = setup->min_keycode;
    m_max = setup->max_keycode;
    const auto count = std::uint8_t(m_max - m_min + 1);
    Reply<xcb_get_keyboard_mapping_reply_t> mapping(
        xcb_get_keyboard_mapping_reply(m_connection, xcb_get_keyboard_mapping(m_connection, m_min, count), nullptr));
    if (!mapping)
        return;
    m_perKeycode = mapping->keysyms_per_keycode;
    const xcb_keysym_t* syms = xcb_get_keyboard_mapping_keysyms(mapping.get());
    const int n = xcb_get_keyboard_mapping_keysyms_length(mapping.get());
    m_keysyms.assign(syms, syms + n);

    Reply<xcb_get_modifier_mapping_reply_t> mods(
        xcb_get_modifier_mapping_reply(m_connection, xcb_get_modifier_mapping(m_connection), nullptr));
    m_modifierKeycodes.clear();
    if (!mods)
        return;
    const xcb_keycode_t* codes = xcb_get_modifier_mapping_keycodes(mods.get());
    const int perMod = mods->keycodes_per_modifier;
    for (int mod = 0; mod < 8; ++mod) {
        for (int j = 0; j < perMod; ++j) {
            const xcb_keycode_t code = codes[mod * perMod + j];
            if (code == 0)
                continue;
            m_modifierKeycodes.push_back(code);
            for (std::uint32_t sym : keysymsOf(code)) {
                const auto mask = std::uint16_t(1u << mod);
                if (sym == 0xff7f) // Num_Lock
                    m_numLock = mask;
                else if ((sym == 0xffe9 || sym == 0xffea) && mod >= 3) // Alt_L / Alt_R on Mod1..Mod5
                    m_alt = mask;
                else if ((sym == 0xffeb || sym == 0xffec) && mod >= 3) // Super_L / Super_R
                    m_meta = mask;
            }
        }
    }
}

std::vector<std::uint32_t> KeyboardMap::keysymsOf(xcb_keycode_t keycode) const
{
    if (keycode < m_min || keycode > m_max || m_perKeycode == 0)
        return {};
    const std::size_t base = std::size_t(keycode - m_min) * std::size_t(m_perKeycode);
    if (base + std::size_t(m_perKeycode) > m_keysyms.size())
        return {};
    return {m_keysyms.begin() + std::ptrdiff_t(base), m_keysyms.begin() + std::ptrdiff_t(base + m_perKeycode)};
}

std::optional<KeyboardMap::KeyPosition> KeyboardMap::find(std::uint32_t keysym, int group) const
{
    const int first = std::clamp(group, 0, 1) * 2;
    for (int code = m_min; code <= m_max; ++code) {
        const std::vector<std::uint32_t> syms = keysymsOf(xcb_keycode_t(code));
        if (int(syms.size()) <= first)
            continue;
        for (int level = 0; level < 2; ++level) {
            std::uint32_t sym = first + level < int(syms.size()) ? syms[std::size_t(first + level)] : 0;
            // Core protocol rule: a lone lower-case letter implies its upper case at level 1.
            if (level == 1 && sym == 0 && syms[std::size_t(first)] >= u'a' && syms[std::size_t(first)] <= u'z')
                sym = syms[std::size_t(first)] - 0x20;
            if (sym == keysym && sym != 0)
                return KeyPosition{xcb_keycode_t(code), level};
        }
    }
    return std::nullopt;
}

xcb_keycode_t KeyboardMap::keycodeFor(std::uint32_t keysym) const
{
    for (int code = m_min; code <= m_max; ++code) {
        for (std::uint32_t sym : keysymsOf(xcb_keycode_t(code))) {
            if (sym == keysym)
                return xcb_keycode_t(code);
        }
    }
    return 0;
}

std::vector<xcb_keycode_t> KeyboardMap::unusedKeycodes() const
{
    std::vector<xcb_keycode_t> unused;
    for (int code = m_min; code <= m_max; ++code) {
        const std::vector<std::uint32_t> syms = keysymsOf(xcb_keycode_t(code));
        if (!syms.empty() && std::all_of(syms.begin(), syms.end(), [](std::uint32_t s) { return s == 0; }))
            unused.push_back(xcb_keycode_t(code));
    }
    return unused;
}

} // namespace utter::x11
