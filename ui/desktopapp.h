#pragma once

#include "common/result.h"
#include "paths/locations.h"
#include "pipeline/desktopintegration.h"
#include "service/servicehost.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QTimer;

namespace utter
{
class DictationControl;
class Doctor;
class FocusProbe;
class HttpClient;
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

// `utter` with no verb (DESIGN §4): the tray app. It is a front end attached to the same ServiceHost as
// `utter --headless serve` (the dictation service, every IPC method, the optional HTTP API, the single-instance
// lock, hotkeys and text output), so `utter toggle` and scripts work against it. What it adds is its own: the
// tray (or a small status window when the desktop has no tray), the recording overlay, the windows behind the
// menu, and the `ui.show` IPC method — launching `utter` again raises this instance's settings through it.
class DesktopApp final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopApp)

public:
    // host: built by the composition root (app/), not yet started; start() starts it.
    explicit DesktopApp(ServiceHost& host, QObject* parent = nullptr);
    ~DesktopApp() override;

    // Starts the service host, then shows the tray. ErrorCode::AlreadyRunning when another instance serves this
    // user (then call raiseRunningInstance()).
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
    // The first-run assistant from its first page (Settings → "Run setup again", `ui.show` with "setup").
    void runSetupAgain();

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
    void followDesktopColorScheme();
    void scheduleHeapTrim();
    void applyOverlaySettings();
    void applySoundSettings();
    // At start only a missing entry is created (the setting may have been set with `utter config set`); an
    // existing one is removed only when the setting changes while running.
    void syncAutoStart(bool atStart);
    void onServiceState(const QString& state);

    ServiceHost& m_host;
    const ServiceParts& m_services;
    DictationControl* m_dictation;
    TrayController* m_tray = nullptr;
    RecordingOverlay* m_overlay = nullptr;
    StatusWindow* m_statusWindow = nullptr;
    std::unique_ptr<Doctor> makeDoctor();
    QPointer<SettingsDialog> m_settingsDialog;
    QPointer<HistoryWindow> m_historyWindow;
    QPointer<DoctorWindow> m_doctorWindow;
    QPointer<OnboardingWizard> m_onboarding;
    SoundCues* m_sounds = nullptr;
    QTimer* m_trimTimer = nullptr;
    std::unique_ptr<AutoStart> m_autoStart;
    HttpClient* m_http = nullptr;
    QPointer<const DesktopIntegration> m_integration; // the service's keys: the settings show what was grabbed
    std::unique_ptr<FocusProbe> m_focusProbe;         // places the overlay on the focused window's screen
    QString m_lastServiceState = QStringLiteral("idle");
    bool m_trayPausedHotkeys = false; // "Pause hotkeys" in the tray menu
    bool m_checkingHotkey = false;    // the assistant's key page shows: a press is a check, not a dictation
};

} // namespace utter::ui
