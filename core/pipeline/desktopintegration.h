#pragma once

#include <QObject>
#include <QStringList>

#include <memory>

namespace utter
{

class DictationService;
class GlobalHotkeys;
class OutputChain;
class Settings;

// Connects the dictation service to the desktop it runs on (DESIGN §7): the global dictation and cancel keys
// from settings, and the ranked text-output chain for the session (X11, Wayland, Windows, macOS), both chosen
// at run time by PlatformFactory. Needs a QGuiApplication. What cannot work here (no hotkey backend with key
// release, a key another application holds) is logged and listed in problems(), never silently ignored; the
// service keeps working through `utter begin|end|toggle`.
class DesktopIntegration final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopIntegration)

public:
    DesktopIntegration(DictationService& service, const Settings& settings, QObject* parent = nullptr);
    ~DesktopIntegration() override;

    QStringList problems() const { return m_problems; }
    GlobalHotkeys* hotkeys() const { return m_hotkeys.get(); }
    OutputChain* output() const { return m_output.get(); }

private:
    void problem(const QString& message);

    std::unique_ptr<GlobalHotkeys> m_hotkeys;
    std::unique_ptr<OutputChain> m_output;
    QStringList m_problems;
};

} // namespace utter
