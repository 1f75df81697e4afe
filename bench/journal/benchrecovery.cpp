// What journal recovery costs the main thread at start-up (issue 13): a journal as a crash with many sessions leaves
// it (tests/journal/crashedjournal.h: 200 sessions by default, truncated Ogg files of the chunk being spoken,
// torn records, cut-off uploads, temp files), recovered the old way — Journal::open() on the main thread, which is
// what DictationService::start() did — and the new way — Journal::openInBackground(), the scan on its own thread.
// For the new way the main thread's cost is the call itself plus the main thread's CPU time until the recovered
// sessions are in (the hand-over runs there). Each round recovers a fresh copy; prints medians and the ratio.
//   benchrecovery [DIR] [SESSIONS] [ROUNDS]   (DIR defaults to a temporary folder)
#include "crashedjournal.h"
#include "journal/journal.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"utter.*=false"_s); // every repair is logged: not what is measured
    QTemporaryDir tmp(argc > 1 ? QString::fromLocal8Bit(argv[1]) + u"/benchrecovery-XXXXXX"_s : QString());
    const int sessions = argc > 2 ? std::max(1, QString::fromLocal8Bit(argv[2]).toInt()) : 200;
    const int rounds = argc > 3 ? std::max(1, QString::fromLocal8Bit(argv[3]).toInt()) : 3;
    if (!tmp.isValid()) {
        std::fprintf(stderr, "cannot create a temporary folder\n");
        return 1;
    }
    std::vector<double> before;       // open(): main thread blocked, wall time
    std::vector<double> afterCall;    // openInBackground(): the call, wall time
    std::vector<double> afterMain;    // + the main thread's CPU time until the sessions are in
    std::vector<double> afterElapsed; // until the sessions are in, wall time (the scan's own duration)
    test::CrashedJournalCounts counts;
    for (int round = 0; round < rounds; ++round) {
        const QString oldWay = tmp.filePath(u"open-%1"_s.arg(round));
        const QString newWay = tmp.filePath(u"background-%1"_s.arg(round));
        counts = test::writeCrashedJournal(oldWay, sessions);
        if (counts.sessions != sessions || test::writeCrashedJournal(newWay, sessions).sessions != sessions) {
            std::fprintf(stderr, "cannot write the crashed journals in %s\n", qPrintable(tmp.path()));
            return 1;
        }
        QElapsedTimer timer;
        {
            Journal journal(oldWay);
            timer.start();
            (void)journal.open();
            before.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        {
            Journal journal(newWay);
            bool done = false;
            const double cpu = threadCpuMs();
            timer.start();
            journal.openInBackground(&app, [&](const Status&) { done = true; });
            afterCall.push_back(double(timer.nsecsElapsed()) / 1e6);
            while (!done)
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
            afterElapsed.push_back(double(timer.nsecsElapsed()) / 1e6);
            afterMain.push_back(threadCpuMs() - cpu);
            if (journal.sessionIds().size() != sessions) {
                std::fprintf(stderr, "recovered %d of %d sessions\n", int(journal.sessionIds().size()), sessions);
                return 1;
            }
        }
    }
    std::printf("%d sessions (%d chunks, %d truncated Ogg files, %d torn records), %d rounds, in %s\n", counts.sessions,
                counts.chunks, counts.partial, counts.corrupt, rounds, qPrintable(tmp.path()));
    std::printf("before: open() on the main thread          %8.1f ms (wall, the main thread blocked)\n",
                median(before));
    std::printf("after:  openInBackground() call            %8.2f ms (wall)\n", median(afterCall));
    std::printf("after:  main thread CPU until recovered    %8.2f ms (call + hand-over + event loop)\n",
                median(afterMain));
    std::printf("after:  until the sessions are in          %8.1f ms (wall, the scan on utter-recovery)\n",
                median(afterElapsed));
    std::printf("ratio:  main-thread time before / after    %8.1fx\n", median(before) / median(afterMain));
    return 0;
}
