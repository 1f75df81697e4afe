#pragma once

#include "platform/textoutput.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QStringList>

#include <optional>

namespace utter
{

// The focused window's app id through the compositor's own IPC: sway (i3-ipc over $SWAYSOCK) and Hyprland
// ($XDG_RUNTIME_DIR/hypr/$HYPRLAND_INSTANCE_SIGNATURE/.socket.sock). Wayland has no portable way to ask;
// other desktops report "unknown". Both ask without waiting (QLocalSocket's signals): a compositor that does not
// answer within answerLimitMs gets the answer "unknown", and the key press that asked never waited for it.
class SwayFocusProbe final : public FocusProbe
{
public:
    QString name() const override { return QStringLiteral("sway-ipc"); }
    void request(QObject* context, Answer done) override;

    // The i3-ipc message of a request (header + payload, the host's byte order).
    static QByteArray message(quint32 type, const QByteArray& payload);
    // The payload of the first complete reply in `received`; nullopt while it is incomplete.
    static std::optional<QByteArray> replyPayload(const QByteArray& received);
    // The focused node of a get_tree reply, as a TargetApp (pure, unit-tested).
    static TargetApp focusedFromTree(const QJsonObject& tree);
};

class HyprlandFocusProbe final : public FocusProbe
{
public:
    QString name() const override { return QStringLiteral("hyprland-ipc"); }
    void request(QObject* context, Answer done) override;
    // From `j/activewindow` JSON (pure, unit-tested).
    static TargetApp fromActiveWindow(const QJsonObject& window);
    // The sockets to try, newest layout first.
    static QStringList socketPaths();
};

} // namespace utter
