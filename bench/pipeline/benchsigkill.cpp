// Speech lost to a SIGKILL during a dictation (issue 14): `utter --headless serve` records a 60 s dictation from the
// virtual microphone; at a random moment it is killed with SIGKILL; the journal it left is then opened (recovered)
// and the audio it holds is laid over what was spoken. Lost speech = speech fed into the microphone before the
// kill that no journaled chunk covers. Goal: at most 1 s at every kill. The moment counts what had been written to
// the microphone, so the 0.1–0.3 s PulseAudio and the pipe hold in transit count as lost too (conservative).
// Needs tests/with-services.sh (virtual microphone) and UTTER_BINARY:
//   tests/with-services.sh env UTTER_BINARY=build/app/utter build/bench/pipeline/benchsigkill [--runs 20]
//       [--seconds 60] [--seed N]
#include "codec/oggopus.h"
#include "fixtureclips.h"
#include "journal/journal.h"
#include "realtimefeeder.h"
#include "servefixture.h"
#include "testenv.h"
#include "utterprocess.h"

#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

struct Span
{
    qint64 from = 0; // samples
    qint64 to = 0;
};

// Energy per 10 ms frame.
std::vector<double> envelope(const std::int16_t* pcm, qsizetype count)
{
    std::vector<double> out;
    for (qsizetype at = 0; at + 160 <= count; at += 160) {
        double sum = 0;
        for (qsizetype i = 0; i < 160; ++i)
            sum += double(pcm[at + i]) * pcm[at + i];
        out.push_back(std::log1p(sum / 160.0));
    }
    return out;
}

// Where (in samples of `fed`) the decoded chunk starts: the lag with the best match of the two envelopes.
qint64 locate(const std::vector<std::int16_t>& chunk, const QList<qint16>& fed, qint64 around)
{
    const std::vector<double> a = envelope(chunk.data(), qsizetype(chunk.size()));
    const std::vector<double> b = envelope(fed.constData(), fed.size());
    const qsizetype frames = std::min<qsizetype>(qsizetype(a.size()), 300);
    double best = -1e300;
    qsizetype bestLag = 0;
    const qsizetype centre = around / 160;
    for (qsizetype lag = std::max<qsizetype>(0, centre - 300); lag <= centre + 300; ++lag) {
        if (lag + frames > qsizetype(b.size()))
            break;
        double score = 0;
        for (qsizetype i = 0; i < frames; ++i)
            score -= std::abs(a[std::size_t(i)] - b[std::size_t(lag + i)]);
        if (score > best) {
            best = score;
            bestLag = lag;
        }
    }
    return qint64(bestLag) * 160;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"utter.*.info=false\nutter.*.warning=false"_s);
    int runs = 20;
    double seconds = 60;
    quint32 seed = 20261202;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == u"--runs"_s)
            runs = args.at(i + 1).toInt();
        else if (args.at(i) == u"--seconds"_s)
            seconds = args.at(i + 1).toDouble();
        else if (args.at(i) == u"--seed"_s)
            seed = args.at(i + 1).toUInt();
    }
    const QString fifo = qEnvironmentVariable("UTTER_TEST_MIC_FIFO");
    if (fifo.isEmpty() || test::utterBinary().isEmpty()) {
        std::fprintf(stderr, "benchsigkill: run under tests/with-services.sh with UTTER_BINARY set\n");
        return 1;
    }
    QString why;
    const auto clips = test::FixtureClips::synthesize(test::FixtureClips::defaultTexts(),
                                                      QDir::temp().filePath(u"utter-fixture-clips"_s), &why);
    if (!clips) {
        std::fprintf(stderr, "benchsigkill: fixture clips unavailable: %s\n", qPrintable(why));
        return 1;
    }
    // The dictation: the fixture sentences in turn with 0.4–1.2 s pauses; where each sentence is.
    QList<qint16> pcm(3200, 0);
    std::vector<Span> speech;
    for (int turn = 0; pcm.size() < qsizetype(seconds * 16000); ++turn) {
        const QList<qint16>& clip = clips->at(turn % clips->size()).pcm;
        speech.push_back({pcm.size(), pcm.size() + clip.size()});
        pcm += clip;
        pcm += QList<qint16>(6400 + (turn * 3 % 5) * 3200, 0);
    }
    pcm += QList<qint16>(32000, 0);
    const std::vector<std::int16_t> audio(pcm.begin(), pcm.end());

    QRandomGenerator random(seed);
    std::printf("speech lost to SIGKILL during a %.0f s dictation (virtual microphone, journal opened after the "
                "kill), seed %u\n  run | killed at s | speech before s | chunks (open recovered) | lost speech s\n",
                seconds, seed);
    std::vector<double> losses;
    for (int run = 0; run < runs; ++run) {
        const double killAt = 3.0 + random.generateDouble() * (seconds - 4.0);
        test::TestHome home;
        QProcessEnvironment env = home.environment();
        env.insert(u"UTTER_TRANSCRIBE_URL"_s, u"http://127.0.0.1:9/openai/v1"_s); // no provider: chunks wait
        env.insert(u"GROQ_API_KEY"_s, u"gsk_test_groq_key_0123456789"_s);
        (void)test::runUtterServing({u"config"_s, u"set"_s, u"audio/preRollMs"_s, u"0"_s}, env);
        std::size_t written = 0;
        {
            test::ServeProcess serve(home, env);
            if (!serve.start()) {
                std::fprintf(stderr, "benchsigkill: serve did not start: %s\n", serve.stderrText().constData());
                return 1;
            }
            if (test::runUtterServing({u"begin"_s}, env).exitCode != 0) {
                std::fprintf(stderr, "benchsigkill: utter begin failed\n");
                return 1;
            }
            test::RealTimeFeeder feeder(fifo, audio);
            const std::size_t target = std::size_t(killAt * 16000);
            while (feeder.written() < target && !feeder.done())
                QThread::msleep(2);
            written = feeder.written();
            serve.signal(SIGKILL);
            serve.waitForExit(5000);
        }
        int openFiles = 0; // chunks being spoken at the kill, on disk as they grew
        QDir journalDir(home.dataDir() + u"/journal"_s);
        for (const QString& session : journalDir.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            openFiles += int(QDir(journalDir.filePath(session)).entryList({u"*.partial"_s}).size());
        Journal journal(journalDir.path());
        (void)journal.open();
        const QStringList sessions = journal.sessionIds();
        std::vector<Span> covered;
        qint64 lag = 0;
        if (!sessions.isEmpty()) {
            const QList<ChunkJob> jobs = journal.jobs(sessions.first());
            if (!jobs.isEmpty()) {
                const Result<std::vector<std::int16_t>> first =
                    decodeOggOpus(journal.chunkAudio(sessions.first(), jobs.first().sequence).value());
                if (first.ok())
                    lag = locate(first.value(), pcm, jobs.first().offsetMs * 16) - jobs.first().offsetMs * 16;
            }
            for (const ChunkJob& job : jobs) {
                covered.push_back({job.offsetMs * 16 + lag, (job.offsetMs + job.durationMs) * 16 + lag});
            }
        }
        // Speech before the kill that no chunk covers, in 10 ms steps.
        double spoken = 0, lost = 0;
        for (const Span& s : speech) {
            for (qint64 at = s.from; at < std::min<qint64>(s.to, qint64(written)); at += 160) {
                spoken += 0.01;
                const bool in = std::any_of(covered.begin(), covered.end(),
                                            [at](const Span& c) { return at >= c.from && at + 160 <= c.to; });
                lost += in ? 0 : 0.01;
            }
        }
        losses.push_back(lost);
        std::printf("  %3d | %10.2f | %15.2f | %7zu (%d) | %13.2f\n", run + 1, double(written) / 16000.0, spoken,
                    covered.size(), openFiles, lost);
        std::fflush(stdout);
    }
    std::sort(losses.begin(), losses.end());
    std::printf("  lost speech: median %.2f s, max %.2f s over %d kills; goal <= 1 s each: %s\n",
                losses[losses.size() / 2], losses.back(), runs, losses.back() <= 1.0 ? "met" : "MISSED");
    return 0;
}
