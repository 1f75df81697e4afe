#pragma once

#include "common/result.h"
#include "daemon/daemon.h"
#include "paths/locations.h"

#include <QObject>

#include <functional>
#include <memory>

namespace utter
{

class DesktopIntegration;
class DictationControl;
class DictationService;
class HistoryStore;
class SecretStore;
class Settings;
class SettingsFileWatcher;
class TextStyler;

// What the process already has when it builds the service: its folders, settings, secret store and history
// (app/AppContext owns them; the CLI verbs use the same ones).
struct ServiceParts
{
    Locations locations;
    Settings* settings = nullptr;
    // The one place the secret store enters the service: ServiceHost hands it to everything that reads keys (the
    // dictation service's providers, transform.text, the HTTP token and the health summary).
    SecretStore* secrets = nullptr;
    // Opens the history database (once; later calls return the same store). The error says why it cannot be.
    std::function<Result<HistoryStore*>()> history;
};

// The composition root of the dictation service (DESIGN §3–§5), shared by its two hosts: the desktop app (`utter`)
// and the daemon (`utter --headless serve`). It builds the service and every part of it once and hands them in:
// DictationService (on the history, settings and secrets), the JSON-RPC methods of docs/daemon.md — all of them,
// in both hosts — on the Daemon's control socket (plus the HTTP front door when asked for), the settings file
// watcher, and, where a display exists (a QGuiApplication), DesktopIntegration: the dictation keys and the text
// output chain. A host only attaches what is its own: the desktop app its tray, overlay and windows (and the
// `ui.show` method), serve nothing more.
class ServiceHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceHost)

public:
    ServiceHost(ServiceParts parts, DaemonOptions options, QObject* parent = nullptr);
    // For tests of a front end: a stand-in at the DictationControl seam instead of the pipeline (no journal, no
    // microphone, no desktop integration). Everything else is built as in the product.
    ServiceHost(ServiceParts parts, DaemonOptions options, DictationControl& standIn, QObject* parent = nullptr);
    ~ServiceHost() override;

    // One instance per user, then the control socket (and HTTP); once this process holds the lock, the dictation
    // service opens its journal and resumes earlier work, and the keys are grabbed. ErrorCode::AlreadyRunning when
    // another instance serves this user; on any error nothing is left behind.
    Status start();
    // The graceful shutdown of docs/daemon.md; finished() follows.
    void shutdown(const QString& reason);

    const ServiceParts& parts() const { return m_parts; }
    DictationControl& dictation() const { return *m_control; }
    // Methods a front end adds (e.g. `ui.show`) go here before start().
    IpcServer& ipc() { return m_daemon->ipc(); }
    Daemon& daemon() { return *m_daemon; }
    // The keys and output chain; null before start(), without a display, or with a stand-in service.
    DesktopIntegration* desktopIntegration() const { return m_desktop.get(); }

    // The tray's "pause hotkeys": key presses are ignored while paused; IPC and the CLI keep working.
    void setHotkeysPaused(bool paused);

signals:
    // The service has shut down (SIGTERM, service.shutdown, quit): exit with this code.
    void finished(int exitCode);

private:
    ServiceHost(ServiceParts parts, DaemonOptions options, DictationControl* standIn, QObject* parent);

    // Destroyed in reverse order: what drives the service (watcher, keys, front door) goes before the service.
    ServiceParts m_parts;
    std::unique_ptr<DictationService> m_service; // null with a stand-in
    DictationControl* m_control;
    std::unique_ptr<TextStyler> m_styler;
    std::unique_ptr<Daemon> m_daemon;
    std::unique_ptr<DesktopIntegration> m_desktop;
    std::unique_ptr<SettingsFileWatcher> m_settingsWatcher;
};

} // namespace utter
