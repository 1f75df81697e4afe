#include "platformconfig.h"

#include "settings/settings.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

HotkeyConfig HotkeyConfig::fromSettings(const Settings& settings)
{
    HotkeyConfig config;
    config.dictateText = settings.stringValue(SettingKey::HotkeyDictate);
    config.cancelText = settings.stringValue(SettingKey::HotkeyCancel);
    config.dictate = KeySpec::parse(config.dictateText);
    if (!config.cancelText.trimmed().isEmpty())
        config.cancel = KeySpec::parse(config.cancelText);
    return config;
}

OutputConfig OutputConfig::fromSettings(const Settings& settings)
{
    OutputConfig config;
    config.methods = settings.stringListValue(SettingKey::OutputMethods);
    if (config.methods.isEmpty())
        config.methods = {u"auto"_s};
    config.options.restoreClipboard = settings.boolValue(SettingKey::OutputRestoreClipboard);
    config.options.pressEnter = settings.boolValue(SettingKey::OutputPressEnter);
    return config;
}

DesktopSession DesktopSession::detect(const QProcessEnvironment& env, const QString& qtPlatform)
{
    DesktopSession s;
#if defined(Q_OS_WIN)
    Q_UNUSED(env)
    Q_UNUSED(qtPlatform)
    s.kind = Windows;
    return s;
#elif defined(Q_OS_MACOS)
    Q_UNUSED(env)
    Q_UNUSED(qtPlatform)
    s.kind = MacOS;
    return s;
#else
    s.desktopName = env.value(u"XDG_CURRENT_DESKTOP"_s);
    const QString sessionType = env.value(u"XDG_SESSION_TYPE"_s).toLower();
    const bool hasWayland = !env.value(u"WAYLAND_DISPLAY"_s).isEmpty();
    const bool hasX = !env.value(u"DISPLAY"_s).isEmpty();
    const bool waylandSession = sessionType == u"wayland"_s || (hasWayland && sessionType != u"x11"_s);
    if (waylandSession && hasWayland) {
        s.kind = Wayland;
        // A Qt app forced onto XWayland reports "xcb" inside a Wayland session (platform.md §1.1).
        s.xwayland = hasX && qtPlatform == u"xcb"_s;
    } else if (hasX) {
        s.kind = X11;
    } else {
        s.kind = None;
        return s;
    }
    const QString desktop = s.desktopName.toLower();
    if (!env.value(u"SWAYSOCK"_s).isEmpty() || desktop.contains(u"sway"_s))
        s.compositor = Sway;
    else if (!env.value(u"HYPRLAND_INSTANCE_SIGNATURE"_s).isEmpty() || desktop.contains(u"hyprland"_s))
        s.compositor = Hyprland;
    else if (desktop.contains(u"gnome"_s) || desktop.contains(u"unity"_s))
        s.compositor = Gnome;
    else if (desktop.contains(u"kde"_s))
        s.compositor = Kde;
    else if (desktop.contains(u"river"_s) || desktop.contains(u"wayfire"_s) || desktop.contains(u"labwc"_s))
        s.compositor = OtherWlroots;
    return s;
#endif
}

QString DesktopSession::describe() const
{
    static const char* const compositors[] = {"", "sway", "Hyprland", "GNOME", "KDE Plasma", "wlroots"};
    switch (kind) {
    case None:
        return u"no display (headless)"_s;
    case X11:
        return compositor == UnknownCompositor ? u"X11"_s
                                               : u"X11 (%1)"_s.arg(QString::fromLatin1(compositors[compositor]));
    case Wayland:
        return compositor == UnknownCompositor ? u"Wayland"_s
                                               : u"Wayland (%1)"_s.arg(QString::fromLatin1(compositors[compositor]));
    case Windows:
        return u"Windows"_s;
    case MacOS:
        return u"macOS"_s;
    }
    return {};
}

QStringList defaultOutputMethods(const DesktopSession& session)
{
    switch (session.kind) {
    case DesktopSession::X11:
        return {u"xtest"_s, u"x11-paste"_s};
    case DesktopSession::Wayland:
        // GNOME and KWin lack the virtual-keyboard protocol wtype needs; their RemoteDesktop portal types
        // (platform.md §2.5: portal on GNOME/KDE, wtype on wlroots, then uinput, then the clipboard).
        if (session.compositor == DesktopSession::Gnome || session.compositor == DesktopSession::Kde)
            return {u"portal"_s, u"ydotool"_s, u"wayland-paste"_s};
        return {u"wtype"_s, u"portal"_s, u"ydotool"_s, u"wayland-paste"_s};
    case DesktopSession::Windows:
        return {u"sendinput"_s, u"windows-paste"_s};
    case DesktopSession::MacOS:
        return {u"cgevent"_s, u"macos-paste"_s};
    case DesktopSession::None:
        break;
    }
    return {};
}

QStringList expandOutputMethods(const QStringList& configured, const DesktopSession& session)
{
    QStringList result;
    for (const QString& raw : configured) {
        const QString name = raw.trimmed().toLower();
        const QStringList names = name == u"auto"_s ? defaultOutputMethods(session) : QStringList{name};
        for (const QString& n : names) {
            if (!n.isEmpty() && !result.contains(n))
                result << n;
        }
    }
    return result;
}

} // namespace utter
