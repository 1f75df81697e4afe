#pragma once

#include "textoutput.h"

#include <QString>

#include <optional>

namespace utter
{

// What goes between two dictations typed one after the other (`output/separator`).
enum class SeparatorMode
{
    Auto,  // a space when the dictation continues the one Utter just typed into the same window
    Space, // always a space in front (unless the text starts with whitespace)
    None,  // the text as transcribed
};

std::optional<SeparatorMode> separatorModeFromName(const QString& name);

// Keeps "…in the kitchen." and "Please call me." from landing as "kitchen.Please". Utter cannot read the text
// around the cursor, so it remembers what it typed last and where: a dictation into the same window (the same
// window id, or the same application when the platform has no id) right after one that ended in a visible
// character gets a space in front — not after a newline or a pressed Enter (a line start), not before text that
// starts with whitespace or closing punctuation. Pure; one per service.
class InsertionSeparator final
{
public:
    // The separator to type in front of `text` going to `target`.
    QString prefixFor(const QString& text, const TargetApp& target, SeparatorMode mode) const;
    // `typed` (separator included) went into `target`; pressedEnter: a Return followed it.
    void inserted(const QString& typed, const TargetApp& target, bool pressedEnter);

private:
    struct Last
    {
        TargetApp target;
        bool endsAtWordEnd = false; // the last character typed was neither whitespace nor a line end
    };
    static bool sameWindow(const TargetApp& a, const TargetApp& b);

    std::optional<Last> m_last;
};

} // namespace utter
