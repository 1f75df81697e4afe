#pragma once

#include <QPalette>

class QApplication;

namespace utter::ui
{

enum class ColorScheme
{
    Light,
    Dark,
};

// Light or dark, read from a palette's window colour (Qt 6.4 has no QStyleHints::colorScheme()).
ColorScheme colorSchemeOf(const QPalette& palette);

// The desktop's preference when the platform theme does not already give a dark palette: UTTER_COLOR_SCHEME
// (light|dark), GNOME's org.gnome.desktop.interface color-scheme, or a GTK_THEME ending in ":dark".
ColorScheme preferredColorScheme(const QPalette& platformPalette);

// Utter's palettes for the Fusion style, used when the platform theme does not follow the desktop's dark mode
// (Qt 6.4's GTK theme does not) and for the screenshot tests.
QPalette lightPalette();
QPalette darkPalette();

// Red for error text that stays readable on the palette's window colour (≥ 4.5:1 in light and dark).
QColor errorTextColor(const QPalette& palette);

// Follows the system: keeps the platform palette when it already matches, otherwise switches to Fusion with the
// matching palette.
void applyColorScheme(QApplication& app, ColorScheme scheme);

} // namespace utter::ui
