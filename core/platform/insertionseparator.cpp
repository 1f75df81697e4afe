#include "insertionseparator.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

// Text that attaches to what precedes it: no space in front.
bool startsWithClosingPunctuation(const QString& text)
{
    static const QString closing = u",.;:!?)]}…%"_s;
    return !text.isEmpty() && closing.contains(text.front());
}

} // namespace

std::optional<SeparatorMode> separatorModeFromName(const QString& name)
{
    if (name == u"auto"_s)
        return SeparatorMode::Auto;
    if (name == u"space"_s)
        return SeparatorMode::Space;
    if (name == u"none"_s)
        return SeparatorMode::None;
    return std::nullopt;
}

bool InsertionSeparator::sameWindow(const TargetApp& a, const TargetApp& b)
{
    if (a.windowId != 0 || b.windowId != 0)
        return a.windowId == b.windowId && a.appId == b.appId;
    return a.appId == b.appId && a.appId != u"unknown"_s;
}

QString InsertionSeparator::prefixFor(const QString& text, const TargetApp& target, SeparatorMode mode) const
{
    if (text.isEmpty() || text.front().isSpace() || mode == SeparatorMode::None)
        return {};
    if (mode == SeparatorMode::Space)
        return u" "_s;
    if (!m_last || !m_last->endsAtWordEnd || !sameWindow(m_last->target, target) || startsWithClosingPunctuation(text))
        return {};
    return u" "_s;
}

void InsertionSeparator::inserted(const QString& typed, const TargetApp& target, bool pressedEnter)
{
    if (typed.isEmpty())
        return;
    m_last = Last{target, !pressedEnter && !typed.back().isSpace()};
}

} // namespace utter
