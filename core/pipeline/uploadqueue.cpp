#include "uploadqueue.h"

#include "journal/journal.h"
#include "journal/networkwatcher.h"
#include "logging/logcontext.h"
#include "logging/logging.h"
#include "providers/transcriber.h"
#include "transcriptdetails.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace utter
{

UploadQueue::UploadQueue(Journal& journal, Transcriber* transcriber, int maxInFlight, QObject* parent)
    : QObject(parent)
    , m_journal(journal)
    , m_transcriber(transcriber)
    , m_maxInFlight(qMax(1, maxInFlight))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &UploadQueue::kick);
}

UploadQueue::~UploadQueue()
{
    abortAll();
}

void UploadQueue::setNetworkWatcher(NetworkWatcher* watcher)
{
    m_network = watcher;
    if (watcher)
        connect(watcher, &NetworkWatcher::networkReturned, this, &UploadQueue::retryWaitingNow);
}

bool UploadQueue::isTransient(const Error& error)
{
    switch (error.code) {
    case ErrorCode::Network:
    case ErrorCode::Timeout:
    case ErrorCode::RateLimited:
    case ErrorCode::ProviderError:
    case ErrorCode::SlotLoading:
    case ErrorCode::Failed:
    case ErrorCode::Io:
        return true;
    default:
        return false;
    }
}

std::chrono::milliseconds UploadQueue::backoffFor(int attempts)
{
    const int doublings = std::clamp(attempts - 1, 0, 6); // 5 s, 10 s, ... 320 s, capped at 5 min
    return std::min<std::chrono::milliseconds>(5s * (1 << doublings), 5min);
}

bool UploadQueue::isUploading(const QString& sessionId, int sequence) const
{
    return m_inFlight.contains(Key(sessionId, sequence));
}

void UploadQueue::kick()
{
    if (m_paused || !m_transcriber)
        return;
    QList<ChunkJob> due = m_journal.dueJobs();
    // The dictation in progress first: its user is waiting for the text; the backlog is not.
    std::stable_partition(due.begin(), due.end(), [this](const ChunkJob& job) { return job.sessionId == m_preferred; });
    for (const ChunkJob& job : std::as_const(due)) {
        if (inFlight() >= m_maxInFlight)
            break;
        if (!isUploading(job.sessionId, job.sequence))
            start(job);
    }
    scheduleRetry();
}

void UploadQueue::start(const ChunkJob& job)
{
    const Key key(job.sessionId, job.sequence);
    LogScope scope(job.sessionId);
    const Result<QByteArray> audio = m_journal.chunkAudio(job.sessionId, job.sequence);
    if (!audio.ok()) {
        qCWarning(lcPipeline).noquote() << "chunk" << job.sequence << "cannot be read:" << audio.error().message;
        (void)m_journal.markDead(job.sessionId, job.sequence,
                                 u"Its audio cannot be read (%1)."_s.arg(audio.error().message));
        emit chunkFailed(job.sessionId, job.sequence, audio.error(), false);
        return;
    }
    (void)m_journal.markUploading(job.sessionId, job.sequence);

    TranscriptionRequest request;
    request.audio = audio.value();
    request.durationS = double(job.durationMs) / 1000.0;
    request.fileName = u"chunk-%1.ogg"_s.arg(job.sequence, 6, 10, QLatin1Char('0'));
    request.sessionId = job.sessionId;
    request.sequence = job.sequence;
    if (const std::optional<SessionMeta> meta = m_journal.session(job.sessionId); meta && !meta->language.isEmpty())
        request.language = meta->language;

    // The job is a child of this queue: destroying the queue cancels it.
    m_inFlight[key] = nullptr;
    QPointer<TranscriptionJob> upload =
        m_transcriber->transcribe(std::move(request), this, [this, key](const Result<TranscriptionResult>& result) {
            if (result.ok())
                finished(key, result.value());
            else
                failed(key, result.error());
        });
    if (m_inFlight.contains(key)) // the callback may already have run
        m_inFlight[key] = upload;
}

void UploadQueue::finished(const Key& key, const TranscriptionResult& result)
{
    LogScope scope(key.first);
    removeInFlight(key);
    const Status stored = m_journal.storeResult(key.first, key.second, chunkResultFrom(result));
    if (!stored.ok()) // kept in memory and written again later by the journal
        qCWarning(lcPipeline).noquote() << "chunk" << key.second << "result not yet durable:" << stored.error().message;
    qCDebug(lcPipeline) << "chunk" << key.second << "transcribed in" << result.latency.count() << "ms";
    emit chunkDone(key.first, key.second);
    kick();
    if (m_inFlight.empty())
        emit drained();
}

void UploadQueue::failed(const Key& key, const Error& error)
{
    LogScope scope(key.first);
    removeInFlight(key);
    if (error.code == ErrorCode::Cancelled) {
        // Still pending on disk (uploading is only kept in memory): it resumes later.
        (void)m_journal.markPending(key.first, key.second);
    } else if (isTransient(error)) {
        const std::optional<ChunkJob> job = m_journal.job(key.first, key.second);
        const auto wait = error.retryAfter.value_or(backoffFor(job ? job->attempts : 1));
        const QDateTime retryAt = QDateTime::currentDateTimeUtc().addMSecs(wait.count());
        qCInfo(lcPipeline).noquote() << "chunk" << key.second << "waits" << wait.count() / 1000.0
                                     << "s before the next attempt:" << error.message;
        (void)m_journal.markFailed(key.first, key.second, retryAt, error.message);
        if (m_network && (error.code == ErrorCode::Network || error.code == ErrorCode::Timeout))
            m_network->reportFailure();
        emit chunkFailed(key.first, key.second, error, true);
    } else {
        qCWarning(lcPipeline).noquote() << "chunk" << key.second << "needs the user:" << error.message;
        (void)m_journal.markDead(key.first, key.second, error.message);
        emit chunkFailed(key.first, key.second, error, false);
    }
    if (error.code != ErrorCode::Cancelled)
        kick();
    if (m_inFlight.empty())
        emit drained();
}

void UploadQueue::removeInFlight(const Key& key)
{
    m_inFlight.erase(key);
}

void UploadQueue::scheduleRetry()
{
    const QDateTime next = m_journal.nextRetryAt();
    if (!next.isValid()) {
        m_retryTimer.stop();
        return;
    }
    const qint64 wait = qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(next)) + 50;
    m_retryTimer.start(int(qMin<qint64>(wait, 24 * 3600 * 1000)));
}

void UploadQueue::retryWaitingNow()
{
    qCInfo(lcPipeline) << "the network is back: retrying waiting chunks now";
    for (const ChunkJob& job : m_journal.pendingJobs()) {
        if (job.state == JobState::Failed)
            (void)m_journal.markPending(job.sessionId, job.sequence);
    }
    kick();
}

void UploadQueue::cancelSession(const QString& sessionId)
{
    QList<QPointer<TranscriptionJob>> cancel;
    for (auto it = m_inFlight.begin(); it != m_inFlight.end();) {
        if (it->first.first == sessionId) {
            cancel.append(it->second);
            it = m_inFlight.erase(it);
        } else {
            ++it;
        }
    }
    for (const QPointer<TranscriptionJob>& job : std::as_const(cancel)) {
        if (job)
            job->cancel();
    }
}

void UploadQueue::abortAll()
{
    const auto inFlight = std::exchange(m_inFlight, {});
    for (const auto& [key, job] : inFlight) {
        if (job)
            job->cancel();
    }
}

} // namespace utter
