#include "uploadqueue.h"

#include "chunkretry.h"
#include "journal/journal.h"
#include "journal/networkwatcher.h"
#include "logging/logcontext.h"
#include "logging/logging.h"
#include "providers/clock.h"
#include "providers/transcriber.h"
#include "transcriptdetails.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace utter
{

UploadQueue::UploadQueue(Journal& journal, Clock& clock, Transcriber* transcriber, int maxInFlight, QObject* parent)
    : QObject(parent)
    , m_journal(journal)
    , m_clock(clock)
    , m_transcriber(transcriber)
    , m_maxInFlight(qMax(1, maxInFlight))
{}

UploadQueue::~UploadQueue()
{
    abortAll();
}

void UploadQueue::setNetworkWatcher(NetworkWatcher* watcher)
{
    m_network = watcher;
    if (watcher) {
        connect(watcher, &NetworkWatcher::networkReturned, this, [this] {
            if (!m_retryAt.empty())
                qCInfo(lcPipeline) << "the network is back: retrying waiting chunks now";
            retryWaitingNow();
        });
    }
}

bool UploadQueue::isUploading(const QString& sessionId, int sequence) const
{
    return m_inFlight.contains(Key(sessionId, sequence));
}

void UploadQueue::kick()
{
    if (m_paused || !m_transcriber)
        return;
    // Due: pending jobs, and failed ones unless a failure in this process set them a later time. A retryAt stored
    // by an earlier run is not waited for: the provider may well answer now.
    const QDateTime now = m_clock.now();
    QList<ChunkJob> due;
    std::map<Key, QDateTime> waiting; // what still waits (jobs done, dead or discarded meanwhile drop out)
    for (const ChunkJob& job : m_journal.pendingJobs()) {
        if (m_held.contains(job.sessionId))
            continue;
        if (job.state == JobState::Failed) {
            const auto wait = m_retryAt.find(Key(job.sessionId, job.sequence));
            if (wait != m_retryAt.end() && wait->second > now) {
                waiting.insert(*wait);
                continue;
            }
        }
        due.append(job);
    }
    m_retryAt = std::move(waiting);
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

void UploadQueue::release(const QString& sessionId)
{
    if (m_held.remove(sessionId))
        kick();
}

void UploadQueue::storeStreamed(const QString& sessionId, int sequence, const TranscriptionResult& result)
{
    finished(Key(sessionId, sequence), result);
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
        m_journal.afterWrites(
            this, [this, job, error = audio.error()] { emit chunkFailed(job.sessionId, job.sequence, error, false); });
        return;
    }
    (void)m_journal.markUploading(job.sessionId, job.sequence);
    m_retryAt.erase(key);

    TranscriptionRequest request;
    request.audio = audio.value();
    request.durationS = double(job.uploadedMs()) / 1000.0; // what is billed (shortened pauses left out)
    request.fileName = u"chunk-%1.ogg"_s.arg(job.sequence, 6, 10, QLatin1Char('0'));
    request.sessionId = job.sessionId;
    request.sequence = job.sequence;
    if (const std::optional<SessionMeta> meta = m_journal.session(job.sessionId); meta && !meta->language.isEmpty())
        request.language = meta->language;

    // The job is a child of this queue: destroying the queue cancels it.
    m_inFlight[key] = nullptr;
    QPointer<TranscriptionJob> upload = m_transcriber->transcribeDetailed(
        std::move(request), this, [this, key](const Result<TranscriptionResult>& result, const ProviderError& failure) {
            if (result.ok())
                finished(key, result.value());
            else
                failed(key, result.error(), failure.retryable);
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
        qCDebug(lcPipeline).noquote() << "chunk" << key.second << "result not yet durable:" << stored.error().message;
    qCDebug(lcPipeline) << "chunk" << key.second << "transcribed in" << result.latency.count() << "ms";
    // Told once the transcript is durable (with the journal writing on its own thread, a moment later): text that
    // reaches the user always survives a crash.
    m_journal.afterWrites(this, [this, key] { emit chunkDone(key.first, key.second); });
    if (!m_retryAt.empty()) {
        // The provider answers again: what waits for it need not sit out its backoff.
        qCInfo(lcPipeline) << "the provider answered: retrying" << m_retryAt.size() << "waiting chunk(s) now";
        retryWaitingNow();
    } else {
        kick();
    }
    if (m_inFlight.empty())
        emit drained();
}

void UploadQueue::failed(const Key& key, const Error& error, bool retryable)
{
    LogScope scope(key.first);
    removeInFlight(key);
    if (error.code == ErrorCode::Cancelled) {
        // Still pending on disk (uploading is only kept in memory): it resumes later.
        (void)m_journal.markPending(key.first, key.second);
    } else if (retryable) {
        const std::optional<ChunkJob> job = m_journal.job(key.first, key.second);
        const auto wait = chunkRetryDelay(job ? job->attempts : 1, error);
        const QDateTime retryAt = m_clock.now().addMSecs(wait.count());
        m_retryAt[key] = retryAt;
        qCInfo(lcPipeline).noquote() << "chunk" << key.second << "waits" << wait.count() / 1000.0
                                     << "s before the next attempt:" << error.message;
        (void)m_journal.markFailed(key.first, key.second, retryAt, error.message);
        if (m_network && (error.code == ErrorCode::Network || error.code == ErrorCode::Timeout))
            m_network->reportFailure();
        m_journal.afterWrites(this, [this, key, error] { emit chunkFailed(key.first, key.second, error, true); });
    } else {
        qCWarning(lcPipeline).noquote() << "chunk" << key.second << "needs the user:" << error.message;
        (void)m_journal.markDead(key.first, key.second, error.message);
        m_journal.afterWrites(this, [this, key, error] { emit chunkFailed(key.first, key.second, error, false); });
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

QDateTime UploadQueue::nextRetryAt() const
{
    QDateTime earliest;
    for (const auto& [key, at] : m_retryAt) {
        if (!earliest.isValid() || at < earliest)
            earliest = at;
    }
    return earliest;
}

void UploadQueue::scheduleRetry()
{
    const QDateTime next = nextRetryAt();
    if (!next.isValid() || next == m_wakeAt)
        return; // nothing waits, or the wake-up for exactly that time is already set
    m_wakeAt = next;
    const quint64 token = ++m_retryToken;
    const qint64 wait = std::clamp<qint64>(m_clock.now().msecsTo(next), 0, qint64(24) * 3600 * 1000);
    m_clock.callAfter(std::chrono::milliseconds(wait), this, [this, token] {
        if (token != m_retryToken)
            return;
        m_wakeAt = {};
        kick();
    });
}

void UploadQueue::retryWaitingNow()
{
    m_retryAt.clear();
    ++m_retryToken;
    m_wakeAt = {};
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
