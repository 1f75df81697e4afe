// Journal: loading from disk (crash recovery) and the read-only queries.
#include "atomicfile.h"
#include "codec/oggopus.h"
#include "journal.h"
#include "journallayout.h"
#include "logging/logging.h"
#include "paths/locations.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

QByteArray readWhole(const QString& path, bool* ok)
{
    QFile file(path);
    *ok = file.open(QIODevice::ReadOnly);
    return *ok ? file.readAll() : QByteArray();
}

} // namespace

Status Journal::open()
{
    m_sessions.clear();
    m_problems.clear();
    if (!QFileInfo::exists(m_dir)) {
        if (m_mode == Mode::ReadOnly)
            return {}; // nothing journaled yet
        if (!Locations::ensurePrivateDir(m_dir))
            return Error(ErrorCode::Io, u"Could not create the journal folder %1; check its permissions and free "
                                        "disk space."_s.arg(QDir::toNativeSeparators(m_dir)));
    }
    const QFileInfo info(m_dir);
    if (!info.isDir() || !info.isReadable())
        return Error(ErrorCode::Io, u"The journal folder %1 cannot be read; check its permissions."_s.arg(
                                        QDir::toNativeSeparators(m_dir)));
    const QStringList entries = QDir(m_dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& name : entries) {
        if (!isValidSessionId(name)) {
            m_problems.append({m_dir + u'/' + name, u"Ignored a folder that is not a dictation session."_s});
            continue;
        }
        if (m_leaveIssuedAfter && issuedAfter(name, *m_leaveIssuedAfter))
            continue; // a session of this run, begun while this scan ran
        loadSession(m_dir + u'/' + name);
    }
    for (const JournalProblem& problem : std::as_const(m_problems))
        qCWarning(lcJournal).noquote() << problem.message << QDir::toNativeSeparators(problem.path);
    if (m_mode == Mode::ReadWrite && !info.isWritable())
        return Error(ErrorCode::Io, u"The journal folder %1 is not writable; dictations cannot be made safe until "
                                    "its permissions are fixed."_s.arg(QDir::toNativeSeparators(m_dir)));
    return {};
}

void Journal::quarantine(const QString& sessionPath, const QString& file, const QString& reason)
{
    const QString source = sessionPath + u'/' + file;
    QString message = reason;
    if (m_mode == Mode::ReadWrite) {
        const QString folder = sessionPath + u"/quarantine"_s;
        const QString target = folder + u'/' + file + u'.' +
                               QDateTime::currentDateTimeUtc().toString(u"yyyyMMddTHHmmsszzz"_s) + u".corrupt"_s;
        if (QDir().mkpath(folder) && atomicfile::moveFile(source, target).ok())
            message += u" It was moved to %1; the audio is kept."_s.arg(QDir::toNativeSeparators(target));
        else
            message += u" It could not be moved aside; the audio is kept."_s;
    }
    m_problems.append({source, message});
}

void Journal::loadSession(const QString& path)
{
    const QString id = QFileInfo(path).fileName();
    const bool writable = m_mode == Mode::ReadWrite;
    QDir dir(path);
    // A temp file is a write that never committed: the committed file beside it (if any) is the truth.
    if (writable) {
        const QStringList temps = dir.entryList({u"*"_s + atomicfile::tempSuffix}, QDir::Files);
        for (const QString& temp : temps)
            dir.remove(temp);
    }

    SessionEntry session;
    bool ok = false;
    const QString metaPath = path + u"/session.json"_s;
    const QByteArray metaJson = readWhole(metaPath, &ok);
    Result<SessionMeta> meta =
        ok ? SessionMeta::fromJson(metaJson) : Result<SessionMeta>(Error(ErrorCode::Corrupt, u"It is missing."_s));
    if (meta && meta.value().id == id) {
        session.meta = meta.value();
    } else {
        if (ok)
            quarantine(path, u"session.json"_s,
                       u"The session record was unreadable (%1)"_s.arg(meta ? u"wrong id"_s : meta.error().message));
        else
            m_problems.append({metaPath, u"The session record was missing; it was rebuilt."_s});
        session.meta.id = id;
        const QDateTime born = QFileInfo(path).birthTime();
        session.meta.startedAt = (born.isValid() ? born : QFileInfo(path).lastModified()).toUTC();
        session.meta.sealed = true;
        session.meta.interrupted = true;
        session.metaDirty = true;
    }
    if (!session.meta.sealed) {
        // The process died while capturing: keep what was captured and let it complete.
        session.meta.sealed = true;
        session.meta.interrupted = true;
        session.meta.endedAt = QDateTime::currentDateTimeUtc();
        session.metaDirty = true;
    }

    static const QRegularExpression chunkName(u"^chunk-(\\d{1,9})\\.(opus|json)$"_s);
    const QStringList files = dir.entryList(QDir::Files, QDir::Name);
    QList<int> sequences;
    for (const QString& file : files) {
        const QRegularExpressionMatch match = chunkName.match(file);
        if (match.hasMatch() && !sequences.contains(match.captured(1).toInt()))
            sequences << match.captured(1).toInt();
    }
    for (const int sequence : std::as_const(sequences)) {
        ChunkEntry chunk;
        const QString recordPath = chunkRecordPath(id, sequence);
        const bool hasAudio = QFileInfo::exists(chunkAudioPath(id, sequence));
        const QByteArray json = readWhole(recordPath, &ok);
        Result<ChunkJob> job =
            ok ? ChunkJob::fromJson(json) : Result<ChunkJob>(Error(ErrorCode::NotFound, u"no record"_s));
        if (job && (job.value().sessionId != id || job.value().sequence != sequence))
            job = Error(ErrorCode::Corrupt, u"The job record belongs to another chunk."_s);
        if (job) {
            chunk.job = job.value();
            if (chunk.job.state == JobState::Uploading) {
                chunk.job.state = JobState::Pending; // the upload was cut off; its answer never arrived
                chunk.recordDirty = true;
            }
        } else {
            if (ok)
                quarantine(path, QFileInfo(recordPath).fileName(),
                           u"A job record was corrupt (%1)"_s.arg(job.error().message));
            else
                m_problems.append({recordPath, u"A chunk had audio but no job record; it was queued again."_s});
            chunk.job.sessionId = id;
            chunk.job.sequence = sequence;
            chunk.job.state = JobState::Pending;
            chunk.recordDirty = true;
        }
        if (!hasAudio && chunk.job.state != JobState::Done && chunk.job.state != JobState::Dead) {
            chunk.job.state = JobState::Dead;
            chunk.job.reason = u"The chunk's audio file is missing, so it cannot be transcribed; discard this "
                               "dictation or restore the file."_s;
            chunk.recordDirty = true;
            m_problems.append({chunkAudioPath(id, sequence), chunk.job.reason});
        }
        chunk.job.updatedAt = chunk.job.updatedAt.isValid() ? chunk.job.updatedAt : QDateTime::currentDateTimeUtc();
        session.chunks.emplace(sequence, std::move(chunk));
    }

    if (writable)
        recoverOpenChunks(session, path);
    // The sounds the voice gate held back: their notes reach the session record only when capture ends, so a kill
    // before that leaves the audio alone. Each is found here, off the main thread, for the finisher to tell history
    // about (docs/storage.md, "What Utter holds back").
    for (const QString& file : files) {
        const std::optional<qint64> offsetMs = journallayout::heldBackAudioOffsetMs(file);
        if (!offsetMs)
            continue;
        HeldBackAudio found{*offsetMs, -1};
        Result<std::unique_ptr<OggOpusReader>> reader = OggOpusReader::openFile(dir.filePath(file));
        const std::optional<double> seconds = reader ? reader.value()->durationSeconds() : std::nullopt;
        if (seconds)
            found.durationMs = std::llround(*seconds * 1000.0);
        else
            m_problems.append({dir.filePath(file), u"The audio of a sound held back for having no voice could not be "
                                                   "read (%1); history notes it without its end."_s.arg(
                                                       reader ? u"no duration"_s : reader.error().message)});
        session.heldBackAudio << found;
    }
    if (session.meta.interrupted && session.meta.audioMs <= 0) {
        // A dictation's duration counts its audio, not the time until this start: up to the end of its last chunk
        // or held-back sound.
        for (const auto& [seq, chunk] : session.chunks) {
            if (chunk.job.offsetMs >= 0)
                session.meta.audioMs = std::max(session.meta.audioMs, chunk.job.offsetMs + chunk.job.durationMs);
        }
        for (const HeldBackAudio& heldBack : std::as_const(session.heldBackAudio))
            session.meta.audioMs =
                std::max(session.meta.audioMs, heldBack.offsetMs + std::max<qint64>(0, heldBack.durationMs));
        session.metaDirty = true;
    }

    auto [it, inserted] = m_sessions.emplace(id, std::move(session));
    if (!writable)
        return;
    // Write back what recovery changed, now that the session is in place.
    SessionEntry& entry = it->second;
    Status saved = persistMeta(entry);
    for (auto& [seq, chunk] : entry.chunks) {
        if (saved.ok() && (chunk.recordDirty || !chunk.audioOnDisk))
            saved = persistChunk(entry, chunk);
    }
    // An open chunk's file goes once the chunk made from it is on disk (a crash before that recovers it again).
    for (const QString& file : dir.entryList({u"*.partial"_s}, QDir::Files)) {
        const std::optional<journallayout::OpenChunkName> name = journallayout::parseOpenChunkName(file);
        const auto chunk = name ? entry.chunks.find(name->sequence) : entry.chunks.end();
        if (chunk != entry.chunks.end() && chunk->second.audioOnDisk && !chunk->second.recordDirty)
            dir.remove(file);
    }
    Q_UNUSED(inserted);
}

void Journal::recoverOpenChunks(SessionEntry& session, const QString& path)
{
    // The chunk being spoken when the process died: its audio was appended and synced at least once a second.
    // Unless a closed chunk of the same sequence made it to disk, it becomes a chunk of its own, to be transcribed
    // and delivered with the rest (docs/storage.md, "Resume").
    QDir dir(path);
    for (const QString& file : dir.entryList({u"*.partial"_s}, QDir::Files, QDir::Name)) {
        const std::optional<journallayout::OpenChunkName> name = journallayout::parseOpenChunkName(file);
        if (!name || session.chunks.count(name->sequence) != 0)
            continue; // removed below, once the session's chunks are written back
        bool ok = false;
        const QByteArray bytes = readWhole(dir.filePath(file), &ok);
        Result<ClosedOggOpus> closed =
            ok ? closeTruncatedOggOpus(bytes) : Result<ClosedOggOpus>(Error(ErrorCode::Io, u"unreadable"_s));
        if (!closed) {
            // A crash before the first sync: nothing of it was durable (and nothing can be played).
            m_problems.append(
                {dir.filePath(file), u"The audio of the chunk being spoken when Utter stopped was "
                                     "empty or unreadable (%1); it was removed."_s.arg(closed.error().message)});
            dir.remove(file);
            continue;
        }
        ChunkEntry chunk;
        chunk.job.sessionId = session.meta.id;
        chunk.job.sequence = name->sequence;
        chunk.job.state = JobState::Pending;
        chunk.job.durationMs = closed->durationMs;
        chunk.job.offsetMs = name->offsetMs;
        chunk.job.speechRatio = 1.0; // not known for a chunk cut short: the guard treats it as speech
        chunk.job.updatedAt = QDateTime::currentDateTimeUtc();
        chunk.pendingAudio = std::move(closed->stream);
        chunk.audioOnDisk = false;
        chunk.recordDirty = true;
        chunk.job.durable = false;
        qCInfo(lcJournal).noquote() << "recovered" << chunk.job.durationMs << "ms of the chunk being spoken in"
                                    << session.meta.id << "as chunk" << name->sequence;
        session.chunks.emplace(name->sequence, std::move(chunk));
    }
}

// --- Queries ----------------------------------------------------------------------------------------------

QList<const Journal::SessionEntry*> Journal::sessionsInOrder() const
{
    QList<const SessionEntry*> ordered;
    for (const auto& [id, session] : m_sessions)
        ordered << &session;
    std::stable_sort(ordered.begin(), ordered.end(), [](const SessionEntry* a, const SessionEntry* b) {
        if (a->meta.startedAt != b->meta.startedAt)
            return a->meta.startedAt < b->meta.startedAt;
        return a->meta.id < b->meta.id;
    });
    return ordered;
}

QList<ChunkJob> Journal::pendingJobs() const
{
    QList<ChunkJob> result;
    for (const SessionEntry* session : sessionsInOrder()) {
        for (const auto& [seq, chunk] : session->chunks) {
            const JobState s = chunk.job.state;
            if (s == JobState::Pending || s == JobState::Uploading || s == JobState::Failed)
                result << chunk.job;
        }
    }
    return result;
}

QList<ChunkJob> Journal::dueJobs(const QDateTime& now) const
{
    QList<ChunkJob> result;
    const QList<ChunkJob> pending = pendingJobs();
    for (const ChunkJob& job : pending) {
        if (job.state == JobState::Pending ||
            (job.state == JobState::Failed && (!job.retryAt.isValid() || job.retryAt <= now)))
            result << job;
    }
    return result;
}

QDateTime Journal::nextRetryAt() const
{
    QDateTime earliest;
    for (const auto& [id, session] : m_sessions) {
        for (const auto& [seq, chunk] : session.chunks) {
            if (chunk.job.state == JobState::Failed && chunk.job.retryAt.isValid() &&
                (!earliest.isValid() || chunk.job.retryAt < earliest))
                earliest = chunk.job.retryAt;
        }
    }
    return earliest;
}

QList<ChunkJob> Journal::deadJobs() const
{
    QList<ChunkJob> result;
    for (const SessionEntry* session : sessionsInOrder()) {
        for (const auto& [seq, chunk] : session->chunks) {
            if (chunk.job.state == JobState::Dead)
                result << chunk.job;
        }
    }
    return result;
}

QStringList Journal::sessionIds() const
{
    QStringList ids;
    for (const SessionEntry* session : sessionsInOrder())
        ids << session->meta.id;
    return ids;
}

std::optional<SessionMeta> Journal::session(const QString& sessionId) const
{
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end())
        return std::nullopt;
    return it->second.meta;
}

std::optional<ChunkJob> Journal::job(const QString& sessionId, int sequence) const
{
    const ChunkEntry* chunk = findChunk(sessionId, sequence);
    return chunk ? std::optional<ChunkJob>(chunk->job) : std::nullopt;
}

QList<ChunkJob> Journal::jobs(const QString& sessionId) const
{
    QList<ChunkJob> result;
    auto it = m_sessions.find(sessionId);
    if (it != m_sessions.end()) {
        for (const auto& [seq, chunk] : it->second.chunks)
            result << chunk.job;
    }
    return result;
}

SessionStatus Journal::status(const QString& sessionId) const
{
    SessionStatus status;
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end())
        return status;
    status.meta = it->second.meta;
    for (const auto& [seq, chunk] : it->second.chunks) {
        ++status.total;
        switch (chunk.job.state) {
        case JobState::Pending:
        case JobState::Uploading:
            ++status.pending;
            break;
        case JobState::Failed:
            ++status.failed;
            break;
        case JobState::Dead:
            ++status.dead;
            break;
        case JobState::Done:
            ++status.done;
            break;
        }
        if (!chunk.audioOnDisk || chunk.recordDirty)
            ++status.unwritten;
    }
    return status;
}

QList<SessionStatus> Journal::statuses() const
{
    QList<SessionStatus> result;
    for (const SessionEntry* session : sessionsInOrder())
        result << status(session->meta.id);
    return result;
}

QStringList Journal::completedSessions() const
{
    QStringList ids;
    for (const SessionEntry* session : sessionsInOrder()) {
        if (status(session->meta.id).complete())
            ids << session->meta.id;
    }
    return ids;
}

Result<QStringList> Journal::chunkTexts(const QString& sessionId) const
{
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end())
        return notFound(sessionId, -1);
    const SessionStatus s = status(sessionId);
    if (!s.complete())
        return Error(ErrorCode::Failed, u"Session \"%1\" is not complete yet: %2 of %3 chunks transcribed%4."_s.arg(
                                            sessionId, QString::number(s.done), QString::number(s.total),
                                            s.meta.sealed ? QString() : u", capture still running"_s));
    QStringList texts;
    for (const auto& [seq, chunk] : it->second.chunks)
        texts << chunk.job.result.text;
    return texts;
}

Result<QString> Journal::assembledText(const QString& sessionId) const
{
    Result<QStringList> texts = chunkTexts(sessionId);
    if (!texts)
        return texts.error();
    QStringList parts;
    for (const QString& text : texts.value()) {
        const QString trimmed = text.trimmed();
        if (!trimmed.isEmpty())
            parts << trimmed;
    }
    return parts.join(u' ');
}

Result<QByteArray> Journal::chunkAudio(const QString& sessionId, int sequence) const
{
    const ChunkEntry* chunk = findChunk(sessionId, sequence);
    if (!chunk)
        return notFound(sessionId, sequence);
    if (!chunk->audioOnDisk)
        return chunk->pendingAudio;
    QFile file(chunkAudioPath(sessionId, sequence));
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io,
                     u"Could not read %1 (%2)."_s.arg(QDir::toNativeSeparators(file.fileName()), file.errorString()));
    return file.readAll();
}

QStringList Journal::chunkAudioFiles(const QString& sessionId) const
{
    QStringList files;
    auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end())
        return files;
    for (const auto& [seq, chunk] : it->second.chunks) {
        const QString path = chunkAudioPath(sessionId, seq);
        if (chunk.audioOnDisk && QFileInfo::exists(path))
            files << path;
    }
    return files;
}

QList<HeldBackAudio> Journal::heldBackAudio(const QString& sessionId) const
{
    auto it = m_sessions.find(sessionId);
    return it == m_sessions.end() ? QList<HeldBackAudio>() : it->second.heldBackAudio;
}

QStringList Journal::withHeldBackAudioFiles(QStringList chunkFiles, const QString& sessionDir)
{
    // The sounds the voice gate held back, kept by the pipeline (journallayout::heldBackAudioPath): archived with the
    // chunks, never uploaded. Named so that, sorted with the chunk files, they fall in recording order.
    const QDir dir(sessionDir);
    for (const QString& name : dir.entryList({u"chunk-*.heldback-at-*.opus"_s}, QDir::Files)) {
        if (journallayout::isHeldBackAudioName(name))
            chunkFiles << dir.filePath(name);
    }
    std::sort(chunkFiles.begin(), chunkFiles.end());
    return chunkFiles;
}

QStringList Journal::audioFiles(const QString& sessionId) const
{
    if (m_sessions.find(sessionId) == m_sessions.end())
        return {};
    return withHeldBackAudioFiles(chunkAudioFiles(sessionId), sessionDir(sessionId));
}

} // namespace utter
