#include "sessionrecorder.h"

#include "journallayout.h"
#include "paths/locations.h"

#include <QDir>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

SessionRecorder::SessionRecorder(QString journalDir, QString sessionId)
    : m_dir(QDir::cleanPath(journalDir))
    , m_sessionId(std::move(sessionId))
{}

SessionRecorder::~SessionRecorder() = default;

Status SessionRecorder::writeMeta(const SessionMeta& meta)
{
    if (!m_folderReady) {
        const QString folder = journallayout::sessionDir(m_dir, m_sessionId);
        if (!Locations::ensurePrivateDir(m_dir) || !Locations::ensurePrivateDir(folder))
            return Error(ErrorCode::Io, u"Could not create the journal folder %1; check its permissions and free "
                                        "disk space (the dictation is kept in memory meanwhile)."_s.arg(
                                            QDir::toNativeSeparators(folder)));
        if (Status s = atomicfile::syncDirectory(m_dir); !s)
            return s;
        m_folderReady = true;
    }
    return atomicfile::writeFile(journallayout::sessionMetaPath(m_dir, m_sessionId), meta.toJson());
}

Status SessionRecorder::writeChunk(const ChunkJob& job, const QByteArray& oggOpus)
{
    // Audio first: a record never points at audio that is not there. The record's folder sync covers both renames.
    if (Status s =
            atomicfile::writeFile(journallayout::chunkAudioPath(m_dir, m_sessionId, job.sequence), oggOpus, false);
        !s)
        return s;
    if (Status s =
            atomicfile::writeFile(journallayout::chunkRecordPath(m_dir, m_sessionId, job.sequence), job.toJson());
        !s)
        return s;
    if (m_open && m_openSequence <= job.sequence)
        dropOpenChunk(); // the closed chunk holds that audio now (recovery prefers it should both survive)
    return {};
}

Status SessionRecorder::writeHeldBack(int nextSequence, qint64 offsetMs, const QByteArray& oggOpus)
{
    return atomicfile::writeFile(journallayout::heldBackAudioPath(m_dir, m_sessionId, nextSequence, offsetMs), oggOpus);
}

Status SessionRecorder::writeOpenChunk(int sequence, qint64 offsetMs, QByteArrayView stream)
{
    const QString path = journallayout::openChunkPath(m_dir, m_sessionId, sequence, offsetMs);
    if (m_open && (m_open->path() != path || m_open->size() > stream.size()))
        dropOpenChunk();
    if (!m_open) {
        m_open = std::make_unique<atomicfile::AppendFile>(path);
        m_openSequence = sequence;
    }
    const qint64 fresh = stream.size() - m_open->size();
    if (fresh <= 0)
        return {};
    if (Status s = m_open->append(stream.sliced(m_open->size())); !s)
        return s;
    return m_open->sync();
}

void SessionRecorder::dropOpenChunk()
{
    if (!m_open)
        return;
    m_open->remove();
    m_open.reset();
    m_openSequence = -1;
}

std::optional<int> SessionRecorder::openSequence() const
{
    return m_open ? std::optional<int>(m_openSequence) : std::nullopt;
}

} // namespace utter
