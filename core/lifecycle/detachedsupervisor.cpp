#include "detachedsupervisor.h"

#include "daemon/instancelock.h"
#include "ipc/ipcclient.h"

#include <QFile>
#include <QProcess>

#ifdef Q_OS_UNIX
#include <signal.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace utter
{

bool DetachedSupervisor::isAvailable(QString* why) const
{
    Q_UNUSED(why);
    return true;
}

QString DetachedSupervisor::stderrFile() const
{
    return m_spec.locations.logDir() + u"/serve-stderr.log"_s;
}

Result<QString> DetachedSupervisor::start()
{
    const Result<QJsonObject> running = lifecycle::daemonHealth(m_spec.locations, 1000);
    if (running.ok())
        return u"Utter is already running (pid %1); nothing to start."_s.arg(running->value(u"pid"_s).toInteger());
    if (!Locations::ensurePrivateDir(m_spec.locations.logDir()))
        return Error(ErrorCode::Io, u"Cannot create the log folder %1."_s.arg(m_spec.locations.logDir()));

    QProcess process;
    process.setProgram(m_spec.program);
    process.setArguments(m_spec.serveCommand().mid(1));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (auto it = m_spec.environment.cbegin(); it != m_spec.environment.cend(); ++it)
        environment.insert(it.key(), it.value());
    process.setProcessEnvironment(environment);
    process.setStandardInputFile(QProcess::nullDevice());
    {
        // Created owner-only: the service's stderr can carry transcripts and paths.
        QFile log(stderrFile());
        if (log.open(QIODevice::Append))
            log.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    process.setStandardOutputFile(stderrFile(), QIODevice::Append);
    process.setStandardErrorFile(stderrFile(), QIODevice::Append);
    qint64 pid = 0;
    if (!process.startDetached(&pid))
        return Error(ErrorCode::Failed, u"Cannot start %1: %2."_s.arg(m_spec.program, process.errorString()));
    if (!lifecycle::waitForDaemon(m_spec.locations, 10000)) {
        QFile log(stderrFile());
        QString tail;
        if (log.open(QIODevice::ReadOnly)) {
            const QList<QByteArray> lines = log.readAll().trimmed().split('\n');
            tail = QString::fromUtf8(lines.last());
        }
        return Error(ErrorCode::Failed, u"The service (pid %1) did not come up within 10 s%2; see %3."_s.arg(pid).arg(
                                            tail.isEmpty() ? QString() : u": "_s + tail, stderrFile()));
    }
    return u"Started utter --headless serve as a detached process (pid %1) — no supervisor will restart it after a "
           "crash; for that use --supervisor systemd, launchd, task or zinit. Logs: %2 (`utter --headless logs -f`)."_s
               .arg(pid)
               .arg(m_spec.locations.logFile());
}

Result<QString> DetachedSupervisor::stop()
{
    const qint64 pid = InstanceLock::servingPid(m_spec.locations.runtimeDir());
    IpcClient client(ipcEndpointName(m_spec.locations));
    if (client.connectToServer(1000).ok()) {
        (void)client.call(u"service.shutdown"_s, {}, 5000);
        if (lifecycle::waitForDaemonGone(m_spec.locations, 12000))
            return u"Stopped utter (pid %1)."_s.arg(pid);
    } else if (pid <= 0) {
        return Error(ErrorCode::NotRunning, u"Utter is not running; nothing to stop."_s);
    }
#ifdef Q_OS_UNIX
    if (pid > 0 && ::kill(pid_t(pid), SIGTERM) == 0 && lifecycle::waitForDaemonGone(m_spec.locations, 12000))
        return u"Stopped utter (pid %1) with SIGTERM."_s.arg(pid);
#endif
    return Error(ErrorCode::Failed,
                 u"Utter (pid %1) did not stop within 12 s; check `utter --headless logs`."_s.arg(pid));
}

Result<SupervisorStatus> DetachedSupervisor::status()
{
    SupervisorStatus status;
    const Result<QJsonObject> health = lifecycle::daemonHealth(m_spec.locations);
    if (health.ok()) {
        status.state = u"active"_s;
        status.pid = health->value(u"pid"_s).toInteger();
        status.detail = u"running without a supervisor"_s;
    } else {
        status.state = u"inactive"_s;
        status.detail = u"not running"_s;
    }
    return status;
}

Status DetachedSupervisor::logs(bool follow, const LineSink& sink)
{
    return lifecycle::followLogFile(m_spec.locations.logFile(), follow, sink);
}

} // namespace utter
