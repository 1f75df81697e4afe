#pragma once

#include "common/result.h"
#include "ipc/ipcserver.h"
#include "paths/locations.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

namespace utter
{

class DictationControl;
class HttpFrontDoor;
class HttpToken;
class InstanceLock;
class SecretStore;
class Settings;
class SignalWatcher;
class SystemdNotifier;

struct DaemonOptions
{
    bool allowRoot = false;
    QString listen;             // HOST:PORT from --listen; empty = the HttpEnabled/HttpListen settings
    bool allowRemote = false;   // --allow-remote: permit a non-loopback HTTP address (also the HttpAllowRemote key)
    int shutdownGraceMs = 7000; // how long in-flight work may take after SIGTERM (the whole exit stays < 10 s)
};

// The parts of Utter the daemon serves; ServiceHost (core/service) fills every one of them in both hosts. A hook
// left empty answers its IPC method with a "not built" JSON-RPC error, never with a made-up result.
struct DaemonServices
{
    Locations locations;
    Settings* settings = nullptr;
    SecretStore* secrets = nullptr;
    DictationControl* dictation = nullptr;
    IpcServer::Handler transformText; // transform.text {text, style?} → {text, style}
    IpcServer::Handler historySearch; // history.search {query, limit?} → {entries: [...]}
    IpcServer::Handler lastResult;    // history's newest entry, for `utter last` over IPC
};

// The dictation service's front door, the same in both hosts (the desktop app and `utter --headless serve`, both
// built by ServiceHost): one instance per user (lock + socket probe), the JSON-RPC control socket with the methods
// of DESIGN §5, the optional HTTP front door, systemd readiness/watchdog, and a graceful shutdown on
// SIGTERM/SIGINT, service.shutdown or the tray's Quit: stop accepting, let in-flight work finish or stay
// journaled, notify and close clients, remove the socket and lock files, then finished(0) — within 10 s.
class Daemon final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Daemon)

public:
    Daemon(DaemonServices services, DaemonOptions options, QObject* parent = nullptr);
    ~Daemon() override;

    // Everything up to READY=1; on error nothing is left behind (no socket, no lock).
    Status start();
    void shutdown(const QString& reason);
    bool isStopping() const { return m_stopping; }

    QJsonObject health() const;
    QJsonObject status() const;

    IpcServer& ipc() { return m_ipc; }
    HttpFrontDoor* http() const { return m_http; }

signals:
    void finished(int exitCode);

private:
    void registerMethods();
    void connectDictation();
    Status startHttp();
    void finishShutdown();
    // Finishes the shutdown once the dictation service, HTTP requests and IPC file transcriptions have drained.
    void finishWhenDrained();
    QJsonObject providerSummary() const;

    DaemonServices m_services;
    DaemonOptions m_options;
    IpcServer m_ipc;
    std::unique_ptr<InstanceLock> m_lock;
    SystemdNotifier* m_notifier = nullptr;
    SignalWatcher* m_signals = nullptr;
    HttpFrontDoor* m_http = nullptr;
    HttpToken* m_httpToken = nullptr;
    QElapsedTimer m_uptime;
    QTimer m_forceExit;
    QJsonObject m_providers;
    bool m_started = false;
    QString m_pendingShutdown; // a termination request that arrived before start() finished
    bool m_stopping = false;
    bool m_dictationDrained = false;
    QHash<QObject*, IpcResponder> m_fileJobs; // IPC transcribe.file in flight: context → its reply channel
    long m_fdLimit = -1;
    bool m_finished = false;
};

} // namespace utter
