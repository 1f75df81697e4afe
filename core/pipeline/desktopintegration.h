#pragma once

#include <QHash>
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
// service keeps working through `utter begin|end|toggle`. When the key settings change, the keys are grabbed
// again, and whether each one could be had is kept per key (hotkeyStatus()) for the settings window; when the
// output methods change, the chain is built again for the next dictation.
class DesktopIntegration final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopIntegration)

public:
    // The last registration of one key ("dictate", "cancel").
    struct HotkeyStatus
    {
        QString key;   // the key as configured, e.g. "Ctrl+Alt+Space"; empty when none is set
        QString error; // why it is not active; empty when it is grabbed
    };

    DesktopIntegration(DictationService& service, const Settings& settings, QObject* parent = nullptr);
    ~DesktopIntegration() override;

    QStringList problems() const { return m_problems; }
    GlobalHotkeys* hotkeys() const { return m_hotkeys.get(); }
    OutputChain* output() const { return m_output.get(); }
    HotkeyStatus hotkeyStatus(const QString& id) const { return m_status.value(id); }

signals:
    void hotkeyStatusChanged(const QString& id);

private:
    void buildOutput(DictationService& service);
    void registerKeys();
    void setStatus(const QString& id, const QString& key, const QString& error);
    void problem(const QString& message);

    const Settings& m_settings;
    std::unique_ptr<GlobalHotkeys> m_hotkeys;
    std::unique_ptr<OutputChain> m_output;
    QStringList m_problems;
    QHash<QString, HotkeyStatus> m_status;
};

} // namespace utter
