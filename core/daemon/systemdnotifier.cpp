#include "systemdnotifier.h"

#include "logging/logging.h"

#include <QCoreApplication>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#endif

using namespace Qt::Literals::StringLiterals;

namespace utter
{

SystemdNotifier::SystemdNotifier(QObject* parent)
    : QObject(parent)
    , m_socketPath(qgetenv("NOTIFY_SOCKET"))
{
    connect(&m_watchdog, &QTimer::timeout, this, [this] { notify("WATCHDOG=1"); });
}

bool SystemdNotifier::notify(const QByteArray& state)
{
#ifdef Q_OS_UNIX
    if (m_socketPath.isEmpty())
        return false;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (size_t(m_socketPath.size()) >= sizeof(address.sun_path)) {
        qCWarning(lcDaemon) << "NOTIFY_SOCKET is too long; not notifying systemd";
        return false;
    }
    std::memcpy(address.sun_path, m_socketPath.constData(), size_t(m_socketPath.size()));
    socklen_t length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(m_socketPath.size()));
    if (address.sun_path[0] == '@')
        address.sun_path[0] = '\0'; // abstract namespace
    else
        length += 1; // include the terminating NUL of a path
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    const ssize_t sent = ::sendto(fd, state.constData(), size_t(state.size()), MSG_NOSIGNAL,
                                  reinterpret_cast<const sockaddr*>(&address), length);
    ::close(fd);
    if (sent < 0) {
        qCWarning(lcDaemon) << "cannot notify systemd (" << state << "):" << std::strerror(errno);
        return false;
    }
    qCDebug(lcDaemon) << "sd_notify" << state;
    return true;
#else
    Q_UNUSED(state);
    return false;
#endif
}

void SystemdNotifier::ready(const QString& statusText)
{
    notify("READY=1\nSTATUS=" + statusText.toUtf8() +
           "\nMAINPID=" + QByteArray::number(QCoreApplication::applicationPid()));
}

void SystemdNotifier::stopping()
{
    m_watchdog.stop();
    notify("STOPPING=1");
}

void SystemdNotifier::status(const QString& text)
{
    notify("STATUS=" + text.toUtf8());
}

qint64 SystemdNotifier::startWatchdog()
{
    const qint64 usec = qgetenv("WATCHDOG_USEC").toLongLong();
    const qint64 pid = qgetenv("WATCHDOG_PID").toLongLong();
    if (usec <= 0 || (pid > 0 && pid != QCoreApplication::applicationPid()) || !isAvailable())
        return 0;
    const qint64 intervalMs = qMax<qint64>(1, usec / 1000 / 2);
    m_watchdog.start(int(intervalMs));
    notify("WATCHDOG=1");
    qCInfo(lcDaemon) << "systemd watchdog on: pinging every" << intervalMs << "ms";
    return intervalMs;
}

} // namespace utter
