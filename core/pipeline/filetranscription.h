#pragma once

#include "codec/oggopus.h"
#include "common/result.h"
#include "hallucinationguard.h"
#include "providers/transcriber.h"
#include "transcriptassembler.h"
#include "vad/chunker.h"
#include "vad/vadconfig.h"
#include "wordreplacements.h"

#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>
#include <map>
#include <memory>

namespace utter
{

class AudioReader;

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

    // Everything from the dictation settings (language, in-flight limit, chunking, VAD, Opus, guard, replacements).
    static FileTranscriptionOptions fromConfig(const DictationConfig& config);
};

struct FileTranscript
{
    QString path;
    QString text; // assembled, guarded, with word replacements
    QString language;
    double durationSeconds = 0; // of the file
    double spokenSeconds = 0;   // audio uploaded
    double billedSeconds = 0;
    int chunks = 0;
    QString endpoint; // base URL that served the last chunk
    // Whisper segments with times from the start of the file, in order; segments the hallucination guard's
    // no-speech rule drops are left out.
    QList<TranscriptSegment> segments;
};

// One audio file through the dictation pipeline without a microphone (`utter transcribe`, IPC transcribe.file,
// the HTTP front door): decode block by block → VAD chunker → Ogg Opus → transcriber, several chunks in flight,
// assembled in order. Reading pauses while maxInFlight chunks are uploading and one more is waiting, so memory
// stays bounded by a few chunks whatever the file's length (a two-hour recording never sits in memory).
class FileTranscription final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileTranscription)

public:
    using DoneCallback = std::function<void(const Result<FileTranscript>& result)>;

    FileTranscription(Transcriber& transcriber, FileTranscriptionOptions options, QObject* parent = nullptr);
    ~FileTranscription() override;

    // Starts; done runs exactly once, after start() has returned (Error{NoSpeech} when the file holds none).
    void start(const QString& path, DoneCallback done);
    void cancel();

    std::size_t peakBufferedChunks() const { return m_peakBuffered; }

signals:
    void partialText(int sequence, const QString& text); // text committed in order as chunks return
    void progress(double secondsRead, double secondsTotal);

private:
    void step();
    void onChunk(AudioChunk&& chunk);
    void startUploads();
    void uploaded(int sequence, const Result<TranscriptionResult>& result);
    void finish(const Result<FileTranscript>& result);
    bool bufferFull() const;

    Transcriber& m_transcriber;
    FileTranscriptionOptions m_options;
    DoneCallback m_done;
    std::unique_ptr<AudioReader> m_reader;
    std::unique_ptr<Chunker> m_chunker;
    HallucinationGuard m_guard;
    TranscriptAssembler m_assembler;
    WordReplacements m_replacements;
    std::deque<TranscriptionRequest> m_waiting;
    std::map<int, QPointer<TranscriptionJob>> m_inFlight;
    std::map<int, double> m_speechRatio;
    std::map<int, double> m_chunkStart;                      // seconds from the start of the file
    std::map<int, QList<TranscriptSegment>> m_chunkSegments; // absolute times, per chunk
    std::vector<std::int16_t> m_block;
    FileTranscript m_result;
    std::size_t m_peakBuffered = 0;
    bool m_endOfFile = false;
    bool m_stepping = false;
    bool m_stepQueued = false;
    bool m_finished = false;
};

} // namespace utter
