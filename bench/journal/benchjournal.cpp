// What durability costs on the dictation's critical path: Journal::addChunk() (audio + record, each written
// to a temp file, fsynced, renamed, folder synced) and storeResult(), against plain unsynced QFile writes of the
// same bytes in the same run. Prints p50/p99 and the ratio.
//   benchjournal [DIR] [CHUNKS]     (DIR defaults to a temporary folder — pass one on the disk you care about)
#include "journal/journal.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <unistd.h>
#include <vector>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

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

void print(const char* what, const std::vector<double>& measured, const std::vector<double>& baseline)
{
    const Stats m = stats(measured);
    const Stats b = stats(baseline);
    std::printf("%-28s p50 %8.0fµs  p99 %8.0fµs | plain write p50 %6.0fµs p99 %6.0fµs | ratio %.1fx\n", what, m.p50,
                m.p99, b.p50, b.p99, m.p50 / b.p50);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir tmp(argc > 1 ? QString::fromLocal8Bit(argv[1]) + u"/benchjournal-XXXXXX"_s : QString());
    const int chunks = argc > 2 ? std::max(10, QString::fromLocal8Bit(argv[2]).toInt()) : 200;
    if (!tmp.isValid()) {
        std::fprintf(stderr, "cannot create a temporary folder\n");
        return 1;
    }
    // ~10 s of speech at 24 kbit/s Ogg Opus.
    QByteArray audio(30 * 1024, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(audio.data()), audio.size() / 4);

    Journal journal(tmp.filePath(u"journal"_s));
    if (Status s = journal.open(); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
        return 1;
    }
    SessionMeta meta;
    meta.id = Journal::newSessionId();
    if (Status s = journal.createSession(meta); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
        return 1;
    }

    std::vector<double> add;
    std::vector<double> result;
    std::vector<double> plainAdd;
    std::vector<double> plainResult;
    std::vector<double> syncedAdd;
    QElapsedTimer timer;
    ChunkResult done;
    done.text = u"A typical chunk transcript of about ten seconds of speech, some thirty words or so, give or take "
                "a few, as Whisper returns it."_s;
    done.provider = u"groq"_s;
    done.billedSeconds = 10;
    for (int i = 0; i < chunks; ++i) {
        timer.start();
        if (Status s = journal.addChunk(meta.id, i, audio, 10000, 0.8); !s) {
            std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
            return 1;
        }
        add.push_back(double(timer.nsecsElapsed()) / 1000.0);
        timer.start();
        (void)journal.markUploading(meta.id, i);
        (void)journal.storeResult(meta.id, i, done);
        result.push_back(double(timer.nsecsElapsed()) / 1000.0);

        // Baseline: the same bytes with no temp file, no fsync, no rename.
        const QString base = tmp.filePath(u"plain-%1"_s.arg(i));
        timer.start();
        {
            QFile a(base + u".opus"_s);
            a.open(QIODevice::WriteOnly);
            a.write(audio);
            QFile r(base + u".json"_s);
            r.open(QIODevice::WriteOnly);
            r.write(journal.job(meta.id, i)->toJson());
        }
        plainAdd.push_back(double(timer.nsecsElapsed()) / 1000.0);
        // Second baseline: the least any durable write can cost — the audio written once and fsynced.
        timer.start();
        {
            QFile a(base + u".synced"_s);
            a.open(QIODevice::WriteOnly);
            a.write(audio);
            a.flush();
            ::fsync(a.handle());
        }
        syncedAdd.push_back(double(timer.nsecsElapsed()) / 1000.0);
        timer.start();
        for (int k = 0; k < 2; ++k) {
            QFile r(base + u".json"_s);
            r.open(QIODevice::WriteOnly | QIODevice::Truncate);
            r.write(journal.job(meta.id, i)->toJson());
        }
        plainResult.push_back(double(timer.nsecsElapsed()) / 1000.0);
    }
    std::printf("%d chunks of %lld KB in %s\n", chunks, static_cast<long long>(audio.size() / 1024),
                qPrintable(tmp.path()));
    print("addChunk (durable)", add, plainAdd);
    const Stats one = stats(syncedAdd);
    std::printf("%-28s p50 %8.0fµs  p99 %8.0fµs | addChunk / this: %.1fx\n", "one write + fsync (floor)", one.p50,
                one.p99, stats(add).p50 / one.p50);
    print("markUploading+storeResult", result, plainResult);
    return 0;
}
