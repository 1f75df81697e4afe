#include "settingsfilewatcher.h"

#include "logging/logging.h"
#include "settings.h"

#include <QFileInfo>

namespace utter
{

namespace
{
constexpr int kSettleMs = 150;
}

SettingsFileWatcher::SettingsFileWatcher(Settings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    connect(&m_settle, &QTimer::timeout, this, [this] {
        watch(); // a replaced file is a new inode: watch it again
        // Our own saves land here too; they change nothing Settings does not already hold.
        if (const int differing = m_settings.reload(); differing > 0)
            qCInfo(lcSettings).noquote() << "settings file changed on disk:" << differing << "value(s) now differ";
    });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &SettingsFileWatcher::scheduleReload);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &SettingsFileWatcher::scheduleReload);
    watch();
}

SettingsFileWatcher::~SettingsFileWatcher() = default;

void SettingsFileWatcher::watch()
{
    const QFileInfo file(m_settings.filePath());
    const QString folder = file.absolutePath();
    if (QFileInfo::exists(folder) && !m_watcher.directories().contains(folder))
        m_watcher.addPath(folder);
    if (file.exists() && !m_watcher.files().contains(file.absoluteFilePath()))
        m_watcher.addPath(file.absoluteFilePath());
}

void SettingsFileWatcher::scheduleReload()
{
    m_settle.start();
}

} // namespace utter
