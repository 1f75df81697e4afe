// Prints: overlay latency (state "listening" → first frame painted and exposed) against a plain QWidget shown the
// same way (the baseline), and the history model's first page / search at 100 000 entries.
#include "history/historystore.h"
#include "historymodel.h"
#include "pipeline/dictationcontrol.h"
#include "recordingoverlay.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

class StubControl final : public DictationControl
{
public:
    Status begin() override { return {}; }
    Status end() override { return {}; }
    Status toggle() override { return {}; }
    Status cancel() override { return {}; }
    Status beginStream(const QJsonObject&) override { return {}; }
    Status pushStreamAudio(const QByteArray&) override { return {}; }
    QJsonObject statusJson() const override { return {}; }
    int pendingJobs() const override { return 0; }
    void transcribeFile(const QString&, const QJsonObject&, QObject*, TranscribeCallback) override {}
    void prepareShutdown(std::function<void()> done) override { done(); }
    void emitState(const QString& state) { emit stateChanged(state, u"bench"_s); }
};

class PaintProbe final : public QWidget
{
public:
    bool painted = false;

protected:
    void paintEvent(QPaintEvent*) override { painted = true; }
};

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

void spinUntil(const std::function<bool()>& done)
{
    QElapsedTimer guard;
    guard.start();
    while (!done() && guard.elapsed() < 2000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    constexpr int Rounds = 40;

    StubControl control;
    ui::RecordingOverlay overlay;
    overlay.setReducedMotion(true);
    overlay.attach(&control);
    QList<double> overlayMs;
    for (int i = 0; i < Rounds; ++i) {
        bool painted = false;
        const QMetaObject::Connection c =
            QObject::connect(&overlay, &ui::RecordingOverlay::shownAndPainted, &overlay, [&] { painted = true; });
        QElapsedTimer t;
        t.start();
        control.emitState(u"listening"_s);
        spinUntil([&] { return painted; });
        overlayMs << t.nsecsElapsed() / 1e6;
        QObject::disconnect(c);
        overlay.hide();
        QCoreApplication::processEvents();
    }

    QList<double> baselineMs;
    for (int i = 0; i < Rounds; ++i) {
        PaintProbe probe;
        probe.setWindowFlags(Qt::Tool | Qt::FramelessWindowHint);
        probe.resize(420, 100);
        QElapsedTimer t;
        t.start();
        probe.show();
        spinUntil([&] { return probe.painted; });
        baselineMs << t.nsecsElapsed() / 1e6;
    }
    const double o = median(overlayMs);
    const double b = median(baselineMs);
    std::printf("platform %s\n", qPrintable(QGuiApplication::platformName()));
    std::printf("overlay: state listening -> painted   median %.2f ms (goal <= 50 ms)\n", o);
    std::printf("baseline: plain tool window show -> painted median %.2f ms; ratio %.2f\n", b, b > 0 ? o / b : 0.0);

    // History paging at 100 000 entries.
    QTemporaryDir dir;
    HistoryStore store(dir.filePath(u"history.sqlite"_s));
    if (!store.open().ok())
        return 1;
    QElapsedTimer fill;
    fill.start();
    const int entries = qEnvironmentVariableIntValue("UTTER_BENCH_HISTORY_ENTRIES") > 0
                            ? qEnvironmentVariableIntValue("UTTER_BENCH_HISTORY_ENTRIES")
                            : 100000;
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-400);
    for (int i = 0; i < entries; ++i) {
        HistoryEntry e;
        e.timestamp = start.addSecs(i * 300);
        e.application = i % 2 ? u"firefox"_s : u"kate"_s;
        e.rawText = u"dictation %1 about the quarterly report and %2"_s.arg(i).arg(i % 97 ? u"lunch"_s : u"zebra"_s);
        e.sessionId = u"s%1"_s.arg(i);
        if (!store.add(e).ok())
            return 1;
    }
    std::printf("history: filled %d entries in %.1f s\n", entries, fill.elapsed() / 1000.0);
    QElapsedTimer t;
    t.start();
    ui::HistoryModel model(store);
    const double firstPage = t.nsecsElapsed() / 1e6;
    t.restart();
    model.fetchMore({});
    const double nextPage = t.nsecsElapsed() / 1e6;
    t.restart();
    model.setQuery(u"zebra"_s);
    const double search = t.nsecsElapsed() / 1e6;
    std::printf("history model: first page %.2f ms, next page %.2f ms, search 'zebra' (%d rows) %.2f ms\n", firstPage,
                nextPage, model.rowCount(), search);
    return 0;
}
