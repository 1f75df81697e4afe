// Realtime transcription (issue 19), against the pipelined chunk uploads in the same run and with the same modelled
// network (round trip 120 ms + audio seconds / 216 of server time, for the batch double and the realtime double):
//   1. release → final text at 10, 30, 60 and 120 s dictations (streamed in at `--pace` × real time, default 4);
//   2. speech → first partial word: from the end of the first sentence's audio to the first transcript.partial,
//      at real time, with the server's own modelled time (its round trip and transcription) shown apart and taken
//      out (goal ≤ 500 ms);
//   3. typing between two sentences (issue 17): seconds of audio the realtime server received, cleared and
//      transcribed, against the speech.
// Realtime runs twice: chunks streamed as they are spoken (cleared when the voice gate rejects them) and held until
// the gate accepts them (ChunkStream::holdUntilAccepted); the realtime server models an uplink of `--uplink` kbit/s
// (default 5000), so holding pays the upload of a whole chunk after its cut.
// Prints numbers and ratios; asserts nothing.
//   benchrealtime [--seconds N (default: 10, 30, 60 and 120)] [--pace X] [--rounds N (3)] [--uplink KBPS]
#include "doubletestutil.h"
#include "history/historystore.h"
#include "paths/locations.h"
#include "pipeline/dictationservice.h"
#include "realtimedouble.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"
#include "speechcorpus.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

const QString groqKey = u"gsk_test_groq_key_0123456789"_s;
constexpr int kRoundTripMs = 120;
constexpr double kSpeedFactor = 216;

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

// One Utter home with its service, pointed at a transcription URL through its settings file.
struct Home
{
    explicit Home(const QString& url, bool holdUntilVoice = false)
    {
        for (const char* name : {"UTTER_CONFIG_DIR", "UTTER_DATA_DIR", "UTTER_RUNTIME_DIR", "UTTER_LOG_DIR"})
            qputenv(name, (dir.path() + u'/' + QString::fromLatin1(name)).toUtf8());
        locations = Locations::fromEnvironment();
        settings = std::make_unique<Settings>(locations.settingsFile());
        (void)settings->setValue(SettingKey::AudioPreRollMs, 0); // no microphone: the audio is streamed in
        (void)settings->setValue(SettingKey::TranscribeUrl, url);
        if (url.startsWith(u"ws"_s))
            (void)settings->setValue(SettingKey::TranscribeModel, u"gpt-4o-transcribe"_s);
        secrets = SecretStore::create(locations.secretsFile());
        history = std::make_unique<HistoryStore>(locations.historyDatabase(), locations.audioArchiveDir());
        (void)history->open();
        service = std::make_unique<DictationService>(locations, *settings, *secrets, history.get());
        service->setRealtimeHoldUntilVoice(holdUntilVoice);
        (void)service->start();
    }

    QTemporaryDir dir;
    Locations locations;
    std::unique_ptr<Settings> settings;
    std::unique_ptr<SecretStore> secrets;
    std::unique_ptr<HistoryStore> history;
    std::unique_ptr<DictationService> service;
};

struct Run
{
    double releaseToFinalMs = -1;
    double firstPartialAfterSpeechMs = -1; // from the end of the first sentence's audio
};

// Streams pcm at pace × real time, releases, waits for the final text.
Run dictate(DictationService& service, const QList<qint16>& pcm, double pace, qsizetype firstSpeechEnd)
{
    Run run;
    QElapsedTimer clock;
    qint64 speechEndNs = -1;
    qint64 releaseNs = -1;
    QMetaObject::Connection partial =
        QObject::connect(&service, &DictationControl::partialTranscript, [&](const QString&, int, const QString& t) {
            if (run.firstPartialAfterSpeechMs < 0 && speechEndNs >= 0 && !t.trimmed().isEmpty())
                run.firstPartialAfterSpeechMs = double(clock.nsecsElapsed() - speechEndNs) / 1e6;
        });
    QMetaObject::Connection final =
        QObject::connect(&service, &DictationControl::finalTranscript, [&](const QString&, const QString&) {
            if (run.releaseToFinalMs < 0)
                run.releaseToFinalMs = double(clock.nsecsElapsed() - releaseNs) / 1e6;
        });
    (void)service.beginStream({});
    clock.start();
    const qsizetype frame = 320; // 20 ms
    for (qsizetype at = 0; at < pcm.size(); at += frame) {
        const qsizetype n = std::min(frame, pcm.size() - at);
        (void)service.pushStreamAudio(QByteArray(reinterpret_cast<const char*>(pcm.constData() + at), n * 2));
        if (speechEndNs < 0 && at + n >= firstSpeechEnd)
            speechEndNs = clock.nsecsElapsed();
        const qint64 due = qint64(double(at + n) / 16.0 / pace);
        while (clock.elapsed() < due)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
    }
    releaseNs = clock.nsecsElapsed();
    (void)service.end();
    waitFor([&] { return run.releaseToFinalMs >= 0; }, 180000);
    waitFor([&] { return service.state() == DictationService::State::Idle; }, 10000);
    QObject::disconnect(partial);
    QObject::disconnect(final);
    return run;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? -1 : v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"utter.*.info=false\nutter.*.warning=false\nqt.*=false"_s);
    QList<double> lengths{10, 30, 60, 120};
    double pace = 4.0;
    int rounds = 3;
    int uplinkKbps = 5000;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == u"--seconds"_s)
            lengths = {args.at(i + 1).toDouble()};
        else if (args.at(i) == u"--pace"_s)
            pace = args.at(i + 1).toDouble();
        else if (args.at(i) == u"--rounds"_s)
            rounds = std::max(1, args.at(i + 1).toInt());
        else if (args.at(i) == u"--uplink"_s)
            uplinkKbps = std::max(0, args.at(i + 1).toInt());
    }
    QString why;
    const test::FixtureClips* clips = test::testFixtureClips(&why);
    if (!clips) {
        std::fprintf(stderr, "benchrealtime: no fixture clips (%s)\n", qPrintable(why));
        return 1;
    }
    qputenv("GROQ_API_KEY", groqKey.toUtf8());
    test::ProviderDouble batchServer;
    batchServer.setFixtures(*clips);
    batchServer.options().groqLatency = true;
    batchServer.options().roundTripMs = kRoundTripMs;
    batchServer.options().speedFactor = kSpeedFactor;
    test::RealtimeDouble realtimeServer;
    realtimeServer.setFixtures(*clips);
    realtimeServer.options().keys = {groqKey};
    realtimeServer.options().completionDelayMs = kRoundTripMs;
    realtimeServer.options().speedFactor = kSpeedFactor;
    realtimeServer.options().uplinkKbps = uplinkKbps;
    if (!batchServer.start() || !realtimeServer.start()) {
        std::fprintf(stderr, "benchrealtime: the doubles cannot listen\n");
        return 1;
    }
    Home batch(batchServer.baseUrl() + u"/openai/v1"_s);
    Home realtime(realtimeServer.url());
    Home held(realtimeServer.url(), true);

    std::printf("release -> final text, dictations streamed at %.0fx real time; same modelled network (round trip "
                "%d ms + audio s / %.0f; realtime uplink %d kbit/s)\n",
                pace, kRoundTripMs, kSpeedFactor, uplinkKbps);
    std::printf("  length | chunk uploads ms | realtime ms | realtime/chunks | held until voice ms | held/streamed\n");
    for (const double seconds : lengths) {
        const QList<qint16> pcm = dictationAudio(*clips, seconds);
        std::vector<double> chunks, streamed, holding;
        for (int round = 0; round < (seconds <= 60 ? rounds : 1); ++round) {
            chunks.push_back(dictate(*batch.service, pcm, pace, 0).releaseToFinalMs);
            streamed.push_back(dictate(*realtime.service, pcm, pace, 0).releaseToFinalMs);
            holding.push_back(dictate(*held.service, pcm, pace, 0).releaseToFinalMs);
        }
        std::printf("  %4.0f s | %16.1f | %11.1f | %14.2fx | %19.1f | %12.2fx\n", seconds, median(chunks),
                    median(streamed), median(streamed) / median(chunks), median(holding),
                    median(holding) / median(streamed));
        std::fflush(stdout);
    }

    // Speech → first partial word, at real time: the first sentence, a pause, a second sentence.
    QList<qint16> pcm(3200, 0);
    pcm += clips->at(0).pcm;
    const qsizetype speechEnd = pcm.size();
    pcm += QList<qint16>(16000, 0);
    pcm += clips->at(3).pcm;
    pcm += QList<qint16>(8000, 0);
    const double serverMs = kRoundTripMs + clips->at(0).durationS() * 1000.0 / kSpeedFactor;
    std::printf(
        "speech -> first partial word at real time (server's modelled time %.0f ms taken out; goal <= 500 ms)\n",
        serverMs);
    std::printf("  path             | after the sentence ends, ms | without the server's time, ms\n");
    for (const auto& [name, home] : {std::pair{"chunk uploads   ", &batch}, std::pair{"realtime        ", &realtime},
                                     std::pair{"realtime, held  ", &held}}) {
        std::vector<double> firsts;
        for (int round = 0; round < rounds; ++round)
            firsts.push_back(dictate(*home->service, pcm, 1.0, speechEnd).firstPartialAfterSpeechMs);
        std::printf("  %s | %27.1f | %29.1f\n", name, median(firsts), median(firsts) - serverMs);
        std::fflush(stdout);
    }

    // Typing between two sentences, at 4x real time: what the realtime server was sent of it.
    std::vector<std::int16_t> keys;
    for (const test::SpeechCorpus::NonSpeech& file : test::SpeechCorpus::nonSpeechSuite(4 * 16000, 3, false)) {
        if (file.name == u"keys-mechanical-floor"_s)
            keys = file.pcm;
    }
    QList<qint16> typed = clips->utterance({0}, 900);
    typed += QList<qint16>(900 * 16, 0);
    typed += QList<qint16>(keys.begin(), keys.end());
    typed += QList<qint16>(900 * 16, 0);
    typed += clips->utterance({3}, 900);
    const double speechS = clips->at(0).durationS() + clips->at(3).durationS();
    std::printf("typing (4 s of mechanical keys) between two sentences (%.2f s of speech; dictation %.2f s)\n", speechS,
                double(typed.size()) / 16000.0);
    std::printf("  path             | sent s | cleared s | transcribed s | release -> final ms\n");
    for (const auto& [name, home] : {std::pair{"realtime        ", &realtime}, std::pair{"realtime, held  ", &held}}) {
        const double sent0 = realtimeServer.appendedAudioS();
        const double cleared0 = realtimeServer.clearedAudioS();
        const double committed0 = realtimeServer.committedAudioS();
        const Run run = dictate(*home->service, typed, 4.0, 0);
        std::printf("  %s | %6.2f | %9.2f | %13.2f | %19.1f\n", name, realtimeServer.appendedAudioS() - sent0,
                    realtimeServer.clearedAudioS() - cleared0, realtimeServer.committedAudioS() - committed0,
                    run.releaseToFinalMs);
    }
    return 0;
}
