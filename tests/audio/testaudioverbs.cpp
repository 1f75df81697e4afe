// `utter segment` and `utter devices` as a user runs them, plus the small pieces behind capture.
#include "audio/audioconfig.h"
#include "audio/levelmeter.h"
#include "audio/sampleringbuffer.h"
#include "audiotesthelpers.h"
#include "codec/wavfile.h"
#include "settings/settings.h"
#include "testenv.h"
#include "utterprocess.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <numbers>

using namespace utter;
using namespace Qt::Literals::StringLiterals;
using utter::test::SpeechCorpus;

class TestAudioVerbs final : public QObject
{
    Q_OBJECT

private slots:
    void ringBufferKeepsTheNewestSamples();
    void levelMeterReportsRmsAndPeak();
    void configComesFromSettings();
    void segmentPrintsChunksInPauses();
    void segmentOverridesAndWritesChunks();
    void segmentSaysWhenThereIsNoSpeech();
    void segmentRejectsBadFiles();
    void devicesListsInputs();
};

void TestAudioVerbs::ringBufferKeepsTheNewestSamples()
{
    SampleRingBuffer ring(5);
    const std::vector<std::int16_t> a{1, 2, 3};
    ring.push(a);
    QCOMPARE(ring.snapshot(), (std::vector<std::int16_t>{1, 2, 3}));
    const std::vector<std::int16_t> b{4, 5, 6, 7};
    ring.push(b);
    QCOMPARE(ring.snapshot(), (std::vector<std::int16_t>{3, 4, 5, 6, 7}));
    const std::vector<std::int16_t> big{10, 11, 12, 13, 14, 15, 16};
    ring.push(big);
    QCOMPARE(ring.snapshot(), (std::vector<std::int16_t>{12, 13, 14, 15, 16}));
    ring.clear();
    QVERIFY(ring.snapshot().empty());
    SampleRingBuffer none(0);
    none.push(a);
    QVERIFY(none.snapshot().empty());
}

void TestAudioVerbs::levelMeterReportsRmsAndPeak()
{
    LevelMeter meter(16000, 30);
    std::vector<std::int16_t> tone(16000);
    for (std::size_t i = 0; i < tone.size(); ++i)
        tone[i] = std::int16_t(16384.0 * std::sin(2.0 * std::numbers::pi * 440.0 * double(i) / 16000.0));
    std::vector<AudioLevel> levels;
    meter.push(tone, [&](const AudioLevel& l) { levels.push_back(l); });
    QCOMPARE(int(levels.size()), 30); // one second at 30 Hz
    for (const AudioLevel& l : levels) {
        QVERIFY(std::abs(l.peakDbfs - (-6.02f)) < 0.2f);
        QVERIFY(std::abs(l.rmsDbfs - (-9.03f)) < 0.3f);
    }
    std::vector<std::int16_t> silence(1200, 0);
    levels.clear();
    meter.push(silence, [&](const AudioLevel& l) { levels.push_back(l); });
    QCOMPARE(levels.size(), std::size_t(2)); // the first period still holds the tone's last samples
    QCOMPARE(levels.back().rmsDbfs, -120.0f);
    QCOMPARE(levels.back().peakDbfs, -120.0f);
}

void TestAudioVerbs::configComesFromSettings()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"utter.ini"_s));
    QVERIFY(settings.setValue(SettingKey::AudioVadSensitivity, 0.8).ok());
    QVERIFY(settings.setValue(SettingKey::AudioMinPauseMs, 650).ok());
    QVERIFY(settings.setValue(SettingKey::AudioTargetChunkS, 15).ok());
    QVERIFY(settings.setValue(SettingKey::AudioMaxChunkS, 40).ok());
    QVERIFY(settings.setValue(SettingKey::AudioPreRollMs, 300).ok());
    QVERIFY(settings.setValue(SettingKey::AudioDevice, u"virtmic"_s).ok());
    QVERIFY(settings.setValue(SettingKey::AudioOpusBitrate, 32000).ok());
    QCOMPARE(VadConfig::fromSettings(settings).sensitivity, 0.8);
    const ChunkerConfig chunking = ChunkerConfig::fromSettings(settings);
    QCOMPARE(chunking.minPauseMs, 650);
    QCOMPARE(chunking.targetChunkMs, 15000);
    QCOMPARE(chunking.maxChunkMs, 40000);
    const CaptureConfig capture = CaptureConfig::fromSettings(settings);
    QCOMPARE(capture.preRollMs, 300);
    QCOMPARE(capture.device, u"virtmic"_s);
    QCOMPARE(opusOptionsFromSettings(settings).bitrate, 32000);
    // A target above the cap cannot be reached: the cap wins.
    QVERIFY(settings.setValue(SettingKey::AudioTargetChunkS, 90).ok());
    QCOMPARE(ChunkerConfig::fromSettings(settings).targetChunkMs, 40000);
}

void TestAudioVerbs::segmentPrintsChunksInPauses()
{
    UTTER_REQUIRE_SPEECH_TOOLS();
    test::TestHome home;
    const SpeechCorpus::Built corpus = SpeechCorpus::build(SpeechCorpus::sentences().mid(0, 3), {1000, 1200, 800}, 500);
    const QString wav = QDir(home.path()).filePath(u"talk.wav"_s);
    QVERIFY(writeWavFile(wav, corpus.pcm, 16000).ok());
    const test::UtterRun run =
        test::runUtter({u"segment"_s, wav, u"--json"_s, u"--target-s"_s, u"0"_s}, home.environment());
    QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
    const QJsonObject root = QJsonDocument::fromJson(run.out).object();
    const QJsonArray chunks = root.value(u"chunks"_s).toArray();
    QCOMPARE(chunks.size(), 3);
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        const QJsonObject c = chunks.at(i).toObject();
        const SpeechCorpus::Span u = corpus.utterances[std::size_t(i)];
        QVERIFY(c.value(u"start"_s).toDouble() <= double(u.start) / 16000.0);
        QVERIFY(c.value(u"end"_s).toDouble() >= double(u.end) / 16000.0);
        QVERIFY(std::abs(c.value(u"duration"_s).toDouble() -
                         (c.value(u"end"_s).toDouble() - c.value(u"start"_s).toDouble())) < 1e-6);
        QVERIFY(c.value(u"speechRatio"_s).toDouble() > 0.5);
    }
    QCOMPARE(root.value(u"minPauseMs"_s).toInt(), 400);
    // The table form names the same chunks.
    const test::UtterRun table = test::runUtter({u"segment"_s, wav, u"--target-s"_s, u"0"_s}, home.environment());
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.outText().contains(u"3 chunk(s)"_s));
    // Default settings: 10 s target merges all three utterances into fewer chunks.
    const test::UtterRun merged = test::runUtter({u"segment"_s, wav, u"--json"_s}, home.environment());
    QCOMPARE(merged.exitCode, 0);
    QVERIFY(QJsonDocument::fromJson(merged.out).object().value(u"chunks"_s).toArray().size() < 3);
}

void TestAudioVerbs::segmentOverridesAndWritesChunks()
{
    UTTER_REQUIRE_SPEECH_TOOLS();
    test::TestHome home;
    const SpeechCorpus::Built corpus = SpeechCorpus::build(SpeechCorpus::sentences().mid(3, 2), {700, 500}, 300);
    const QString wav = QDir(home.path()).filePath(u"talk.wav"_s);
    QVERIFY(writeWavFile(wav, corpus.pcm, 16000).ok());
    const QString out = QDir(home.path()).filePath(u"chunks"_s);
    // A minimum pause longer than the gap keeps both utterances in one chunk.
    const test::UtterRun run = test::runUtter(
        {u"segment"_s, wav, u"--json"_s, u"--target-s"_s, u"0"_s, u"--min-pause-ms"_s, u"2000"_s, u"--write"_s, out},
        home.environment());
    QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
    QCOMPARE(QJsonDocument::fromJson(run.out).object().value(u"chunks"_s).toArray().size(), 1);
    QVERIFY(QFile::exists(QDir(out).filePath(u"chunk-000.ogg"_s)));
    const test::UtterRun bad = test::runUtter({u"segment"_s, wav, u"--sensitivity"_s, u"7"_s}, home.environment());
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.errText().contains(u"--sensitivity"_s));
}

void TestAudioVerbs::segmentSaysWhenThereIsNoSpeech()
{
    test::TestHome home;
    const QString wav = QDir(home.path()).filePath(u"silence.wav"_s);
    QVERIFY(writeWavFile(wav, std::vector<std::int16_t>(16000 * 5, 0), 16000).ok());
    const test::UtterRun run = test::runUtter({u"segment"_s, wav}, home.environment());
    QCOMPARE(run.exitCode, 5);
    QVERIFY(run.errText().contains(u"no speech"_s));
}

void TestAudioVerbs::segmentRejectsBadFiles()
{
    test::TestHome home;
    const test::UtterRun missing = test::runUtter({u"segment"_s, u"/nonexistent/x.wav"_s}, home.environment());
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.errText().contains(u"/nonexistent/x.wav"_s));
    const QString broken = QDir(home.path()).filePath(u"broken.wav"_s);
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("RIFF\x24\0\0\0WAVEfmt \x10\0\0\0", 20) + QByteArray(8, '\0'));
    f.close();
    const test::UtterRun bad = test::runUtter({u"segment"_s, broken}, home.environment());
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.errText().contains(u"damaged"_s), qPrintable(bad.errText()));
    const test::UtterRun usage = test::runUtter({u"segment"_s}, home.environment());
    QCOMPARE(usage.exitCode, 2);
}

void TestAudioVerbs::devicesListsInputs()
{
    if (qEnvironmentVariableIsEmpty("PULSE_SERVER")) {
        if (qEnvironmentVariableIntValue("UTTER_TEST_SERVICES") == 1)
            QFAIL("UTTER_TEST_SERVICES=1 but PULSE_SERVER is not set");
        QSKIP("needs PulseAudio: run under tests/with-services.sh");
    }
    test::TestHome home;
    const test::UtterRun run = test::runUtter({u"devices"_s, u"--json"_s}, home.environment());
    QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
    const QJsonArray inputs = QJsonDocument::fromJson(run.out).array();
    bool found = false;
    for (const QJsonValue& v : inputs) {
        const QJsonObject input = v.toObject();
        if (input.value(u"id"_s).toString() == u"virtmic"_s) {
            found = true;
            QVERIFY(input.value(u"default"_s).toBool()); // PulseAudio's default source, not Qt's guess
        }
    }
    QVERIFY(found);
    // The configured device is marked; a configured device that is absent is reported.
    QProcessEnvironment env = home.environment();
    QVERIFY(test::runUtter({u"config"_s, u"set"_s, u"audio/device"_s, u"virtmic"_s}, env).exitCode == 0);
    const test::UtterRun table = test::runUtter({u"devices"_s}, env);
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.outText().contains(u"[default, configured]"_s));
    QVERIFY(test::runUtter({u"config"_s, u"set"_s, u"audio/device"_s, u"gone-mic"_s}, env).exitCode == 0);
    const test::UtterRun gone = test::runUtter({u"devices"_s}, env);
    QCOMPARE(gone.exitCode, 1);
    QVERIFY(gone.errText().contains(u"gone-mic"_s));
}

QTEST_GUILESS_MAIN(TestAudioVerbs)
#include "testaudioverbs.moc"
