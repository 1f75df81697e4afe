#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

namespace utter
{

// The systemd notify protocol, spoken directly: one datagram per message to the AF_UNIX socket named by
// $NOTIFY_SOCKET (a leading '@' is the abstract namespace). No libsystemd dependency — the protocol is a
// stable, documented interface (sd_notify(3)) and four messages are all Utter needs. Without NOTIFY_SOCKET
// (not under systemd, or another OS) every call does nothing.
class SystemdNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemdNotifier)

public:
    explicit SystemdNotifier(QObject* parent = nullptr);

    bool isAvailable() const { return !m_socketPath.isEmpty(); }
    bool notify(const QByteArray& state);

    void ready(const QString& status);
    void stopping();
    void status(const QString& text);

    // Starts WATCHDOG=1 pings at half of $WATCHDOG_USEC from the main thread's event loop (so a hung loop
    // stops them and systemd restarts the service). Returns the interval in ms, 0 when no watchdog was asked.
    qint64 startWatchdog();

private:
    QByteArray m_socketPath;
    QTimer m_watchdog;
};

} // namespace utter
