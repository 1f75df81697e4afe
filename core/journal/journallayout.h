#pragma once

#include <QString>

#include <optional>

namespace utter::journallayout
{

// Where the journal keeps what (docs/storage.md): one folder per session under the journal folder, holding
// session.json, chunk-NNNNNN.opus + chunk-NNNNNN.json per closed chunk, and while a chunk is being spoken its
// growing audio, chunk-NNNNNN.at-<offset ms>.partial. Shared by Journal (main thread) and SessionRecorder (the
// audio pipeline's thread), which write different files of the same folders.

QString sessionDir(const QString& journalDir, const QString& sessionId);
QString sessionMetaPath(const QString& journalDir, const QString& sessionId);
QString chunkAudioPath(const QString& journalDir, const QString& sessionId, int sequence);
QString chunkRecordPath(const QString& journalDir, const QString& sessionId, int sequence);
QString openChunkPath(const QString& journalDir, const QString& sessionId, int sequence, qint64 offsetMs);

struct OpenChunkName
{
    int sequence = 0;
    qint64 offsetMs = 0; // where the chunk starts in the dictation's audio
};
// The sequence and offset in an open chunk's file name; nullopt for any other file.
std::optional<OpenChunkName> parseOpenChunkName(const QString& fileName);

} // namespace utter::journallayout
