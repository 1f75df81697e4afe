#include "journal.h"

#include "atomicfile.h"
#include "journallayout.h"
#include "logging/logging.h"
#include "paths/locations.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

constexpr int kRetryIntervalMs = 5000;

} // namespace

Journal::Journal(QString directory, Mode mode, QObject* parent)
    : QObject(parent)
    , m_dir(QDir::cleanPath(directory))
    , m_mode(mode)
{
    m_retryTimer.setInterval(kRetryIntervalMs);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { (void)flushUnwritten(); });
}

Journal::~Journal() = default;

QString Journal::newSessionId(const QDateTime& now)
{
    const quint32 random = QRandomGenerator::global()->generate() & 0xffffu;
    return now.toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'"_s) + u'-' + u"%1"_s.arg(random, 4, 16, QLatin1Char('0'));
}

bool Journal::isValidSessionId(const QString& id)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$"_s);
    return pattern.match(id).hasMatch() && !id.contains(u".."_s);
}

QString Journal::sessionDir(const QString& sessionId) const
{
    return journallayout::sessionDir(m_dir, sessionId);
}

QString Journal::chunkAudioPath(const QString& sessionId, int sequence) const
{
    return journallayout::chunkAudioPath(m_dir, sessionId, sequence);
}

QString Journal::chunkRecordPath(const QString& sessionId, int sequence) const
{
    return journallayout::chunkRecordPath(m_dir, sessionId, sequence);
}

Error Journal::notFound(const QString& sessionId, int sequence)
{
    if (sequence < 0)
        return Error(ErrorCode::NotFound, u"The journal holds no session \"%1\"."_s.arg(sessionId));
    return Error(ErrorCode::NotFound,
                 u"The journal holds no chunk %1 in session \"%2\"."_s.arg(QString::number(sequence), sessionId));
}

// --- Recording side ---------------------------------------------------------------------------------------

Status Journal::ensureSessionDir(const QString& sessionId)
{
    if (m_mode == Mode::ReadOnly)
        return Error(ErrorCode::Failed, u"The journal was opened read-only; only the running Utter records."_s);
    if (!Locations::ensurePrivateDir(m_dir) || !Locations::ensurePrivateDir(sessionDir(sessionId))) {
        return Error(ErrorCode::Io, u"Could not create the journal folder %1; check its permissions and free disk "
                                    "space (the dictation is kept in memory meanwhile)."_s.arg(
                                        QDir::toNativeSeparators(sessionDir(sessionId))));
    }
    return atomicfile::syncDirectory(m_dir);
}

Status Journal::createSession(const SessionMeta& meta)
{
    if (!isValidSessionId(meta.id))
        return Error(ErrorCode::InvalidArgument, u"\"%1\" is not a valid session id."_s.arg(meta.id));
    if (m_sessions.count(meta.id) != 0)
        return Error(ErrorCode::InvalidArgument, u"The journal already has a session \"%1\"."_s.arg(meta.id));
    SessionEntry& entry = m_sessions[meta.id];
    entry.meta = meta;
    if (!entry.meta.startedAt.isValid())
        entry.meta.startedAt = QDateTime::currentDateTimeUtc();
    entry.meta.startedAt = entry.meta.startedAt.toUTC();
    entry.metaDirty = true;
    (void)flushUnwritten(); // older backlog first, so disk order follows capture order
    return persistMeta(entry);
}

Status Journal::addChunk(const QString& sessionId, int sequence, const QByteArray& oggOpus, qint64 durationMs,
                         double speechRatio)
{
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end())
        return notFound(sessionId, -1);
    SessionEntry& session = it->second;
    if (session.meta.sealed)
        return Error(ErrorCode::InvalidArgument,
                     u"Session \"%1\" has ended; it takes no more chunks."_s.arg(sessionId));
    if (sequence < 0 || session.chunks.count(sequence) != 0)
        return Error(ErrorCode::InvalidArgument,
                     u"Chunk %1 of session \"%2\" already exists."_s.arg(QString::number(sequence), sessionId));
    ChunkEntry& chunk = session.chunks[sequence];
    chunk.job.sessionId = sessionId;
    chunk.job.sequence = sequence;
    chunk.job.state = JobState::Pending;
    chunk.job.durationMs = durationMs;
    chunk.job.speechRatio = std::clamp(speechRatio, 0.0, 1.0);
    chunk.job.updatedAt = QDateTime::currentDateTimeUtc();
    chunk.pendingAudio = oggOpus;
    chunk.audioOnDisk = false;
    chunk.recordDirty = true;
    (void)flushUnwritten();
    const Status persisted = persistChunk(session, chunk);
    emit jobChanged(chunk.job);
    return persisted;
}

Status Journal::sealSession(const QString& sessionId)
{
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end())
        return notFound(sessionId, -1);
    if (it->second.meta.sealed)
        return {};
    it->second.meta.sealed = true;
    it->second.meta.endedAt = QDateTime::currentDateTimeUtc();
    it->second.metaDirty = true;
    return persistMeta(it->second);
}

void Journal::adoptSession(const SessionMeta& meta, bool written)
{
    SessionEntry& entry = m_sessions[meta.id];
    entry.meta = meta;
    entry.meta.startedAt = entry.meta.startedAt.toUTC();
    if (!written) {
        entry.metaDirty = true;
        takeOverWrites();
    }
}

Status Journal::adoptChunk(const ChunkJob& job, const QByteArray& oggOpus, bool written)
{
    auto it = m_sessions.find(job.sessionId);
    if (it == m_sessions.end())
        return notFound(job.sessionId, -1);
    ChunkEntry& chunk = it->second.chunks[job.sequence];
    chunk.job = job;
    chunk.job.durable = written;
    chunk.audioOnDisk = written;
    chunk.recordDirty = !written;
    chunk.pendingAudio = written ? QByteArray() : oggOpus;
    if (!written)
        takeOverWrites();
    emit jobChanged(chunk.job);
    return {};
}

void Journal::takeOverWrites()
{
    // The pipeline's recorder stops writing this session once it hands something over, so from here on this
    // journal is the session's only writer.
    m_failing = true;
    scheduleRetry();
}

// --- Persistence ------------------------------------------------------------------------------------------

Status Journal::persistMeta(SessionEntry& session)
{
    if (!session.metaDirty)
        return {};
    if (Status s = ensureSessionDir(session.meta.id); !s)
        return reportWriteFailure(s.error());
    const QString path = sessionDir(session.meta.id) + u"/session.json"_s;
    if (Status s = atomicfile::writeFile(path, session.meta.toJson()); !s)
        return reportWriteFailure(s.error());
    session.metaDirty = false;
    return {};
}

Status Journal::persistChunk(SessionEntry& session, ChunkEntry& chunk)
{
    if (Status s = persistMeta(session); !s)
        return s;
    const int sequence = chunk.job.sequence;
    // Audio first: a record never points at audio that is not there (an orphan audio file is recovered).
    if (!chunk.audioOnDisk) {
        // The record follows in the same folder and its folder sync covers this rename too.
        const bool syncFolder = !chunk.recordDirty;
        if (Status s = atomicfile::writeFile(chunkAudioPath(session.meta.id, sequence), chunk.pendingAudio, syncFolder);
            !s)
            return reportWriteFailure(s.error());
        chunk.audioOnDisk = true;
        chunk.pendingAudio.clear();
    }
    if (chunk.recordDirty) {
        if (Status s = atomicfile::writeFile(chunkRecordPath(session.meta.id, sequence), chunk.job.toJson()); !s)
            return reportWriteFailure(s.error());
        chunk.recordDirty = false;
    }
    chunk.job.durable = true;
    return {};
}

Status Journal::reportWriteFailure(const Error& error)
{
    m_failing = true;
    for (auto& [id, session] : m_sessions) {
        for (auto& [seq, chunk] : session.chunks)
            chunk.job.durable = chunk.audioOnDisk && !chunk.recordDirty;
    }
    scheduleRetry();
    // Said once per cause (the disk is full, read-only, ...), and again only when the cause changes: retries every
    // few seconds and every later write meet the same refusal, which is no news to anyone.
    static const QRegularExpression causePattern(u"\\(([^()]*)\\)[^()]*$"_s);
    const QRegularExpressionMatch cause = causePattern.match(error.message);
    const QString kind = cause.hasMatch() ? cause.captured(1) : error.message;
    if (kind == m_reportedFailure) {
        qCDebug(lcJournal).noquote() << error.message;
        return error;
    }
    m_reportedFailure = kind;
    qCWarning(lcJournal).noquote() << error.message;
    emit writeFailed(error);
    return error;
}

void Journal::scheduleRetry()
{
    if (m_mode == Mode::ReadWrite && !m_retryTimer.isActive())
        m_retryTimer.start();
}

int Journal::unwrittenCount() const
{
    int count = 0;
    for (const auto& [id, session] : m_sessions) {
        for (const auto& [seq, chunk] : session.chunks) {
            if (!chunk.audioOnDisk || chunk.recordDirty)
                ++count;
        }
        if (session.metaDirty && session.chunks.empty())
            ++count;
    }
    return count;
}

Status Journal::flushUnwritten()
{
    if (!m_failing || m_mode == Mode::ReadOnly)
        return {};
    m_failing = false; // persist*() sets it again on the first refusal
    for (auto& [id, session] : m_sessions) {
        if (Status s = persistMeta(session); !s)
            return s;
        for (auto& [seq, chunk] : session.chunks) {
            if (chunk.audioOnDisk && !chunk.recordDirty)
                continue;
            if (Status s = persistChunk(session, chunk); !s)
                return s;
        }
    }
    m_retryTimer.stop();
    m_reportedFailure.clear();
    qCInfo(lcJournal) << "every chunk held in memory is now on disk";
    emit writesRecovered();
    return {};
}

// --- Upload side ------------------------------------------------------------------------------------------

Journal::ChunkEntry* Journal::findChunk(const QString& sessionId, int sequence)
{
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end())
        return nullptr;
    auto chunk = it->second.chunks.find(sequence);
    return chunk == it->second.chunks.end() ? nullptr : &chunk->second;
}

const Journal::ChunkEntry* Journal::findChunk(const QString& sessionId, int sequence) const
{
    return const_cast<Journal*>(this)->findChunk(sessionId, sequence);
}

Status Journal::changeState(const QString& sessionId, int sequence, const std::function<void(ChunkJob&)>& edit,
                            bool persist)
{
    ChunkEntry* chunk = findChunk(sessionId, sequence);
    if (!chunk)
        return notFound(sessionId, sequence);
    edit(chunk->job);
    chunk->job.updatedAt = QDateTime::currentDateTimeUtc();
    if (!persist) {
        emit jobChanged(chunk->job);
        return {};
    }
    chunk->recordDirty = true;
    (void)flushUnwritten();
    Status persisted = m_mode == Mode::ReadOnly ? Status() : persistChunk(m_sessions[sessionId], *chunk);
    emit jobChanged(chunk->job);
    return persisted;
}

Status Journal::markUploading(const QString& sessionId, int sequence)
{
    // In memory only: after a crash an upload in flight counts as pending anyway, so writing "uploading" would
    // buy nothing and put two fsyncs in front of every request. The attempt is saved with the outcome.
    return changeState(
        sessionId, sequence,
        [](ChunkJob& job) {
            job.state = JobState::Uploading;
            ++job.attempts;
            job.retryAt = {};
            job.reason.clear();
        },
        false);
}

Status Journal::markFailed(const QString& sessionId, int sequence, const QDateTime& retryAt, const QString& reason)
{
    return changeState(sessionId, sequence, [&](ChunkJob& job) {
        job.state = JobState::Failed;
        job.retryAt = retryAt.toUTC();
        job.reason = reason;
    });
}

Status Journal::markDead(const QString& sessionId, int sequence, const QString& reason)
{
    return changeState(sessionId, sequence, [&](ChunkJob& job) {
        job.state = JobState::Dead;
        job.retryAt = {};
        job.reason = reason;
    });
}

Status Journal::markPending(const QString& sessionId, int sequence)
{
    return changeState(sessionId, sequence, [](ChunkJob& job) {
        job.state = JobState::Pending;
        job.retryAt = {};
        job.reason.clear();
    });
}

Status Journal::storeResult(const QString& sessionId, int sequence, const ChunkResult& result)
{
    return changeState(sessionId, sequence, [&](ChunkJob& job) {
        job.state = JobState::Done;
        job.retryAt = {};
        job.reason.clear();
        job.result = result;
    });
}

Status Journal::retryDead(const QString& sessionId)
{
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end())
        return notFound(sessionId, -1);
    QList<int> dead;
    for (const auto& [seq, chunk] : it->second.chunks) {
        if (chunk.job.state == JobState::Dead)
            dead << seq;
    }
    Status result;
    for (const int seq : std::as_const(dead)) {
        if (Status s = markPending(sessionId, seq); !s && result.ok())
            result = s;
    }
    return result;
}

Status Journal::discardSession(const QString& sessionId)
{
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end())
        return notFound(sessionId, -1);
    if (m_mode == Mode::ReadOnly)
        return Error(ErrorCode::Failed, u"The journal was opened read-only; only the running Utter discards."_s);
    m_sessions.erase(it);
    if (unwrittenCount() == 0)
        m_failing = false;
    return atomicfile::removeTree(sessionDir(sessionId));
}

} // namespace utter
