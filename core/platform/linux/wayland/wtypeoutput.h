#pragma once

#include "platform/textoutput.h"

#include <QObject>

namespace utter
{

// "wtype": types through the compositor's virtual-keyboard protocol (wlroots compositors: sway, Hyprland,
// river, labwc). Unicode-safe: wtype uploads a keymap holding exactly the characters of the text.
// A freshly created virtual keyboard needs a moment before the focused client has processed its keymap —
// keys sent at once are dropped, the classic "first letter missing" bug — so wtype is told to wait
// (leadInMs) after creating the keyboard and before the first key.
class WtypeOutput final : public QObject, public TextOutput
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WtypeOutput)

public:
    explicit WtypeOutput(QObject* parent = nullptr);

    QString name() const override { return QStringLiteral("wtype"); }
    // Runs `wtype -s 1` (a virtual keyboard that types nothing): probe() waits for it (up to 3 s; `utter doctor`),
    // probeAsync() does not.
    Status probe() override;
    void probeAsync(std::function<void(const Status&)> done) override;
    void insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                InsertCallback done) override;

    static constexpr int leadInMs = 40;

private:
    Status findProgram(); // WAYLAND_DISPLAY and wtype on the PATH; sets m_program

    QString m_program;
};

// "ydotool": types through /dev/uinput via the ydotoold daemon. Key codes only: it follows the US layout and
// cannot type characters beyond ASCII, so such text fails over to the next method.
class YdotoolOutput final : public QObject, public TextOutput
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(YdotoolOutput)

public:
    explicit YdotoolOutput(QObject* parent = nullptr);

    QString name() const override { return QStringLiteral("ydotool"); }
    Status probe() override;
    void insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                InsertCallback done) override;

private:
    QString m_program;
};

} // namespace utter
