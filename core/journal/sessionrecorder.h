#pragma once

#include "atomicfile.h"
#include "common/result.h"
#include "jobrecord.h"

#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

namespace utter
{

// Writes the files of one session while it is recorded, on the audio pipeline's thread (docs/storage.md):
// session.json when the dictation begins and when capture ends, every closed chunk (audio, then its job record,
// both durable before the call returns) and the growing audio of the chunk being spoken. The main thread's Journal
// learns of each write from the pipeline's events (Journal::adoptSession/adoptChunk) and never writes these files
// itself — unless a write here failed and the data was handed to it. Used from one thread.
class SessionRecorder final
{
public:
    SessionRecorder(QString journalDir, QString sessionId);
    ~SessionRecorder(); // leaves the open chunk's file where it is: a later chunk or recovery deals with it
    SessionRecorder(const SessionRecorder&) = delete;
    SessionRecorder& operator=(const SessionRecorder&) = delete;

    // session.json, creating the session folder first.
    Status writeMeta(const SessionMeta& meta);
    // A closed chunk: its audio, then its record. The open chunk's file of the same sequence is removed after.
    Status writeChunk(const ChunkJob& job, const QByteArray& oggOpus);
    // The audio of a stretch the voice gate held back (journallayout::heldBackAudioPath), durable before the call
    // returns. Not a chunk: no job record, never uploaded; it goes to the audio archive with the dictation.
    Status writeHeldBack(int nextSequence, qint64 offsetMs, const QByteArray& oggOpus);
    // The chunk being spoken: `stream` is its Ogg Opus stream so far, ending on a complete page. What is new is
    // appended and synced. Another sequence or offset than before starts a new file and removes the old one.
    Status writeOpenChunk(int sequence, qint64 offsetMs, QByteArrayView stream);
    // Removes the open chunk's file (a click that never became a chunk, or a cancelled dictation).
    void dropOpenChunk();
    std::optional<int> openSequence() const;

private:
    QString m_dir;
    QString m_sessionId;
    bool m_folderReady = false;
    std::unique_ptr<atomicfile::AppendFile> m_open;
    int m_openSequence = -1;
};

} // namespace utter
