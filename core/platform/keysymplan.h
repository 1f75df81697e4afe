#pragma once

#include "common/result.h"
#include "textchunking.h" // keysymForCodePoint()

#include <QList>
#include <QString>

namespace utter
{

// One key event by X keysym, as the RemoteDesktop portal's NotifyKeyboardKeysym takes it.
struct KeysymEvent
{
    quint32 keysym = 0;
    bool pressed = false;

    friend bool operator==(const KeysymEvent&, const KeysymEvent&) = default;
};

namespace keysyms
{
constexpr quint32 Tab = 0xff09;
constexpr quint32 Return = 0xff0d;
constexpr quint32 UnicodeBase = 0x01000000; // keysym = UnicodeBase | code point for characters beyond Latin-1
} // namespace keysyms

// The press/release events that type text, by keysymForCodePoint(): surrogate pairs are one character,
// "\r\n" is one Return, and pressEnter adds a Return. Fails naming the first character without a keysym.
Result<QList<KeysymEvent>> keysymPlan(const QString& text, bool pressEnter = false);

} // namespace utter
