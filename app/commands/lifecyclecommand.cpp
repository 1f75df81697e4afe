#include "lifecyclecommand.h"

#include "appcontext.h"
#include "console.h"
#include "exitcode.h"
#include "ipcverbs.h"
#include "lifecycle/supervisor.h"

#include <QJsonDocument>
#include <QJsonObject>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace utter
{

LifecycleCommand::LifecycleCommand(QString action)
    : m_action(std::move(action))
{}

void LifecycleCommand::describe(QCommandLineParser& parser) const
{
    static const QHash<QString, QString> help{
        {u"start"_s, u"Register `utter --headless serve` with the supervisor and start it."_s},
        {u"run"_s, u"Start the service under the supervisor, then follow its logs until Ctrl-C (the service keeps "
                   "running)."_s},
        {u"stop"_s, u"Stop the service through its supervisor."_s},
        {u"status"_s, u"The supervisor's view of the service plus the service's own health. Exit 0 when it "
                      "answers, 3 when not."_s},
        {u"logs"_s, u"Show the service's recent logs; -f follows them."_s},
    };
    parser.setApplicationDescription(
        help.value(m_action) +
        u"\n\nSupervisors: systemd (Linux user unit), launchd (macOS LaunchAgent), task (Windows logon task),\n"
        "zinit (headless/containers, socket from UTTER_ZINIT_SOCKET or /var/run/zinit.sock, /tmp/zinit.sock),\n"
        "none (a detached process with a pid file). auto picks the platform's own, then zinit, then none."_s);
    parser.addOption(
        {u"supervisor"_s, u"auto, systemd, launchd, task, zinit or none (default auto)."_s, u"NAME"_s, u"auto"_s});
    if (m_action == u"start"_s || m_action == u"run"_s) {
        parser.addOption({u"listen"_s, u"Have the service also serve the HTTP API on HOST:PORT."_s, u"HOST:PORT"_s});
        parser.addOption({u"allow-remote"_s, u"Permit a non-loopback --listen address."_s});
        parser.addOption({u"allow-root"_s, u"Let the service run as root (containers only)."_s});
    }
    if (m_action == u"status"_s) {
        parser.addOption({{u"q"_s, u"quiet"_s}, u"Print nothing; exit 0 when the service answers (zinit's test)."_s});
        parser.addOption({u"json"_s, u"Machine-readable output."_s});
    }
    if (m_action == u"logs"_s)
        parser.addOption({{u"f"_s, u"follow"_s}, u"Keep printing new lines until Ctrl-C."_s});
}

int LifecycleCommand::run(const QCommandLineParser& parser, AppContext& context)
{
    const QString prefix = u"utter --headless "_s + m_action + u": "_s;
    if (m_action == u"status"_s && parser.isSet(u"quiet"_s))
        return lifecycle::daemonHealth(context.locations()).ok() ? ExitOk : ExitNotRunning;

    QStringList serveArguments;
    if (m_action == u"start"_s || m_action == u"run"_s) {
        if (parser.isSet(u"listen"_s))
            serveArguments << u"--listen"_s << parser.value(u"listen"_s);
        if (parser.isSet(u"allow-remote"_s))
            serveArguments << u"--allow-remote"_s;
        bool root = parser.isSet(u"allow-root"_s);
#ifdef Q_OS_UNIX
        if (::geteuid() == 0 && !root) {
            console::err(prefix + u"you are root; the service would refuse to run. Start it as your user, or pass "
                                  "--allow-root in a root-only container."_s);
            return ExitUsage;
        }
#endif
        if (root)
            serveArguments << u"--allow-root"_s;
    }
    const ServiceSpec spec = ServiceSpec::forThisProcess(context.locations(), serveArguments);
    Result<std::unique_ptr<Supervisor>> made = makeSupervisor(parser.value(u"supervisor"_s), spec);
    if (!made.ok()) {
        console::err(prefix + made.error().message);
        return made.error().code == ErrorCode::InvalidArgument ? ExitUsage : ExitFailed;
    }
    Supervisor& supervisor = *made.value();
    const LineSink print = [](const QString& line) { console::out(line); };

    if (m_action == u"start"_s || m_action == u"run"_s) {
        const Result<QString> started = supervisor.start();
        if (!started.ok()) {
            console::err(prefix + started.error().message);
            return ExitFailed;
        }
        console::err(started.value());
        if (m_action == u"start"_s)
            return ExitOk;
        console::err(u"Following the logs; Ctrl-C stops following (the service keeps running; `utter --headless "
                     "stop` stops it)."_s);
        const Status followed = supervisor.logs(true, print);
        if (!followed.ok())
            console::err(prefix + followed.error().message);
        return followed.ok() ? ExitOk : ExitFailed;
    }
    if (m_action == u"stop"_s) {
        const Result<QString> stopped = supervisor.stop();
        if (!stopped.ok()) {
            console::err(prefix + stopped.error().message);
            return exitCodeFor(stopped.error());
        }
        console::err(stopped.value());
        return ExitOk;
    }
    if (m_action == u"logs"_s) {
        const Status shown = supervisor.logs(parser.isSet(u"follow"_s), print);
        if (!shown.ok()) {
            console::err(prefix + shown.error().message);
            return ExitFailed;
        }
        return ExitOk;
    }
    // status
    const Result<SupervisorStatus> view = supervisor.status();
    const Result<QJsonObject> health = lifecycle::daemonHealth(context.locations());
    if (parser.isSet(u"json"_s)) {
        QJsonObject out{{u"supervisor"_s, supervisor.name()}};
        if (view.ok())
            out.insert(u"service"_s,
                       QJsonObject{{u"state"_s, view->state}, {u"pid"_s, view->pid}, {u"detail"_s, view->detail}});
        else
            out.insert(u"service"_s, QJsonObject{{u"error"_s, view.error().message}});
        out.insert(u"health"_s, health.ok() ? QJsonValue(health.value()) : QJsonValue());
        console::out(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact)));
    } else {
        if (view.ok())
            console::out(u"supervisor: %1 — %2%3 (%4)"_s.arg(
                supervisor.name(), view->state, view->pid ? u", pid %1"_s.arg(view->pid) : QString(), view->detail));
        else
            console::out(u"supervisor: %1 — %2"_s.arg(supervisor.name(), view.error().message));
        if (health.ok())
            console::out(u"service: %1, state %2, utter %3, pid %4, pending jobs %5"_s.arg(
                health->value(u"status"_s).toString(), health->value(u"state"_s).toString(),
                health->value(u"version"_s).toString(), QString::number(health->value(u"pid"_s).toInteger()),
                health->value(u"pendingJobs"_s).isNull() ? u"n/a"_s
                                                         : QString::number(health->value(u"pendingJobs"_s).toInt())));
        else
            console::out(u"service: not answering ("_s + health.error().message + u')');
    }
    return health.ok() ? ExitOk : ExitNotRunning;
}

} // namespace utter
