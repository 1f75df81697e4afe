#include "journal.h"

#include "atomicfile.h"
#include "diskwriter.h"
#include "journallayout.h"
#include "logging/logging.h"
#include "paths/locations.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <QHash>
#include <QPointer>

#include <algorithm>
#include <mutex>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

constexpr int kRetryIntervalMs = 5000;

// Every session id newSessionId() handed out in this process, numbered: a background scan leaves alone the folders
// of ids handed out after it began (sessions of this run, which the pipeline's thread may be writing). A std::mutex,
// not a QMutex: ThreadSanitizer sees it.
struct IssuedIds
{
    std::mutex mutex;
    quint64 count = 0;
    QHash<QString, quint64> numbers;
};

IssuedIds& issuedIds()
{
    static IssuedIds ids;
    return ids;
}

quint64 issuedCount()
{
    IssuedIds& ids = issuedIds();
    const std::lock_guard lock(ids.mutex);
    return ids.count;
}

} // namespace

bool Journal::issuedAfter(const QString& id, quint64 count)
{
    IssuedIds& ids = issuedIds();
    const std::lock_guard lock(ids.mutex);
    return ids.numbers.value(id, 0) > count;
}

// What a background scan found, carried to the journal's thread.
struct Journal::Recovered
{
    std::map<QString, SessionEntry> sessions;
    QList<JournalProblem> problems;
    Status status;
    std::optional<Error> writeError; // the disk refused a write-back: the rest is kept in memory and retried
};

void Journal::openInBackground(QObject* context, std::function<void(Status)> done)
{
    m_recovering = true;
    m_recovery = std::make_unique<DiskWriter>(DiskWriter::Mode::Thread, nullptr, u"utter-recovery"_s);
    const quint64 issued = issuedCount();
    // The scan runs open() on a journal of its own, on the recovery thread (its writes inline there); what it
    // recovered is handed over whole.
    m_recovery->post<std::shared_ptr<Recovered>>(
        [dir = m_dir, mode = m_mode, issued] {
            auto out = std::make_shared<Recovered>();
            Journal scan(dir, mode);
            scan.m_leaveIssuedAfter = issued;
            QObject::connect(&scan, &Journal::writeFailed, &scan,
                             [out](const Error& error) { out->writeError = error; });
            out->status = scan.open();
            out->sessions = std::move(scan.m_sessions);
            out->problems = scan.m_problems;
            return out;
        },
        this,
        [this, guard = QPointer<QObject>(context), hasContext = context != nullptr,
         done = std::move(done)](const std::shared_ptr<Recovered>& recovered) {
            takeOverRecovered(*recovered);
            // The thread is idle now; it goes once this call has returned.
            QMetaObject::invokeMethod(
                this, [this] { m_recovery.reset(); }, Qt::QueuedConnection);
            emit this->recovered();
            if (done && (!hasContext || guard))
                done(recovered->status);
        });
}

void Journal::takeOverRecovered(Recovered& recovered)
{
    for (auto& [id, session] : recovered.sessions) {
        if (m_sessions.count(id) != 0) {
            qCWarning(lcJournal).noquote()
                << "session" << id << "was recorded while it was recovered; kept as recorded";
            continue;
        }
        m_sessions.emplace(id, std::move(session));
    }
    m_problems = recovered.problems + m_problems;
    m_recovering = false;
    if (recovered.writeError)
        (void)reportWriteFailure(*recovered.writeError); // what is still dirty is written by flushUnwritten()
}

Journal::Journal(QString directory, Mode mode, QObject* parent)
    : QObject(parent)
    , m_dir(QDir::cleanPath(directory))
    , m_mode(mode)
    , m_writer(std::make_unique<DiskWriter>(DiskWriter::Mode::Inline))
{
    m_retryTimer.setInterval(kRetryIntervalMs);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { (void)flushUnwritten(); });
}

Journal::~Journal() = default; // the writer runs what was asked of it before it goes

void Journal::writeOnThread()
{
    if (!m_writer->threaded())
        m_writer = std::make_unique<DiskWriter>(DiskWriter::Mode::Thread);
}

void Journal::afterWrites(QObject* context, std::function<void()> done)
{
    m_writer->afterWrites(context, std::move(done));
}

QString Journal::newSessionId(const QDateTime& now)
{
    const quint32 random = QRandomGenerator::global()->generate() & 0xffffu;
    const QString id =
        now.toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'"_s) + u'-' + u"%1"_s.arg(random, 4, 16, QLatin1Char('0'));
    IssuedIds& ids = issuedIds();
    const std::lock_guard lock(ids.mutex);
    ids.numbers.insert(id, ++ids.count);
    return id;
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
    markMetaDirty(entry);
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
    ++chunk.version;
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
    markMetaDirty(it->second);
    return persistMeta(it->second);
}

void Journal::adoptSession(const SessionMeta& meta, bool written)
{
    SessionEntry& entry = m_sessions[meta.id];
    entry.meta = meta;
    entry.meta.startedAt = entry.meta.startedAt.toUTC();
    if (!written) {
        markMetaDirty(entry);
        takeOverWrites();
    }
}

Status Journal::updateSession(const SessionMeta& meta)
{
    auto it = m_sessions.find(meta.id);
    if (it == m_sessions.end())
        return notFound(meta.id, -1);
    it->second.meta = meta;
    it->second.meta.startedAt = it->second.meta.startedAt.toUTC();
    markMetaDirty(it->second);
    (void)flushUnwritten();
    return persistMeta(it->second);
}

void Journal::markMetaDirty(SessionEntry& session)
{
    session.metaDirty = true;
    ++session.metaVersion;
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
    ++chunk.version;
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
    return scheduleWrite(session, nullptr);
}

Status Journal::persistChunk(SessionEntry& session, ChunkEntry& chunk)
{
    return scheduleWrite(session, &chunk);
}

Status Journal::scheduleWrite(SessionEntry& session, ChunkEntry* chunk)
{
    if (m_mode == Mode::ReadOnly)
        return reportWriteFailure(
            Error(ErrorCode::Failed, u"The journal was opened read-only; only the running Utter records."_s));
    // What to write, copied: the writer's thread shares nothing with this one.
    const QString id = session.meta.id;
    const int sequence = chunk ? chunk->job.sequence : -1;
    const bool writeMeta = session.metaDirty;
    const QByteArray meta = writeMeta ? session.meta.toJson() : QByteArray();
    const bool writeAudio = chunk && !chunk->audioOnDisk;
    const QByteArray audio = writeAudio ? chunk->pendingAudio : QByteArray();
    const bool writeRecord = chunk && chunk->recordDirty;
    const QByteArray record = writeRecord ? chunk->job.toJson() : QByteArray();
    if (!writeMeta && !writeAudio && !writeRecord) {
        if (chunk)
            chunk->job.durable = true;
        return {};
    }
    const QString dir = m_dir;
    auto work = [=]() -> WriteOutcome {
        WriteOutcome out;
        const QString folder = journallayout::sessionDir(dir, id);
        if (writeMeta) {
            if (!Locations::ensurePrivateDir(dir) || !Locations::ensurePrivateDir(folder)) {
                out.status = Error(ErrorCode::Io, u"Could not create the journal folder %1; check its permissions "
                                                  "and free disk space (the dictation is kept in memory "
                                                  "meanwhile)."_s.arg(QDir::toNativeSeparators(folder)));
                return out;
            }
            if (out.status = atomicfile::syncDirectory(dir); !out.status)
                return out;
            if (out.status = atomicfile::writeFile(folder + u"/session.json"_s, meta); !out.status)
                return out;
            out.meta = true;
        }
        // Audio first: a record never points at audio that is not there (an orphan audio file is recovered).
        if (writeAudio) {
            // The record follows in the same folder and its folder sync covers this rename too.
            if (out.status =
                    atomicfile::writeFile(journallayout::chunkAudioPath(dir, id, sequence), audio, !writeRecord);
                !out.status)
                return out;
            out.audio = true;
        }
        if (writeRecord) {
            if (out.status = atomicfile::writeFile(journallayout::chunkRecordPath(dir, id, sequence), record);
                !out.status)
                return out;
            out.record = true;
        }
        return out;
    };
    auto status = std::make_shared<Status>();
    m_writer->post<WriteOutcome>(std::move(work), this,
                                 [this, id, sequence, metaVersion = session.metaVersion,
                                  recordVersion = chunk ? chunk->version : 0, status](const WriteOutcome& outcome) {
                                     *status = outcome.status;
                                     written(id, sequence, metaVersion, recordVersion, outcome);
                                 });
    return *status; // inline: what the write did; on the writer's thread: accepted (writeFailed tells a refusal)
}

void Journal::written(const QString& sessionId, int sequence, quint64 metaVersion, quint64 recordVersion,
                      const WriteOutcome& outcome)
{
    const auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end())
        return; // discarded meanwhile
    SessionEntry& session = it->second;
    if (outcome.meta && session.metaVersion == metaVersion)
        session.metaDirty = false;
    if (ChunkEntry* chunk = sequence >= 0 ? findChunk(sessionId, sequence) : nullptr) {
        if (outcome.audio) {
            chunk->audioOnDisk = true;
            chunk->pendingAudio.clear();
        }
        if (outcome.record && chunk->version == recordVersion)
            chunk->recordDirty = false;
        chunk->job.durable = chunk->audioOnDisk && !chunk->recordDirty;
    }
    if (!outcome.status.ok()) {
        (void)reportWriteFailure(outcome.status.error());
        return;
    }
    if (m_failing && everythingWritten()) {
        m_failing = false;
        m_retryTimer.stop();
        m_reportedFailure.clear();
        qCInfo(lcJournal) << "every chunk held in memory is now on disk";
        emit writesRecovered();
    }
}

bool Journal::everythingWritten() const
{
    for (const auto& [id, session] : m_sessions) {
        if (session.metaDirty)
            return false;
        for (const auto& [seq, chunk] : session.chunks) {
            if (!chunk.audioOnDisk || chunk.recordDirty)
                return false;
        }
    }
    return true;
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
    // written() says when everything is on disk again (writesRecovered); a refusal stops here and is retried.
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
    if (everythingWritten() && m_failing) {
        // Nothing was dirty (a handover already written, or discarded): the failure is over.
        m_failing = false;
        m_retryTimer.stop();
        m_reportedFailure.clear();
        emit writesRecovered();
    }
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
    ++chunk->version;
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
    if (everythingWritten())
        m_failing = false;
    auto status = std::make_shared<Status>();
    m_writer->post<Status>([path = sessionDir(sessionId)] { return atomicfile::removeTree(path); }, this,
                           [status, sessionId](const Status& removed) {
                               *status = removed;
                               if (!removed.ok()) // the next start finds it delivered and removes it then
                                   qCWarning(lcJournal).noquote() << "session" << sessionId << removed.error().message;
                           });
    return *status;
}

} // namespace utter
