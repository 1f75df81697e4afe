#include "filetranscription.h"

#include "heldbacknotes.h"

#include "chunkretry.h"
#include "codec/pcmconverter.h"
#include "dictationconfig.h"
#include "fileresultjournal.h"
#include "journal/networkwatcher.h"
#include "logging/logging.h"
#include "providers/clock.h"

#include <QFileInfo>
#include <QTimer>
#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

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
    , m_ownClock(std::make_unique<SystemClock>())
    , m_clock(m_ownClock.get())
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

void FileTranscription::setClock(Clock* clock)
{
    m_clock = clock ? clock : m_ownClock.get();
}

void FileTranscription::setNetworkWatcher(NetworkWatcher* watcher)
{
    m_network = watcher;
    if (watcher) {
        connect(watcher, &NetworkWatcher::networkReturned, this, [this] {
            qCInfo(lcPipeline) << "the network is back: sending waiting chunks now";
            retryWaitingNow();
        });
    }
}

void FileTranscription::start(const QString& path, DoneCallback done)
{
    m_done = std::move(done);
    m_result.path = path;
    m_lastProgress = m_clock->now();
    m_reader = new FileChunkReader(m_options.chunker, m_options.vad, m_options.opus, this);
    connect(m_reader, &FileChunkReader::opened, this, [this](double durationSeconds) {
        m_result.durationSeconds = durationSeconds;
        readMore();
    });
    connect(m_reader, &FileChunkReader::chunkCut, this, &FileTranscription::onChunk);
    connect(m_reader, &FileChunkReader::sliceRead, this, &FileTranscription::onSliceRead);
    connect(m_reader, &FileChunkReader::chunkRejected, this, [this](const AudioChunk& place) {
        m_notUploaded.append(HeldBackNotes::notUploaded(place));
        m_result.heldBack = HeldBackNotes::merged(m_notUploaded, m_assembler.heldBack());
    });
    connect(m_reader, &FileChunkReader::failed, this, [this](const Error& error) { finish(error); });
    m_reader->open(path, m_journal ? m_journal->cuts() : std::set<FileChunkCut>{});
}
void FileTranscription::cancel()
{
    const auto inFlight = std::exchange(m_inFlight, {});
    for (const auto& [sequence, job] : inFlight) {
        if (job)
            job->cancel();
    }
    m_queue.clear();
    if (!m_finished)
        finish(Error(ErrorCode::Cancelled, u"The transcription of %1 was cancelled."_s.arg(m_result.path)));
}

bool FileTranscription::bufferFull() const
{
    return m_open.size() > std::size_t(m_options.maxInFlight);
}

void FileTranscription::readMore()
{
    if (m_reading || m_finished || m_endOfFile || bufferFull())
        return;
    m_reading = true;
    m_reader->readSlice(m_options.maxInFlight + 1 - int(m_open.size()));
}

void FileTranscription::onSliceRead(std::int64_t samplesRead, bool endOfFile)
{
    m_reading = false;
    if (m_finished)
        return;
    m_samplesRead = samplesRead;
    if (endOfFile) {
        m_endOfFile = true;
        if (m_result.durationSeconds <= 0)
            m_result.durationSeconds = secondsRead();
    }
    emit progress(secondsRead(), m_result.durationSeconds);
    startUploads();
    if (m_finished)
        return;
    emitStatus();
    readMore();
}

double FileTranscription::secondsRead() const
{
    return double(m_samplesRead) / kPipelineSampleRate;
}

void FileTranscription::onChunk(const FileChunk& cut)
{
    if (m_finished)
        return;
    AudioChunk chunk = cut.place;
    const int sequence = int(chunk.sequence);
    ++m_result.chunks;
    m_result.spokenSeconds += chunk.durationSeconds();
    m_cutUpTo = std::max(m_cutUpTo, chunk.endSeconds());
    if (m_journal) {
        if (const std::optional<StoredFileChunk> stored =
                m_journal->find(sequence, chunk.startSample, chunk.endSample)) {
            // Transcribed by an earlier run of this file: not sent (nor billed) again.
            ++m_result.chunksReused;
            if (!stored->language.isEmpty())
                m_result.language = stored->language;
            accept(sequence, stored->transcript, chunk);
            return;
        }
    }
    OpenChunk open;
    open.request.audio = cut.oggOpus;
    open.request.durationS = chunk.uploadedSeconds(); // billed: the shortened pauses are not sent
    open.request.fileName = u"chunk-%1.ogg"_s.arg(chunk.sequence, 6, 10, QLatin1Char('0'));
    open.request.language = m_options.language;
    open.request.prompt = m_options.prompt;
    open.request.sequence = sequence;
    open.startSample = chunk.startSample;
    open.endSample = chunk.endSample;
    open.startSeconds = chunk.startSeconds();
    open.endSeconds = chunk.endSeconds();
    open.speechRatio = chunk.speechRatio;
    open.speechEvidence = chunk.speechEvidence;
    open.place = std::move(chunk);
    m_open.emplace(sequence, std::move(open));
    m_queue.push_back(sequence);
    m_peakBuffered = std::max(m_peakBuffered, m_open.size());
}

void FileTranscription::startUploads()
{
    while (!m_finished && !m_queue.empty() && m_inFlight.size() < std::size_t(m_options.maxInFlight)) {
        const int sequence = m_queue.front();
        m_queue.pop_front();
        send(sequence);
    }
    if (m_endOfFile && m_open.empty() && m_inFlight.empty() && !m_finished) {
        if (m_result.chunks == 0) {
            const QString name = QFileInfo(m_result.path).fileName();
            finish(Error(ErrorCode::NoSpeech, m_notUploaded.isEmpty()
                                                  ? u"No speech was found in %1."_s.arg(name)
                                                  : u"No speech was found in %1: %2"_s.arg(
                                                        name, describeHeldBack(m_notUploaded).join(u"; "_s))));
            return;
        }
        m_assembler.setChunkCount(m_result.chunks);
        m_result.text = m_replacements.apply(m_assembler.text());
        for (const auto& [sequence, segments] : m_chunkSegments)
            m_result.segments += segments;
        if (m_journal)
            (void)m_journal->discard(); // complete: nothing left to resume
        finish(m_result);
    }
}

void FileTranscription::send(int sequence)
{
    const auto it = m_open.find(sequence);
    if (it == m_open.end())
        return;
    it->second.retryAt = {};
    m_inFlight[sequence] = nullptr;
    QPointer<TranscriptionJob> job = m_transcriber.transcribeDetailed(
        it->second.request, this,
        [this, sequence](const Result<TranscriptionResult>& result, const ProviderError& failure) {
            uploaded(sequence, result, failure);
        });
    if (m_inFlight.contains(sequence))
        m_inFlight[sequence] = job;
}

void FileTranscription::uploaded(int sequence, const Result<TranscriptionResult>& result, const ProviderError& failure)
{
    if (m_finished || !m_inFlight.contains(sequence))
        return;
    m_inFlight.erase(sequence);
    const auto open = m_open.find(sequence);
    if (open == m_open.end())
        return;
    if (!result.ok()) {
        const Error& error = result.error();
        if (error.code == ErrorCode::Cancelled)
            return;
        if (!failure.retryable) {
            giveUp(error, false); // a key, credit or audio problem: waiting does not help
            return;
        }
        OpenChunk& chunk = open->second;
        ++chunk.failures;
        const QDateTime now = m_clock->now();
        const QDateTime deadline = m_lastProgress.addMSecs(m_options.patience.count());
        if (now >= deadline) {
            const qint64 seconds = std::chrono::round<std::chrono::seconds>(m_options.patience).count();
            const QString patience =
                seconds >= 60 && seconds % 60 == 0 ? u"%1 min"_s.arg(seconds / 60) : u"%1 s"_s.arg(seconds);
            giveUp(Error(error.code, u"%1 Utter kept trying for %2 without getting a chunk through."_s.arg(
                                         error.message, patience)),
                   true);
            return;
        }
        const std::chrono::milliseconds wait =
            std::min(chunkRetryDelay(chunk.failures, error), std::chrono::milliseconds(now.msecsTo(deadline)));
        chunk.retryAt = now.addMSecs(wait.count());
        const quint64 token = ++chunk.token;
        m_waitReason = error.message;
        qCInfo(lcPipeline).noquote() << u"chunk #%1 waits %2 s before its next upload: %3"_s.arg(
            QString::number(sequence), QString::number(wait.count() / 1000.0, 'f', 1), error.message);
        if (m_network && (error.code == ErrorCode::Network || error.code == ErrorCode::Timeout))
            m_network->reportFailure();
        m_clock->callAfter(wait, this, [this, sequence, token] {
            const auto it = m_open.find(sequence);
            if (m_finished || it == m_open.end() || it->second.token != token || !it->second.retryAt.isValid())
                return;
            it->second.retryAt = {};
            m_queue.push_front(sequence);
            startUploads();
            emitStatus();
        });
        startUploads();
        emitStatus();
        return;
    }
    const TranscriptionResult& value = result.value();
    m_lastProgress = m_clock->now();
    m_result.billedSeconds += value.billedSeconds;
    if (!value.language.isEmpty())
        m_result.language = value.language;
    m_result.endpoint = value.endpointUrl.toString(QUrl::RemoveUserInfo);
    ChunkTranscript chunk{sequence, value.text, value.segments, open->second.speechRatio};
    chunk.speechEvidence = open->second.speechEvidence;
    chunk.startS = open->second.startSeconds;
    chunk.endS = open->second.endSeconds;
    if (m_journal) {
        StoredFileChunk stored;
        stored.sequence = sequence;
        stored.startSample = open->second.startSample;
        stored.endSample = open->second.endSample;
        stored.billedSeconds = value.billedSeconds;
        stored.language = value.language;
        stored.transcript = chunk;
        if (const Status kept = m_journal->store(stored); !kept.ok())
            qCWarning(lcPipeline).noquote()
                << "the result of chunk" << sequence << "could not be kept for a rerun:" << kept.error().message;
    }
    const AudioChunk place = std::move(open->second.place);
    m_open.erase(open);
    accept(sequence, chunk, place);
    // The provider answers again: chunks that wait for it need not sit out their backoff.
    retryWaitingNow();
    startUploads();
    if (m_finished)
        return;
    emitStatus();
    readMore();
}

void FileTranscription::accept(int sequence, const ChunkTranscript& chunk, const AudioChunk& place)
{
    m_transcribed[sequence] = chunk;
    // The segments the guard keeps, so that the JSON's segments and its text agree (what it drops is in heldBack).
    const GuardVerdict verdict = m_guard.judge(chunk);
    QList<HeldBack> dropped = verdict.dropped;
    for (TranscriptSegment segment : chunk.segments) {
        if (verdict.text.isEmpty())
            break;
        const auto same = std::find_if(dropped.begin(), dropped.end(), [&segment](const HeldBack& item) {
            return item.text == segment.text.trimmed();
        });
        if (same != dropped.end()) {
            dropped.erase(same);
            continue;
        }
        // Times in the uploaded audio → times in the file (the shortened pauses put back).
        segment.start = place.streamSeconds(segment.start);
        segment.end = place.streamSeconds(segment.end);
        m_chunkSegments[sequence].append(segment);
    }
    const qsizetype heldBefore = m_assembler.heldBack().size();
    const QString committed = m_assembler.add(chunk);
    if (m_assembler.heldBack().size() != heldBefore) {
        HeldBackNotes::logNotTyped(m_assembler.heldBack().mid(heldBefore));
        m_result.heldBack = HeldBackNotes::merged(m_notUploaded, m_assembler.heldBack());
    }
    if (!committed.isEmpty())
        emit partialText(sequence, committed);
}

void FileTranscription::retryWaitingNow()
{
    bool any = false;
    for (auto& [sequence, chunk] : m_open) {
        if (!chunk.retryAt.isValid())
            continue;
        chunk.retryAt = {};
        ++chunk.token;
        m_queue.push_front(sequence);
        any = true;
    }
    if (!any)
        return;
    std::sort(m_queue.begin(), m_queue.end());
    startUploads();
    emitStatus();
}

void FileTranscription::giveUp(const Error& error, bool outOfPatience)
{
    m_result.outOfPatience = outOfPatience;
    // What has a transcript is kept and shown; the rest is listed as gaps with their times.
    // Consecutive chunks without a transcript make one gap (the pause between them included).
    QList<FileGap> gaps;
    int previous = -2;
    for (const auto& [sequence, chunk] : m_open) {
        if (sequence == previous + 1 && !gaps.isEmpty()) {
            gaps.last().endSeconds = chunk.endSeconds;
            ++gaps.last().chunks;
        } else {
            gaps.append(FileGap{chunk.startSeconds, chunk.endSeconds, 1, false});
        }
        previous = sequence;
    }
    if (!m_endOfFile) {
        const double end = std::max({m_result.durationSeconds, secondsRead(), m_cutUpTo});
        if (!gaps.isEmpty() && previous == m_result.chunks - 1) {
            gaps.last().endSeconds = end; // the last chunk cut failed too: one gap to the end
            gaps.last().toEnd = true;
        } else {
            gaps.append(FileGap{m_cutUpTo, end, 0, true});
        }
    }
    m_result.gaps = gaps;
    // The text of each run of consecutive transcribed chunks, assembled and cleaned like a whole file's.
    QStringList runs;
    std::optional<TranscriptAssembler> run;
    int next = -1;
    for (const auto& [sequence, chunk] : m_transcribed) {
        if (!run || sequence != next) {
            if (run && !run->text().isEmpty())
                runs << m_replacements.apply(run->text());
            run.emplace(m_guard, sequence);
        }
        run->add(chunk);
        next = sequence + 1;
    }
    if (run && !run->text().isEmpty())
        runs << m_replacements.apply(run->text());
    m_result.text = runs.join(u'\n');
    for (const auto& [sequence, segments] : m_chunkSegments)
        m_result.segments += segments;
    qCWarning(lcPipeline).noquote() << u"giving up on %1 with %2 of %3 chunk(s) transcribed: %4"_s.arg(
        m_result.path, QString::number(m_transcribed.size()), QString::number(m_result.chunks), error.message);
    finish(error);
}

void FileTranscription::emitStatus()
{
    FileProgress p;
    p.secondsRead = secondsRead();
    p.secondsTotal = m_result.durationSeconds;
    p.chunksDone = int(m_transcribed.size());
    p.chunksCut = m_result.chunks;
    p.allCut = m_endOfFile;
    p.chunksReused = m_result.chunksReused;
    // Waiting: nothing is being sent and every unfinished chunk waits for its retry time.
    if (m_inFlight.empty() && !m_open.empty()) {
        QDateTime earliest;
        for (const auto& [sequence, chunk] : m_open) {
            if (!chunk.retryAt.isValid()) {
                earliest = {};
                break;
            }
            if (!earliest.isValid() || chunk.retryAt < earliest)
                earliest = chunk.retryAt;
        }
        if (earliest.isValid()) {
            p.waiting = std::chrono::milliseconds(std::max<qint64>(1, m_clock->now().msecsTo(earliest)));
            p.waitReason = m_waitReason;
        }
    }
    emit statusChanged(p);
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
    m_queue.clear();
    // The file thread stops once the signal being handled has returned (never inside its own emission).
    if (m_reader)
        m_reader->deleteLater();
    if (m_done)
        m_done(result);
}

} // namespace utter
