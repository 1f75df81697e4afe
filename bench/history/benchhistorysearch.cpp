// History search latency at 100 000 entries: the FTS5 search the UI and `utter history search` use, against a
// LIKE '%q%' scan over the same columns in the same run. Prints p50/p99 per query kind and the ratio.
//   benchhistorysearch [ENTRIES] [ITERATIONS]     (defaults 100000 and 200)
#include "history/historystore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

constexpr int kPage = 50; // what a UI model fetches at once

// A synthetic vocabulary: a few hundred frequent words plus thousands of rarer ones, drawn Zipf-like.
class Corpus
{
public:
    Corpus()
        : m_rng(20261123)
    {
        const QStringList common =
            u"the be to of and a in that have it for not on with he as you do at this but "
            "his by from they we say her she or an will my one all would there their what "
            "so up out if about who get which go me when make can like time no just him "
            "know take people into year your good some could them see other than then now "
            "look only come its over think also back after use two how our work first well "
            "way even new want because any these give day most us meeting tomorrow report "
            "invoice email project deadline customer budget draft review team call"_s.split(u' ');
        m_words = common;
        static const char* syllables[] = {"ka",  "lo",  "mi", "ren", "tor", "va", "shi", "pel", "dun", "bra", "qui",
                                          "zen", "mor", "fa", "gri", "sto", "ne", "lu",  "tra", "co",  "ber", "ix"};
        constexpr int n = int(sizeof(syllables) / sizeof(syllables[0]));
        while (m_words.size() < 8000) {
            QString word;
            const int parts = 2 + int(m_rng.bounded(3));
            for (int i = 0; i < parts; ++i)
                word += QString::fromLatin1(syllables[m_rng.bounded(n)]);
            m_words << word;
        }
    }

    QString word()
    {
        // Zipf-ish: squaring a uniform number favours the front of the list.
        const double u = m_rng.generateDouble();
        return m_words.at(int(u * u * u * double(m_words.size() - 1)));
    }

    QString sentence(int words)
    {
        QStringList out;
        for (int i = 0; i < words; ++i)
            out << word();
        QString text = out.join(u' ');
        text[0] = text[0].toUpper();
        return text + u'.';
    }

    QRandomGenerator& rng() { return m_rng; }
    const QStringList& words() const { return m_words; }

private:
    QRandomGenerator m_rng;
    QStringList m_words;
};

struct Stats
{
    double p50 = 0;
    double p99 = 0;
};

Stats stats(std::vector<double> micros)
{
    std::sort(micros.begin(), micros.end());
    auto at = [&](double q) { return micros.at(std::min(micros.size() - 1, size_t(q * double(micros.size())))); };
    return {at(0.50), at(0.99)};
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int entries = argc > 1 ? std::max(1000, QString::fromLocal8Bit(argv[1]).toInt()) : 100000;
    const int iterations = argc > 2 ? std::max(5, QString::fromLocal8Bit(argv[2]).toInt()) : 200;

    QTemporaryDir dir;
    const QString path = dir.filePath(u"history.sqlite"_s);
    HistoryStore store(path);
    if (Status s = store.open(); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
        return 1;
    }

    Corpus corpus;
    const QStringList apps = u"kate firefox thunderbird slack code konsole libreoffice gedit obsidian signal "
                             "discord chromium emacs vim teams zoom telegram evolution okular dolphin"_s.split(u' ');
    QElapsedTimer timer;
    timer.start();
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-365);
    for (int i = 0; i < entries; ++i) {
        HistoryEntry e;
        e.timestamp = start.addSecs(qint64(i) * 300);
        e.durationSeconds = 3 + corpus.rng().bounded(90);
        e.spokenSeconds = e.durationSeconds * 0.8;
        e.billedSeconds = std::max(10.0, e.durationSeconds);
        e.provider = u"groq"_s;
        e.endpoint = u"https://api.groq.com/openai/v1"_s;
        e.application = apps.at(int(corpus.rng().bounded(int(apps.size()))));
        e.language = u"en"_s;
        e.rawText = corpus.sentence(10 + int(corpus.rng().bounded(60)));
        if (corpus.rng().bounded(3) == 0) {
            e.style = u"formal"_s;
            e.styledText = corpus.sentence(10 + int(corpus.rng().bounded(60)));
        }
        if (i % (entries / 20) == 7)
            e.rawText += u" The zanzibarite sample arrived."_s; // in 20 entries only
        e.sessionId = u"bench-%1"_s.arg(i);
        if (Result<qint64> added = store.add(e); !added) {
            std::fprintf(stderr, "%s\n", qPrintable(added.error().message));
            return 1;
        }
    }
    std::printf("populated %d entries in %.1f s (%.0f µs per add)\n", entries, double(timer.elapsed()) / 1000,
                double(timer.nsecsElapsed()) / 1000.0 / entries);

    // The baseline: what a store without an index would do.
    QSqlDatabase baseline = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"baseline"_s);
    baseline.setDatabaseName(path);
    baseline.open();
    auto likeSearch = [&baseline](const QString& q) {
        QSqlQuery query(baseline);
        query.setForwardOnly(true);
        query.prepare(u"SELECT id, timestamp, raw_text, styled_text, application FROM entries WHERE raw_text LIKE ? "
                      "OR styled_text LIKE ? OR application LIKE ? ORDER BY id DESC LIMIT ?"_s);
        const QString pattern = u'%' + q + u'%';
        query.addBindValue(pattern);
        query.addBindValue(pattern);
        query.addBindValue(pattern);
        query.addBindValue(kPage);
        query.exec();
        int rows = 0;
        while (query.next())
            ++rows;
        return rows;
    };

    const QStringList& words = corpus.words();
    struct Kind
    {
        const char* name;
        QStringList queries;
    };
    const QString rare = words.at(7000);
    const QList<Kind> kinds = {
        {"frequent word", {u"meeting"_s, u"report"_s, u"people"_s}},
        {"mid-frequency word", {words.at(6000), words.at(7000), words.at(7900)}},
        {"rare word (20 hits)", {u"zanzibarite"_s}},
        {"2-letter prefix", {u"in"_s, u"ka"_s, u"zo"_s}},
        {"3-letter prefix", {u"inv"_s, u"tom"_s, u"bra"_s}},
        {"two words", {u"project deadline"_s, u"team " + words.at(5000).left(4)}},
        {"app name", {u"thunderbird"_s, u"obsid"_s}},
        {"no match", {u"xylophone"_s, u"qqqq"_s}},
        {"typing a rare word", {rare.left(1), rare.left(2), rare.left(3), rare.left(4), rare}},
    };

    std::printf("\n%d iterations per kind, first page of %d, newest first\n", iterations, kPage);
    std::printf("%-20s %10s %10s %12s %12s %9s %9s\n", "query kind", "FTS p50", "FTS p99", "LIKE p50", "LIKE p99",
                "p50 ratio", "hits");
    std::vector<double> allFts;
    std::vector<double> allLike;
    for (const Kind& kind : kinds) {
        std::vector<double> fts;
        std::vector<double> like;
        qsizetype hits = 0;
        for (int i = 0; i < iterations; ++i) {
            const QString& q = kind.queries.at(i % kind.queries.size());
            timer.restart();
            const Result<QList<HistoryEntry>> found = store.search(q, kPage);
            fts.push_back(double(timer.nsecsElapsed()) / 1000.0);
            hits += found.ok() ? found.value().size() : 0;
            timer.restart();
            (void)likeSearch(q);
            like.push_back(double(timer.nsecsElapsed()) / 1000.0);
        }
        allFts.insert(allFts.end(), fts.begin(), fts.end());
        allLike.insert(allLike.end(), like.begin(), like.end());
        const Stats f = stats(fts);
        const Stats l = stats(like);
        std::printf("%-20s %8.0fµs %8.0fµs %10.0fµs %10.0fµs %8.1fx %9.1f\n", kind.name, f.p50, f.p99, l.p50, l.p99,
                    l.p50 / f.p50, double(hits) / iterations);
    }
    const Stats f = stats(allFts);
    const Stats l = stats(allLike);
    std::printf("%-20s %8.0fµs %8.0fµs %10.0fµs %10.0fµs %8.1fx\n", "all kinds", f.p50, f.p99, l.p50, l.p99,
                l.p50 / f.p50);
    std::printf("(ratio = LIKE time / FTS time; above 1 means the index is faster)\n");

    // Paging deep into the list, as a UI model does while scrolling: OFFSET against keyset (id < last seen).
    std::vector<double> offsetPages;
    std::vector<double> keysetPages;
    for (int i = 0; i < iterations; ++i) {
        const int offset = (i * 997) % entries;
        timer.restart();
        (void)store.list(kPage, offset);
        offsetPages.push_back(double(timer.nsecsElapsed()) / 1000.0);
        timer.restart();
        (void)store.listBefore(qint64(entries) - offset + 1, kPage);
        keysetPages.push_back(double(timer.nsecsElapsed()) / 1000.0);
    }
    const Stats o = stats(offsetPages);
    const Stats k = stats(keysetPages);
    std::printf("\npage of %d at random depths: listBefore (keyset) p50 %.0fµs p99 %.0fµs | list (OFFSET) p50 %.0fµs "
                "p99 %.0fµs | ratio %.1fx\n",
                kPage, k.p50, k.p99, o.p50, o.p99, o.p50 / k.p50);
    baseline.close();
    baseline = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"baseline"_s);
    return 0;
}
