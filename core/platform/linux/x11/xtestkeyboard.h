#pragma once

#include "xcbkeyboard.h"

#include <QString>

#include <cstdint>
#include <map>
#include <vector>

namespace utter::x11
{

// Synthetic keyboard input through XTest on a private connection, layout-aware: characters are typed with
// the keycode and Shift level the current layout (and group) gives them; characters the layout lacks get a
// temporary keysym on a spare keycode, as xdotool does, which is put back afterwards.
class XTestKeyboard final
{
public:
    // nullptr with *error set when there is no X server or no XTEST extension.
    static std::unique_ptr<XTestKeyboard> open(QString* error);
    ~XTestKeyboard();

    struct TypeStats
    {
        int characters = 0;
        int remapped = 0; // characters typed through a temporary keysym mapping
        int skipped = 0;  // control characters that have no key
    };
    TypeStats type(const QString& text);
    // Puts back the keycodes borrowed for characters beyond the layout. Call when typing has been idle for a
    // while (the targets have long fetched the keymap by then), and on exit.
    void restoreIdleMappings();
    bool hasTemporaryMappings() const { return !m_scratch.empty(); }

    // Presses keysyms together and releases them in reverse order ("Control_L", "v").
    bool chord(const std::vector<std::uint32_t>& keysyms);
    // Waits up to timeoutMs for the user to let go of modifier keys (the hotkey's Ctrl/Alt would otherwise
    // turn typed letters into shortcuts); releases any still held then and returns false.
    bool waitForModifiersReleased(int timeoutMs);

    // The window that has keyboard focus (0 when none), and the connection for property queries.
    xcb_window_t focusWindow();
    xcb_connection_t* connection() const { return m_connection.get(); }
    void sync();

private:
    explicit XTestKeyboard(ConnectionPtr connection);
    void key(xcb_keycode_t code, bool press);
    int currentGroup();
    xcb_keycode_t scratchFor(std::uint32_t keysym);
    void restoreScratch();

    ConnectionPtr m_connection;
    KeyboardMap m_keyboard;
    xcb_window_t m_root = 0;
    std::vector<xcb_keycode_t> m_spare;
    std::map<std::uint32_t, xcb_keycode_t> m_scratch; // keysym → spare keycode currently mapped to it
};

} // namespace utter::x11
