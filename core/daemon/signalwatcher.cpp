#include "signalwatcher.h"

#include "logging/logging.h"

#include <QMetaObject>
#include <QPointer>
#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
#endif
#ifdef Q_OS_WIN
#include <windows.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

#ifdef Q_OS_UNIX
int g_signalFds[2] = {-1, -1};

void onSignal(int number)
{
    const int saved = errno;
    const unsigned char byte = static_cast<unsigned char>(number);
    [[maybe_unused]] const ssize_t written = ::write(g_signalFds[0], &byte, 1);
    errno = saved;
}
#endif

#ifdef Q_OS_WIN
QPointer<SignalWatcher> g_watcher;
HANDLE g_watcherGone = nullptr; // set when the watcher is destroyed: the shutdown it asked for is over

// Windows ends the process as soon as the handler returns from a close, logoff or shutdown event (and at the
// latest after about 5 s), so for those the handler waits for the main thread to finish shutting down.
constexpr DWORD kEndingGraceMs = 4500;

BOOL WINAPI onConsoleEvent(DWORD type)
{
    if (!g_watcher)
        return FALSE;
    const QString name = type == CTRL_C_EVENT          ? u"Ctrl-C"_s
                         : type == CTRL_BREAK_EVENT    ? u"Ctrl-Break"_s
                         : type == CTRL_LOGOFF_EVENT   ? u"logoff"_s
                         : type == CTRL_SHUTDOWN_EVENT ? u"shutdown"_s
                                                       : u"console close"_s;
    QMetaObject::invokeMethod(g_watcher.data(), "terminationRequested", Qt::QueuedConnection, Q_ARG(QString, name));
    if (type != CTRL_C_EVENT && type != CTRL_BREAK_EVENT && g_watcherGone)
        WaitForSingleObject(g_watcherGone, kEndingGraceMs);
    return TRUE;
}
#endif

} // namespace

SignalWatcher::SignalWatcher(QObject* parent)
    : QObject(parent)
{
#ifdef Q_OS_UNIX
    if (g_signalFds[0] < 0 && ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalFds) != 0) {
        qCWarning(lcDaemon) << "cannot create the signal pipe; SIGTERM will stop Utter without cleanup";
        return;
    }
    for (const int fd : g_signalFds)
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    m_notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalWatcher::readSignal);
    struct sigaction action
    {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int number : {SIGTERM, SIGINT, SIGHUP})
        ::sigaction(number, &action, nullptr);
    // A client that vanishes mid-write must not kill the daemon.
    ::signal(SIGPIPE, SIG_IGN);
#endif
#ifdef Q_OS_WIN
    g_watcher = this;
    if (!g_watcherGone)
        g_watcherGone = CreateEventW(nullptr, TRUE, FALSE, nullptr); // manual reset, lives as long as the process
    ResetEvent(g_watcherGone);
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
#endif
}

SignalWatcher::~SignalWatcher()
{
#ifdef Q_OS_UNIX
    for (const int number : {SIGTERM, SIGINT, SIGHUP})
        ::signal(number, SIG_DFL);
#endif
#ifdef Q_OS_WIN
    SetConsoleCtrlHandler(onConsoleEvent, FALSE);
    g_watcher = nullptr;
    SetEvent(g_watcherGone); // a handler waiting on a close event lets the process end now
#endif
}

void SignalWatcher::readSignal()
{
#ifdef Q_OS_UNIX
    unsigned char byte = 0;
    while (::read(g_signalFds[1], &byte, 1) == 1) {
        const QString name = byte == SIGTERM ? u"SIGTERM"_s : byte == SIGINT ? u"SIGINT"_s : u"SIGHUP"_s;
        emit terminationRequested(name);
    }
#endif
}

} // namespace utter
