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

BOOL WINAPI onConsoleEvent(DWORD type)
{
    if (!g_watcher)
        return FALSE;
    const QString name = type == CTRL_C_EVENT       ? u"Ctrl-C"_s
                         : type == CTRL_BREAK_EVENT ? u"Ctrl-Break"_s
                                                    : u"console close"_s;
    QMetaObject::invokeMethod(g_watcher.data(), "terminationRequested", Qt::QueuedConnection, Q_ARG(QString, name));
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
