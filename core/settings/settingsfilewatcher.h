#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace utter
{

class Settings;

// Keeps a long-running process's Settings in step with its file: an edit by `utter config set`, by another
// Utter process or by hand is read back shortly after it lands, and Settings emits changed() for every value
// that differs (the service, hotkeys and tray follow from there). Watches the folder as well as the file, because
// a save replaces the file (temp + rename) and the file watch ends with the old inode.
class SettingsFileWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsFileWatcher)

public:
    explicit SettingsFileWatcher(Settings& settings, QObject* parent = nullptr);
    ~SettingsFileWatcher() override;

private:
    void watch();
    void scheduleReload();

    Settings& m_settings;
    QFileSystemWatcher m_watcher;
    QTimer m_settle; // several events arrive for one save; read the file once they have stopped
};

} // namespace utter
