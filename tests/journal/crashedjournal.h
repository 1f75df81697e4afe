#pragma once
// A journal as a crash with many sessions leaves it, for the start-up recovery's tests (tests/journal) and its
// benchmark (bench/journal): every kind of repair open() does, spread over `sessions` sessions. Deterministic: the
// same arguments write the same files (byte for byte, but for the audio's random serial number).
#include "codec/oggopus.h"
#include "journal/atomicfile.h"
#include "journal/jobrecord.h"
#include "journal/journallayout.h"

#include <QDir>
#include <QFile>

#include <cmath>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace utter::test
{

using namespace Qt::Literals::StringLiterals;

struct CrashedJournalCounts
{
    int sessions = 0;
    int interrupted = 0; // capture never ended: sealed on recovery
    int chunks = 0;      // closed chunks with their audio
    int uploading = 0;   // an upload was cut off: pending again
    int done = 0;
    int partial = 0; // a truncated Ogg file of the chunk being spoken: closed and recovered as a chunk
    int corrupt = 0; // a torn job record: quarantined, its chunk pending again
    int temps = 0;   // leftover temp files: removed
};

inline std::vector<std::int16_t> crashedJournalTone(int ms, int from = 0)
{
    std::vector<std::int16_t> pcm(std::size_t(ms) * 16);
    for (std::size_t i = 0; i < pcm.size(); ++i) {
        const double t = double(std::size_t(from) * 16 + i) / 16000.0;
        pcm[i] = std::int16_t(8000.0 * std::sin(2 * M_PI * 440 * t));
    }
    return pcm;
}

inline bool writeCrashedFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path); // no fsync: this is the crashed run's disk, not a durability test
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

// Writes the sessions under dir (created); returns what it wrote, or sessions = 0 when it could not.
inline CrashedJournalCounts writeCrashedJournal(const QString& dir, int sessions)
{
    CrashedJournalCounts counts;
    // One closed chunk's audio (1 s) and one stream cut off while it was written: 1 s synced, then half a page.
    const Result<QByteArray> closed = encodeOggOpus(crashedJournalTone(1000));
    auto encoder = OggOpusEncoder::toMemory();
    if (!closed || !encoder || !(*encoder)->write(crashedJournalTone(1000)).ok())
        return counts;
    const QByteArray synced = (*encoder)->flushedStream().toByteArray();
    if (!(*encoder)->write(crashedJournalTone(400, 1000)).ok())
        return counts;
    const QByteArray all = (*encoder)->flushedStream().toByteArray();
    const QByteArray torn = synced + all.sliced(synced.size(), (all.size() - synced.size()) / 2);
    const QDateTime base(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC);
    for (int i = 0; i < sessions; ++i) {
        SessionMeta meta;
        meta.startedAt = base.addSecs(i * 60);
        meta.id = meta.startedAt.toString(u"yyyyMMdd'T'HHmmss'Z'") + u"-%1"_s.arg(i, 4, 16, QLatin1Char('0'));
        meta.application = u"org.kde.kate"_s;
        meta.language = u"en"_s;
        meta.sealed = i % 3 != 0;
        if (meta.sealed)
            meta.endedAt = meta.startedAt.addSecs(3);
        else
            ++counts.interrupted;
        const QString folder = journallayout::sessionDir(dir, meta.id);
        if (!QDir().mkpath(folder) || !writeCrashedFile(folder + u"/session.json"_s, meta.toJson()))
            return {};
        ++counts.sessions;
        const int closedChunks = 1 + i % 2;
        for (int sequence = 0; sequence < closedChunks; ++sequence) {
            ChunkJob job;
            job.sessionId = meta.id;
            job.sequence = sequence;
            job.durationMs = 1000;
            job.offsetMs = sequence * 1000;
            job.updatedAt = meta.startedAt;
            if (sequence == 0 && i % 5 == 1) {
                job.state = JobState::Uploading;
                job.attempts = 1;
                ++counts.uploading;
            } else if (sequence == 1 && i % 3 == 1) {
                job.state = JobState::Done;
                job.result.text = u"chunk %1 of session %2"_s.arg(sequence).arg(i);
                ++counts.done;
            }
            QByteArray record = job.toJson();
            if (sequence == 0 && i % 10 == 7) {
                record.truncate(record.size() / 2); // torn
                ++counts.corrupt;
            }
            if (!writeCrashedFile(journallayout::chunkAudioPath(dir, meta.id, sequence), *closed) ||
                !writeCrashedFile(journallayout::chunkRecordPath(dir, meta.id, sequence), record))
                return {};
            ++counts.chunks;
        }
        if (i % 4 == 0) {
            const QString name =
                u"/chunk-%1.at-%2.partial"_s.arg(closedChunks, 6, 10, QLatin1Char('0')).arg(closedChunks * 1000);
            if (!writeCrashedFile(folder + name, torn))
                return {};
            ++counts.partial;
        }
        if (i % 25 == 3) {
            if (!writeCrashedFile(journallayout::chunkRecordPath(dir, meta.id, 0) + atomicfile::tempSuffix.toString(),
                                  "{\"ver"))
                return {};
            ++counts.temps;
        }
    }
    return counts;
}

// A record on a disk that does not answer: a FIFO, whose reader waits in open() until release() writes the record
// (or this goes: a test that fails never leaves a scan waiting), so a scan reading it is held exactly as long as a
// test needs.
class HeldRecord
{
public:
    HeldRecord(QString path, QByteArray bytes)
        : m_path(std::move(path))
        , m_bytes(std::move(bytes))
    {
        m_ok = ::mkfifo(QFile::encodeName(m_path).constData(), 0600) == 0;
    }
    ~HeldRecord() { release(); }
    HeldRecord(const HeldRecord&) = delete;
    HeldRecord& operator=(const HeldRecord&) = delete;

    bool ok() const { return m_ok; }
    // Hands the record to whoever reads it, without waiting: a reader already waiting in open() gets it through the
    // FIFO (opened read-write, which never blocks, and closed once the record is in it); a later one finds it as a
    // plain file, renamed over the FIFO.
    void release()
    {
        if (!m_ok || m_released)
            return;
        m_released = true;
        const int fd = ::open(QFile::encodeName(m_path).constData(), O_RDWR | O_NONBLOCK);
        if (fd >= 0)
            (void)!::write(fd, m_bytes.constData(), size_t(m_bytes.size()));
        const QString plain = m_path + u".held"_s;
        if (writeCrashedFile(plain, m_bytes))
            (void)::rename(QFile::encodeName(plain).constData(), QFile::encodeName(m_path).constData());
        if (fd >= 0)
            ::close(fd);
    }

private:
    QString m_path;
    QByteArray m_bytes;
    bool m_ok = false;
    bool m_released = false;
};

} // namespace utter::test
