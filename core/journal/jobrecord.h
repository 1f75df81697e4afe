#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace utter
{

// Where one chunk's upload stands. Pending → Uploading → Done | Failed (retry at retryAt) | Dead (needs the user).
enum class JobState
{
    Pending,   // on disk, not sent yet (or an interrupted upload to be repeated)
    Uploading, // a request is in flight
    Done,      // a transcript is stored
    Failed,    // the last attempt failed; try again at retryAt
    Dead,      // retrying cannot help (bad key, audio rejected, file missing): the user must decide
};

QString jobStateName(JobState state); // "pending", "uploading", ...
std::optional<JobState> jobStateFromName(const QString& name);

// What the provider returned for one chunk.
struct ChunkResult
{
    QString text;     // raw transcript of this chunk (after the hallucination guard)
    QString provider; // provider name, e.g. "groq"
    QString endpoint; // base URL actually used (primary or fallback)
    QString language; // detected or requested language
    double billedSeconds = 0;
    // Opaque to the journal, stored verbatim: the pipeline keeps the Whisper segments (no_speech_prob,
    // avg_logprob) here so that a resumed session re-runs the assembler and hallucination guard exactly.
    QJsonObject details;
};

// The job record of one chunk: chunk-NNNNNN.json next to chunk-NNNNNN.opus in the session folder.
struct ChunkJob
{
    QString sessionId;
    int sequence = 0;
    JobState state = JobState::Pending;
    qint64 durationMs = 0;    // of the recording the chunk stands for (spoken time)
    qint64 audioMs = -1;      // of its uploaded audio when long pauses in it were shortened; -1: durationMs
    qint64 offsetMs = -1;     // where the chunk starts in the dictation's audio; -1 when unknown (older records)
    double speechRatio = 1.0; // share of frames the VAD judged speech (0..1)
    // The chunk's voice score (AudioChunk::speechEvidence, 0..1; < 0: not estimated or an older record): kept so
    // that a resumed session's hallucination guard judges exactly as the live one did.
    double speechEvidence = -1.0;
    int attempts = 0;    // uploads started so far
    QDateTime retryAt;   // Failed: not before this time (UTC)
    QString reason;      // Failed/Dead: one sentence for the user; otherwise empty
    QDateTime updatedAt; // last state change (UTC)
    ChunkResult result;  // Done: the transcript
    bool durable = true; // false while only in memory because the disk refused the write

    qint64 uploadedMs() const { return audioMs >= 0 ? audioMs : durationMs; }

    QByteArray toJson() const;
    // Parses a record; Error{Corrupt} with the reason when it is not a valid record.
    static Result<ChunkJob> fromJson(const QByteArray& json);
};

// What is known about a dictation session when it starts: session.json in the session folder.
struct SessionMeta
{
    QString id;
    QDateTime startedAt;      // UTC
    QString application;      // focused application id (WM_CLASS, process name, bundle id)
    QString style;            // style selected for the session, empty for none
    QString language;         // requested language, empty for auto
    bool sealed = false;      // capture ended: no more chunks will be added
    QDateTime endedAt;        // when it was sealed
    bool interrupted = false; // the process died before capture ended; what was captured is kept
    qint64 audioMs = 0;       // audio recorded (not wall time); 0 when unknown (an older record)
    // Opaque to the journal, stored verbatim: the sounds the voice gate did not upload (HeldBack::toJson items),
    // written when capture ends so that a session resumed after a crash still tells history about them.
    QJsonArray heldBack;

    QByteArray toJson() const;
    static Result<SessionMeta> fromJson(const QByteArray& json);
};

// A stretch the voice gate held back whose audio a recovered session's folder holds (journallayout::heldBackAudioPath),
// as the journal's scan found it: the file's name gives the offset, its Ogg Opus stream the duration. What it means
// is the pipeline's business (HeldBackNotes::withJournaled): the journal keeps no note of it.
struct HeldBackAudio
{
    qint64 offsetMs = 0;    // where it starts in the dictation's audio
    qint64 durationMs = -1; // -1: the file could not be read
};

} // namespace utter
