#pragma once

#include "codec/oggopus.h"
#include "common/result.h"
#include "filechunkreader.h"
#include "hallucinationguard.h"
#include "providers/transcriber.h"
#include "transcriptassembler.h"
#include "vad/chunker.h"
#include "vad/vadconfig.h"
#include "wordreplacements.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>

namespace utter
{

class Clock;
class FileResultJournal;
class NetworkWatcher;
class SystemClock;

struct DictationConfig;

struct FileTranscriptionOptions
{
    QString language;              // empty = the transcriber's configured language
    std::optional<QString> prompt; // nullopt = the configured vocabulary
    int maxInFlight = 3;
    ChunkerConfig chunker;
    VadConfig vad;
    OggOpusOptions opus;
    HallucinationGuardConfig guard;
    QStringList replacements;
    // How long the provider may fail to transcribe any chunk before the file is given up (with what it has):
    // failures time can fix are retried with the dictation policy until then (`utter transcribe --patience`).
    std::chrono::milliseconds patience{std::chrono::minutes(10)};

    // Everything from the dictation settings (language, in-flight limit, chunking, VAD, Opus, guard, replacements).
    static FileTranscriptionOptions fromConfig(const DictationConfig& config);
};

// A stretch of the file that has no transcript (the provider stayed away, or refused the chunk).
struct FileGap
{
    double startSeconds = 0;
    double endSeconds = 0; // the file's duration (or what was read) when the gap runs to the end
    int chunks = 0;        // chunks cut in this stretch; 0 when the gap is audio not yet read
    bool toEnd = false;    // the gap runs to the end of the file (the rest was never read)
};

struct FileTranscript
{
    QString path;
    QString text; // assembled, guarded, with word replacements
    QString language;
    double durationSeconds = 0; // of the file
    double spokenSeconds = 0;   // of the file, in chunks (uploaded, though long pauses in them were shortened)
    double billedSeconds = 0;
    int chunks = 0;
    QString endpoint; // base URL that served the last chunk
    // Whisper segments with times from the start of the file, in order; segments the hallucination guard's
    // no-speech rule drops are left out.
    QList<TranscriptSegment> segments;
    int chunksReused = 0;       // taken from an earlier run's results (not sent, not billed again)
    QList<FileGap> gaps;        // after a failure: what has no transcript (text then holds the parts around them)
    bool outOfPatience = false; // the failure was one time could fix, but it lasted longer than the patience
    // What was held back, in file order: stretches not uploaded for want of a voice, text the guard removed.
    QList<HeldBack> heldBack;
};

// Where a file transcription stands, for a progress line.
struct FileProgress
{
    double secondsRead = 0;
    double secondsTotal = 0; // 0 when the file's length is unknown
    int chunksDone = 0;      // transcribed (including reused ones)
    int chunksCut = 0;       // cut so far; the total once allCut
    bool allCut = false;
    int chunksReused = 0; // taken from an earlier run of the same file
    // > 0 while every unfinished chunk waits for a retry: how long until the next one, and why.
    std::chrono::milliseconds waiting{0};
    QString waitReason;
};

// One audio file through the dictation pipeline without a microphone (`utter transcribe`, IPC transcribe.file,
// the HTTP front door): decode block by block → VAD chunker → Ogg Opus (FileChunkReader, on its own thread) →
// transcriber, several chunks in flight, assembled in order on the caller's thread. Reading pauses while
// maxInFlight chunks are uploading and one more is waiting, so memory stays bounded by a few chunks whatever the
// file's length (a two-hour recording never sits in memory).
//
// Outages are ridden out like a dictation's: a chunk that fails for a reason time can fix (network, timeout, 429,
// 5xx) waits its Retry-After or a backoff (chunkRetryDelay) and is sent again, until no chunk has been transcribed
// for `patience`; when the provider answers again, or the network watcher sees the network return, waiting chunks
// go at once. With a FileResultJournal every transcribed chunk is kept as it arrives and chunks an earlier run
// transcribed are reused, so a rerun after a kill or a give-up sends only what is missing. On a failure done()
// gets the error and partial() what was transcribed, with the gaps.
class FileTranscription final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileTranscription)

public:
    using DoneCallback = std::function<void(const Result<FileTranscript>& result)>;

    FileTranscription(Transcriber& transcriber, FileTranscriptionOptions options, QObject* parent = nullptr);
    ~FileTranscription() override;

    // Optional parts, set before start(): the clock for retry waits (default: the system's), the results journal
    // (resume), and a network watcher (waiting chunks go when the network returns).
    void setClock(Clock* clock);
    void setResultJournal(FileResultJournal* journal) { m_journal = journal; }
    void setNetworkWatcher(NetworkWatcher* watcher);

    // Starts; done runs exactly once, after start() has returned (Error{NoSpeech} when the file holds none).
    void start(const QString& path, DoneCallback done);
    void cancel();

    // After a failure: the text of every chunk that was transcribed (runs around the gaps, in order), the gaps,
    // and the other fields as far as they got.
    const FileTranscript& partial() const { return m_result; }
    std::size_t peakBufferedChunks() const { return m_peakBuffered; }

signals:
    void partialText(int sequence, const QString& text); // text committed in order as chunks return
    void progress(double secondsRead, double secondsTotal);
    void statusChanged(const utter::FileProgress& progress);

private:
    struct OpenChunk
    {
        TranscriptionRequest request; // kept until transcribed: a retry sends the same bytes
        std::int64_t startSample = 0;
        std::int64_t endSample = 0;
        double startSeconds = 0;
        double endSeconds = 0;
        double speechRatio = 1.0;
        double speechEvidence = -1.0;
        AudioChunk place; // where it sits in the file, with its shortened pauses (no samples)
        int failures = 0;
        QDateTime retryAt; // valid while it waits for a retry
        quint64 token = 0; // the retry wake-up that counts
    };

    void readMore();
    void onSliceRead(std::int64_t samplesRead, bool endOfFile);
    double secondsRead() const;
    void onChunk(const FileChunk& cut);
    void startUploads();
    void send(int sequence);
    void uploaded(int sequence, const Result<TranscriptionResult>& result, const ProviderError& failure);
    void accept(int sequence, const ChunkTranscript& chunk, const AudioChunk& place);
    void retryWaitingNow();
    void giveUp(const Error& error, bool outOfPatience);
    void emitStatus();
    void finish(const Result<FileTranscript>& result);
    bool bufferFull() const;

    Transcriber& m_transcriber;
    std::unique_ptr<SystemClock> m_ownClock;
    Clock* m_clock;
    FileResultJournal* m_journal = nullptr;
    QPointer<NetworkWatcher> m_network;
    QDateTime m_lastProgress; // start, or the last chunk transcribed: patience counts from here
    QString m_waitReason;
    FileTranscriptionOptions m_options;
    DoneCallback m_done;
    QPointer<FileChunkReader> m_reader; // a child: the file's codec work on its own thread
    HallucinationGuard m_guard;
    TranscriptAssembler m_assembler;
    WordReplacements m_replacements;
    std::map<int, OpenChunk> m_open; // cut and not yet transcribed: queued, in flight or waiting for a retry
    std::deque<int> m_queue;         // ready to send, in order
    std::map<int, QPointer<TranscriptionJob>> m_inFlight;
    QList<HeldBack> m_notUploaded;                           // the voice gate's, in file order
    std::map<int, ChunkTranscript> m_transcribed;            // for the partial text around gaps
    std::map<int, QList<TranscriptSegment>> m_chunkSegments; // absolute times, per chunk
    double m_cutUpTo = 0;                                    // end of the last chunk cut (seconds)
    FileTranscript m_result;
    std::size_t m_peakBuffered = 0;
    std::int64_t m_samplesRead = 0;
    bool m_endOfFile = false;
    bool m_reading = false; // a slice was asked for and has not been read yet
    bool m_finished = false;
};

} // namespace utter
