#include "history/ftsquery.h"
#include "history/historystore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

HistoryEntry entry(const QString& raw, const QString& styled = {}, const QString& app = u"kate"_s)
{
    HistoryEntry e;
    e.timestamp = QDateTime::currentDateTimeUtc();
    e.durationSeconds = 12.5;
    e.spokenSeconds = 9.25;
    e.billedSeconds = 12;
    e.provider = u"groq"_s;
    e.endpoint = u"https://api.groq.com/openai/v1"_s;
    e.style = styled.isEmpty() ? QString() : u"formal"_s;
    e.application = app;
    e.language = u"en"_s;
    e.rawText = raw;
    e.styledText = styled;
    return e;
}

QStringList texts(const Result<QList<HistoryEntry>>& entries)
{
    QStringList result;
    if (!entries.ok()) {
        result << u"ERROR: "_s + entries.error().message;
        return result;
    }
    for (const HistoryEntry& e : entries.value())
        result << e.rawText;
    return result;
}

} // namespace

class TestHistoryStore final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        m_db = m_tmp->filePath(u"data/history.sqlite"_s);
        m_archive = m_tmp->filePath(u"data/audio"_s);
    }

    void crud()
    {
        HistoryStore store(m_db, m_archive);
        QVERIFY(store.open().ok());
        QCOMPARE(store.schemaVersion().value(), HistoryStore::kSchemaVersion);
        QVERIFY(!store.latest().value().has_value());

        HistoryEntry first = entry(u"first dictation"_s);
        first.timestamp = QDateTime(QDate(2026, 11, 23), QTime(9, 30, 0, 123), Qt::UTC);
        first.sessionId = u"20261123T093000Z-0001"_s;
        const Result<qint64> id1 = store.add(first);
        QVERIFY(id1.ok());
        const Result<qint64> id2 = store.add(entry(u"second"_s, u"Second."_s, u"slack"_s));
        QVERIFY(id2.ok());
        QVERIFY(id2.value() > id1.value());

        const HistoryEntry got = store.get(id1.value()).value();
        QCOMPARE(got.timestamp, first.timestamp);
        QCOMPARE(got.durationSeconds, 12.5);
        QCOMPARE(got.spokenSeconds, 9.25);
        QCOMPARE(got.billedSeconds, 12.0);
        QCOMPARE(got.provider, u"groq"_s);
        QCOMPARE(got.endpoint, u"https://api.groq.com/openai/v1"_s);
        QCOMPARE(got.language, u"en"_s);
        QCOMPARE(got.application, u"kate"_s);
        QCOMPARE(got.sessionId, first.sessionId);
        QVERIFY(got.styledText.isEmpty());
        QCOMPARE(got.text(), u"first dictation"_s);

        // The same session delivered twice (resume after a crash) is stored once.
        QCOMPARE(store.add(first).value(), id1.value());
        QCOMPARE(store.count().value(), 2);

        QCOMPARE(store.latest().value()->text(), u"Second."_s);
        QCOMPARE(texts(store.list(10)), QStringList({u"second"_s, u"first dictation"_s}));
        QCOMPARE(texts(store.list(1, 1)), QStringList({u"first dictation"_s}));

        QVERIFY(store.setStyledText(id1.value(), u"First dictation."_s).ok());
        QCOMPARE(texts(store.search(u"First dictation."_s, 10)), QStringList({u"first dictation"_s}));

        QVERIFY(store.remove(id2.value()).ok());
        QCOMPARE(store.get(id2.value()).error().code, ErrorCode::NotFound);
        QCOMPARE(store.remove(id2.value()).error().code, ErrorCode::NotFound);
        QVERIFY(texts(store.search(u"second"_s, 10)).isEmpty()); // gone from the index too
        QCOMPARE(store.count().value(), 1);
    }

    void ftsExpressions()
    {
        QCOMPARE(ftsMatchExpression(u"meet tom"_s), u"\"meet\"* \"tom\"*"_s);
        QCOMPARE(ftsMatchExpression(u"  say \"hi\"  "_s), u"\"say\"* \"\"\"hi\"\"\"*"_s);
        QCOMPARE(ftsMatchExpression(u"* - \" ()"_s), QString());
        QCOMPARE(ftsMatchExpression(u"NOT OR"_s), u"\"NOT\"* \"OR\"*"_s);
        // A NUL (possible in an IPC client's JSON) would end the FTS5 query in the middle of a phrase.
        QCOMPARE(ftsMatchExpression(u"meet"_s + QChar(0) + u"tom\u0007"_s), u"\"meet\"* \"tom\"*"_s);
        QCOMPARE(likeContainsPattern(u"50%_off\\"_s), u"%50\\%\\_off\\\\%"_s);
    }

    void searchPrefixAndOddInput()
    {
        HistoryStore store(m_db, m_archive);
        QVERIFY(store.open().ok());
        QVERIFY(store.add(entry(u"Let's meet tomorrow at the café"_s)).ok());
        QVERIFY(store.add(entry(u"The quarterly report is due"_s, u"The quarterly report is due."_s, u"thunderbird"_s))
                    .ok());
        QVERIFY(store.add(entry(u"e-mail the \"draft\" to Jörg"_s)).ok());
        QVERIFY(store.add(entry(u"Ship it NOT later, use C++ and 50% off"_s)).ok());
        QVERIFY(store.add(entry(u"日本語のテキスト です"_s)).ok());
        QVERIFY(store.add(entry(u"Nothing to see here"_s, u"Styled: meeting notes"_s)).ok());

        // Search-as-you-type: every word is a prefix.
        QCOMPARE(texts(store.search(u"tom"_s, 10)), QStringList({u"Let's meet tomorrow at the café"_s}));
        QCOMPARE(texts(store.search(u"mee"_s, 10)),
                 QStringList({u"Nothing to see here"_s, u"Let's meet tomorrow at the café"_s}));
        QCOMPARE(texts(store.search(u"meet tom"_s, 10)), QStringList({u"Let's meet tomorrow at the café"_s}));
        // Diacritics fold both ways, case does not matter.
        QCOMPARE(texts(store.search(u"CAFE"_s, 10)), QStringList({u"Let's meet tomorrow at the café"_s}));
        QCOMPARE(texts(store.search(u"jorg"_s, 10)), QStringList({u"e-mail the \"draft\" to Jörg"_s}));
        // The application name is searchable.
        QCOMPARE(texts(store.search(u"thunder"_s, 10)), QStringList({u"The quarterly report is due"_s}));
        // Quotes, stars, minus signs and FTS keywords are text, never syntax.
        QCOMPARE(texts(store.search(u"\"draft"_s, 10)), QStringList({u"e-mail the \"draft\" to Jörg"_s}));
        QCOMPARE(texts(store.search(u"e-mail"_s, 10)), QStringList({u"e-mail the \"draft\" to Jörg"_s}));
        QCOMPARE(texts(store.search(u"-mail"_s, 10)), QStringList({u"e-mail the \"draft\" to Jörg"_s}));
        QCOMPARE(texts(store.search(u"repo*"_s, 10)), QStringList({u"The quarterly report is due"_s}));
        QCOMPARE(texts(store.search(u"NOT later"_s, 10)), QStringList({u"Ship it NOT later, use C++ and 50% off"_s}));
        QCOMPARE(texts(store.search(u"ship OR"_s, 10)), QStringList());
        QCOMPARE(texts(store.search(u"(ship"_s, 10)), QStringList({u"Ship it NOT later, use C++ and 50% off"_s}));
        QCOMPARE(texts(store.search(u"ship:"_s, 10)), QStringList({u"Ship it NOT later, use C++ and 50% off"_s}));
        QCOMPARE(texts(store.search(u"日本語"_s, 10)), QStringList({u"日本語のテキスト です"_s}));
        // Nothing searchable in the input: a literal substring match, wildcards escaped.
        QCOMPARE(texts(store.search(u"++"_s, 10)), QStringList({u"Ship it NOT later, use C++ and 50% off"_s}));
        QCOMPARE(texts(store.search(u"%"_s, 10)), QStringList({u"Ship it NOT later, use C++ and 50% off"_s}));
        QCOMPARE(texts(store.search(u"_"_s, 10)), QStringList());
        QCOMPARE(texts(store.search(u"\""_s, 10)), QStringList({u"e-mail the \"draft\" to Jörg"_s}));
        QCOMPARE(texts(store.search(u"*"_s, 10)), QStringList());
        // Paging.
        QCOMPARE(texts(store.search(u"t"_s, 2)).size(), 2);
        QCOMPARE(texts(store.search(u"mee"_s, 1, 1)), QStringList({u"Let's meet tomorrow at the café"_s}));
        // An empty query lists everything.
        QCOMPARE(texts(store.search(u"  "_s, 100)).size(), 6);
    }

    void keysetPaging()
    {
        HistoryStore store(m_db, m_archive);
        QVERIFY(store.open().ok());
        for (int i = 1; i <= 25; ++i)
            QVERIFY(store.add(entry(i % 2 ? u"odd note %1"_s.arg(i) : u"even memo %1"_s.arg(i))).ok());
        QList<qint64> seen;
        qint64 before = 0;
        QList<int> pageSizes;
        for (;;) {
            const QList<HistoryEntry> page = store.listBefore(before, 10).value();
            pageSizes << int(page.size());
            if (page.isEmpty())
                break;
            for (const HistoryEntry& e : page)
                seen << e.id;
            before = page.last().id;
        }
        QCOMPARE(pageSizes, QList<int>({10, 10, 5, 0}));
        QCOMPARE(seen.size(), 25);
        QVERIFY(std::is_sorted(seen.crbegin(), seen.crend())); // strictly newest first, no gaps or repeats
        QCOMPARE(QSet<qint64>(seen.cbegin(), seen.cend()).size(), 25);

        const QList<HistoryEntry> first = store.searchBefore(u"note"_s, 0, 5).value();
        QCOMPARE(first.size(), 5);
        QCOMPARE(first.first().rawText, u"odd note 25"_s);
        const QList<HistoryEntry> second = store.searchBefore(u"note"_s, first.last().id, 10).value();
        QCOMPARE(second.size(), 8); // 13 odd entries in all
        QCOMPARE(second.last().rawText, u"odd note 1"_s);
        QCOMPARE(store.searchBefore(u"%"_s, 0, 10).value().size(), 0);
    }

    void retention()
    {
        HistoryStore store(m_db, m_archive);
        QVERIFY(store.open().ok());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<qint64> ids;
        for (int age : {40, 20, 5, 1}) {
            HistoryEntry e = entry(u"%1 days old"_s.arg(age));
            e.timestamp = now.addDays(-age);
            e.sessionId = u"s%1"_s.arg(age);
            e.audioPath = m_archive + u'/' + e.sessionId;
            QVERIFY(QDir().mkpath(e.audioPath));
            QFile chunk(e.audioPath + u"/chunk-000001.opus"_s);
            QVERIFY(chunk.open(QIODevice::WriteOnly));
            ids << store.add(e).value();
        }
        // Audio outside the archive is never deleted, whatever the database says.
        QTemporaryDir outside;
        HistoryEntry foreign = entry(u"foreign audio"_s);
        foreign.timestamp = now.addDays(-100);
        foreign.audioPath = outside.path();
        QVERIFY(store.add(foreign).ok());

        RetentionPolicy policy;
        QCOMPARE(store.applyRetention(policy, now).value().entriesRemoved, 0);

        policy.mode = RetentionPolicy::Mode::Days;
        policy.value = 30;
        RetentionReport report = store.applyRetention(policy, now).value();
        QCOMPARE(report.entriesRemoved, 2); // 40 days and the foreign one
        QCOMPARE(report.audioRemoved, 1);
        QVERIFY(!QFile::exists(m_archive + u"/s40"_s));
        QVERIFY(QFile::exists(outside.path()));
        QVERIFY(QFile::exists(m_archive + u"/s20"_s));

        policy.mode = RetentionPolicy::Mode::Entries;
        policy.value = 2;
        report = store.applyRetention(policy, now).value();
        QCOMPARE(report.entriesRemoved, 1);
        QCOMPARE(texts(store.list(10)), QStringList({u"1 days old"_s, u"5 days old"_s}));
        QVERIFY(!QFile::exists(m_archive + u"/s20"_s));

        policy.mode = RetentionPolicy::Mode::All;
        policy.keepAudio = false;
        report = store.applyRetention(policy, now).value();
        QCOMPARE(report.entriesRemoved, 0);
        QCOMPARE(report.audioRemoved, 2);
        QVERIFY(store.latest().value()->audioPath.isEmpty());
        QVERIFY(!QFile::exists(m_archive + u"/s1"_s));

        policy.mode = RetentionPolicy::Mode::None;
        QCOMPARE(store.applyRetention(policy, now).value().entriesRemoved, 2);
        QCOMPARE(store.count().value(), 0);
        QVERIFY(texts(store.search(u"days"_s, 10)).isEmpty());

        QCOMPARE(RetentionPolicy::modeFromName(u"entries"_s), RetentionPolicy::Mode::Entries);
        QCOMPARE(RetentionPolicy::modeFromName(u"bogus"_s), RetentionPolicy::Mode::All);
    }

    void audioArchive()
    {
        QTemporaryDir journal;
        QStringList files;
        for (int i = 1; i <= 2; ++i) {
            files << journal.filePath(u"chunk-00000%1.opus"_s.arg(i));
            QFile f(files.last());
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("OggS");
        }
        AudioArchive archive(m_archive);
        QVERIFY(archive.moveIn(u"s1"_s, files).ok());
        QVERIFY(!QFile::exists(files.first()));
        QVERIFY(QFile::exists(archive.sessionPath(u"s1"_s) + u"/chunk-000002.opus"_s));
        QVERIFY(archive.moveIn(u"s1"_s, files).ok()); // repeating after a crash is harmless
        QVERIFY(archive.contains(archive.sessionPath(u"s1"_s)));
        QVERIFY(!archive.contains(m_archive + u"/../history.sqlite"_s));
        QVERIFY(!archive.contains(m_archive));
        QCOMPARE(archive.remove(journal.path()).error().code, ErrorCode::InvalidArgument);

        // Deleting an entry deletes its audio.
        HistoryStore store(m_db, m_archive);
        QVERIFY(store.open().ok());
        HistoryEntry e = entry(u"with audio"_s);
        e.audioPath = archive.sessionPath(u"s1"_s);
        const qint64 id = store.add(e).value();
        QVERIFY(store.remove(id).ok());
        QVERIFY(!QFile::exists(archive.sessionPath(u"s1"_s)));
    }

    // The GUI and the daemon open the same database at the same time.
    void twoConnectionsAtOnce()
    {
        HistoryStore daemon(m_db, m_archive);
        HistoryStore gui(m_db, m_archive);
        QVERIFY(daemon.open().ok());
        QVERIFY(gui.open().ok());
        for (int i = 0; i < 50; ++i) {
            QVERIFY(daemon.add(entry(u"from daemon %1"_s.arg(i))).ok());
            QVERIFY(gui.add(entry(u"from gui %1"_s.arg(i))).ok());
            QCOMPARE(gui.latest().value()->rawText, u"from gui %1"_s.arg(i));
            QCOMPARE(daemon.list(2).value().size(), 2);
        }
        QCOMPARE(gui.count().value(), 100);
        QCOMPARE(daemon.search(u"daemon"_s, 1000).value().size(), 50);

        // A reader in the middle of a write transaction of the other connection still reads (WAL).
        QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw-writer"_s);
        raw.setDatabaseName(m_db);
        QVERIFY(raw.open());
        {
            QSqlQuery q(raw);
            QVERIFY(q.exec(u"PRAGMA journal_mode"_s) && q.next());
            QCOMPARE(q.value(0).toString(), u"wal"_s);
            QVERIFY(q.exec(u"BEGIN IMMEDIATE"_s));
            QVERIFY(q.exec(u"DELETE FROM entries"_s));
            QCOMPARE(gui.count().value(), 100); // sees the last committed state, is not blocked
            QVERIFY(q.exec(u"ROLLBACK"_s));
        }
        raw.close();
        raw = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"raw-writer"_s);

        // A third store opening an existing database finds the schema in place.
        HistoryStore third(m_db, m_archive);
        QVERIFY(third.open().ok());
        QCOMPARE(third.count().value(), 100);
    }

    void unusableDatabaseGivesAClearError()
    {
        QVERIFY(QDir().mkpath(QFileInfo(m_db).absolutePath()));
        QFile garbage(m_db);
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(8192, 'x'));
        garbage.close();
        HistoryStore store(m_db, m_archive);
        const Status opened = store.open();
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, ErrorCode::Corrupt);
        QVERIFY2(opened.error().message.contains(u"move"_s), qPrintable(opened.error().message));
        QCOMPARE(store.list(10).error().message, u"The history is not open."_s);

        // A database from a newer Utter is refused, not damaged.
        QVERIFY(QFile::remove(m_db));
        {
            HistoryStore fresh(m_db, m_archive);
            QVERIFY(fresh.open().ok());
        }
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw-version"_s);
            raw.setDatabaseName(m_db);
            QVERIFY(raw.open());
            QSqlQuery(raw).exec(u"PRAGMA user_version = 99"_s);
            raw.close();
        }
        QSqlDatabase::removeDatabase(u"raw-version"_s);
        HistoryStore newer(m_db, m_archive);
        const Status refused = newer.open();
        QCOMPARE(refused.error().code, ErrorCode::Unsupported);
        QVERIFY(refused.error().message.contains(u"newer Utter"_s));
    }

    // A history written by the previous Utter (schema 1, frozen here as it shipped) opens as schema 2: its
    // entries are kept, searchable, with nothing held back, and new entries keep what was held back.
    void migratesSchema1ToHeldBack()
    {
        QVERIFY(QDir().mkpath(QFileInfo(m_db).absolutePath()));
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw-v1"_s);
            raw.setDatabaseName(m_db);
            QVERIFY(raw.open());
            const char* const v1[] = {
                "CREATE TABLE entries (id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp INTEGER NOT NULL,"
                " duration REAL NOT NULL DEFAULT 0, spoken_seconds REAL NOT NULL DEFAULT 0,"
                " billed_seconds REAL NOT NULL DEFAULT 0, provider TEXT NOT NULL DEFAULT '',"
                " endpoint TEXT NOT NULL DEFAULT '', style TEXT NOT NULL DEFAULT '',"
                " application TEXT NOT NULL DEFAULT '', language TEXT NOT NULL DEFAULT '',"
                " raw_text TEXT NOT NULL DEFAULT '', styled_text TEXT NOT NULL DEFAULT '',"
                " audio_path TEXT NOT NULL DEFAULT '', session_id TEXT NOT NULL DEFAULT '')",
                "CREATE INDEX entries_timestamp ON entries(timestamp)",
                "CREATE INDEX entries_session ON entries(session_id) WHERE session_id <> ''",
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
                "INSERT INTO entries (timestamp, raw_text, application, session_id)"
                " VALUES (1795000000000, 'an old dictation', 'kate', 'old-session')",
                "PRAGMA user_version = 1",
            };
            for (const char* statement : v1) {
                QSqlQuery q(raw);
                QVERIFY2(q.exec(QString::fromLatin1(statement)), statement);
            }
            raw.close();
        }
        QSqlDatabase::removeDatabase(u"raw-v1"_s);

        HistoryStore store(m_db, m_archive);
        QVERIFY(store.open().ok());
        QCOMPARE(store.schemaVersion().value(), 2);
        const Result<QList<HistoryEntry>> old = store.search(u"old"_s, 10);
        QCOMPARE(texts(old), QStringList{u"an old dictation"_s});
        QVERIFY(old.value().first().heldBack.isEmpty());
        QCOMPARE(old.value().first().toJson().value(u"heldBack"_s).toArray().size(), 0);

        HistoryEntry held = entry(QString());
        held.sessionId = u"held-back-only"_s;
        HeldBack sound;
        sound.kind = HeldBack::Kind::NotUploaded;
        sound.reason = HeldBack::Reason::NoVoice;
        sound.startS = 0.5;
        sound.endS = 4.25;
        sound.speechEvidence = 0.03;
        HeldBack phantom;
        phantom.reason = HeldBack::Reason::WhisperNoSpeech;
        phantom.noSpeechProb = 0.9;
        phantom.text = u"Thank you."_s;
        held.heldBack = {sound, phantom};
        const Result<qint64> id = store.add(held);
        QVERIFY(id.ok());
        const HistoryEntry back = store.get(id.value()).value();
        QCOMPARE(back.heldBack.size(), 2);
        QCOMPARE(back.heldBack[0].kind, HeldBack::Kind::NotUploaded);
        QCOMPARE(back.heldBack[0].endS, 4.25);
        QCOMPARE(back.heldBack[0].speechEvidence, 0.03);
        QCOMPARE(back.heldBack[1].describe(), u"Whisper: no speech (p=0.90)"_s);
        QCOMPARE(back.heldBack[1].text, u"Thank you."_s);
        // Reopening a schema-2 database changes nothing.
        HistoryStore again(m_db, m_archive);
        QVERIFY(again.open().ok());
        QCOMPARE(again.count().value(), 2);
    }

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_db;
    QString m_archive;
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "testhistorystore.moc"
