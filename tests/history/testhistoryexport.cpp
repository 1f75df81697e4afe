#include "history/historyexport.h"
#include "history/historystore.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

// A strict RFC 4180 reader, independent of the writer under test.
QList<QStringList> parseCsv(const QString& text, bool* ok)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool wasQuoted = false;
    *ok = true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == u'"') {
            if (!field.isEmpty() || wasQuoted)
                *ok = false; // a quote in the middle of an unquoted field
            quoted = wasQuoted = true;
        } else if (c == u',') {
            row << field;
            field.clear();
            wasQuoted = false;
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            row << field;
            rows << row;
            row.clear();
            field.clear();
            wasQuoted = false;
            ++i;
        } else if (c == u'\n' || c == u'\r') {
            *ok = false; // bare line break outside quotes
        } else {
            field += c;
        }
    }
    if (quoted || !field.isEmpty() || !row.isEmpty())
        *ok = false; // the last record must end with CRLF
    return rows;
}

} // namespace

class TestHistoryExport final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_store = std::make_unique<HistoryStore>(m_tmp.filePath(u"history.sqlite"_s));
        QVERIFY(m_store->open().ok());
        HistoryEntry a;
        a.timestamp = QDateTime(QDate(2026, 11, 20), QTime(8, 0), Qt::UTC);
        a.durationSeconds = 3.5;
        a.application = u"kate"_s;
        a.rawText = u"plain words"_s;
        a.sessionId = u"s-a"_s;
        HistoryEntry b;
        b.timestamp = QDateTime(QDate(2026, 11, 21), QTime(9, 15), Qt::UTC);
        b.durationSeconds = 61;
        b.billedSeconds = 61;
        b.style = u"email"_s;
        b.application = u"thunder,bird"_s;
        b.rawText = u"He said \"hi\", then\nleft; café ☕"_s;
        b.styledText = u"# Not a heading\n1. not a list *really* <b>x</b>\r\nend"_s;
        QVERIFY(m_store->add(a).ok());
        QVERIFY(m_store->add(b).ok());
        m_entries = {a, b};
    }

    void formatNames()
    {
        QCOMPARE(exportFormatFromName(u"JSON"_s), ExportFormat::Json);
        QCOMPARE(exportFormatFromName(u"csv"_s), ExportFormat::Csv);
        QCOMPARE(exportFormatFromName(u"md"_s), ExportFormat::Markdown);
        QCOMPARE(exportFormatFromName(u"markdown"_s), ExportFormat::Markdown);
        QVERIFY(!exportFormatFromName(u"xml"_s));
    }

    void json()
    {
        QBuffer out;
        QVERIFY(out.open(QIODevice::WriteOnly));
        QVERIFY(exportHistory(*m_store, out, ExportFormat::Json).ok());
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(out.data(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray array = doc.array();
        QCOMPARE(array.size(), 2);
        // Oldest first, every field present.
        QCOMPARE(array.at(0).toObject().value(u"rawText"_s).toString(), u"plain words"_s);
        const QJsonObject b = array.at(1).toObject();
        QCOMPARE(b.value(u"rawText"_s).toString(), m_entries.at(1).rawText);
        QCOMPARE(b.value(u"styledText"_s).toString(), m_entries.at(1).styledText);
        QCOMPARE(b.value(u"text"_s).toString(), m_entries.at(1).styledText);
        QCOMPARE(b.value(u"timestamp"_s).toString(), u"2026-11-21T09:15:00.000Z"_s);
        QCOMPARE(b.value(u"billedSeconds"_s).toDouble(), 61.0);
        for (const QString& key : {u"id"_s, u"duration"_s, u"spokenSeconds"_s, u"provider"_s, u"endpoint"_s, u"style"_s,
                                   u"application"_s, u"language"_s, u"audioPath"_s, u"sessionId"_s})
            QVERIFY2(b.contains(key), qPrintable(key));

        // An empty history is an empty array.
        QTemporaryDir tmp;
        HistoryStore empty(tmp.filePath(u"h.sqlite"_s));
        QVERIFY(empty.open().ok());
        QBuffer none;
        QVERIFY(none.open(QIODevice::WriteOnly));
        QVERIFY(exportHistory(empty, none, ExportFormat::Json).ok());
        QCOMPARE(QJsonDocument::fromJson(none.data()).array().size(), 0);
    }

    void csv()
    {
        QBuffer out;
        QVERIFY(out.open(QIODevice::WriteOnly));
        QVERIFY(exportHistory(*m_store, out, ExportFormat::Csv).ok());
        bool ok = false;
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(out.data()), &ok);
        QVERIFY2(ok, out.data().constData());
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).first(), u"id"_s);
        for (const QStringList& row : rows)
            QCOMPARE(row.size(), 14);
        const int raw = int(rows.at(0).indexOf(u"raw_text"_s));
        const int styled = int(rows.at(0).indexOf(u"styled_text"_s));
        const int app = int(rows.at(0).indexOf(u"application"_s));
        QCOMPARE(rows.at(2).at(raw), m_entries.at(1).rawText);
        QCOMPARE(rows.at(2).at(styled), m_entries.at(1).styledText);
        QCOMPARE(rows.at(2).at(app), u"thunder,bird"_s);
        QCOMPARE(rows.at(1).at(raw), u"plain words"_s);
        QCOMPARE(rows.at(2).at(1), u"2026-11-21T09:15:00.000Z"_s);
        QCOMPARE(rows.at(2).at(2), u"61.00"_s);
        QCOMPARE(HistoryExporter::csvField(u"a\"b"_s), u"\"a\"\"b\""_s);
        QCOMPARE(HistoryExporter::csvField(u"simple"_s), u"simple"_s);
    }

    void markdown()
    {
        QBuffer out;
        QVERIFY(out.open(QIODevice::WriteOnly));
        QVERIFY(exportHistory(*m_store, out, ExportFormat::Markdown).ok());
        const QString md = QString::fromUtf8(out.data());
        QVERIFY(md.startsWith(u"# Utter history\n"_s));
        QCOMPARE(md.count(u"\n## "_s), 2);
        QVERIFY(md.contains(u"kate"_s));
        QVERIFY(md.contains(u"style email"_s));
        // Dictated text never becomes markup: no extra headings, lists, emphasis or HTML.
        QVERIFY(md.contains(u"\\# Not a heading"_s));
        QVERIFY(md.contains(u"1\\. not a list \\*really\\* \\<b\\>x\\</b\\>"_s));
        QVERIFY(!md.contains(u"\n# Not"_s));
        // The raw transcript is kept when a style changed it.
        QVERIFY(md.contains(u"<details><summary>Raw transcript</summary>"_s));
        QVERIFY(md.contains(u"café ☕"_s));
    }

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<HistoryStore> m_store;
    QList<HistoryEntry> m_entries;
};

QTEST_GUILESS_MAIN(TestHistoryExport)
#include "testhistoryexport.moc"
