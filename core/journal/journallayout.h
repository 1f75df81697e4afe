#pragma once

#include <QString>

#include <optional>

namespace utter::journallayout
{

// Where the journal keeps what (docs/storage.md): one folder per session under the journal folder, holding
// session.json, chunk-NNNNNN.opus + chunk-NNNNNN.json per closed chunk, and while a chunk is being spoken its
// growing audio, chunk-NNNNNN.at-<offset ms>.partial; held-back sounds as chunk-NNNNNN.heldback-at-<offset ms>.opus.
// Shared by Journal (main thread) and SessionRecorder (the audio pipeline's thread), which write different files of the
// same folders.

QString sessionDir(const QString& journalDir, const QString& sessionId);
QString sessionMetaPath(const QString& journalDir, const QString& sessionId);
QString chunkAudioPath(const QString& journalDir, const QString& sessionId, int sequence);
QString chunkRecordPath(const QString& journalDir, const QString& sessionId, int sequence);
QString openChunkPath(const QString& journalDir, const QString& sessionId, int sequence, qint64 offsetMs);
// The audio of a stretch the voice gate held back (no voice heard: not uploaded, not a chunk to transcribe), kept so
// that nothing the microphone heard is lost: chunk-NNNNNN.heldback-at-<offset ms>.opus, NNNNNN being the sequence
// of the chunk that follows it, so that a folder listed by name plays in recording order (it sorts just before that
// chunk's chunk-NNNNNN.opus). Archived with the dictation's chunks (docs/storage.md, "What Utter holds back").
QString heldBackAudioPath(const QString& journalDir, const QString& sessionId, int nextSequence, qint64 offsetMs);
// True for a held-back stretch's file name (heldBackAudioPath), in the journal or in the audio archive.
bool isHeldBackAudioName(const QString& fileName);
// Where a held-back stretch starts in the dictation's audio, from its file name; nullopt for any other file.
std::optional<qint64> heldBackAudioOffsetMs(const QString& fileName);

struct OpenChunkName
{
    int sequence = 0;
    qint64 offsetMs = 0; // where the chunk starts in the dictation's audio
};
// The sequence and offset in an open chunk's file name; nullopt for any other file.
std::optional<OpenChunkName> parseOpenChunkName(const QString& fileName);

} // namespace utter::journallayout
