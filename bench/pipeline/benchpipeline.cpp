// The dictation pipeline's performance goals (issue 5), each against a baseline measured in the same run:
//   1. post-release latency: a live dictation whose chunks upload while the user speaks, against the same
//      audio sent as one upload when the key is released (what a naive dictation app does);
//   2. billed/spoken: Groq bills every request as at least 10 s; chunks merged toward 10 s against one
//      request per pause-separated utterance;
//   3. memory of a long file: `utter transcribe`'s streaming pipeline against decoding the file whole.
//   4. billing-aware chunking (issue 14): billed ÷ spoken speech on sessions of 60 s and more of speech with
//      0.4–1.2 s and with 5–10 s pauses, Groq's 10 s minimum per request, against the chunking before it (no
//      minimum, no shortened pauses) in the same run; and the post-release latency (release → the final chunk's
//      upload starts, and → the final text) of live dictations with and without the minimum.
// The provider is the in-process double with Groq-like latency. Prints numbers and ratios; asserts nothing.
//   benchpipeline [--live-seconds N (default: 10, 30, 60 and 120)] [--file-minutes N (default 120; 0 skips)]
//                 [--billing-only]
#include "codec/audioreader.h"
#include "codec/oggopus.h"
#include "doubletestutil.h"
#include "history/historystore.h"
#include "journal/journal.h"
#include "paths/locations.h"
#include "pipeline/dictationservice.h"
#include "pipeline/filetranscription.h"
#include "providers/clock.h"
#include "providers/httpclient.h"
#include "providers/providerconfig.h"
#include "providers/transcriber.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"
#include "vad/chunker.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <map>
#include <random>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

const QString groqKey = u"gsk_test_groq_key_0123456789"_s;

qint64 statusKb(const char* field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

void resetPeakRss()
{
    QFile clear(u"/proc/self/clear_refs"_s);
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5"); // resets VmHWM to the current RSS
}

// A dictation of about `seconds`: the fixture sentences in turn, with natural pauses of 0.4–1.2 s.
QList<qint16> dictationAudio(const test::FixtureClips& clips, double seconds)
{
    QList<qint16> pcm(3200, 0);
    int turn = 0;
    while (pcm.size() < qsizetype(seconds * 16000)) {
        pcm += clips.at(turn % clips.size()).pcm;
        pcm += QList<qint16>(6400 + (turn * 3 % 5) * 3200, 0);
        ++turn;
    }
    return pcm;
}

bool waitFor(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    return done();
}

// 1. Post-release latency, live (streamed at `pace` × real time) vs one upload at release, for several lengths;
//    and Utter's own overhead: the post-release latency minus the provider time of the chunks still in flight.
void benchLatency(const test::FixtureClips& clips, const QList<double>& lengths, double pace)
{
    QTemporaryDir home;
    for (const char* dir : {"UTTER_CONFIG_DIR", "UTTER_DATA_DIR", "UTTER_RUNTIME_DIR", "UTTER_LOG_DIR"})
        qputenv(dir, (home.path() + u'/' + QString::fromLatin1(dir)).toUtf8());
    const Locations locations = Locations::fromEnvironment();
    Settings settings(locations.settingsFile());
    (void)settings.setValue(SettingKey::AudioPreRollMs, 0); // no microphone: the audio is streamed in
    auto secrets = SecretStore::create(locations.secretsFile());
    HistoryStore history(locations.historyDatabase(), locations.audioArchiveDir());
    (void)history.open();
    DictationService service(locations, settings, *secrets, &history);
    (void)service.start();
    HttpClient http;
    SystemClock clock;
    Transcriber transcriber(TranscriberConfig::fromSettings(settings, *secrets), http, clock);

    std::printf("post-release latency, dictations streamed at %.0fx real time, provider double with Groq latency\n",
                pace);
    std::printf(
        "  length | pipelined ms | one upload ms | pipelined/one | beyond the last chunk's provider time, ms | of "
        "which journaling the last chunk (fsync), ms\n");
    for (const double seconds : lengths) {
        const QList<qint16> pcm = dictationAudio(clips, seconds);
        const int rounds = seconds <= 60 ? 3 : 1;
        std::vector<double> pipelined, overhead, naive, journaling;
        for (int round = 0; round < rounds; ++round) {
            QElapsedTimer sinceRelease;
            bool released = false;
            double latency = -1;
            // Utter's own part of the wait: from release until the last chunk's request went out (encode, journal),
            // plus from its answer until the text is out (assembly, delivery); the provider's time is not counted.
            int lastSequence = -1;
            double lastDoneAt = -1;    // ms after release when the last chunk's answer was stored
            double lastProviderMs = 0; // that request's own duration
            double journaledAt = 0;    // ms after release when the last chunk was on disk (encoded, written, synced)
            QMetaObject::Connection final =
                QObject::connect(&service, &DictationControl::finalTranscript, [&](const QString&, const QString&) {
                    latency = double(sinceRelease.nsecsElapsed()) / 1e6;
                });
            QMetaObject::Connection jobs =
                QObject::connect(&service.journal(), &Journal::jobChanged, [&](const ChunkJob& job) {
                    if (released && job.state == JobState::Pending)
                        journaledAt = double(sinceRelease.nsecsElapsed()) / 1e6;
                    if (job.state != JobState::Done || job.sequence < lastSequence)
                        return;
                    lastSequence = job.sequence;
                    lastDoneAt = released ? double(sinceRelease.nsecsElapsed()) / 1e6 : -1;
                    lastProviderMs = job.result.details.value(u"latencyMs"_s).toDouble();
                });
            (void)service.beginStream({});
            QElapsedTimer speaking;
            speaking.start();
            const qsizetype frame = 320; // 20 ms
            for (qsizetype at = 0; at < pcm.size(); at += frame) {
                const qsizetype n = std::min(frame, pcm.size() - at);
                (void)service.pushStreamAudio(QByteArray(reinterpret_cast<const char*>(pcm.constData() + at), n * 2));
                const qint64 due = qint64(double(at + n) / 16.0 / pace);
                while (speaking.elapsed() < due)
                    QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
            }
            sinceRelease.start();
            released = true;
            (void)service.end();
            waitFor([&] { return latency >= 0; }, 120000);
            waitFor([&] { return service.state() == DictationService::State::Idle; }, 10000);
            QObject::disconnect(final);
            QObject::disconnect(jobs);
            pipelined.push_back(latency);
            journaling.push_back(journaledAt);
            overhead.push_back(lastDoneAt < 0 ? latency
                                              : (latency - lastDoneAt) + std::max(0.0, lastDoneAt - lastProviderMs));

            // Baseline: the whole dictation encoded and uploaded once, after release.
            QElapsedTimer baseline;
            baseline.start();
            const Result<QByteArray> encoded =
                encodeOggOpus(std::span<const std::int16_t>(pcm.constData(), pcm.size()));
            TranscriptionRequest request;
            request.audio = encoded.value();
            request.durationS = double(pcm.size()) / 16000.0;
            double naiveLatency = -1;
            transcriber.transcribe(request, &transcriber, [&](const Result<TranscriptionResult>&) {
                naiveLatency = double(baseline.nsecsElapsed()) / 1e6;
            });
            waitFor([&] { return naiveLatency >= 0; }, 120000);
            naive.push_back(naiveLatency);
        }
        std::sort(pipelined.begin(), pipelined.end());
        std::sort(overhead.begin(), overhead.end());
        std::sort(naive.begin(), naive.end());
        std::sort(journaling.begin(), journaling.end());
        const std::size_t mid = pipelined.size() / 2;
        std::printf("  %4.0f s | %12.1f | %13.1f | %12.2fx | %8.1f | %8.1f\n", seconds, pipelined[mid], naive[mid],
                    pipelined[mid] / naive[mid], overhead[mid], journaling[mid]);
    }
}

// 2. What Groq bills against what was spoken, for the chunker's merging and for one request per utterance.
void benchBilling(const test::FixtureClips& clips, double seconds)
{
    const QList<qint16> pcm = dictationAudio(clips, seconds);
    const std::span<const std::int16_t> audio(pcm.constData(), pcm.size());
    const auto billedFor = [&](ChunkerConfig config, double* speech) {
        double billed = 0;
        *speech = 0;
        Chunker chunker(config, createVad(VadConfig()), [&](AudioChunk&& chunk) {
            billed += std::max(10.0, chunk.uploadedSeconds());
            *speech += chunk.uploadedSeconds();
        });
        chunker.feed(audio);
        chunker.end();
        return billed;
    };
    double spokenMerged = 0, spokenEach = 0;
    const double merged = billedFor(ChunkerConfig(), &spokenMerged);
    ChunkerConfig perUtterance;
    perUtterance.targetChunkMs = 0; // cut at every pause
    const double each = billedFor(perUtterance, &spokenEach);
    const double dictation = double(pcm.size()) / 16000.0;
    std::printf("billing, %.0f s dictation (%.1f s uploaded), Groq minimum 10 s per request:\n", dictation,
                spokenMerged);
    std::printf("  merged toward 10 s chunks: billed %6.1f s, billed/dictation %.3f\n", merged, merged / dictation);
    std::printf("  one request per utterance: billed %6.1f s, billed/dictation %.3f\n", each, each / dictation);
    std::printf("  per-utterance / merged:    %.2fx\n", each / merged);
}

// A session of at least `speechSeconds` of speech: fixture sentences (their own silence trimmed) in a shuffled
// order, separated by pauses drawn from [minPauseMs, maxPauseMs]; the key comes up 300 ms after the last word.
struct Session
{
    QList<qint16> pcm;
    double speechSeconds = 0;
};

Session session(const test::FixtureClips& clips, double speechSeconds, int minPauseMs, int maxPauseMs, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> pause(minPauseMs, maxPauseMs);
    std::uniform_int_distribution<qsizetype> pick(0, clips.size() - 1);
    Session s;
    s.pcm = QList<qint16>(8000, 0);
    while (s.speechSeconds < speechSeconds) {
        const QList<qint16>& clip = clips.at(pick(rng)).pcm;
        const auto loud = [](qint16 v) { return std::abs(int(v)) > 64; };
        const auto first = std::find_if(clip.begin(), clip.end(), loud);
        const auto last = std::find_if(clip.rbegin(), clip.rend(), loud).base();
        if (first >= last)
            continue;
        s.pcm += QList<qint16>(first, last);
        s.speechSeconds += double(last - first) / 16000.0;
        s.pcm += QList<qint16>(qsizetype(pause(rng)) * 16, 0);
    }
    // The key comes up 300 ms after the last word: drop the last pause beyond that.
    while (!s.pcm.isEmpty() && s.pcm.last() == 0)
        s.pcm.removeLast();
    s.pcm += QList<qint16>(4800, 0);
    return s;
}

struct Billing
{
    double billed = 0;
    double uploaded = 0;
    int requests = 0;
    double finalSeconds = 0; // the chunk cut at release
};

Billing billingFor(const Session& s, ChunkerConfig config, double minimumS)
{
    Billing b;
    Chunker chunker(config, createVad(VadConfig()), [&](AudioChunk&& chunk) {
        b.billed += std::max(minimumS, chunk.uploadedSeconds());
        b.uploaded += chunk.uploadedSeconds();
        ++b.requests;
        if (chunk.final)
            b.finalSeconds = chunk.uploadedSeconds();
    });
    // Fed in 20 ms blocks like capture.
    for (qsizetype at = 0; at < s.pcm.size(); at += 320)
        chunker.feed(
            std::span<const std::int16_t>(s.pcm.constData() + at, std::min<qsizetype>(320, s.pcm.size() - at)));
    chunker.end();
    return b;
}

// 4a. Billed ÷ spoken speech, before (no minimum, no shortened pauses) and after (10 s minimum, pauses shortened).
void benchBillingAware(const test::FixtureClips& clips)
{
    std::printf("billing-aware chunking, Groq minimum 10 s per request; billed = sum of max(upload, 10 s); spoken = "
                "the sentences' own length; mean of 8 sessions each\n");
    std::printf("  %-16s | %7s | %-6s | %8s | %9s | %8s | %14s | %9s\n", "pauses", "speech", "chunks", "requests",
                "billed s", "uploaded", "billed/spoken", "after/before");
    struct Kind
    {
        const char* name;
        int minPauseMs, maxPauseMs;
    };
    for (const Kind kind : {Kind{"0.4-1.2 s", 400, 1200}, Kind{"5-10 s", 5000, 10000}}) {
        for (const double speech : {60.0, 120.0, 300.0}) {
            ChunkerConfig before;
            before.minBilledMs = 0;
            before.maxKeptPauseMs = 0;
            ChunkerConfig after;
            after.minBilledMs = 10000;
            Billing sumBefore, sumAfter;
            double spoken = 0;
            const int sessions = 8;
            for (int i = 0; i < sessions; ++i) {
                const Session s = session(clips, speech, kind.minPauseMs, kind.maxPauseMs, unsigned(1000 * speech) + i);
                spoken += s.speechSeconds;
                for (auto [config, sum] : {std::pair{before, &sumBefore}, std::pair{after, &sumAfter}}) {
                    const Billing b = billingFor(s, config, 10.0);
                    sum->billed += b.billed;
                    sum->uploaded += b.uploaded;
                    sum->requests += b.requests;
                }
            }
            const double rb = sumBefore.billed / spoken, ra = sumAfter.billed / spoken;
            std::printf("  %-16s | %5.0f s | before | %8.1f | %9.1f | %8.1f | %14.3f |\n", kind.name, speech,
                        double(sumBefore.requests) / sessions, sumBefore.billed / sessions,
                        sumBefore.uploaded / sessions, rb);
            std::printf("  %-16s | %5.0f s | after  | %8.1f | %9.1f | %8.1f | %14.3f | %9.3f\n", kind.name, speech,
                        double(sumAfter.requests) / sessions, sumAfter.billed / sessions, sumAfter.uploaded / sessions,
                        ra, ra / rb);
        }
    }
}

// 4b. Post-release latency of live dictations (60 s of speech, streamed at `pace` × real time) through the
// service and the double with Groq latency: release → the final chunk's upload starts, and release → final text;
// transcribe/minBilledSeconds 0 (before) against 10 (after), alternating, median of the rounds.
void benchBillingLatency(const test::FixtureClips& clips, double pace, int rounds)
{
    QTemporaryDir home;
    for (const char* dir : {"UTTER_CONFIG_DIR", "UTTER_DATA_DIR", "UTTER_RUNTIME_DIR", "UTTER_LOG_DIR"})
        qputenv(dir, (home.path() + u'/' + QString::fromLatin1(dir)).toUtf8());
    const Locations locations = Locations::fromEnvironment();
    Settings settings(locations.settingsFile());
    (void)settings.setValue(SettingKey::AudioPreRollMs, 0);
    auto secrets = SecretStore::create(locations.secretsFile());
    HistoryStore history(locations.historyDatabase(), locations.audioArchiveDir());
    (void)history.open();
    DictationService service(locations, settings, *secrets, &history);
    (void)service.start();

    std::printf("post-release latency, 60 s of speech streamed at %.0fx real time, median of %d rounds\n", pace,
                rounds);
    std::printf("  %-10s | %-6s | %20s | %19s | %14s\n", "pauses", "min", "release->upload ms", "release->text ms",
                "final chunk s");
    struct Kind
    {
        const char* name;
        int minPauseMs, maxPauseMs;
    };
    for (const Kind kind : {Kind{"0.4-1.2 s", 400, 1200}, Kind{"5-10 s", 5000, 10000}}) {
        std::map<int, std::vector<double>> upload, text, finalChunk;
        for (int round = 0; round < rounds; ++round) {
            const Session s = session(clips, 60.0, kind.minPauseMs, kind.maxPauseMs, 77 + unsigned(round));
            for (const int minimum : {0, 10}) {
                (void)settings.setValue(SettingKey::TranscribeMinBilledS, QString::number(minimum));
                QElapsedTimer sinceRelease;
                bool released = false;
                double textAt = -1, uploadAt = -1, finalS = 0;
                int lastSequence = -1;
                QMetaObject::Connection final =
                    QObject::connect(&service, &DictationControl::finalTranscript, [&](const QString&, const QString&) {
                        textAt = double(sinceRelease.nsecsElapsed()) / 1e6;
                    });
                QMetaObject::Connection jobs =
                    QObject::connect(&service.journal(), &Journal::jobChanged, [&](const ChunkJob& job) {
                        if (!released || job.state != JobState::Uploading || job.sequence <= lastSequence)
                            return;
                        lastSequence = job.sequence; // the last chunk to start uploading after release
                        uploadAt = double(sinceRelease.nsecsElapsed()) / 1e6;
                        finalS = double(job.uploadedMs()) / 1000.0;
                    });
                (void)service.beginStream({});
                QElapsedTimer speaking;
                speaking.start();
                for (qsizetype at = 0; at < s.pcm.size(); at += 320) {
                    const qsizetype n = std::min<qsizetype>(320, s.pcm.size() - at);
                    (void)service.pushStreamAudio(
                        QByteArray(reinterpret_cast<const char*>(s.pcm.constData() + at), n * 2));
                    const qint64 due = qint64(double(at + n) / 16.0 / pace);
                    while (speaking.elapsed() < due)
                        QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
                }
                sinceRelease.start();
                released = true;
                (void)service.end();
                waitFor([&] { return textAt >= 0; }, 120000);
                waitFor([&] { return service.state() == DictationService::State::Idle; }, 10000);
                QObject::disconnect(final);
                QObject::disconnect(jobs);
                upload[minimum].push_back(uploadAt);
                text[minimum].push_back(textAt);
                finalChunk[minimum].push_back(finalS);
            }
        }
        const auto median = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v.empty() ? -1.0 : v[v.size() / 2];
        };
        for (const int minimum : {0, 10}) {
            std::printf("  %-10s | %4d s | %20.1f | %19.1f | %14.1f\n", kind.name, minimum, median(upload[minimum]),
                        median(text[minimum]), median(finalChunk[minimum]));
        }
        std::printf("  %-10s | after/before: upload %.2fx, text %.2fx\n", kind.name,
                    median(upload[10]) / median(upload[0]), median(text[10]) / median(text[0]));
    }
}

// 3. Peak memory transcribing a long file: streaming pipeline vs decoding the file whole first.
void benchLongFile(test::ProviderDouble& server, const test::FixtureClips& clips, double minutes)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"long.wav"_s);
    {
        const QList<qint16> block = dictationAudio(clips, 120);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return;
        // A WAV header for the whole length, then the 2-minute block again and again.
        const qint64 blocks = qint64(minutes / 2.0 + 0.5);
        const QByteArray one = test::writeWav(block, 16000);
        QByteArray header = one.left(44);
        const quint32 dataBytes = quint32(qint64(block.size()) * 2 * blocks);
        const quint32 riffBytes = dataBytes + 36;
        std::memcpy(header.data() + 4, &riffBytes, 4);
        std::memcpy(header.data() + 40, &dataBytes, 4);
        file.write(header);
        for (qint64 i = 0; i < blocks; ++i)
            file.write(one.mid(44));
    }
    const double rssBefore = double(statusKb("VmRSS:")) / 1024.0;
    resetPeakRss();
    HttpClient http;
    SystemClock clock;
    TranscriberConfig config;
    Endpoint endpoint;
    endpoint.name = u"primary"_s;
    endpoint.url = QUrl(server.baseUrl() + u"/openai/v1"_s);
    endpoint.model = u"whisper-large-v3-turbo"_s;
    endpoint.apiKey = groqKey;
    config.endpoints = {endpoint};
    Transcriber transcriber(config, http, clock);
    FileTranscription job(transcriber, FileTranscriptionOptions{});
    QElapsedTimer timer;
    timer.start();
    bool done = false;
    int chunks = 0;
    job.start(path, [&](const Result<FileTranscript>& result) {
        done = true;
        chunks = result.ok() ? result->chunks : -1;
    });
    waitFor([&] { return done; }, 6 * 3600 * 1000);
    const double seconds = double(timer.elapsed()) / 1000.0;
    const double streamingPeak = double(statusKb("VmHWM:")) / 1024.0;

    resetPeakRss();
    const Result<std::vector<std::int16_t>> whole = decodeAnyAudio(path, 24 * 3600.0);
    const double wholePeak = double(statusKb("VmHWM:")) / 1024.0;
    std::printf("long file, %.0f min WAV (%d chunks, %.0f s, %.0fx real time):\n", minutes, chunks, seconds,
                minutes * 60.0 / seconds);
    std::printf("  streaming pipeline peak RSS:  %7.1f MiB (+%.1f over the %.1f MiB before)\n", streamingPeak,
                streamingPeak - rssBefore, rssBefore);
    std::printf("  decode-whole baseline peak:   %7.1f MiB (%zu samples)\n", wholePeak,
                whole.ok() ? whole->size() : std::size_t(0));
    std::printf("  baseline / streaming:         %7.2fx; buffered chunks at most %zu\n", wholePeak / streamingPeak,
                job.peakBufferedChunks());
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"utter.*.info=false\nutter.*.warning=false"_s);
    double liveSeconds = 0, fileMinutes = 120;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == u"--live-seconds"_s)
            liveSeconds = args.at(i + 1).toDouble();
        if (args.at(i) == u"--file-minutes"_s)
            fileMinutes = args.at(i + 1).toDouble();
    }
    QString why;
    const test::FixtureClips* clips = test::testFixtureClips(&why);
    if (!clips) {
        std::fprintf(stderr, "benchpipeline: fixture clips unavailable: %s\n", qPrintable(why));
        return 1;
    }
    test::ProviderDouble server;
    server.start();
    server.setFixtures(*clips);
    server.options().groqLatency = true;
    qputenv("UTTER_TRANSCRIBE_URL", (server.baseUrl() + u"/openai/v1"_s).toUtf8());
    qputenv("GROQ_API_KEY", groqKey.toUtf8());

    if (args.contains(u"--billing-only"_s)) {
        benchBillingAware(*clips);
        benchBillingLatency(*clips, 8.0, 3);
        return 0;
    }
    benchLatency(*clips, liveSeconds > 0 ? QList<double>{liveSeconds} : QList<double>{10, 30, 60, 120}, 4.0);
    benchBilling(*clips, 300);
    benchBillingAware(*clips);
    benchBillingLatency(*clips, 8.0, 3);
    if (fileMinutes > 0)
        benchLongFile(server, *clips, fileMinutes);
    return 0;
}
