#include "historystore.h"

#include "ftsquery.h"
#include "logging/logging.h"

#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

const QString kColumns = u"id, timestamp, duration, spoken_seconds, billed_seconds, provider, endpoint, style, "
                         "application, language, raw_text, styled_text, audio_path, session_id, held_back"_s;

HistoryEntry entryFrom(const QSqlQuery& q)
{
    HistoryEntry e;
    e.id = q.value(0).toLongLong();
    e.timestamp = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC);
    e.durationSeconds = q.value(2).toDouble();
    e.spokenSeconds = q.value(3).toDouble();
    e.billedSeconds = q.value(4).toDouble();
    e.provider = q.value(5).toString();
    e.endpoint = q.value(6).toString();
    e.style = q.value(7).toString();
    e.application = q.value(8).toString();
    e.language = q.value(9).toString();
    e.rawText = q.value(10).toString();
    e.styledText = q.value(11).toString();
    e.audioPath = q.value(12).toString();
    e.sessionId = q.value(13).toString();
    const QByteArray heldBack = q.value(14).toString().toUtf8();
    if (!heldBack.isEmpty())
        e.heldBack = heldBackFromJson(QJsonDocument::fromJson(heldBack).array());
    return e;
}

Error notOpen()
{
    return Error(ErrorCode::Failed, u"The history is not open."_s);
}

} // namespace

Result<qint64> HistoryStore::add(const HistoryEntry& entry)
{
    if (!m_open)
        return notOpen();
    if (!entry.sessionId.isEmpty()) {
        Result<std::optional<HistoryEntry>> existing = findBySession(entry.sessionId);
        if (!existing)
            return existing.error();
        if (existing.value())
            return existing.value()->id;
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"INSERT INTO entries (timestamp, duration, spoken_seconds, billed_seconds, provider, endpoint, "
              "style, application, language, raw_text, styled_text, audio_path, session_id, held_back) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    const QDateTime when = entry.timestamp.isValid() ? entry.timestamp : QDateTime::currentDateTimeUtc();
    q.addBindValue(when.toMSecsSinceEpoch());
    q.addBindValue(entry.durationSeconds);
    q.addBindValue(entry.spokenSeconds);
    q.addBindValue(entry.billedSeconds);
    // QString() binds as NULL; the columns are NOT NULL, so pass "" for empty strings.
    for (const QString* text : {&entry.provider, &entry.endpoint, &entry.style, &entry.application, &entry.language,
                                &entry.rawText, &entry.styledText, &entry.audioPath, &entry.sessionId})
        q.addBindValue(text->isNull() ? u""_s : *text);
    q.addBindValue(
        entry.heldBack.isEmpty()
            ? u""_s
            : QString::fromUtf8(QJsonDocument(heldBackToJson(entry.heldBack)).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return queryError(u"save the dictation"_s, q.lastError().text());
    return q.lastInsertId().toLongLong();
}

Result<HistoryEntry> HistoryStore::get(qint64 id) const
{
    if (!m_open)
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"SELECT "_s + kColumns + u" FROM entries WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec())
        return queryError(u"read entry %1"_s.arg(id), q.lastError().text());
    if (!q.next())
        return Error(ErrorCode::NotFound, u"History has no entry %1."_s.arg(id));
    return entryFrom(q);
}

Result<std::optional<HistoryEntry>> HistoryStore::latest() const
{
    Result<QList<HistoryEntry>> newest = list(1);
    if (!newest)
        return newest.error();
    if (newest.value().isEmpty())
        return std::optional<HistoryEntry>();
    return std::optional<HistoryEntry>(newest.value().first());
}

Result<std::optional<HistoryEntry>> HistoryStore::findBySession(const QString& sessionId) const
{
    if (!m_open)
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"SELECT "_s + kColumns + u" FROM entries WHERE session_id = ? AND session_id <> '' LIMIT 1"_s);
    q.addBindValue(sessionId);
    if (!q.exec())
        return queryError(u"look up a session"_s, q.lastError().text());
    if (!q.next())
        return std::optional<HistoryEntry>();
    return std::optional<HistoryEntry>(entryFrom(q));
}

Result<QList<HistoryEntry>> HistoryStore::list(int limit, int offset) const
{
    return fetch({}, limit, offset, 0);
}

Result<QList<HistoryEntry>> HistoryStore::listBefore(qint64 beforeId, int limit) const
{
    return fetch({}, limit, 0, beforeId);
}

Result<qint64> HistoryStore::count() const
{
    if (!m_open)
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(u"SELECT count(*) FROM entries"_s) || !q.next())
        return queryError(u"count dictations"_s, q.lastError().text());
    return q.value(0).toLongLong();
}

Result<QList<HistoryEntry>> HistoryStore::search(const QString& query, int limit, int offset) const
{
    return fetch(query, limit, offset, 0);
}

Result<QList<HistoryEntry>> HistoryStore::searchBefore(const QString& query, qint64 beforeId, int limit) const
{
    return fetch(query, limit, 0, beforeId);
}

Result<QList<HistoryEntry>> HistoryStore::fetch(const QString& query, int limit, int offset, qint64 beforeId) const
{
    if (!m_open)
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    const QString text = query.trimmed();
    const QString match = ftsMatchExpression(text);
    const qint64 before = beforeId > 0 ? beforeId : std::numeric_limits<qint64>::max();
    if (text.isEmpty()) {
        q.prepare(u"SELECT "_s + kColumns + u" FROM entries WHERE id < ? ORDER BY id DESC LIMIT ? OFFSET ?"_s);
    } else if (!match.isEmpty()) {
        // The FTS index hands out matching rowids in descending order and stops at the limit, so the cost
        // depends on the page size, not on how many entries match.
        q.prepare(u"SELECT "_s + kColumns +
                  u" FROM entries WHERE id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? AND rowid < ? "
                  "ORDER BY rowid DESC LIMIT ? OFFSET ?) ORDER BY id DESC"_s);
        q.addBindValue(match);
    } else {
        q.prepare(u"SELECT "_s + kColumns +
                  u" FROM entries WHERE (raw_text LIKE ? ESCAPE '\\' OR styled_text LIKE ? ESCAPE '\\' "
                  "OR application LIKE ? ESCAPE '\\') AND id < ? ORDER BY id DESC LIMIT ? OFFSET ?"_s);
        const QString pattern = likeContainsPattern(text);
        for (int i = 0; i < 3; ++i)
            q.addBindValue(pattern);
    }
    q.addBindValue(before);
    q.addBindValue(limit < 0 ? -1 : limit);
    q.addBindValue(std::max(0, offset));
    if (!q.exec())
        return queryError(text.isEmpty() ? u"list dictations"_s : u"search"_s, q.lastError().text());
    QList<HistoryEntry> entries;
    while (q.next())
        entries << entryFrom(q);
    return entries;
}

Status HistoryStore::forEach(const std::function<void(const HistoryEntry&)>& visit) const
{
    if (!m_open)
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT "_s + kColumns + u" FROM entries ORDER BY id ASC"_s))
        return queryError(u"read dictations"_s, q.lastError().text());
    while (q.next())
        visit(entryFrom(q));
    return {};
}

Status HistoryStore::setStyledText(qint64 id, const QString& styledText)
{
    return updateText(id, u"styled_text"_s, styledText);
}

Status HistoryStore::setAudioPath(qint64 id, const QString& audioPath)
{
    return updateText(id, u"audio_path"_s, audioPath);
}

Status HistoryStore::updateText(qint64 id, const QString& column, const QString& value)
{
    if (!m_open)
        return notOpen();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"UPDATE entries SET %1 = ? WHERE id = ?"_s.arg(column));
    q.addBindValue(value.isNull() ? u""_s : value);
    q.addBindValue(id);
    if (!q.exec())
        return queryError(u"update entry %1"_s.arg(id), q.lastError().text());
    if (q.numRowsAffected() == 0)
        return Error(ErrorCode::NotFound, u"History has no entry %1."_s.arg(id));
    return {};
}

Status HistoryStore::remove(qint64 id)
{
    Result<HistoryEntry> entry = get(id);
    if (!entry)
        return entry.error();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"DELETE FROM entries WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec())
        return queryError(u"delete entry %1"_s.arg(id), q.lastError().text());
    int removed = 0;
    return deleteAudio({entry.value().audioPath}, &removed);
}

Status HistoryStore::deleteAudio(const QStringList& paths, int* removed)
{
    Status result;
    for (const QString& path : paths) {
        if (path.isEmpty())
            continue;
        if (!m_archive.contains(path)) {
            qCWarning(lcHistory).noquote() << "left audio outside the archive alone:" << path;
            continue;
        }
        if (Status s = m_archive.remove(path); !s) {
            if (result.ok())
                result = s;
            continue;
        }
        ++*removed;
    }
    return result;
}

Result<RetentionReport> HistoryStore::applyRetention(const QString& databasePath, const QString& audioArchiveDir,
                                                     const RetentionPolicy& policy, const QDateTime& now)
{
    HistoryStore store(databasePath, audioArchiveDir);
    if (const Status opened = store.open(); !opened.ok())
        return opened.error();
    return store.applyRetention(policy, now);
}

Result<RetentionReport> HistoryStore::applyRetention(const RetentionPolicy& policy, const QDateTime& now)
{
    if (!m_open)
        return notOpen();
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QString where;
    switch (policy.mode) {
    case RetentionPolicy::Mode::All:
        break;
    case RetentionPolicy::Mode::Days:
        where = u"timestamp < %1"_s.arg(now.addDays(-policy.value).toMSecsSinceEpoch());
        break;
    case RetentionPolicy::Mode::Entries:
        where = u"id NOT IN (SELECT id FROM entries ORDER BY id DESC LIMIT %1)"_s.arg(policy.value);
        break;
    case RetentionPolicy::Mode::None:
        where = u"1"_s;
        break;
    }
    RetentionReport report;
    QStringList audio;
    if (!db.transaction())
        return queryError(u"start retention"_s, db.lastError().text());
    QSqlQuery q(db);
    if (!where.isEmpty()) {
        if (!q.exec(u"SELECT audio_path FROM entries WHERE "_s + where)) {
            db.rollback();
            return queryError(u"apply retention"_s, q.lastError().text());
        }
        while (q.next())
            audio << q.value(0).toString();
        if (!q.exec(u"DELETE FROM entries WHERE "_s + where)) {
            db.rollback();
            return queryError(u"apply retention"_s, q.lastError().text());
        }
        report.entriesRemoved = q.numRowsAffected();
    }
    if (!policy.keepAudio) {
        if (!q.exec(u"SELECT audio_path FROM entries WHERE audio_path <> ''"_s)) {
            db.rollback();
            return queryError(u"apply retention"_s, q.lastError().text());
        }
        while (q.next())
            audio << q.value(0).toString();
        if (!q.exec(u"UPDATE entries SET audio_path = '' WHERE audio_path <> ''"_s)) {
            db.rollback();
            return queryError(u"apply retention"_s, q.lastError().text());
        }
    }
    if (!db.commit())
        return queryError(u"apply retention"_s, db.lastError().text());
    // Audio goes after the commit: a crash in between leaves unreferenced files, never entries without audio.
    if (Status s = deleteAudio(audio, &report.audioRemoved); !s)
        return s.error();
    if (report.entriesRemoved > 0 || report.audioRemoved > 0)
        qCInfo(lcHistory) << "retention removed" << report.entriesRemoved << "entries and" << report.audioRemoved
                          << "audio folders";
    return report;
}

} // namespace utter
