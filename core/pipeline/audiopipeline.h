#pragma once

#include "codec/oggopus.h"
#include "common/result.h"
#include "journal/jobrecord.h"
#include "vad/chunker.h"
#include "vad/vadconfig.h"

#include <QElapsedTimer>
#include <QObject>

#include <cstdint>
#include <memory>
#include <vector>

class QThread;

namespace utter
{

class AudioCapture;
class PipelineWorker;

// The chunk being collected, streamed to a realtime transcription server as it grows (docs/providers.md, "Realtime
// transcription"). Called on the pipeline thread, in order; an implementation hands each call to its own thread.
// Sequences are the chunks' own: a chunk held back for having no voice has none, and the next chunk takes the
// sequence it streamed under. Only a chunk's own audio is streamed (never the silence between chunks), exactly the
// samples its upload would hold (long pauses shortened).
class ChunkStream
{
public:
    virtual ~ChunkStream() = default;
    // More of chunk `sequence`'s audio (16 kHz mono), following what was appended before.
    virtual void append(int sequence, std::vector<std::int16_t> pcm) = 0;
    // Chunk `sequence` is complete (all of its audio appended) and journaled: it may be transcribed.
    virtual void commit(int sequence) = 0;
    // Chunk `sequence` held no voice (or was dropped as a click): what was appended of it is void.
    virtual void discard(int sequence) = 0;
    // The dictation's audio ended; every chunk was committed or discarded.
    virtual void end() = 0;

    // Nothing of a chunk is appended until it is closed and accepted (then all of it at once): typing or music is
    // never sent, at the cost of the chunk's upload time before its first words. Otherwise its audio goes out as
    // soon as the chunker has settled it, and a rejected chunk is discarded.
    bool holdUntilAccepted = false;
};

// What the audio pipeline needs to record one dictation.
struct RecordingPlan
{
    SessionMeta meta; // session.json as the dictation begins
    ChunkerConfig chunker;
    VadConfig vad;
    OggOpusOptions opus;
    int handsFreeStopMs = 0;             // > 0: silenceReached() after this much silence once speech was heard
    std::uint64_t captureStream = 0;     // the AudioCapture dictation whose blocks are this one's; 0: pushed audio
    QElapsedTimer sinceBegin;            // for the "first audio" log line
    std::shared_ptr<ChunkStream> stream; // realtime transcription: the chunks as they are collected
};

// The audio pipeline (DESIGN §3, docs/pipeline.md): on a thread of its own, it runs each dictation's audio through
// the VAD and the chunker, encodes the chunk being spoken as it grows (OpenChunkEncoder) and appends it to the
// journal, synced twice a second, encodes every closed chunk and makes it durable in the journal
// (SessionRecorder: two fsync rounds, 15–90 ms on a busy disk). None of that touches the main thread: the service
// there learns of each step from this object's signals, which are emitted on the thread that owns it (queued, in
// the order the steps happened), and drives uploads from "chunk is durable".
//
// Audio comes from an attached AudioCapture straight from its thread (blocks carry their dictation's number, and
// the block marked `last` ends it) or is pushed (the WebSocket/bench entry) with finish() as its end. The worker's
// state lives on the pipeline thread only; calls and signals carry copies — no state is shared between threads.
class AudioPipeline final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AudioPipeline)

public:
    explicit AudioPipeline(QString journalDir, QObject* parent = nullptr);
    // Finishes what is queued (a dictation whose audio has ended is journaled and sealed; one still open is sealed
    // with what arrived), then stops the thread.
    ~AudioPipeline() override;

    // Blocks of `capture` go to the dictation begun with their stream number. Connect before the first begin().
    void attach(AudioCapture& capture);

    void begin(RecordingPlan plan);
    // Pushed audio (16 kHz mono s16) of a dictation begun with captureStream 0, and its end.
    void push(const QString& sessionId, std::vector<std::int16_t> samples);
    void finish(const QString& sessionId);
    // Ends the dictation at once: nothing more of it is journaled; sessionEnded(…, cancelled = true) follows.
    void cancel(const QString& sessionId);

signals:
    // session.json was written (or, written = false, handed over: the journal keeps it in memory and retries).
    void sessionStarted(const utter::SessionMeta& meta, bool written);
    // A closed chunk is durable (or handed over with its audio when the disk refused it).
    void chunkStored(const utter::ChunkJob& job, const QByteArray& oggOpus, bool written);
    // A write the disk refused (from then on the dictation's data is handed over) or audio that could not be encoded.
    void problem(const QString& sessionId, const utter::Error& error, bool writeRefused);
    // A closed chunk held sound but no voice (typing, music, a fan: ChunkerConfig::minSpeechEvidence): it is not
    // uploaded and not a chunk to transcribe. `chunk` has its place, length and speech evidence but no samples and no
    // sequence. kept: its audio is durable in the session's folder (journallayout::heldBackAudioPath), so that it
    // reaches the audio archive with the dictation; false when the disk refused it or it could not be encoded.
    void chunkRejected(const QString& sessionId, const utter::AudioChunk& chunk, bool kept);
    // Hands-free: handsFreeStopMs of silence after speech.
    void silenceReached(const QString& sessionId);
    // The dictation's audio has ended and every chunk of it was reported. meta is sealed (written = false: handed
    // over) unless it was cancelled or produced no chunk and kept no held-back audio; then nothing was sealed and the
    // session is the caller's to discard.
    void sessionEnded(const utter::SessionMeta& meta, bool written, int chunks, bool cancelled);

private:
    QThread* m_thread = nullptr;
    PipelineWorker* m_worker = nullptr; // lives on m_thread
    QMetaObject::Connection m_attached; // AudioCapture's blocks, straight from its thread
};

} // namespace utter
