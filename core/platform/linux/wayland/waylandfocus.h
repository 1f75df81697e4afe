#pragma once

#include "platform/textoutput.h"

#include <QByteArray>
#include <QJsonDocument>

namespace utter
{

// The focused window's app id through the compositor's own IPC: sway (i3-ipc over $SWAYSOCK) and Hyprland
// ($XDG_RUNTIME_DIR/hypr/$HYPRLAND_INSTANCE_SIGNATURE/.socket.sock). Wayland has no portable way to ask;
// other desktops report "unknown".
class SwayFocusProbe final : public FocusProbe
{
public:
    QString name() const override { return QStringLiteral("sway-ipc"); }
    TargetApp focusedApp() override;

    // i3-ipc request; the reply payload, or an empty document on failure (error set).
    static QJsonDocument request(quint32 type, const QByteArray& payload, QString* error);
    // The focused node of a get_tree reply, as a TargetApp (pure, unit-tested).
    static TargetApp focusedFromTree(const QJsonObject& tree);
};

class HyprlandFocusProbe final : public FocusProbe
{
public:
    QString name() const override { return QStringLiteral("hyprland-ipc"); }
    TargetApp focusedApp() override;
    // From `j/activewindow` JSON (pure, unit-tested).
    static TargetApp fromActiveWindow(const QJsonObject& window);
};

} // namespace utter
