#include "filetranscription.h"

#include "codec/audioreader.h"
#include "codec/pcmconverter.h"
#include "dictationconfig.h"
#include "logging/logging.h"

#include <QFileInfo>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{
constexpr std::size_t kReadBlock = kPipelineSampleRate; // one second per read
}

FileTranscriptionOptions FileTranscriptionOptions::fromConfig(const DictationConfig& config)
{
    FileTranscriptionOptions options;
    options.language = config.language;
    options.maxInFlight = config.maxInFlight;
    options.chunker = config.chunker;
    options.vad = config.vad;
    options.opus = config.opus;
    options.guard = config.guardConfig();
    options.replacements = config.replacements;
    return options;
}

FileTranscription::FileTranscription(Transcriber& transcriber, FileTranscriptionOptions options, QObject* parent)
    : QObject(parent)
    , m_transcriber(transcriber)
    , m_options(std::move(options))
    , m_guard(m_options.guard)
    , m_assembler(m_guard)
    , m_replacements(m_options.replacements)
{}

FileTranscription::~FileTranscription()
{
    m_finished = true; // no callback from here on
    cancel();
}

void FileTranscription::start(const QString& path, DoneCallback done)
{
    m_done = std::move(done);
    m_result.path = path;
    QTimer::singleShot(0, this, [this, path] {
        Result<std::unique_ptr<AudioReader>> reader = openAudioFile(path);
        if (!reader.ok()) {
            finish(reader.error());
            return;
        }
        m_reader = std::move(reader).value();
        m_result.durationSeconds = m_reader->durationSeconds().value_or(0);
        m_chunker = std::make_unique<Chunker>(m_options.chunker, createVad(m_options.vad),
                                              [this](AudioChunk&& chunk) { onChunk(std::move(chunk)); });
        step();
    });
}

void FileTranscription::cancel()
{
    const auto inFlight = std::exchange(m_inFlight, {});
    for (const auto& [sequence, job] : inFlight) {
        if (job)
            job->cancel();
    }
    m_waiting.clear();
    if (!m_finished)
        finish(Error(ErrorCode::Cancelled, u"The transcription of %1 was cancelled."_s.arg(m_result.path)));
}

bool FileTranscription::bufferFull() const
{
    return m_waiting.size() + m_inFlight.size() > std::size_t(m_options.maxInFlight);
}

void FileTranscription::step()
{
    m_stepQueued = false;
    if (m_stepping || m_finished || m_endOfFile)
        return;
    // Decoding through QAudioDecoder spins an event loop, where an upload may finish and call step() again.
    m_stepping = true;
    int reads = 0;
    while (!m_finished && !m_endOfFile && !bufferFull() && reads < 30) {
        m_block.clear();
        const Result<std::size_t> read = m_reader->read(m_block, kReadBlock);
        if (!read.ok()) {
            m_stepping = false;
            finish(read.error());
            return;
        }
        ++reads;
        if (read.value() == 0) {
            m_endOfFile = true;
            m_chunker->end();
            if (m_result.durationSeconds <= 0)
                m_result.durationSeconds = double(m_chunker->samplesFed()) / kPipelineSampleRate;
        } else {
            m_chunker->feed(m_block);
        }
    }
    m_stepping = false;
    if (m_finished)
        return;
    emit progress(double(m_chunker->samplesFed()) / kPipelineSampleRate, m_result.durationSeconds);
    startUploads();
    // Keep reading in slices, so uploads and their answers get the event loop in between.
    if (!m_endOfFile && !bufferFull() && !m_stepQueued) {
        m_stepQueued = true;
        QTimer::singleShot(0, this, &FileTranscription::step);
    }
}

void FileTranscription::onChunk(AudioChunk&& chunk)
{
    const Result<QByteArray> encoded = encodeOggOpus(chunk.pcm, m_options.opus);
    if (!encoded.ok()) {
        finish(encoded.error());
        return;
    }
    TranscriptionRequest request;
    request.audio = encoded.value();
    request.durationS = chunk.durationSeconds();
    request.fileName = u"chunk-%1.ogg"_s.arg(chunk.sequence, 6, 10, QLatin1Char('0'));
    request.language = m_options.language;
    request.prompt = m_options.prompt;
    request.sequence = int(chunk.sequence);
    m_speechRatio[request.sequence] = chunk.speechRatio;
    m_chunkStart[request.sequence] = chunk.startSeconds();
    m_result.spokenSeconds += chunk.durationSeconds();
    ++m_result.chunks;
    m_waiting.push_back(std::move(request));
    m_peakBuffered = std::max(m_peakBuffered, m_waiting.size() + m_inFlight.size());
}

void FileTranscription::startUploads()
{
    while (!m_finished && !m_waiting.empty() && m_inFlight.size() < std::size_t(m_options.maxInFlight)) {
        TranscriptionRequest request = std::move(m_waiting.front());
        m_waiting.pop_front();
        const int sequence = request.sequence;
        m_inFlight[sequence] = nullptr;
        QPointer<TranscriptionJob> job = m_transcriber.transcribe(
            std::move(request), this,
            [this, sequence](const Result<TranscriptionResult>& result) { uploaded(sequence, result); });
        if (m_inFlight.contains(sequence))
            m_inFlight[sequence] = job;
    }
    if (m_endOfFile && m_waiting.empty() && m_inFlight.empty() && !m_finished) {
        if (m_result.chunks == 0) {
            finish(
                Error(ErrorCode::NoSpeech, u"No speech was found in %1."_s.arg(QFileInfo(m_result.path).fileName())));
            return;
        }
        m_assembler.setChunkCount(m_result.chunks);
        m_result.text = m_replacements.apply(m_assembler.text());
        for (const auto& [sequence, segments] : m_chunkSegments)
            m_result.segments += segments;
        finish(m_result);
    }
}

void FileTranscription::uploaded(int sequence, const Result<TranscriptionResult>& result)
{
    if (m_finished || !m_inFlight.contains(sequence))
        return;
    m_inFlight.erase(sequence);
    if (!result.ok()) {
        finish(result.error());
        return;
    }
    const TranscriptionResult& value = result.value();
    m_result.billedSeconds += value.billedSeconds;
    if (!value.language.isEmpty())
        m_result.language = value.language;
    m_result.endpoint = value.endpointUrl.toString(QUrl::RemoveUserInfo);
    ChunkTranscript chunk{sequence, value.text, value.segments, m_speechRatio[sequence]};
    m_speechRatio.erase(sequence);
    const double offset = m_chunkStart[sequence];
    m_chunkStart.erase(sequence);
    for (TranscriptSegment segment : value.segments) {
        if (m_guard.isSilentSegment(segment))
            continue;
        segment.start += offset;
        segment.end += offset;
        m_chunkSegments[sequence].append(segment);
    }
    const QString committed = m_assembler.add(chunk);
    if (!committed.isEmpty())
        emit partialText(sequence, committed);
    startUploads();
    if (!m_stepQueued && !m_endOfFile) {
        m_stepQueued = true;
        QTimer::singleShot(0, this, &FileTranscription::step);
    }
}

void FileTranscription::finish(const Result<FileTranscript>& result)
{
    if (m_finished)
        return;
    m_finished = true;
    const auto inFlight = std::exchange(m_inFlight, {});
    for (const auto& [sequence, job] : inFlight) {
        if (job)
            job->cancel();
    }
    m_waiting.clear();
    if (m_done)
        m_done(result);
}

} // namespace utter
