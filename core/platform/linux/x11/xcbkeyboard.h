#pragma once

#include <xcb/xcb.h>

#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace utter::x11
{

struct ConnectionDeleter
{
    void operator()(xcb_connection_t* c) const { xcb_disconnect(c); }
};
using ConnectionPtr = std::unique_ptr<xcb_connection_t, ConnectionDeleter>;

struct FreeDeleter
{
    void operator()(void* p) const { std::free(p); }
};
template<typename T>
using Reply = std::unique_ptr<T, FreeDeleter>;

// Opens a private connection to the X server named by DISPLAY; error text says what to do.
ConnectionPtr connectToDisplay(QString* error);

// The core keyboard mapping and modifier mapping of one connection, refreshed on MappingNotify.
class KeyboardMap final
{
public:
    struct KeyPosition
    {
        xcb_keycode_t keycode = 0;
        int level = 0; // 0 = plain, 1 = with Shift
    };

    explicit KeyboardMap(xcb_connection_t* connection);
    void refresh();

    // The keycode that yields keysym in the given group (0-based, core protocol groups 1–2) at level 0 or 1.
    std::optional<KeyPosition> find(std::uint32_t keysym, int group = 0) const;
    // First keycode that carries the keysym anywhere (for grabbing).
    xcb_keycode_t keycodeFor(std::uint32_t keysym) const;
    // Keycodes that carry no keysym at all: scratch space for temporary mappings.
    std::vector<xcb_keycode_t> unusedKeycodes() const;
    std::vector<std::uint32_t> keysymsOf(xcb_keycode_t keycode) const;

    // Modifier masks as the server maps them.
    std::uint16_t numLockMask() const { return m_numLock; }
    std::uint16_t altMask() const { return m_alt; }
    std::uint16_t metaMask() const { return m_meta; }
    // Keycodes that are modifiers (Shift, Ctrl, Alt, ...), to detect held modifiers.
    const std::vector<xcb_keycode_t>& modifierKeycodes() const { return m_modifierKeycodes; }

    xcb_keycode_t minKeycode() const { return m_min; }
    int keysymsPerKeycode() const { return m_perKeycode; }

private:
    xcb_connection_t* m_connection;
    xcb_keycode_t m_min = 8;
    xcb_keycode_t m_max = 255;
    int m_perKeycode = 0;
    std::vector<std::uint32_t> m_keysyms;
    std::uint16_t m_numLock = XCB_MOD_MASK_2;
    std::uint16_t m_alt = XCB_MOD_MASK_1;
    std::uint16_t m_meta = XCB_MOD_MASK_4;
    std::vector<xcb_keycode_t> m_modifierKeycodes;
};

} // namespace utter::x11
