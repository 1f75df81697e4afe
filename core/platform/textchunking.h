#pragma once

#include <QList>
#include <QString>

#include <cstdint>

namespace utter
{

// Pure helpers for the Unicode typing paths of Windows and macOS, unit-tested on every platform.

// Splits text into pieces of at most maxUnits UTF-16 code units without splitting a surrogate pair (macOS
// CGEventKeyboardSetUnicodeString takes at most 20 units per event). Newlines become pieces of their own
// ("\n"), because they are sent as the Return key, not as text.
QList<QString> utf16Chunks(const QString& text, int maxUnits = 20);

// One synthetic keyboard event for Windows SendInput.
struct UnicodeKeyEvent
{
    std::uint16_t unit = 0; // UTF-16 code unit (KEYEVENTF_UNICODE) or a virtual key when isVirtualKey
    bool keyUp = false;
    bool isVirtualKey = false; // VK_RETURN / VK_TAB for "\n" and "\t" (many apps ignore them as VK_PACKET)
};

// The SendInput event sequence for text: each UTF-16 unit down then up (a surrogate pair as two units, in
// order: high down, high up, low down, low up — as Windows expects), "\r\n" and "\n" as one Return.
QList<UnicodeKeyEvent> windowsUnicodeEvents(const QString& text);

// X11 keysym for a code point: Latin-1 maps directly, newline/tab to Return/Tab, everything else to
// 0x01000000 + code point (keysymdef.h's Unicode range). 0 for control characters, surrogates and
// noncharacters, which cannot be typed.
std::uint32_t keysymForCodePoint(char32_t codePoint);

} // namespace utter
