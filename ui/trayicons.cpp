#include "trayicons.h"

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

TrayState trayStateFromService(const QString& state)
{
    if (state == u"listening"_s)
        return TrayState::Listening;
    if (state == u"finishing"_s || state == u"delivering"_s)
        return TrayState::Processing;
    if (state == u"transforming"_s)
        return TrayState::Styling;
    if (state == u"queued"_s)
        return TrayState::Queued;
    if (state == u"error"_s)
        return TrayState::Error;
    return TrayState::Idle;
}

QString trayIconPath(TrayState state, ColorScheme panel)
{
    QString name;
    switch (state) {
    case TrayState::Idle:
        name = u"idle"_s;
        break;
    case TrayState::Listening:
        name = u"listening"_s;
        break;
    case TrayState::Processing:
        name = u"processing"_s;
        break;
    case TrayState::Styling:
        name = u"styling"_s;
        break;
    case TrayState::Queued:
        name = u"queued"_s;
        break;
    case TrayState::Error:
        name = u"error"_s;
        break;
    }
    return u":/icons/tray/%1-%2.svg"_s.arg(name, panel == ColorScheme::Dark ? u"dark"_s : u"light"_s);
}

QIcon trayIcon(TrayState state, ColorScheme panel)
{
    // QIcon renders SVGs through the svg icon engine at whatever size the panel asks, so every scale is crisp.
    return QIcon(trayIconPath(state, panel));
}

ColorScheme guessPanelScheme(ColorScheme desktop)
{
    const QByteArray forced = qgetenv("UTTER_TRAY_PANEL");
    if (forced == "light")
        return ColorScheme::Light;
    if (forced == "dark")
        return ColorScheme::Dark;
    if (qEnvironmentVariable("XDG_CURRENT_DESKTOP").contains(u"GNOME"_s, Qt::CaseInsensitive))
        return ColorScheme::Dark;
    return desktop;
}

} // namespace utter::ui
