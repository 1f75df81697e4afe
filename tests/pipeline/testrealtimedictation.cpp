// Dictations with a realtime transcription URL (docs/providers.md, "Realtime transcription"): a real
// DictationService (journal, SQLite history, audio pipeline) streams to the realtime double while the audio is
// pushed, shows partials, and delivers the text from the streamed segments; a refused or dropped stream loses
// nothing — the journaled chunks go to the batch double instead. Sound without a voice between the sentences
// (typing) is never transcribed nor typed, and the silence between chunks is never streamed.
#include "daemon/daemon.h"
#include "doubletestutil.h"
#include "history/historystore.h"
#include "paths/locations.h"
#include "pipeline/dictationservice.h"
#include "realtimedouble.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"
#include "speechcorpus.h"
#include "utterprocess.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

const QByteArray groqKey = "gsk_test_groq_key_0123456789";

struct Rig
{
    explicit Rig(const test::FixtureClips& clips, const QStringList& realtimeKeys = {QString::fromLatin1(groqKey)})
    {
        batch.setFixtures(clips);
        realtime.setFixtures(clips);
        realtime.options().keys = realtimeKeys;
        const quint16 batchPort = batch.start();
        const quint16 realtimePort = realtime.start();
        for (const char* name : {"UTTER_CONFIG_DIR", "UTTER_DATA_DIR", "UTTER_RUNTIME_DIR", "UTTER_LOG_DIR"})
            qputenv(name, (dir.path() + u'/' + QString::fromLatin1(name)).toUtf8());
        qputenv("UTTER_TRANSCRIBE_URL", realtime.url().toUtf8());
        qputenv("UTTER_TRANSCRIBE_FALLBACK_URL", u"http://127.0.0.1:%1/openai/v1"_s.arg(batchPort).toUtf8());
        qputenv("GROQ_API_KEY", groqKey);
        qputenv("UTTER_FALLBACK_API_KEY", groqKey);
        locations = Locations::fromEnvironment();
        QDir().mkpath(locations.dataDir());
        settings = std::make_unique<Settings>(locations.settingsFile());
        (void)settings->setValue(SettingKey::AudioPreRollMs, 0); // no microphone: the audio is pushed
        (void)settings->setValue(SettingKey::TranscribeModel, u"gpt-4o-transcribe"_s);
        (void)settings->setValue(SettingKey::TranscribeFallbackModel, u"whisper-large-v3-turbo"_s);
        (void)settings->setValue(SettingKey::AudioTargetChunkS, 1); // a chunk at every pause
        secrets = SecretStore::create(locations.secretsFile());
        history = std::make_unique<HistoryStore>(locations.historyDatabase(), locations.audioArchiveDir());
        ready = batchPort != 0 && realtimePort != 0 && history->open().ok();
        service = std::make_unique<DictationService>(locations, *settings, *secrets, history.get());
        ready = ready && service->start().ok();
        pcm = clips.utterance({0, 3, 5}, 900);
        reference = clips.referenceText({0, 3, 5});
    }
    ~Rig()
    {
        qunsetenv("UTTER_TRANSCRIBE_FALLBACK_URL");
        qunsetenv("UTTER_FALLBACK_API_KEY");
    }

    // The utterance, pushed as a WebSocket client would (20 ms frames), then the release.
    void speakAndRelease() { speakAndRelease(pcm); }
    void speakAndRelease(const QList<qint16>& pcm)
    {
        QVERIFY(service->beginStream({}).ok());
        QElapsedTimer clock; // 4x real time: the stream is live, as a client's would be
        clock.start();
        for (qsizetype at = 0; at < pcm.size(); at += 320) {
            const qint64 due = at / 16 / 4;
            while (clock.elapsed() < due)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
            const qsizetype n = std::min<qsizetype>(320, pcm.size() - at);
            QVERIFY(
                service
                    ->pushStreamAudio(QByteArray(reinterpret_cast<const char*>(pcm.constData() + at), n * qsizetype(2)))
                    .ok());
        }
        QVERIFY(service->end().ok());
    }

    QTemporaryDir dir;
    test::ProviderDouble batch;
    test::RealtimeDouble realtime;
    Locations locations;
    std::unique_ptr<Settings> settings;
    std::unique_ptr<SecretStore> secrets;
    std::unique_ptr<HistoryStore> history;
    std::unique_ptr<DictationService> service;
    QList<qint16> pcm;
    QString reference;
    bool ready = false;
};

} // namespace

class TestRealtimeDictation final : public QObject
{
    Q_OBJECT

private slots:
    void streamsAndDeliversWithPartials()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        QSignalSpy partials(rig.service.get(), &DictationControl::partialTranscript);
        QSignalSpy finals(rig.service.get(), &DictationControl::finalTranscript);
        rig.speakAndRelease();
        QTRY_COMPARE_WITH_TIMEOUT(finals.count(), 1, 30000);
        QCOMPARE(finals.at(0).at(1).toString(), rig.reference);
        QVERIFY(rig.realtime.commits() >= 2);                               // one segment per chunk
        QVERIFY(partials.count() > rig.realtime.commits());                 // deltas, not only whole chunks
        QCOMPARE(rig.batch.requests(u"/audio/transcriptions"_s).size(), 0); // nothing uploaded twice
        QTRY_VERIFY(rig.history->latest().value().has_value());
        QCOMPARE(rig.history->latest().value()->rawText, rig.reference);
        // The cost meter counts the streamed seconds (no 10 s minimum per chunk as the batch endpoint bills).
        const double spoken = double(rig.pcm.size()) / 16000.0;
        const double billed = rig.history->latest().value()->billedSeconds;
        QVERIFY2(billed > 0.8 * spoken && billed < spoken + 0.5,
                 qPrintable(u"billed %1 s of %2 s"_s.arg(billed).arg(spoken)));
    }

    // Typing between two sentences of one realtime dictation (issue 17): the chunker finds no voice in it, so it is
    // not transcribed and not typed. Streaming as spoken, what went out of it is cleared from the server's buffer and
    // the partial of its sequence is retracted (an empty transcript.partial reaches an IPC follower); holding until
    // the voice is found, none of it is sent. Either way the pauses between chunks are never streamed.
    void typingBetweenSentencesIsNeitherTranscribedNorTyped_data()
    {
        QTest::addColumn<bool>("holdUntilVoice");
        QTest::newRow("streamed as spoken") << false;
        QTest::newRow("held until voice") << true;
    }
    void typingBetweenSentencesIsNeitherTranscribedNorTyped()
    {
        QFETCH(bool, holdUntilVoice);
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        rig.service->setRealtimeHoldUntilVoice(holdUntilVoice);
        DaemonServices services;
        services.locations = rig.locations;
        services.settings = rig.settings.get();
        services.secrets = rig.secrets.get();
        services.dictation = rig.service.get();
        DaemonOptions options;
        options.allowRoot = true;
        Daemon daemon(services, options);
        QVERIFY(daemon.start().ok());
        QProcess follow; // `utter status --follow`: an IPC subscriber in its own process
        follow.start(test::utterBinary(), {u"status"_s, u"--follow"_s});
        QVERIFY(follow.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(follow.bytesAvailable() > 0, 10000);

        // Mechanical keys over a room's noise floor: a sound the voice gate turns away reliably (testchunker).
        std::vector<std::int16_t> keys;
        for (const test::SpeechCorpus::NonSpeech& file : test::SpeechCorpus::nonSpeechSuite(4 * 16000, 3, false)) {
            if (file.name == u"keys-mechanical-floor"_s)
                keys = file.pcm;
        }
        QVERIFY(!keys.empty());
        // Between the sentences a quiet room's noise floor (about -64 dBFS), as a real microphone gives
        // (testheldback covers exact digital zeros between, as a noise gate gives).
        const auto roomNoise = [](qsizetype samples) {
            QList<qint16> out(samples, 0);
            std::uint32_t x = 12345;
            for (qint16& s : out) {
                x = x * 1664525u + 1013904223u;
                s = qint16(int((x >> 16) % 65) - 32);
            }
            return out;
        };
        constexpr int kPauseMs = 900;
        QList<qint16> pcm = clips->utterance({0}, kPauseMs);
        pcm += roomNoise(kPauseMs * 16 - 200 * 16);
        pcm += QList<qint16>(keys.begin(), keys.end());
        pcm += roomNoise(kPauseMs * 16);
        pcm += clips->utterance({3}, kPauseMs);
        const double speechS = clips->at(0).durationS() + clips->at(3).durationS();
        const double keysS = double(keys.size()) / 16000.0;

        QSignalSpy finals(rig.service.get(), &DictationControl::finalTranscript);
        QSignalSpy partials(rig.service.get(), &DictationControl::partialTranscript);
        rig.speakAndRelease(pcm);
        QTRY_COMPARE_WITH_TIMEOUT(finals.count(), 1, 30000);
        const QString reference = clips->referenceText({0, 3});
        QCOMPARE(finals.at(0).at(1).toString(), reference); // the text typed: the two sentences, nothing else
        QTRY_VERIFY(rig.history->latest().value().has_value());
        QCOMPARE(rig.history->latest().value()->rawText, reference);
        QCOMPARE(rig.realtime.commits(), 2);
        QVERIFY2(!rig.realtime.completedTranscripts().join(u' ').contains(u"unrecognised"_s),
                 qPrintable(rig.realtime.completedTranscripts().join(u" | "_s)));
        QCOMPARE(rig.batch.requests(u"/audio/transcriptions"_s).size(), 0);

        // What the server was sent: the two sentences with their padding (≤ 0.5 s each), never the pauses; of the
        // typing, nothing (held) or only what it then cleared (streamed).
        const double committed = rig.realtime.committedAudioS();
        const double received = rig.realtime.appendedAudioS();
        const QString sent =
            u"received %1 s, cleared %2 s, committed %3 s; speech %4 s, typing %5 s, dictation %6 s"_s.arg(received)
                .arg(rig.realtime.clearedAudioS())
                .arg(committed)
                .arg(speechS)
                .arg(keysS)
                .arg(double(pcm.size()) / 16000.0);
        qInfo().noquote() << sent;
        QVERIFY2(committed >= speechS && committed <= speechS + 2 * 0.5, qPrintable(sent));
        if (holdUntilVoice) {
            QCOMPARE(rig.realtime.clears(), 0);
            QVERIFY2(qAbs(received - committed) < 0.01, qPrintable(sent)); // the typing never left the machine
        } else {
            QVERIFY2(rig.realtime.clears() >= 1, qPrintable(sent));
            QVERIFY2(rig.realtime.clearedAudioS() > 0.5, qPrintable(sent));
            QVERIFY2(qAbs(received - rig.realtime.clearedAudioS() - committed) < 0.01, qPrintable(sent));
        }
        QVERIFY2(received <= committed + keysS + 0.5, qPrintable(sent)); // no pause streamed

        // The typing held the second segment's sequence until it was turned away: its partial was retracted
        // (empty), and the second sentence's words then came under the same sequence.
        qsizetype retracted = -1;
        for (qsizetype i = 0; i < partials.size(); ++i) {
            if (partials.at(i).at(1).toInt() == 1 && partials.at(i).at(2).toString().isEmpty() && retracted < 0)
                retracted = i;
        }
        QVERIFY2(retracted >= 0, "no empty partial for the typing's sequence");
        bool wordsAfter = false;
        for (qsizetype i = retracted + 1; i < partials.size(); ++i)
            wordsAfter =
                wordsAfter || (partials.at(i).at(1).toInt() == 1 && !partials.at(i).at(2).toString().isEmpty());
        QVERIFY(wordsAfter);
        QByteArray followed;
        const auto followerSawRetraction = [&] {
            followed += follow.readAll();
            for (const QByteArray& line : followed.split('\n')) {
                const QJsonObject event = QJsonDocument::fromJson(line).object();
                if (event.value(u"event"_s).toString() == u"transcript.partial"_s &&
                    event.value(u"seq"_s).toInt() == 1 && event.contains(u"text"_s) &&
                    event.value(u"text"_s).toString().isEmpty())
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(followerSawRetraction(), 10000);
        follow.kill();
        QVERIFY(follow.waitForFinished(5000));
    }

    // Speech without a pause longer than the hard cap (audio/maxChunkSeconds at its minimum, 5 s): each chunk is cut
    // at its quietest point after half the cap, so its audio is streamed only up to that half and the rest at the
    // cut. The server was sent every chunk exactly once — what it committed is what the chunks hold (the history's
    // streamed seconds), nothing cleared, nothing sent twice.
    void speechPastTheHardCapIsStreamedOnce()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        (void)rig.settings->setValue(SettingKey::AudioMaxChunkS, 5);
        QSignalSpy finals(rig.service.get(), &DictationControl::finalTranscript);
        const QList<qint16> pcm = clips->utterance({0, 1, 2, 3, 4, 5}, 100); // no pause a chunk may end in
        rig.speakAndRelease(pcm);
        QTRY_COMPARE_WITH_TIMEOUT(finals.count(), 1, 30000);
        QVERIFY(!finals.at(0).at(1).toString().isEmpty());
        QTRY_VERIFY(rig.history->latest().value().has_value());
        const double chunks = rig.history->latest().value()->billedSeconds;
        const QString sent = u"received %1 s, committed %2 s in %3 commits, chunks %4 s, dictation %5 s"_s
                                 .arg(rig.realtime.appendedAudioS())
                                 .arg(rig.realtime.committedAudioS())
                                 .arg(rig.realtime.commits())
                                 .arg(chunks)
                                 .arg(double(pcm.size()) / 16000.0);
        qInfo().noquote() << sent;
        QVERIFY2(rig.realtime.commits() >= 3, qPrintable(sent)); // cut by the cap, not at pauses
        QCOMPARE(rig.realtime.clears(), 0);
        QVERIFY2(qAbs(rig.realtime.appendedAudioS() - rig.realtime.committedAudioS()) < 0.01, qPrintable(sent));
        QVERIFY2(qAbs(rig.realtime.committedAudioS() - chunks) < 0.01 * rig.realtime.commits(), qPrintable(sent));
        QVERIFY2(chunks <= double(pcm.size()) / 16000.0, qPrintable(sent));
        QCOMPARE(rig.batch.requests(u"/audio/transcriptions"_s).size(), 0);
    }

    void aDroppedStreamLosesNoWord()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        rig.realtime.closeAfterCommits(2);
        QSignalSpy finals(rig.service.get(), &DictationControl::finalTranscript);
        rig.speakAndRelease();
        QTRY_COMPARE_WITH_TIMEOUT(finals.count(), 1, 30000);
        QCOMPARE(finals.at(0).at(1).toString(), rig.reference);
        QCOMPARE(rig.realtime.connections(), 2);
        QCOMPARE(rig.batch.requests(u"/audio/transcriptions"_s).size(), 0);
    }

    void aRefusedStreamFallsBackToTheBatchEndpoint()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips, {u"sk-some-other-key"_s});
        QVERIFY(rig.ready);
        QSignalSpy finals(rig.service.get(), &DictationControl::finalTranscript);
        QSignalSpy errors(rig.service.get(), &DictationControl::errorOccurred);
        rig.speakAndRelease();
        QTRY_COMPARE_WITH_TIMEOUT(finals.count(), 1, 30000);
        QCOMPARE(finals.at(0).at(1).toString(), rig.reference);
        QCOMPARE(rig.realtime.refusedHandshakes(), 1);
        QVERIFY(!rig.batch.requests(u"/audio/transcriptions"_s).isEmpty());
        QVERIFY(!errors.isEmpty()); // the user learns the stream was refused
        QCOMPARE(errors.at(0).at(1).toJsonObject().value(u"code"_s).toString(), u"auth_failed"_s);
    }
};

QTEST_GUILESS_MAIN(TestRealtimeDictation)
#include "testrealtimedictation.moc"
