#pragma once

#include <QPalette>

#include <functional>

class QApplication;
class QObject;

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
// (light|dark) or a GTK_THEME ending in ":dark". Never blocks; GNOME's setting is asked by askGnomeColorScheme.
ColorScheme preferredColorScheme(const QPalette& platformPalette);

// GNOME's org.gnome.desktop.interface color-scheme, asked without blocking (a `gsettings` child process costs
// 30–200 ms on a loaded machine, so the desktop app asks once its tray is up): done(Dark) when it is
// "prefer-dark", done(Light) otherwise; never called when gsettings is missing or does not start.
void askGnomeColorScheme(QObject* context, std::function<void(ColorScheme)> done);

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
