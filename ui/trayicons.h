#pragma once

#include "theme.h"

#include <QIcon>
#include <QString>

namespace utter::ui
{

// What the tray shows. The service's finer states fold into these: finishing and delivering are "processing",
// transforming is "styling".
enum class TrayState
{
    Idle,
    Listening,
    Processing,
    Styling,
    Queued,
    Error,
};

// From DictationControl's state names ("idle", "listening", "finishing", "transforming", "delivering",
// "queued", "error"); unknown names are Idle.
TrayState trayStateFromService(const QString& state);

// Resource path of the SVG for a state on a panel of the given scheme (":/icons/tray/listening-dark.svg").
QString trayIconPath(TrayState state, ColorScheme panel);
QIcon trayIcon(TrayState state, ColorScheme panel);

// The panel behind the tray: dark when the desktop theme is dark, and on GNOME Shell, whose top bar is dark in
// both themes. UTTER_TRAY_PANEL=light|dark overrides it.
ColorScheme guessPanelScheme(ColorScheme desktop);

} // namespace utter::ui
