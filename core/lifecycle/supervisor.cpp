#include "supervisor.h"

#include "detachedsupervisor.h"
#include "ipc/ipcclient.h"
#include "launchdsupervisor.h"
#include "systemdsupervisor.h"
#include "tasksupervisor.h"
#include "zinitsupervisor.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

QStringList ServiceSpec::serveCommand() const
{
    return QStringList{program, u"--headless"_s, u"serve"_s} + serveArguments;
}

QString ServiceSpec::shellCommand(const QStringList& arguments) const
{
    QStringList quoted;
    for (const QString& argument : arguments) {
        static const QString safe = u"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@+,"_s;
        bool plain = !argument.isEmpty();
        for (const QChar c : argument)
            plain = plain && safe.contains(c);
        quoted << (plain ? argument : u"'"_s + QString(argument).replace(u"'"_s, u"'\\''"_s) + u"'"_s);
    }
    return quoted.join(u' ');
}

ServiceSpec ServiceSpec::forThisProcess(const Locations& locations, const QStringList& serveArguments)
{
    ServiceSpec spec;
    spec.program = QCoreApplication::applicationFilePath();
    spec.serveArguments = serveArguments;
    spec.locations = locations;
    // The service must see the same folders and overrides as the shell that registered it.
    for (const char* name :
         {"UTTER_CONFIG_DIR", "UTTER_DATA_DIR", "UTTER_RUNTIME_DIR", "UTTER_LOG_DIR", "UTTER_TRANSCRIBE_URL",
          "UTTER_TRANSCRIBE_FALLBACK_URL", "UTTER_TRANSFORM_URL", "UTTER_SPEECH_URL", "QT_LOGGING_RULES"}) {
        const QString value = qEnvironmentVariable(name);
        if (!value.isEmpty())
            spec.environment.insert(QString::fromLatin1(name), value);
    }
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
    spec.desktop = true;
#else
    spec.desktop = !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#endif
    return spec;
}

QStringList supervisorNames()
{
    return {u"auto"_s, u"systemd"_s, u"launchd"_s, u"task"_s, u"zinit"_s, u"none"_s};
}

Result<std::unique_ptr<Supervisor>> makeSupervisor(const QString& kind, const ServiceSpec& spec)
{
    const auto make = [&spec](const QString& name) -> std::unique_ptr<Supervisor> {
        if (name == u"systemd"_s)
            return std::make_unique<SystemdSupervisor>(spec);
        if (name == u"launchd"_s)
            return std::make_unique<LaunchdSupervisor>(spec);
        if (name == u"task"_s)
            return std::make_unique<TaskSupervisor>(spec);
        if (name == u"zinit"_s)
            return std::make_unique<ZinitSupervisor>(spec);
        if (name == u"none"_s)
            return std::make_unique<DetachedSupervisor>(spec);
        return nullptr;
    };
    if (kind != u"auto"_s) {
        std::unique_ptr<Supervisor> chosen = make(kind);
        if (!chosen)
            return Error(ErrorCode::InvalidArgument,
                         u"Unknown supervisor \"%1\"; use one of %2."_s.arg(kind, supervisorNames().join(u", "_s)));
        QString why;
        if (!chosen->isAvailable(&why))
            return Error(ErrorCode::Unsupported, why);
        return chosen;
    }
    for (const QString& name : {u"systemd"_s, u"launchd"_s, u"task"_s, u"zinit"_s}) {
        std::unique_ptr<Supervisor> candidate = make(name);
        QString why;
        if (candidate->isAvailable(&why))
            return candidate;
    }
    return make(u"none"_s);
}

namespace lifecycle
{

ToolRun runTool(const QString& program, const QStringList& arguments, int timeoutMs)
{
    ToolRun run;
    QProcess process;
    process.start(program, arguments);
    run.started = process.waitForStarted(5000);
    if (!run.started) {
        run.err = process.errorString();
        return run;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    run.err = QString::fromLocal8Bit(process.readAllStandardError());
    return run;
}

int forwardTool(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.start(program, arguments);
    if (!process.waitForStarted(5000))
        return -1;
    process.waitForFinished(-1);
    return process.exitCode();
}

namespace
{

QString humanLine(const QByteArray& jsonLine)
{
    const QJsonObject line = QJsonDocument::fromJson(jsonLine).object();
    if (line.isEmpty())
        return QString::fromUtf8(jsonLine);
    QString text = line.value(u"ts"_s).toString() + u' ' + line.value(u"level"_s).toString() + u' ' +
                   line.value(u"category"_s).toString();
    if (line.contains(u"session"_s))
        text += u" ["_s + line.value(u"session"_s).toString() + u']';
    return text + u" pid="_s + QString::number(line.value(u"pid"_s).toInteger()) + u": "_s +
           line.value(u"msg"_s).toString();
}

} // namespace

Status followLogFile(const QString& path, bool follow, const LineSink& sink, int lastLines)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (!follow)
            return Error(ErrorCode::NotFound, u"No log file yet at %1: the service has not run here."_s.arg(path));
    } else {
        QList<QByteArray> lines = file.readAll().split('\n');
        if (!lines.isEmpty() && lines.last().isEmpty())
            lines.removeLast();
        for (qsizetype i = qMax<qsizetype>(0, lines.size() - lastLines); i < lines.size(); ++i)
            sink(humanLine(lines.at(i)));
    }
    if (!follow)
        return {};
    qint64 position = file.isOpen() ? file.pos() : 0;
    QByteArray partial;
    while (true) {
        QThread::msleep(200);
        QFile current(path);
        if (!current.open(QIODevice::ReadOnly))
            continue;
        if (current.size() < position) // rotated: the new file starts from the beginning
            position = 0;
        current.seek(position);
        partial += current.readAll();
        position = current.pos();
        qsizetype newline = 0;
        while ((newline = partial.indexOf('\n')) >= 0) {
            sink(humanLine(partial.left(newline)));
            partial.remove(0, newline + 1);
        }
    }
}

Result<QJsonObject> daemonHealth(const Locations& locations, int timeoutMs)
{
    IpcClient client(ipcEndpointName(locations));
    if (Status connected = client.connectToServer(timeoutMs); !connected.ok())
        return connected.error();
    const Result<QJsonValue> health = client.call(u"health"_s, {}, timeoutMs);
    if (!health.ok())
        return health.error();
    return health->toObject();
}

bool waitForDaemon(const Locations& locations, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (daemonHealth(locations, 500).ok())
            return true;
        QThread::msleep(100);
    }
    return false;
}

bool waitForDaemonGone(const Locations& locations, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const Result<QJsonObject> health = daemonHealth(locations, 500);
        if (!health.ok() && health.error().code == ErrorCode::NotRunning)
            return true;
        QThread::msleep(100);
    }
    return false;
}

} // namespace lifecycle

} // namespace utter
