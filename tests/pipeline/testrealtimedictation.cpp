// Dictations with a realtime transcription URL (docs/providers.md, "Realtime transcription"): a real
// DictationService (journal, SQLite history, audio pipeline) streams to the realtime double while the audio is
// pushed, shows partials, and delivers the text from the streamed segments; a refused or dropped stream loses
// nothing — the journaled chunks go to the batch double instead.
#include "doubletestutil.h"
#include "history/historystore.h"
#include "paths/locations.h"
#include "pipeline/dictationservice.h"
#include "realtimedouble.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"

#include <QElapsedTimer>
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
    void speakAndRelease()
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
