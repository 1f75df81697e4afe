#include "settingsfilewatcher.h"

#include "logging/logging.h"
#include "settings.h"

#include <QFileInfo>

namespace utter
{

SettingsFileWatcher::SettingsFileWatcher(Settings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_watcher(QFileInfo(settings.filePath()).absolutePath(), {QFileInfo(settings.filePath()).fileName()})
{
    connect(&m_watcher, &FolderWatcher::changed, this, [this] {
        // Our own saves land here too; they change nothing Settings does not already hold.
        if (const int differing = m_settings.reload(); differing > 0)
            qCInfo(lcSettings).noquote() << "settings file changed on disk:" << differing << "value(s) now differ";
    });
}

SettingsFileWatcher::~SettingsFileWatcher() = default;

} // namespace utter
