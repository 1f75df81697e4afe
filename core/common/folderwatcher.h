#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace utter
{

// Says, once things have settled, that files in a folder changed: a file added, removed or renamed, replaced by
// a save (temp file + rename), or written in place. QFileSystemWatcher reports in-place writes only for files it
// watches, and such a watch ends with a replaced file's old inode; so this watches the folder and every file
// matching the filters, and watches them again after each change.
class FolderWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FolderWatcher)

public:
    static constexpr int settleMs = 150; // one save is several events; changed() comes once they have stopped

    FolderWatcher(QString folder, QStringList nameFilters, QObject* parent = nullptr);
    ~FolderWatcher() override;

    QString folder() const { return m_folder; }

signals:
    void changed();

private:
    void watch();

    QString m_folder;
    QStringList m_nameFilters;
    QFileSystemWatcher m_watcher;
    QTimer m_settle;
};

} // namespace utter
