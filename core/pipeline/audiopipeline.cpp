#include "audiopipeline.h"

#include "audio/audioblock.h"
#include "audio/audiocapture.h"
#include "common/handoff.h"
#include "journal/sessionrecorder.h"
#include "logging/logcontext.h"
#include "logging/logging.h"
#include "openchunkencoder.h"
#include "paths/locations.h"
#include "vad/audiochunk.h"
#include "vad/vadbackend.h"

#include <QThread>

#include <algorithm>
#include <list>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

constexpr int kOpenChunkSyncMs = 500; // the chunk being spoken is made durable at least this often (audio time)

} // namespace

// The pipeline thread's side. Every member is used on that thread only.
class PipelineWorker final : public QObject
{
public:
    PipelineWorker(QString journalDir, AudioPipeline* front)
        : m_journalDir(std::move(journalDir))
        , m_front(front)
    {}

    void begin(RecordingPlan plan);
    void block(const AudioBlock& block);
    void push(const QString& sessionId, const std::vector<std::int16_t>& samples);
    void finish(const QString& sessionId);
    void cancel(const QString& sessionId);
    void shutdown();

private:
    struct Recording
    {
        RecordingPlan plan;
        std::unique_ptr<SessionRecorder> recorder;
        std::unique_ptr<Chunker> chunker;
        std::unique_ptr<OpenChunkEncoder> open;
        int chunks = 0;
        int chunksInMemory = 0;  // closed chunks the disk did not take
        int heldBackKept = 0;    // held-back stretches whose audio is in the session's folder
        bool handedOver = false; // the disk refused a write: everything of this dictation goes to the journal now
        bool gotAudio = false;
        bool heardSpeech = false;
        bool silenceReported = false;
        std::int64_t lastSpeech = 0;
        std::int64_t openStart = -1; // the open chunk whose audio is in the journal
        std::int64_t syncedTo = -1;  // how far (sample) that audio is durable
        std::int64_t syncedAt = 0;   // the stream's end at that sync
        // Streaming (plan.stream): the open chunk whose audio went out, how far (stream sample), and how many of
        // its upload's samples that was.
        std::int64_t streamStart = -1;
        std::int64_t streamedTo = 0;
        std::size_t streamedSamples = 0;
    };
    using Iterator = std::list<Recording>::iterator;

    Iterator find(const QString& sessionId);
    void feed(Recording& recording, std::span<const std::int16_t> samples);
    void onChunk(Recording& recording, AudioChunk&& chunk);
    bool keepHeldBack(Recording& recording, const AudioChunk& chunk);
    void journalOpenChunk(Recording& recording);
    void streamOpenChunk(Recording& recording);
    void streamClosedChunk(Recording& recording, const AudioChunk& chunk);
    void end(Iterator recording, bool cancelled);
    void refused(Recording& recording, const Error& error);

    // Posts to the front object on its (the main) thread; the front outlives this worker's thread.
    template<typename F>
    void post(F&& emitter)
    {
        postTo(m_front, std::forward<F>(emitter));
    }

    QString m_journalDir;
    AudioPipeline* m_front;
    std::list<Recording> m_recordings; // stable addresses: the chunker's callback keeps one
};

PipelineWorker::Iterator PipelineWorker::find(const QString& sessionId)
{
    return std::find_if(m_recordings.begin(), m_recordings.end(),
                        [&sessionId](const Recording& r) { return r.plan.meta.id == sessionId; });
}

void PipelineWorker::begin(RecordingPlan plan)
{
    LogScope scope(plan.meta.id);
    Recording& recording = m_recordings.emplace_back();
    recording.plan = std::move(plan);
    recording.recorder = std::make_unique<SessionRecorder>(m_journalDir, recording.plan.meta.id);
    recording.chunker =
        std::make_unique<Chunker>(recording.plan.chunker, createVad(recording.plan.vad),
                                  [this, r = &recording](AudioChunk&& chunk) { onChunk(*r, std::move(chunk)); });
    // Sound without a voice (typing, music, a fan) is not uploaded, and says so (docs/audio.md, "Speech or not").
    recording.chunker->setRejectObserver([this, r = &recording](const AudioChunk& chunk) {
        const QString& id = r->plan.meta.id;
        qCInfo(lcPipeline).noquote() << "not uploaded, no voice:" << chunk.startSeconds() << "-" << chunk.endSeconds()
                                     << "s, speech evidence" << chunk.speechEvidence;
        if (r->plan.stream) {
            // Not streamed any further, and what went out of it is cleared from the server (the next chunk takes
            // its sequence).
            if (r->streamStart >= 0)
                qCInfo(lcPipeline).noquote()
                    << "realtime: clearing" << double(r->streamedSamples) / r->chunker->config().sampleRate
                    << "s of it from the stream";
            r->plan.stream->discard(int(r->chunker->chunksEmitted()));
            r->streamStart = -1;
        }
        const bool kept = keepHeldBack(*r, chunk);
        r->heldBackKept += kept ? 1 : 0;
        post([front = m_front, id, chunk, kept] { emit front->chunkRejected(id, chunk, kept); });
    });
    recording.open = std::make_unique<OpenChunkEncoder>(recording.plan.opus);
    const Status written = recording.recorder->writeMeta(recording.plan.meta);
    if (!written)
        refused(recording, written.error());
    post([front = m_front, meta = recording.plan.meta, ok = written.ok()] { emit front->sessionStarted(meta, ok); });
}

void PipelineWorker::block(const AudioBlock& block)
{
    if (block.stream == 0)
        return;
    const auto it = std::find_if(m_recordings.begin(), m_recordings.end(),
                                 [&block](const Recording& r) { return r.plan.captureStream == block.stream; });
    if (it == m_recordings.end())
        return; // a cancelled dictation's tail
    feed(*it, block.samples);
    if (block.last)
        end(it, false);
}

void PipelineWorker::push(const QString& sessionId, const std::vector<std::int16_t>& samples)
{
    if (const Iterator it = find(sessionId); it != m_recordings.end())
        feed(*it, samples);
}

void PipelineWorker::finish(const QString& sessionId)
{
    if (const Iterator it = find(sessionId); it != m_recordings.end())
        end(it, false);
}

void PipelineWorker::cancel(const QString& sessionId)
{
    if (const Iterator it = find(sessionId); it != m_recordings.end())
        end(it, true);
}

void PipelineWorker::shutdown()
{
    // Whatever is still open keeps what arrived: its last chunk is journaled and the session sealed.
    while (!m_recordings.empty())
        end(m_recordings.begin(), false);
}

void PipelineWorker::feed(Recording& recording, std::span<const std::int16_t> samples)
{
    LogScope scope(recording.plan.meta.id);
    if (!recording.gotAudio && !samples.empty()) {
        recording.gotAudio = true;
        qCInfo(lcAudio).noquote() << "first audio" << recording.plan.sinceBegin.elapsed()
                                  << "ms after the dictation began (" << samples.size() * 1000 / kPipelineSampleRate
                                  << "ms of audio, pre-roll included)";
    }
    Chunker& chunker = *recording.chunker;
    chunker.feed(samples);
    recording.open->follow(chunker);
    journalOpenChunk(recording);
    streamOpenChunk(recording);
    if (chunker.inSpeech()) {
        recording.heardSpeech = true;
        recording.lastSpeech = chunker.samplesFed();
    }
    const int stopMs = recording.plan.handsFreeStopMs;
    if (stopMs > 0 && recording.heardSpeech && !recording.silenceReported) {
        const std::int64_t quiet = chunker.samplesFed() - recording.lastSpeech;
        if (quiet * 1000 >= std::int64_t(stopMs) * chunker.config().sampleRate) {
            recording.silenceReported = true;
            post([front = m_front, id = recording.plan.meta.id] { emit front->silenceReached(id); });
        }
    }
}

bool PipelineWorker::keepHeldBack(Recording& recording, const AudioChunk& chunk)
{
    // Nothing the microphone heard is lost (docs/storage.md, "What Utter holds back"): the gate keeps 99.9 % of real
    // speech, not all of it, so the stretch it held back is encoded (here, never on the main thread) and made durable
    // in the session's folder, from where it goes to the audio archive with the dictation and can be transcribed
    // again. Each stretch is at most ChunkerConfig::maxChunkMs; all of them together never exceed the recording.
    if (recording.handedOver)
        return false; // the disk refuses writes: the chunks to transcribe come first, held in memory
    const std::span<const std::int16_t> pcm = recording.chunker->buffered(chunk.startSample, chunk.endSample);
    if (pcm.empty())
        return false;
    Result<QByteArray> encoded = encodeOggOpus(pcm, recording.plan.opus);
    if (!encoded.ok()) {
        qCWarning(lcPipeline).noquote() << "held-back audio not kept:" << encoded.error().message;
        return false;
    }
    const int rate = chunk.sampleRate;
    const Status written = recording.recorder->writeHeldBack(int(recording.chunker->chunksEmitted()),
                                                             chunk.startSample * 1000 / rate, encoded.value());
    if (!written) {
        qCWarning(lcPipeline).noquote() << "held-back audio not kept:" << written.error().message;
        return false;
    }
    return true;
}

void PipelineWorker::journalOpenChunk(Recording& recording)
{
    // The chunk being spoken goes to the journal as it grows, durable at least twice a second of audio, so a
    // killed process loses less than the last second of speech (docs/storage.md).
    if (recording.handedOver)
        return;
    const Chunker& chunker = *recording.chunker;
    const std::optional<std::int64_t> start = chunker.openChunkStart();
    if (!start) {
        if (recording.openStart >= 0)
            recording.recorder->dropOpenChunk(); // closed (its chunk is written) or dropped as a click
        recording.openStart = -1;
        return;
    }
    // A new chunk at once; then whatever the encoder added, once half a second of audio has passed since the last
    // sync (so speech followed by a pause is made durable too). Half a second leaves room for the sync itself and
    // the audio in transit from the microphone, so what is lost stays under a second.
    const int rate = chunker.config().sampleRate;
    const bool fresh = *start != recording.openStart;
    if (!fresh && (chunker.openChunkSettledEnd() <= recording.syncedTo ||
                   chunker.streamEnd() - recording.syncedAt < std::int64_t(rate) * kOpenChunkSyncMs / 1000))
        return;
    const std::optional<OpenChunkEncoder::Progress> progress = recording.open->flushed();
    if (!progress || progress->start != *start)
        return; // the encoder could not follow this chunk; it is journaled when it closes
    const Status written =
        recording.recorder->writeOpenChunk(int(chunker.chunksEmitted()), *start * 1000 / rate, progress->stream);
    if (!written) {
        refused(recording, written.error());
        return;
    }
    recording.openStart = *start;
    recording.syncedTo = progress->encodedTo;
    recording.syncedAt = chunker.streamEnd();
}

void PipelineWorker::onChunk(Recording& recording, AudioChunk&& chunk)
{
    const QString& id = recording.plan.meta.id;
    // The final chunk was encoded while it was spoken (its settled audio; the padding after it is added now);
    // every other chunk is encoded now, from exactly its samples (long pauses shortened: AudioChunk::gaps).
    std::optional<OpenChunkEncoder::Encoded> ready = recording.open->take(chunk);
    if (!ready) {
        Result<QByteArray> encoded = encodeOggOpus(chunk.pcm, recording.plan.opus);
        if (!encoded.ok()) {
            post([front = m_front, id, error = encoded.error()] { emit front->problem(id, error, false); });
            if (recording.plan.stream && recording.streamStart >= 0)
                recording.plan.stream->discard(int(chunk.sequence)); // not journaled: not transcribed either
            recording.streamStart = -1;
            return;
        }
        ready = OpenChunkEncoder::Encoded{std::move(encoded).value(), std::int64_t(chunk.pcm.size())};
    }
    ChunkJob job;
    job.sessionId = id;
    job.sequence = int(chunk.sequence);
    job.state = JobState::Pending;
    job.durationMs = chunk.samples() * 1000 / chunk.sampleRate; // spoken: the recording it stands for
    if (ready->samples != chunk.samples())
        job.audioMs = ready->samples * 1000 / chunk.sampleRate; // uploaded (and billed): pauses shortened
    job.offsetMs = chunk.startSample * 1000 / chunk.sampleRate;
    job.speechRatio = std::clamp(chunk.speechRatio, 0.0, 1.0);
    job.speechEvidence = chunk.speechEvidence; // the hallucination guard's evidence, kept for a resumed session
    job.updatedAt = QDateTime::currentDateTimeUtc();
    bool written = false;
    if (!recording.handedOver) {
        const Status stored = recording.recorder->writeChunk(job, ready->oggOpus);
        written = stored.ok();
        if (!written)
            refused(recording, stored.error());
    }
    // Said once per dictation (the disk's error was said by refused()); every further chunk only in the debug log.
    if (!written && recording.chunksInMemory++ == 0)
        qCWarning(lcPipeline).noquote()
            << "chunk" << chunk.sequence
            << "and the rest of this dictation are kept in memory until the disk takes them";
    else if (!written)
        qCDebug(lcPipeline).noquote() << "chunk" << chunk.sequence << "kept in memory until the disk takes it";
    job.durable = written;
    ++recording.chunks;
    if (chunk.startSample == recording.openStart)
        recording.openStart = -1;
    qCDebug(lcPipeline) << "chunk" << chunk.sequence << chunk.durationSeconds() << "s cut by"
                        << chunkCutName(chunk.cut);
    post([front = m_front, job, audio = written ? QByteArray() : ready->oggOpus, written] {
        emit front->chunkStored(job, audio, written);
    });
    // Committed after chunkStored is on its way: the transcript cannot reach the service before the chunk does.
    streamClosedChunk(recording, chunk);
}

void PipelineWorker::streamOpenChunk(Recording& recording)
{
    ChunkStream* stream = recording.plan.stream.get();
    if (!stream)
        return;
    const Chunker& chunker = *recording.chunker;
    const std::optional<std::int64_t> start = chunker.openChunkStart();
    if (recording.streamStart >= 0 && start != recording.streamStart) {
        // The chunk streamed so far went without being emitted or rejected (a click too short to keep).
        stream->discard(int(chunker.chunksEmitted()));
        recording.streamStart = -1;
    }
    if (!start || stream->holdUntilAccepted)
        return;
    if (recording.streamStart < 0) {
        recording.streamStart = *start;
        recording.streamedTo = *start;
        recording.streamedSamples = 0;
    }
    // Settled audio only (it is uploaded as it is, whatever follows), and never past the first half of the longest
    // chunk: a chunk that reaches it is cut at its quietest point after that, and what follows belongs to the next.
    const std::int64_t halfMax = std::int64_t(chunker.config().maxChunkMs) * chunker.config().sampleRate / 2000;
    const std::int64_t to = std::min(chunker.openChunkSettledEnd(), *start + halfMax);
    if (to <= recording.streamedTo)
        return;
    std::vector<std::int16_t> pcm;
    std::int64_t at = recording.streamedTo;
    for (const StreamGap& gap : chunker.openChunkGaps()) { // shortened pauses are not uploaded: nor streamed
        if (gap.to <= at || gap.from >= to)
            continue;
        if (gap.from > at) {
            const std::span<const std::int16_t> piece = chunker.buffered(at, gap.from);
            pcm.insert(pcm.end(), piece.begin(), piece.end());
        }
        at = std::max(at, std::min(gap.to, to));
    }
    if (at < to) {
        const std::span<const std::int16_t> piece = chunker.buffered(at, to);
        pcm.insert(pcm.end(), piece.begin(), piece.end());
    }
    recording.streamedTo = to;
    if (pcm.empty())
        return;
    recording.streamedSamples += pcm.size();
    stream->append(int(chunker.chunksEmitted()), std::move(pcm));
}

void PipelineWorker::streamClosedChunk(Recording& recording, const AudioChunk& chunk)
{
    ChunkStream* stream = recording.plan.stream.get();
    if (!stream)
        return;
    const int sequence = int(chunk.sequence);
    std::size_t sent = recording.streamedSamples;
    if (recording.streamStart >= 0 && recording.streamStart != chunk.startSample) {
        // Streamed under another start than the chunk has (not expected): sent again whole, after a clear.
        qCDebug(lcPipeline) << "realtime: chunk" << sequence << "starts elsewhere than streamed; sent again";
        stream->discard(sequence);
        sent = 0;
    } else if (recording.streamStart < 0) {
        sent = 0;
    }
    recording.streamStart = -1;
    if (sent > chunk.pcm.size()) { // cannot happen while the chunker keeps its promises; the upload is right anyway
        qCWarning(lcPipeline).noquote() << "realtime: streamed" << sent << "samples of a chunk of" << chunk.pcm.size();
        sent = chunk.pcm.size();
    }
    if (sent < chunk.pcm.size())
        stream->append(sequence, std::vector<std::int16_t>(chunk.pcm.begin() + std::ptrdiff_t(sent), chunk.pcm.end()));
    stream->commit(sequence);
}

void PipelineWorker::end(Iterator it, bool cancelled)
{
    Recording& recording = *it;
    LogScope scope(recording.plan.meta.id);
    const std::int64_t samples = recording.chunker->samplesFed();
    if (!cancelled)
        recording.chunker->end(); // the last chunk goes out the moment the audio ends
    recording.recorder->dropOpenChunk();
    SessionMeta meta = recording.plan.meta;
    bool written = true;
    if (!cancelled && (recording.chunks > 0 || recording.heldBackKept > 0)) {
        meta.sealed = true;
        meta.endedAt = QDateTime::currentDateTimeUtc();
        meta.audioMs = samples * 1000 / recording.chunker->config().sampleRate;
        if (!recording.handedOver) {
            const Status sealed = recording.recorder->writeMeta(meta);
            if (!sealed)
                refused(recording, sealed.error());
        }
        written = !recording.handedOver;
    }
    if (recording.plan.stream && !cancelled)
        recording.plan.stream->end();
    post([front = m_front, meta, written, chunks = recording.chunks, cancelled] {
        emit front->sessionEnded(meta, written, chunks, cancelled);
    });
    m_recordings.erase(it);
}

void PipelineWorker::refused(Recording& recording, const Error& error)
{
    qCWarning(lcJournal).noquote() << error.message;
    recording.handedOver = true;
    recording.recorder->dropOpenChunk();
    post([front = m_front, id = recording.plan.meta.id, error] { emit front->problem(id, error, true); });
}

AudioPipeline::AudioPipeline(QString journalDir, QObject* parent)
    : QObject(parent)
{
    m_thread = new QThread;
    m_thread->setObjectName(u"utter-pipeline"_s);
    m_worker = new PipelineWorker(std::move(journalDir), this);
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

AudioPipeline::~AudioPipeline()
{
    // After everything queued before (the end of a dictation included), then the thread stops. Signals posted from
    // here on are dropped with this object; what they reported is on disk and the next start resumes it.
    QObject::disconnect(m_attached);
    stopWorkerThread(m_thread, m_worker, [worker = m_worker] { worker->shutdown(); });
    delete m_worker;
    delete m_thread;
}

void AudioPipeline::attach(AudioCapture& capture)
{
    m_attached = connectHandOff(&capture, &AudioCapture::samplesReady, m_worker,
                                [worker = m_worker](const AudioBlock& block) { worker->block(block); });
}

void AudioPipeline::begin(RecordingPlan plan)
{
    postTo(m_worker, [worker = m_worker, plan = std::move(plan)] { worker->begin(plan); });
}

void AudioPipeline::push(const QString& sessionId, std::vector<std::int16_t> samples)
{
    postTo(m_worker,
           [worker = m_worker, sessionId, samples = std::move(samples)] { worker->push(sessionId, samples); });
}

void AudioPipeline::finish(const QString& sessionId)
{
    postTo(m_worker, [worker = m_worker, sessionId] { worker->finish(sessionId); });
}

void AudioPipeline::cancel(const QString& sessionId)
{
    postTo(m_worker, [worker = m_worker, sessionId] { worker->cancel(sessionId); });
}

} // namespace utter
