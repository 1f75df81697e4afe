#pragma once

#include "doctor/doctorcheck.h"
#include "platformconfig.h"

#include <QStringList>

#include <memory>
#include <optional>

namespace utter
{

class GlobalHotkeys;
class Settings;

// The desktop-integration part of `utter doctor`: the session, the configured hotkeys (validated, and really
// grabbed and let go where the backend allows), compositor-binding guidance on Wayland, each output method of
// the chain (probed for real; probes never type anything), the focused-app probe and the per-app style rules.
// With a QGuiApplication the clipboard methods are checked too. Checks carry section "desktop", "hotkeys" or
// "output".
class PlatformDoctor final : public DoctorContributor
{
public:
    PlatformDoctor(HotkeyConfig hotkeys, OutputConfig output, QStringList appStyleRules);
    static std::unique_ptr<PlatformDoctor> fromSettings(const Settings& settings);

    QString section() const override { return QStringLiteral("desktop"); }
    // Without waiting (the desktop app's Doctor window): the output methods are probed with probeAsync() and the
    // focused application asked, all at once; progress reports each as it answers. done follows once all have
    // answered (a portal that never answers: after its D-Bus timeout, as a "timed out" warning).
    void run(QObject* context, std::function<void(QList<DoctorCheck>)> done) override;

    // The same checks but the focused application's, synchronously: each output method's probe() waits (up to
    // 5 s for a hung portal). Only for `utter doctor` and tests, never on a GUI thread.
    QList<DoctorCheck> checks() const;

    // In the desktop app: the dictation key as this process registered it (`error` empty: it holds the key). It is
    // reported as it is instead of being grabbed a second time, which fails because Utter itself holds the key.
    void setRunningHotkey(const GlobalHotkeys* backend, QString key, QString error);

private:
    struct RunningHotkey
    {
        const GlobalHotkeys* backend = nullptr;
        QString key;
        QString error;
    };
    DoctorCheck runningHotkeyCheck(const RunningHotkey& running) const;
    // The checks before the output methods' (session, hotkeys), the methods to probe, and those after them.
    QList<DoctorCheck> checksBeforeOutput(const DesktopSession& session) const;
    QList<DoctorCheck> checksAfterOutput() const;

    HotkeyConfig m_hotkeys;
    OutputConfig m_output;
    QStringList m_appStyles;
    std::optional<RunningHotkey> m_running;
};

} // namespace utter
