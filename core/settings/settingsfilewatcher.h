#pragma once

#include "common/folderwatcher.h"

#include <QObject>

namespace utter
{

class Settings;

// Keeps a long-running process's Settings in step with its file: an edit by `utter config set`, by another
// Utter process or by hand is read back shortly after it lands, and Settings emits changed() for every value
// that differs (the service, hotkeys and tray follow from there).
class SettingsFileWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsFileWatcher)

public:
    explicit SettingsFileWatcher(Settings& settings, QObject* parent = nullptr);
    ~SettingsFileWatcher() override;

private:
    Settings& m_settings;
    FolderWatcher m_watcher;
};

} // namespace utter
