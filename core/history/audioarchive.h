#pragma once

#include "common/result.h"

#include <QString>
#include <QStringList>

namespace utter
{

// The audio archive: one folder per dictation (<archive>/<session id>/chunk-000001.opus ...), filled by moving a
// finished session's Ogg Opus files out of the journal. Each chunk file is a complete Ogg Opus stream; players
// such as mpv or VLC play the folder in order.
//
// Delivery order that survives a crash at any step (every step is idempotent):
//   1. entry.audioPath = archive.sessionPath(id); history.add(entry)   (add() ignores a repeated session id)
//   2. archive.moveIn(id, journal.audioFiles(id))                       (files already moved are skipped)
//   3. journal.discardSession(id)
class AudioArchive final
{
public:
    explicit AudioArchive(QString directory);

    QString directory() const { return m_dir; }
    QString sessionPath(const QString& sessionId) const;
    // Moves the files into the session's folder. Safe to repeat.
    Status moveIn(const QString& sessionId, const QStringList& files);
    // True when path lies inside the archive (only such paths are ever deleted).
    bool contains(const QString& path) const;
    // Deletes an archived folder or file; refuses anything outside the archive.
    Status remove(const QString& path);

private:
    QString m_dir;
};

} // namespace utter
