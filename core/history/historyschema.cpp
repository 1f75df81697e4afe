// HistoryStore: opening the connection and the schema with its migrations.
#include "historystore.h"
#include "logging/logging.h"
#include "paths/locations.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

QAtomicInt connectionCounter;

// Version 1. Text columns are NOT NULL DEFAULT '' because an external-content FTS5 table must be told the exact
// old values when a row goes away, and NULLs make that error-prone.
const char* const kSchemaV1[] = {
    "CREATE TABLE entries ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " timestamp INTEGER NOT NULL," // ms since the epoch, UTC
    " duration REAL NOT NULL DEFAULT 0,"
    " spoken_seconds REAL NOT NULL DEFAULT 0,"
    " billed_seconds REAL NOT NULL DEFAULT 0,"
    " provider TEXT NOT NULL DEFAULT '',"
    " endpoint TEXT NOT NULL DEFAULT '',"
    " style TEXT NOT NULL DEFAULT '',"
    " application TEXT NOT NULL DEFAULT '',"
    " language TEXT NOT NULL DEFAULT '',"
    " raw_text TEXT NOT NULL DEFAULT '',"
    " styled_text TEXT NOT NULL DEFAULT '',"
    " audio_path TEXT NOT NULL DEFAULT '',"
    " session_id TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX entries_timestamp ON entries(timestamp)",
    "CREATE INDEX entries_session ON entries(session_id) WHERE session_id <> ''",
    // prefix='2 3': short prefixes (search-as-you-type) use prebuilt prefix indexes instead of a term scan.
    "CREATE VIRTUAL TABLE entries_fts USING fts5(raw_text, styled_text, application, content='entries',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    "CREATE TRIGGER entries_ai AFTER INSERT ON entries BEGIN"
    " INSERT INTO entries_fts(rowid, raw_text, styled_text, application)"
    " VALUES (new.id, new.raw_text, new.styled_text, new.application); END",
    "CREATE TRIGGER entries_ad AFTER DELETE ON entries BEGIN"
    " INSERT INTO entries_fts(entries_fts, rowid, raw_text, styled_text, application)"
    " VALUES ('delete', old.id, old.raw_text, old.styled_text, old.application); END",
    "CREATE TRIGGER entries_au AFTER UPDATE ON entries BEGIN"
    " INSERT INTO entries_fts(entries_fts, rowid, raw_text, styled_text, application)"
    " VALUES ('delete', old.id, old.raw_text, old.styled_text, old.application);"
    " INSERT INTO entries_fts(rowid, raw_text, styled_text, application)"
    " VALUES (new.id, new.raw_text, new.styled_text, new.application); END",
};

} // namespace

HistoryStore::HistoryStore(QString databasePath, QString audioArchiveDir)
    : m_path(std::move(databasePath))
    , m_archive(audioArchiveDir)
    , m_connection(u"utter-history-%1"_s.arg(connectionCounter.fetchAndAddRelaxed(1)))
{}

HistoryStore::~HistoryStore()
{
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

Error HistoryStore::queryError(const QString& what, const QString& detail) const
{
    const QString lower = detail.toLower();
    ErrorCode code = ErrorCode::Failed;
    QString advice = u"check the file %1"_s.arg(QDir::toNativeSeparators(m_path));
    if (lower.contains(u"full"_s) || lower.contains(u"readonly"_s) || lower.contains(u"read-only"_s) ||
        lower.contains(u"unable to open"_s) || lower.contains(u"disk i/o"_s)) {
        code = ErrorCode::Io;
        advice = u"check free disk space and the permissions of %1"_s.arg(QDir::toNativeSeparators(m_path));
    } else if (lower.contains(u"malformed"_s) || lower.contains(u"not a database"_s)) {
        code = ErrorCode::Corrupt;
        advice = u"move %1 aside and Utter starts a new history"_s.arg(QDir::toNativeSeparators(m_path));
    } else if (lower.contains(u"locked"_s) || lower.contains(u"busy"_s)) {
        advice = u"another Utter process holds the history; try again"_s;
    }
    return Error(code, u"Could not %1 in the history (%2); %3."_s.arg(what, detail, advice));
}

Status HistoryStore::exec(const QString& sql) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(sql))
        return queryError(u"update the schema"_s, query.lastError().text());
    return {};
}

Status HistoryStore::open()
{
    if (m_open)
        return {};
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
        return Error(ErrorCode::Unsupported, u"Qt's SQLite driver is missing; install the Qt 6 SQLite plugin "
                                             "(Debian/Ubuntu: libqt6sql6-sqlite)."_s);
    const QString folder = QFileInfo(m_path).absolutePath();
    if (!Locations::ensurePrivateDir(folder))
        return Error(ErrorCode::Io, u"Could not create the folder %1 for the history; check its permissions."_s.arg(
                                        QDir::toNativeSeparators(folder)));
    // The history holds everything the user said: owner-only, like the journal. SQLite gives its -wal and -shm
    // files the database's mode, so creating it 0600 covers them; older 0644 files are tightened here too.
    if (!QFileInfo::exists(m_path)) {
        QFile create(m_path);
        if (create.open(QIODevice::WriteOnly))
            create.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    for (const QString& file : QStringList{m_path, m_path + u"-wal"_s, m_path + u"-shm"_s}) {
        if (QFileInfo::exists(file))
            QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(m_path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!db.open())
        return queryError(u"open the database"_s, db.lastError().text());
    // WAL lets readers (a CLI verb, the GUI) work while the daemon writes; NORMAL sync is durable across
    // application crashes and, in WAL mode, consistent across power loss.
    QSqlQuery pragma(db);
    if (!pragma.exec(u"PRAGMA journal_mode=WAL"_s))
        return queryError(u"switch to WAL mode"_s, pragma.lastError().text());
    (void)pragma.exec(u"PRAGMA synchronous=NORMAL"_s);
    (void)pragma.exec(u"PRAGMA foreign_keys=ON"_s);
    if (Status migrated = migrate(); !migrated) {
        db.close();
        return migrated;
    }
    m_open = true;
    return {};
}

Result<int> HistoryStore::schemaVersion() const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return queryError(u"read the schema version"_s, query.lastError().text());
    return query.value(0).toInt();
}

Status HistoryStore::migrate()
{
    // IMMEDIATE takes the write lock up front, so two processes opening a new database do not both create it.
    if (Status s = exec(u"BEGIN IMMEDIATE"_s); !s)
        return s;
    Result<int> version = schemaVersion();
    auto fail = [this](const Error& error) {
        (void)exec(u"ROLLBACK"_s);
        return Status(error);
    };
    if (!version)
        return fail(version.error());
    if (version.value() > kSchemaVersion)
        return fail(Error(ErrorCode::Unsupported,
                          u"The history at %1 was written by a newer Utter (schema %2, this one knows %3); update "
                          "Utter or move the file aside."_s.arg(QDir::toNativeSeparators(m_path))
                              .arg(version.value())
                              .arg(kSchemaVersion)));
    if (version.value() < 1) {
        for (const char* statement : kSchemaV1) {
            if (Status s = exec(QString::fromLatin1(statement)); !s) {
                if (s.error().message.contains(u"fts5"_s))
                    return fail(Error(ErrorCode::Unsupported, u"This SQLite has no FTS5 full-text search, which "
                                                              "the history needs; use an SQLite built with FTS5."_s));
                return fail(s.error());
            }
        }
        qCInfo(lcHistory).noquote() << "created the history database" << QDir::toNativeSeparators(m_path);
    }
    // Each later version is one step that keeps older data readable.
    if (version.value() < 2) {
        // What was held back (not uploaded, not typed): a JSON array (HeldBack::toJson), '' for nothing.
        if (Status s = exec(u"ALTER TABLE entries ADD COLUMN held_back TEXT NOT NULL DEFAULT ''"_s); !s)
            return fail(s.error());
    }
    if (version.value() != kSchemaVersion) {
        if (Status s = exec(u"PRAGMA user_version = %1"_s.arg(kSchemaVersion)); !s)
            return fail(s.error());
    }
    return exec(u"COMMIT"_s);
}

} // namespace utter
