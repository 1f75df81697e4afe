#pragma once

#include "common/result.h"
#include "paths/locations.h"
#include "pipeline/desktopintegration.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace utter
{
class Daemon;
class DictationControl;
class Doctor;
class FocusProbe;
class HistoryStore;
class HttpClient;
class SecretStore;
class Settings;
} // namespace utter

namespace utter::ui
{

class AutoStart;
class DoctorWindow;
class HistoryWindow;
class OnboardingWizard;
class RecordingOverlay;
class SoundCues;
class SettingsDialog;
class StatusWindow;
class TrayController;

// What the desktop app is built from; the composition root (app/) owns all of it.
struct DesktopServices
{
    Locations locations;
    Settings* settings = nullptr;
    SecretStore* secrets = nullptr;
    DictationControl* dictation = nullptr; // null until the pipeline is part of the build
    // Opens the history database on first use (the error says why it cannot); null = no history window.
    std::function<Result<HistoryStore*>()> history;
};

// `utter` with no verb (DESIGN §4): the tray app. It hosts the same Daemon (IPC control socket, optional HTTP
// API, single-instance lock) as `utter --headless serve`, so `utter toggle` and scripts work against it, plus
// the widgets: tray (or a small status window when the desktop has no tray), recording overlay and the windows
// behind the menu. Launching `utter` again raises this instance's settings through the `ui.show` IPC method.
class DesktopApp final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopApp)

public:
    explicit DesktopApp(DesktopServices services, QObject* parent = nullptr);
    ~DesktopApp() override;

    // ErrorCode::AlreadyRunning when another instance serves this user (then call raiseRunningInstance()).
    Status start();

    // Asks the running instance to show a window ("settings", "history", "doctor"). NotRunning when nobody
    // listens; Unsupported when the running instance is a headless daemon.
    static Status raiseRunningInstance(const Locations& locations, const QString& window);

    void showWindow(const QString& window);
    void showSettings();
    void showSettingsAt(const QString& section);
    void showHistory();
    void showDoctor();
    void showOnboarding();

    // The service's hotkeys and output (created once the service has started): the settings show whether
    // each key could be grabbed.
    void setDesktopIntegration(const DesktopIntegration* integration);

    TrayController* tray() const { return m_tray; }
    RecordingOverlay* overlay() const { return m_overlay; }
    StatusWindow* statusWindow() const { return m_statusWindow; }

signals:
    // The app is done (quit from the menu, SIGTERM, service.shutdown): exit with this code.
    void finished(int exitCode);
    // The tray icon or, without a tray, the status window is on screen.
    void presented();

private:
    void buildWidgets();
    void registerUiMethods();
    void applyOverlaySettings();
    void applySoundSettings();
    // At start only a missing entry is created (the setting may have been set with `utter config set`); an
    // existing one is removed only when the setting changes while running.
    void syncAutoStart(bool atStart);
    void onServiceState(const QString& state);

    DesktopServices m_services;
    std::unique_ptr<Daemon> m_daemon;
    TrayController* m_tray = nullptr;
    RecordingOverlay* m_overlay = nullptr;
    StatusWindow* m_statusWindow = nullptr;
    std::unique_ptr<Doctor> makeDoctor();
    QPointer<SettingsDialog> m_settingsDialog;
    QPointer<HistoryWindow> m_historyWindow;
    QPointer<DoctorWindow> m_doctorWindow;
    QPointer<OnboardingWizard> m_onboarding;
    SoundCues* m_sounds = nullptr;
    std::unique_ptr<AutoStart> m_autoStart;
    HttpClient* m_http = nullptr;
    QPointer<const DesktopIntegration> m_integration;
    std::unique_ptr<FocusProbe> m_focusProbe; // places the overlay on the focused window's screen
    QString m_lastServiceState = QStringLiteral("idle");
};

} // namespace utter::ui
