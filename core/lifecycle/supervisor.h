#pragma once

#include "common/result.h"
#include "paths/locations.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace utter
{

// What a supervisor is asked to run: `PROGRAM --headless serve ARGS...` with ENV, named NAME.
struct ServiceSpec
{
    QString name = QStringLiteral("utter");
    QString program;                    // absolute path of the utter binary
    QStringList serveArguments;         // after `--headless serve`: --listen, --allow-root, ...
    QMap<QString, QString> environment; // UTTER_*_DIR overrides and the like, passed to the service
    Locations locations;
    bool desktop = false; // a graphical session exists: bind to it (systemd) / GUI session only (launchd)

    QStringList serveCommand() const;                         // program + --headless serve + arguments
    QString shellCommand(const QStringList& arguments) const; // one quoted command line
    static ServiceSpec forThisProcess(const Locations& locations, const QStringList& serveArguments);
};

struct SupervisorStatus
{
    QString state; // active | activating | deactivating | inactive | failed | unknown
    qint64 pid = 0;
    QString detail; // the supervisor's own words
};

using LineSink = std::function<void(const QString& line)>;

// One process supervisor behind one interface (DESIGN §4, apis.md §6): the systemd user manager, launchd, the
// Windows Task Scheduler, zinit, or none (a detached process). Every call says what it did in one sentence, or
// why it could not and what to do instead.
class Supervisor
{
public:
    explicit Supervisor(ServiceSpec spec)
        : m_spec(std::move(spec))
    {}
    virtual ~Supervisor() = default;
    Supervisor(const Supervisor&) = delete;
    Supervisor& operator=(const Supervisor&) = delete;

    virtual QString name() const = 0;
    // Whether it can be used here; otherwise why not and what to do (in why).
    virtual bool isAvailable(QString* why) const = 0;

    virtual Result<QString> start() = 0; // register (write the unit/plist/task/yaml) and start
    virtual Result<QString> stop() = 0;
    virtual Result<SupervisorStatus> status() = 0;
    // Prints the service's recent log lines; follow keeps printing new ones until the process is interrupted
    // (or, for follow, until the sink's owner quits).
    virtual Status logs(bool follow, const LineSink& sink) = 0;

    const ServiceSpec& spec() const { return m_spec; }

protected:
    ServiceSpec m_spec;
};

// "auto", "systemd", "launchd", "task", "zinit" or "none". auto picks the first available of: systemd (a user
// manager answers) / launchd (macOS) / task (Windows), then zinit (its socket answers), then none.
Result<std::unique_ptr<Supervisor>> makeSupervisor(const QString& kind, const ServiceSpec& spec);
QStringList supervisorNames();

namespace lifecycle
{

struct ToolRun
{
    int exitCode = -1;
    QString out;
    QString err;
    bool started = false;
};
// Runs a helper tool (systemctl, launchctl, schtasks) to completion.
ToolRun runTool(const QString& program, const QStringList& arguments, int timeoutMs = 30000);
// Runs a tool with its output forwarded to ours until it ends (journalctl -f).
int forwardTool(const QString& program, const QStringList& arguments);
// Prints the last lines of Utter's JSON-lines log file (human form) and, with follow, new ones as they come.
Status followLogFile(const QString& path, bool follow, const LineSink& sink, int lastLines = 50);
// The daemon's own health over IPC; an Error with ErrorCode::NotRunning when nothing answers.
Result<QJsonObject> daemonHealth(const Locations& locations, int timeoutMs = 2000);
// Waits until the daemon answers (true) or the time is up.
bool waitForDaemon(const Locations& locations, int timeoutMs);
bool waitForDaemonGone(const Locations& locations, int timeoutMs);

} // namespace lifecycle

} // namespace utter
