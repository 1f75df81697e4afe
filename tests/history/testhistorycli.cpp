// `utter history` and `utter last` end to end: a real database in a private home, the real binary via QProcess.
#include "history/historystore.h"
#include "testenv.h"
#include "utterprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using namespace utter::test;

class TestHistoryCli final : public QObject
{
    Q_OBJECT

private:
    QString database() const { return m_home.dataDir() + u"/history.sqlite"_s; }

    void addEntries()
    {
        HistoryStore store(database(), m_home.dataDir() + u"/audio"_s);
        QVERIFY(store.open().ok());
        for (int i = 1; i <= 25; ++i) {
            HistoryEntry e;
            e.timestamp = QDateTime(QDate(2026, 11, 1), QTime(8, 0), Qt::UTC).addSecs(i * 3600);
            e.durationSeconds = i * 5;
            e.application = i % 2 ? u"kate"_s : u"firefox"_s;
            e.rawText = u"note number %1 about invoices"_s.arg(i);
            e.sessionId = u"s%1"_s.arg(i);
            QVERIFY(store.add(e).ok());
        }
        HistoryEntry styled;
        styled.timestamp = QDateTime(QDate(2026, 11, 3), QTime(9, 0), Qt::UTC);
        styled.durationSeconds = 75;
        styled.application = u"thunderbird"_s;
        styled.style = u"email"_s;
        styled.rawText = u"hi tom the \"draft\" is ready"_s;
        styled.styledText = u"Hi Tom,\nthe draft is ready."_s;
        QVERIFY(store.add(styled).ok());
    }

private slots:
    void emptyHistory()
    {
        QVERIFY(m_home.isValid());
        const UtterRun last = runUtter({u"last"_s}, m_home.environment());
        QCOMPARE(last.exitCode, 5);
        QVERIFY(last.out.isEmpty());
        QVERIFY2(last.errText().contains(u"history is empty"_s), last.err.constData());
        const UtterRun list = runUtter({u"history"_s}, m_home.environment());
        QCOMPARE(list.exitCode, 5);
        QVERIFY(list.errText().contains(u"history is empty"_s));
        const UtterRun json = runUtter({u"history"_s, u"--json"_s}, m_home.environment());
        QCOMPARE(json.exitCode, 5);
        QCOMPARE(QJsonDocument::fromJson(json.out).array().size(), 0);
    }

    void lastPrintsTheNewest()
    {
        addEntries();
        UtterRun last = runUtter({u"last"_s}, m_home.environment());
        QCOMPARE(last.exitCode, 0);
        QCOMPARE(last.outText(), u"Hi Tom,\nthe draft is ready.\n"_s);
        last = runUtter({u"last"_s, u"--raw"_s}, m_home.environment());
        QCOMPARE(last.exitCode, 0);
        QCOMPARE(last.outText(), u"hi tom the \"draft\" is ready\n"_s);
        last = runUtter({u"last"_s, u"--json"_s}, m_home.environment());
        QCOMPARE(QJsonDocument::fromJson(last.out).object().value(u"style"_s).toString(), u"email"_s);
        QCOMPARE(runUtter({u"last"_s, u"extra"_s}, m_home.environment()).exitCode, 2);
    }

    void listAndSearch()
    {
        UtterRun list = runUtter({u"history"_s}, m_home.environment());
        QCOMPARE(list.exitCode, 0);
        QStringList lines = list.outText().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 20); // default limit
        QVERIFY2(lines.first().contains(u"thunderbird"_s) && lines.first().contains(u"email"_s) &&
                     lines.first().contains(u"1m15s"_s) && lines.first().contains(u"Hi Tom,"_s) &&
                     !lines.first().contains(u"the draft"_s), // first line only
                 qPrintable(lines.first()));
        QVERIFY(lines.at(1).contains(u"note number 25 about invoices"_s));
        QVERIFY(lines.at(1).contains(
            QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC).toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)));

        list = runUtter({u"history"_s, u"--limit"_s, u"3"_s}, m_home.environment());
        QCOMPARE(list.outText().split(u'\n', Qt::SkipEmptyParts).size(), 3);
        list = runUtter({u"history"_s, u"--limit"_s, u"0"_s}, m_home.environment());
        QCOMPARE(list.outText().split(u'\n', Qt::SkipEmptyParts).size(), 26);

        UtterRun search = runUtter({u"history"_s, u"search"_s, u"number"_s, u"2"_s}, m_home.environment());
        QCOMPARE(search.exitCode, 0);
        lines = search.outText().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 7); // 2, 20..25
        QVERIFY(lines.first().contains(u"number 25"_s));

        search = runUtter({u"history"_s, u"search"_s, u"\"draft"_s, u"--json"_s}, m_home.environment());
        QCOMPARE(search.exitCode, 0);
        const QJsonArray array = QJsonDocument::fromJson(search.out).array();
        QCOMPARE(array.size(), 1);
        QCOMPARE(array.first().toObject().value(u"application"_s).toString(), u"thunderbird"_s);

        search = runUtter({u"history"_s, u"search"_s, u"zebra"_s}, m_home.environment());
        QCOMPARE(search.exitCode, 5);
        QVERIFY(search.errText().contains(u"No dictation matches \"zebra\""_s));

        QCOMPARE(runUtter({u"history"_s, u"search"_s}, m_home.environment()).exitCode, 2);
        QCOMPARE(runUtter({u"history"_s, u"--limit"_s, u"many"_s}, m_home.environment()).exitCode, 2);
        const UtterRun typo = runUtter({u"history"_s, u"invoices"_s}, m_home.environment());
        QCOMPARE(typo.exitCode, 2);
        QVERIFY(typo.errText().contains(u"utter history search invoices"_s));
    }

    void exportFormats()
    {
        const QString csvPath = m_home.path() + u"/out.csv"_s;
        UtterRun run = runUtter({u"history"_s, u"export"_s, u"--format"_s, u"csv"_s, u"--output"_s, csvPath},
                                m_home.environment());
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.errText().contains(u"Exported 26 dictations"_s));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray content = csv.readAll();
        QCOMPARE(content.count("\r\n"), 26 + 1); // header + rows; the dictated line break stays a bare LF inside quotes
        QVERIFY(content.contains("\"Hi Tom,\nthe draft is ready.\""));

        run = runUtter({u"history"_s, u"export"_s}, m_home.environment());
        QCOMPARE(run.exitCode, 0);
        const QJsonArray all = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(all.size(), 26);
        QCOMPARE(all.first().toObject().value(u"sessionId"_s).toString(), u"s1"_s); // oldest first

        run = runUtter({u"history"_s, u"export"_s, u"--format"_s, u"md"_s}, m_home.environment());
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.outText().startsWith(u"# Utter history"_s));
        QCOMPARE(run.outText().count(u"\n## "_s), 26);

        run = runUtter({u"history"_s, u"export"_s, u"--format"_s, u"xml"_s}, m_home.environment());
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.errText().contains(u"use json, csv or md"_s));
        // An unwritable target: a clear error, no partial file.
        run = runUtter({u"history"_s, u"export"_s, u"--output"_s, m_home.path() + u"/missing/dir/x.json"_s},
                       m_home.environment());
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.errText().contains(u"cannot write"_s));
    }

    void deleteEntry()
    {
        UtterRun run = runUtter({u"history"_s, u"delete"_s, u"26"_s}, m_home.environment());
        QCOMPARE(run.exitCode, 0);
        run = runUtter({u"last"_s}, m_home.environment());
        QCOMPARE(run.outText(), u"note number 25 about invoices\n"_s);
        QCOMPARE(runUtter({u"history"_s, u"delete"_s, u"26"_s}, m_home.environment()).exitCode, 5);
        QCOMPARE(runUtter({u"history"_s, u"delete"_s, u"x"_s}, m_home.environment()).exitCode, 2);
    }

private:
    TestHome m_home;
};

QTEST_GUILESS_MAIN(TestHistoryCli)
#include "testhistorycli.moc"
