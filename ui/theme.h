#pragma once

#include <QPalette>

namespace utter::ui
{

enum class ColorScheme
{
    Light,
    Dark,
};

// Light or dark, read from a palette's window colour (Qt 6.4 has no QStyleHints::colorScheme()).
ColorScheme colorSchemeOf(const QPalette& palette);

} // namespace utter::ui
