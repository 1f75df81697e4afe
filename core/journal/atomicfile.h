#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QFile>
#include <QString>

namespace utter::atomicfile
{

// Durable, all-or-nothing file replacement: after writeFile() returns ok the new content survives a power cut,
// and at no moment does `path` hold anything but the complete old or the complete new content.
// Steps: write `path.tmp` → fsync → rename over `path` → fsync the directory (POSIX). A full disk or an
// unwritable folder gives an Error{Io} naming the file and the cause; the old file is left untouched.
// syncFolder = false skips the last step, for a caller that writes a second file into the same folder right
// after and syncs the folder then (one folder sync makes both renames durable).
Status writeFile(const QString& path, const QByteArray& content, bool syncFolder = true);

// The two halves of writeFile(), public so tests can simulate a crash between them.
// writeTemp() leaves a durable `path.tmp`; commitTemp() renames it over `path` and syncs the directory.
Status writeTemp(const QString& path, const QByteArray& content);
Status commitTemp(const QString& path, bool syncFolder = true);

// The temporary name writeTemp() uses for `path`. Leftovers with this suffix are garbage after a crash.
QString tempPathFor(const QString& path);
inline constexpr QStringView tempSuffix = u".tmp";

// fsync of a directory, so a rename or unlink inside it is durable. No-op where the OS has no such thing.
Status syncDirectory(const QString& dirPath);

// Moves a file, durably: rename when possible, else copy + fsync + remove (across file systems).
Status moveFile(const QString& from, const QString& to);

// Removes a directory tree and syncs its parent.
Status removeTree(const QString& dirPath);

// A file that grows by appends and is made durable on demand (the journal's open chunk). Not atomic: after a crash
// it holds every byte appended before the last successful sync(), perhaps more, and never anything else.
class AppendFile final
{
public:
    explicit AppendFile(QString path);
    ~AppendFile(); // closes the file and leaves it on disk
    AppendFile(const AppendFile&) = delete;
    AppendFile& operator=(const AppendFile&) = delete;

    // Creates (or truncates) the file on the first call.
    Status append(QByteArrayView bytes);
    // Data on stable storage; the first sync also makes the file's name durable (fsync of the folder).
    Status sync();
    // Closes and deletes the file (not synced: a crash may bring it back, and its reader must expect that).
    void remove();

    QString path() const { return m_path; }
    qint64 size() const { return m_size; }

private:
    QString m_path;
    QFile m_file;
    qint64 m_size = 0;
    bool m_named = false; // the folder entry is durable
};

// "No space left on device" for the last OS error, or the text QFileDevice gives.
QString describeOsError(int err);

} // namespace utter::atomicfile
