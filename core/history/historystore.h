#pragma once

#include "audioarchive.h"
#include "common/result.h"
#include "historyentry.h"
#include "retention.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace utter
{

// The dictation history (DESIGN §6): SQLite through Qt SQL (QSQLITE) with an FTS5 index over the raw text, the
// styled text and the application name. The database runs in WAL mode with a busy timeout, so the GUI, the
// daemon and CLI verbs may open it at the same time; each HistoryStore owns its own connection and must be used
// from the thread that opened it.
//
// "Newest first" everywhere means most recently *delivered* first (descending id): a dictation resumed from the
// journal after an outage appears at the top, where `utter last` finds it, even though it started earlier.
class HistoryStore final
{
public:
    static constexpr int kSchemaVersion = 2; // 2: held_back (docs/storage.md)

    // audioArchiveDir: where archived audio lives; remove() and retention delete audio only inside it.
    explicit HistoryStore(QString databasePath, QString audioArchiveDir = {});
    ~HistoryStore();
    HistoryStore(const HistoryStore&) = delete;
    HistoryStore& operator=(const HistoryStore&) = delete;

    // Opens (creating if needed) and migrates the database. Error{Io} when it cannot be opened or written,
    // Error{Corrupt} when it is not a usable database, Error{Unsupported} when it comes from a newer Utter or
    // SQLite lacks FTS5.
    Status open();
    bool isOpen() const { return m_open; }
    QString databasePath() const { return m_path; }
    Result<int> schemaVersion() const;

    // Stores a finished dictation and returns its id. Idempotent per session id: adding a session that is
    // already stored returns the existing id and changes nothing (resume after a crash may deliver twice).
    Result<qint64> add(const HistoryEntry& entry);
    Result<HistoryEntry> get(qint64 id) const;
    Result<std::optional<HistoryEntry>> latest() const;
    Result<std::optional<HistoryEntry>> findBySession(const QString& sessionId) const;
    // Newest first, for lazy loading: a UI model fetches pages of `limit` at growing offsets.
    Result<QList<HistoryEntry>> list(int limit, int offset = 0) const;
    // Keyset paging, the cheap way for a scrolling UI model: the next `limit` entries older than beforeId (the
    // id of the last entry shown; 0 = start from the newest). Costs the same on page 1 and page 2 000, where
    // an OFFSET has to step over every skipped row.
    Result<QList<HistoryEntry>> listBefore(qint64 beforeId, int limit) const;
    Result<qint64> count() const;
    // Full-text search, newest first. Every word is a prefix match and all must match (search-as-you-type);
    // input with no letters or digits (e.g. "?!") falls back to a plain substring match.
    Result<QList<HistoryEntry>> search(const QString& query, int limit, int offset = 0) const;
    Result<QList<HistoryEntry>> searchBefore(const QString& query, qint64 beforeId, int limit) const;
    // Every entry, oldest first, one at a time (export without loading everything into memory).
    Status forEach(const std::function<void(const HistoryEntry&)>& visit) const;

    // Deletes an entry and its archived audio.
    Status remove(qint64 id);
    Status setStyledText(qint64 id, const QString& styledText);
    // The archived audio folder of an entry; empty when none is (or not yet) archived.
    Status setAudioPath(qint64 id, const QString& audioPath);

    // Applies the retention policy at `now`: deletes entries (and their audio) the policy no longer keeps; with
    // keepAudio off also deletes all archived audio.
    Result<RetentionReport> applyRetention(const RetentionPolicy& policy,
                                           const QDateTime& now = QDateTime::currentDateTimeUtc());
    // The same through a connection of its own, opened and closed on the calling thread (the running service calls
    // it on the journal's writer thread, where the history's commits run: the main thread never waits for it).
    static Result<RetentionReport> applyRetention(const QString& databasePath, const QString& audioArchiveDir,
                                                  const RetentionPolicy& policy,
                                                  const QDateTime& now = QDateTime::currentDateTimeUtc());

private:
    // One text column of one entry (column is one of this class's own names, never outside input).
    Status updateText(qint64 id, const QString& column, const QString& value);
    Result<QList<HistoryEntry>> fetch(const QString& query, int limit, int offset, qint64 beforeId) const;
    Status migrate();
    Status exec(const QString& sql) const;
    Status deleteAudio(const QStringList& paths, int* removed);
    Error queryError(const QString& what, const QString& detail) const;

    QString m_path;
    AudioArchive m_archive;
    QString m_connection;
    bool m_open = false;
};

} // namespace utter
