#pragma once

#include <QObject>

class QSocketNotifier;

namespace utter
{

// Turns SIGTERM, SIGINT and SIGHUP (Unix, through a self-pipe read by a QSocketNotifier) or a console
// Ctrl-C/close/logoff/shutdown event (Windows, SetConsoleCtrlHandler) into a queued Qt signal on the main
// thread, where shutting down is safe. One watcher per process.
class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(const QString& signalName);

private:
    void readSignal();

    QSocketNotifier* m_notifier = nullptr;
};

} // namespace utter
