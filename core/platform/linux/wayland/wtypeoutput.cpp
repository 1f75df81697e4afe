#include "wtypeoutput.h"

#include "logging/logging.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace
{

// Runs a helper program asynchronously and reports its outcome once.
void runTool(QObject* context, const QString& program, const QStringList& args, int timeoutMs,
             std::function<void(bool ok, const QString& error)> finished)
{
    auto* process = new QProcess(context); // parent-owned; deleted when it has finished
    process->setProgram(program);
    process->setArguments(args);
    process->setProcessChannelMode(QProcess::SeparateChannels);
    auto reported = std::make_shared<bool>(false);
    auto report = [process, reported, finished](bool ok, const QString& error) {
        if (*reported)
            return;
        *reported = true;
        finished(ok, error);
        process->deleteLater();
    };
    QObject::connect(process, &QProcess::finished, context, [process, report](int code, QProcess::ExitStatus status) {
        const QString err = QString::fromLocal8Bit(process->readAllStandardError()).trimmed();
        report(status == QProcess::NormalExit && code == 0, err.isEmpty() ? u"exit code %1"_s.arg(code) : err);
    });
    QObject::connect(process, &QProcess::errorOccurred, context, [process, report](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            report(false, process->errorString());
    });
    QTimer::singleShot(timeoutMs, process, [process, report, timeoutMs] {
        process->kill();
        report(false, u"no answer within %1 ms"_s.arg(timeoutMs));
    });
    process->start();
}

} // namespace

namespace utter
{

WtypeOutput::WtypeOutput(QObject* parent)
    : QObject(parent)
{}

namespace
{

constexpr int kProbeTimeoutMs = 3000;

// What wtype's harmless check (create a virtual keyboard, type nothing, sleep 1 ms) said.
Status probeVerdict(bool answered, int exitCode, const QString& err)
{
    if (!answered)
        return Error(ErrorCode::Timeout, u"wtype did not answer within 3 s."_s);
    if (exitCode != 0) {
        if (err.contains(u"virtual keyboard"_s))
            return Error(ErrorCode::Unsupported, u"This compositor has no virtual-keyboard protocol (GNOME and KDE "
                                                 "lack it); Utter uses the RemoteDesktop portal or ydotool there."_s);
        return Error(ErrorCode::Failed, u"wtype failed: %1"_s.arg(err));
    }
    return {};
}

const QStringList kProbeArguments{u"-s"_s, u"1"_s};

} // namespace

Status WtypeOutput::findProgram()
{
    if (qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return Error(ErrorCode::Unsupported, u"wtype needs a Wayland session (WAYLAND_DISPLAY is unset)."_s);
    m_program = QStandardPaths::findExecutable(u"wtype"_s);
    if (m_program.isEmpty())
        return Error(ErrorCode::Unsupported,
                     u"wtype is not installed; install it (Debian/Ubuntu: apt install wtype)."_s);
    return {};
}

Status WtypeOutput::probe()
{
    if (Status found = findProgram(); !found.ok())
        return found;
    QProcess check;
    check.start(m_program, kProbeArguments);
    if (!check.waitForFinished(kProbeTimeoutMs)) {
        check.kill();
        return probeVerdict(false, 0, {});
    }
    return probeVerdict(true, check.exitCode(), QString::fromLocal8Bit(check.readAllStandardError()).trimmed());
}

void WtypeOutput::probeAsync(std::function<void(const Status&)> done)
{
    if (Status found = findProgram(); !found.ok()) {
        done(found);
        return;
    }
    auto* check = new QProcess(this); // deleted once it has answered, or with this method
    auto reported = std::make_shared<bool>(false);
    auto report = [check, reported, done = std::move(done)](const Status& status) {
        if (*reported)
            return;
        *reported = true;
        check->deleteLater();
        done(status);
    };
    connect(check, &QProcess::finished, this, [check, report](int code, QProcess::ExitStatus exit) {
        report(probeVerdict(true, exit == QProcess::NormalExit ? code : -1,
                            QString::fromLocal8Bit(check->readAllStandardError()).trimmed()));
    });
    connect(check, &QProcess::errorOccurred, this, [check, report](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            report(probeVerdict(true, -1, check->errorString()));
    });
    QTimer::singleShot(kProbeTimeoutMs, check, [check, report] {
        check->kill();
        report(probeVerdict(false, 0, {}));
    });
    check->start(m_program, kProbeArguments);
}

void WtypeOutput::insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                         InsertCallback done)
{
    Q_UNUSED(target)
    if (m_program.isEmpty()) {
        // Never the probe's check here (it would wait for wtype): the chain probes before it inserts.
        if (Status s = findProgram(); !s.ok()) {
            done(InsertResult::failed(name(), s.error()));
            return;
        }
    }
    QStringList args{u"-s"_s, QString::number(leadInMs)};
    // wtype's "--" ends option parsing, so text starting with '-' is typed as text.
    QString body = text;
    body.replace(u"\r\n"_s, u"\n"_s);
    if (options.pressEnter)
        body += u'\n'; // wtype types a newline as Return; separate arguments would be joined with a space
    args << u"--"_s << body;
    const int timeout = 5000 + int(text.size()) * 20;
    const QString method = name();
    const qsizetype size = text.size();
    runTool(this, m_program, args, timeout, [done, method, size](bool ok, const QString& error) {
        if (ok)
            done(InsertResult::success(method, u"typed %1 characters"_s.arg(size)));
        else
            done(InsertResult::retry(method, Error(ErrorCode::InjectionBlocked, u"wtype failed: %1"_s.arg(error))));
    });
}

YdotoolOutput::YdotoolOutput(QObject* parent)
    : QObject(parent)
{}

Status YdotoolOutput::probe()
{
    m_program = QStandardPaths::findExecutable(u"ydotool"_s);
    if (m_program.isEmpty())
        return Error(ErrorCode::Unsupported,
                     u"ydotool is not installed; install it (apt install ydotool) and run ydotoold with access to "
                     "/dev/uinput."_s);
    QStringList sockets;
    if (!qEnvironmentVariableIsEmpty("YDOTOOL_SOCKET"))
        sockets << qEnvironmentVariable("YDOTOOL_SOCKET");
    if (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
        sockets << qEnvironmentVariable("XDG_RUNTIME_DIR") + u"/.ydotool_socket"_s;
    sockets << u"/tmp/.ydotool_socket"_s;
    for (const QString& socket : std::as_const(sockets)) {
        if (QFileInfo(socket).exists())
            return {};
    }
    if (QFileInfo(u"/dev/uinput"_s).isWritable())
        return {};
    return Error(ErrorCode::Unsupported,
                 u"ydotool's daemon is not running and /dev/uinput is not writable; start ydotoold (e.g. `systemctl "
                 "--user enable --now ydotoold`) and add yourself to the input group."_s);
}

void YdotoolOutput::insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                           InsertCallback done)
{
    Q_UNUSED(target)
    for (const QChar c : text) {
        if (c.unicode() > 0x7e || (c.unicode() < 0x20 && c != u'\n' && c != u'\t')) {
            done(InsertResult::failed(
                name(), Error(ErrorCode::Unsupported, u"ydotool types US key codes and cannot type \"%1\"."_s.arg(c))));
            return;
        }
    }
    QStringList args{u"type"_s, u"--"_s, options.pressEnter ? text + u'\n' : text};
    const QString method = name();
    const qsizetype size = text.size();
    runTool(this, m_program, args, 5000 + int(text.size()) * 30, [done, method, size](bool ok, const QString& error) {
        if (ok)
            done(InsertResult::success(method, u"typed %1 characters"_s.arg(size)));
        else
            done(InsertResult::retry(method, Error(ErrorCode::InjectionBlocked, u"ydotool failed: %1"_s.arg(error))));
    });
}

} // namespace utter
