#pragma once

#include "keyspec.h"
#include "textoutput.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace utter
{

class Settings;

// Snapshot of the hotkey settings, validated.
struct HotkeyConfig
{
    QString dictateText;
    QString cancelText;
    Result<KeySpec> dictate = KeySpec();
    std::optional<Result<KeySpec>> cancel; // unset when no cancel key is configured

    static HotkeyConfig fromSettings(const Settings& settings);
};

// Snapshot of the output settings.
struct OutputConfig
{
    QStringList methods{QStringLiteral("auto")}; // ranked; "auto" = the session's default chain
    InsertOptions options;

    static OutputConfig fromSettings(const Settings& settings);
};

// What kind of desktop this process runs in, decided at run time (DESIGN §2: never with #ifdef in logic).
struct DesktopSession
{
    enum Kind
    {
        None, // no display: headless server
        X11,
        Wayland,
        Windows,
        MacOS,
    };
    enum Compositor
    {
        UnknownCompositor,
        Sway,
        Hyprland,
        Gnome,
        Kde,
        OtherWlroots,
    };
    Kind kind = None;
    Compositor compositor = UnknownCompositor;
    bool xwayland = false; // an X11 connection inside a Wayland session: XGrabKey is not global there
    QString desktopName;   // XDG_CURRENT_DESKTOP as given

    // qtPlatform is QGuiApplication::platformName() when a QGuiApplication exists, else empty.
    static DesktopSession detect(const QProcessEnvironment& env, const QString& qtPlatform = {});
    QString describe() const;
};

// The default output chain for a session (what "auto" expands to), best first.
QStringList defaultOutputMethods(const DesktopSession& session);
// Expands "auto" in a configured list and drops duplicates.
QStringList expandOutputMethods(const QStringList& configured, const DesktopSession& session);

} // namespace utter
