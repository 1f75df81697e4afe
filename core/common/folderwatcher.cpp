#include "folderwatcher.h"

#include <QDir>
#include <QFileInfo>

namespace utter
{

FolderWatcher::FolderWatcher(QString folder, QStringList nameFilters, QObject* parent)
    : QObject(parent)
    , m_folder(QFileInfo(folder).absoluteFilePath())
    , m_nameFilters(std::move(nameFilters))
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(settleMs);
    connect(&m_settle, &QTimer::timeout, this, [this] {
        watch(); // replaced and new files are new inodes
        emit changed();
    });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, &m_settle, qOverload<>(&QTimer::start));
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, &m_settle, qOverload<>(&QTimer::start));
    watch();
}

FolderWatcher::~FolderWatcher() = default;

void FolderWatcher::watch()
{
    const QDir dir(m_folder);
    if (!dir.exists())
        return;
    if (!m_watcher.directories().contains(m_folder))
        m_watcher.addPath(m_folder);
    const QStringList watched = m_watcher.files();
    for (const QFileInfo& file : dir.entryInfoList(m_nameFilters, QDir::Files)) {
        if (!watched.contains(file.absoluteFilePath()))
            m_watcher.addPath(file.absoluteFilePath());
    }
}

} // namespace utter
