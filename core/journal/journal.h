#pragma once

#include "common/result.h"
#include "jobrecord.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace utter
{

class DiskWriter;

// Something the journal found wrong on disk and how it dealt with it (for logs, `utter status`, doctor).
struct JournalProblem
{
    QString path;    // the file concerned
    QString message; // one sentence: what was wrong and what Utter did about it
};

// How far one session has come.
struct SessionStatus
{
    SessionMeta meta;
    int total = 0;
    int pending = 0; // pending + uploading
    int failed = 0;
    int dead = 0;
    int done = 0;
    int unwritten = 0; // chunks held only in memory because the disk refused them
    // Capture has ended and every chunk has a transcript: assembledText() is available.
    bool complete() const { return meta.sealed && done == total; }
};

// The on-disk job journal (DESIGN §3, "never lose a dictation"). Each dictation session is a folder under the
// journal directory holding session.json, one Ogg Opus file per chunk (chunk-000001.opus) and one small job
// record per chunk (chunk-000001.json). Every record is replaced atomically (temp + fsync + rename + fsync of the
// folder), and addChunk() returns only once audio and record are durable, so a crash or SIGKILL at any moment
// leaves either the old or the new record, never a torn one.
//
// When the disk refuses a write (full, read-only, permissions) the call returns Error{Io} but the data is kept
// in memory, served by chunkAudio(), and written again by flushUnwritten() — called before every later write and
// every few seconds by a timer — so nothing already captured is dropped and the next dictation still works.
//
// On open() the journal scans the folder: leftover temp files are removed, interrupted uploads become pending
// again, sessions whose capture never ended are sealed (marked interrupted), and a corrupt record is moved to the
// session's quarantine/ folder with a problem entry while its audio is kept and its job rebuilt as pending.
//
// Writes go through a DiskWriter. By default it is inline: every call returns once its write is done, with its
// status. After writeOnThread() (the running service, docs/storage.md) the writes run on the writer's own thread in
// the order they were made, the calls return at once (a refusal is reported through writeFailed() and retried as
// above), the in-memory state answers every query at once, and afterWrites() says when what was written so far is
// durable.
//
// One process owns a journal in ReadWrite mode (the running GUI or daemon; the single-instance lock sees to
// that); other processes (`utter status`) may open it ReadOnly, which never changes anything on disk.
// Not thread-safe: use it from one thread (the main thread; the pipeline's recorder writes its own files).
class Journal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Journal)

public:
    enum class Mode
    {
        ReadWrite,
        ReadOnly,
    };

    explicit Journal(QString directory, Mode mode = Mode::ReadWrite, QObject* parent = nullptr);
    ~Journal() override;

    QString directory() const { return m_dir; }

    // Creates the folder if needed and loads every session from disk. An error means the folder is unusable;
    // the journal still accepts sessions in memory and keeps trying to write them.
    Status open();
    // What open() does, on a thread of its own ("utter-recovery"), so that this thread goes on meanwhile
    // (docs/storage.md, "Recovery at start-up"): queries answer at once (without the sessions still being scanned)
    // and new sessions can be recorded. Once the scan is done the recovered sessions join the journal on this
    // thread, recovered() is emitted and done(status of the scan, as open() returns it) runs, unless context is
    // gone. Session folders whose ids newSessionId() hands out after this call belong to this run: the scan leaves
    // them alone. Call once, instead of open().
    void openInBackground(QObject* context, std::function<void(Status)> done);
    // openInBackground() has not finished yet.
    bool recovering() const { return m_recovering; }
    // From now on writes run on a thread of their own (call once, after open()).
    void writeOnThread();
    DiskWriter& writer() { return *m_writer; }
    // done runs once every write asked for so far has been done (durable, or refused and kept in memory).
    void afterWrites(QObject* context, std::function<void()> done);
    QList<JournalProblem> problems() const { return m_problems; }

    // "20261123T194712Z-3f9a": sorts by time, unique enough for one user, safe as a folder name.
    static QString newSessionId(const QDateTime& now = QDateTime::currentDateTimeUtc());
    static bool isValidSessionId(const QString& id);

    // --- Recording side -----------------------------------------------------------------------------------
    Status createSession(const SessionMeta& meta);
    // Stores one chunk as pending. Returns when the audio and its record are durable; on Error{Io} the chunk is
    // nevertheless accepted (kept in memory) and the caller may go on and upload it.
    Status addChunk(const QString& sessionId, int sequence, const QByteArray& oggOpus, qint64 durationMs,
                    double speechRatio);
    // Capture has ended: no more chunks will come, so the session can complete.
    Status sealSession(const QString& sessionId);

    // --- A session recorded on the audio pipeline's thread ------------------------------------------------
    // There a SessionRecorder writes the session's files; the journal only learns what was written, from the
    // pipeline's events, in order. written = false hands the data over instead: the disk refused it on the
    // pipeline's thread, so the journal keeps it in memory and writes it like any refused write (flushUnwritten).
    // adoptSession() also takes the sealed meta when capture has ended.
    void adoptSession(const SessionMeta& meta, bool written);
    Status adoptChunk(const ChunkJob& job, const QByteArray& oggOpus, bool written);
    // A recorded session's application and style, once the focus probe has answered (docs/pipeline.md).
    Status updateSession(const SessionMeta& meta);

    // --- Upload side --------------------------------------------------------------------------------------
    // Counts an attempt. Kept in memory only (on disk the job stays pending until its outcome is stored), so it
    // costs no disk write in front of the request.
    Status markUploading(const QString& sessionId, int sequence);
    Status markFailed(const QString& sessionId, int sequence, const QDateTime& retryAt, const QString& reason);
    Status markDead(const QString& sessionId, int sequence, const QString& reason);
    Status markPending(const QString& sessionId, int sequence); // a user's "retry" of a dead job
    Status storeResult(const QString& sessionId, int sequence, const ChunkResult& result); // → done
    // Every dead job of a session back to pending (the user chose "retry").
    Status retryDead(const QString& sessionId);

    // --- Queries ------------------------------------------------------------------------------------------
    // Jobs that still need an upload (pending, uploading, failed) across all sessions, oldest session first and
    // in sequence order within a session — the order resume must follow. Failed jobs carry their retryAt.
    QList<ChunkJob> pendingJobs() const;
    // Pending jobs whose time has come (pending, or failed with retryAt <= now), same order.
    QList<ChunkJob> dueJobs(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;
    // Earliest retryAt among failed jobs; invalid when none waits.
    QDateTime nextRetryAt() const;
    QList<ChunkJob> deadJobs() const;

    QStringList sessionIds() const; // oldest first
    std::optional<SessionMeta> session(const QString& sessionId) const;
    std::optional<ChunkJob> job(const QString& sessionId, int sequence) const;
    QList<ChunkJob> jobs(const QString& sessionId) const; // sequence order
    SessionStatus status(const QString& sessionId) const;
    QList<SessionStatus> statuses() const; // oldest first
    QStringList completedSessions() const; // complete() and waiting for delivery, oldest first

    // The chunk transcripts in sequence order (for the assembler), or Error when the session is not complete.
    Result<QStringList> chunkTexts(const QString& sessionId) const;
    // chunkTexts() joined with single spaces: the raw text of the dictation without boundary de-duplication.
    Result<QString> assembledText(const QString& sessionId) const;

    Result<QByteArray> chunkAudio(const QString& sessionId, int sequence) const;
    QString sessionDir(const QString& sessionId) const;
    QString chunkAudioPath(const QString& sessionId, int sequence) const;
    QString chunkRecordPath(const QString& sessionId, int sequence) const;
    // Chunk files on disk and the held-back sounds' files (journallayout::heldBackAudioPath), in recording order.
    QStringList audioFiles(const QString& sessionId) const;
    // The held-back sounds a session had in its folder when the journal was opened, in recording order (empty for a
    // session of this run): found by the scan, on its thread, so this query touches no disk.
    QList<HeldBackAudio> heldBackAudio(const QString& sessionId) const;
    // The chunk files alone (what the journal's records know), and those files with the held-back sounds' files
    // found in the session folder, in recording order: the second lists a directory, so callers on the main thread
    // run it on the writer's thread.
    QStringList chunkAudioFiles(const QString& sessionId) const;
    static QStringList withHeldBackAudioFiles(QStringList chunkFiles, const QString& sessionDir);

    // Removes the session from disk and memory (after delivery to history, or when the user discards it).
    Status discardSession(const QString& sessionId);

    // --- Writes the disk refused --------------------------------------------------------------------------
    int unwrittenCount() const;
    Status flushUnwritten();

signals:
    void jobChanged(const utter::ChunkJob& job);
    void writeFailed(const utter::Error& error);
    void writesRecovered();
    // The sessions openInBackground() recovered are in.
    void recovered();

private:
    struct ChunkEntry
    {
        ChunkJob job;
        QByteArray pendingAudio; // audio not yet on disk
        bool audioOnDisk = true;
        bool recordDirty = false;
        quint64 version = 0; // of the record: a write finished on an older one leaves it dirty
    };
    struct SessionEntry
    {
        SessionMeta meta;
        bool metaDirty = false;
        quint64 metaVersion = 0;
        std::map<int, ChunkEntry> chunks;
        QList<HeldBackAudio> heldBackAudio; // found in its folder by the scan (loadSession)
    };
    // What one write did, step by step (a later step is not tried once one fails).
    struct WriteOutcome
    {
        bool meta = false;
        bool audio = false;
        bool record = false;
        Status status;
    };

    struct Recovered;
    static bool issuedAfter(const QString& id, quint64 count);
    void takeOverRecovered(Recovered& recovered);
    void loadSession(const QString& path);
    void quarantine(const QString& sessionPath, const QString& file, const QString& reason);
    ChunkEntry* findChunk(const QString& sessionId, int sequence);
    const ChunkEntry* findChunk(const QString& sessionId, int sequence) const;
    Status changeState(const QString& sessionId, int sequence, const std::function<void(ChunkJob&)>& edit,
                       bool persist = true);
    Status persistChunk(SessionEntry& session, ChunkEntry& chunk);
    Status persistMeta(SessionEntry& session);
    // Writes what is dirty of the session (and of the chunk, when given) through the writer.
    Status scheduleWrite(SessionEntry& session, ChunkEntry* chunk);
    void written(const QString& sessionId, int sequence, quint64 metaVersion, quint64 recordVersion,
                 const WriteOutcome& outcome);
    bool everythingWritten() const;
    void markMetaDirty(SessionEntry& session);
    Status reportWriteFailure(const Error& error);
    void takeOverWrites();
    void recoverOpenChunks(SessionEntry& session, const QString& path);
    void scheduleRetry();
    QList<const SessionEntry*> sessionsInOrder() const;
    static Error notFound(const QString& sessionId, int sequence);

    QString m_dir;
    Mode m_mode;
    std::unique_ptr<DiskWriter> m_writer;
    std::map<QString, SessionEntry> m_sessions;
    QList<JournalProblem> m_problems;
    QTimer m_retryTimer;
    std::unique_ptr<DiskWriter> m_recovery; // the thread of openInBackground(), while it scans
    bool m_recovering = false;
    // A background scan's own journal: folders of ids newSessionId() handed out after this count are this run's.
    std::optional<quint64> m_leaveIssuedAfter;
    bool m_failing = false;
    QString m_reportedFailure; // the cause of the write failure last reported (writeFailed), until writes recover
};

} // namespace utter
