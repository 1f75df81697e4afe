// Integration: real PulseAudio, a pipe-source virtual microphone fed in real time, capture through QAudioSource.
// Needs tests/with-services.sh (PULSE_SERVER, UTTER_TEST_MIC_FIFO with the default source "virtmic").
#include "audio/audiocapture.h"
#include "audio/audiodevices.h"
#include "audiotesthelpers.h"
#include "common/handoff.h"
#include "realtimefeeder.h"
#include "vad/chunker.h"
#include "vad/energyvad.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using namespace utter;
using namespace Qt::Literals::StringLiterals;
using utter::test::RealTimeFeeder;
using utter::test::recordingStreams;
using utter::test::SpeechCorpus;

namespace
{

struct Capture
{
    std::vector<std::int16_t> samples;
    std::vector<AudioChunk> chunks;
    qint64 reportedTotal = -1;
    int levels = 0;
    float loudest = -120.0f;
    bool contiguous = true;
};

// Index of needle's first sample inside haystack, comparing a 1600-sample window exactly; -1 if absent.
std::int64_t findExact(const std::vector<std::int16_t>& haystack, const std::vector<std::int16_t>& played,
                       std::int64_t from)
{
    const std::size_t window = 1600;
    for (std::size_t i = 0; i + window <= haystack.size(); ++i) {
        if (std::equal(played.begin() + from, played.begin() + from + std::int64_t(window),
                       haystack.begin() + std::int64_t(i)))
            return std::int64_t(i) - from;
    }
    return -1;
}

} // namespace

class TestCapture final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void defaultDeviceIsPulseAudiosDefault();
    void capturesEveryUtteranceInRealTime();
    void convertsWhenTheDeviceFormatDiffers();
    void preRollKeepsTheFirstSyllable();
    void vanishingDeviceStopsWithErrorAndKeepsSamples();
    void closedMicrophoneOpensOnlyForADictation();

private:
    void run(AudioCapture& capture, Capture& result, Chunker& chunker);
    QString m_fifo;
    SpeechCorpus::Built m_corpus;
};

void TestCapture::initTestCase()
{
    UTTER_REQUIRE_SPEECH_TOOLS();
    m_fifo = qEnvironmentVariable("UTTER_TEST_MIC_FIFO");
    if (m_fifo.isEmpty() || qEnvironmentVariableIsEmpty("PULSE_SERVER")) {
        if (qEnvironmentVariableIntValue("UTTER_TEST_SERVICES") == 1)
            QFAIL("UTTER_TEST_SERVICES=1 but PULSE_SERVER/UTTER_TEST_MIC_FIFO are not set");
        QSKIP("needs the virtual microphone: run under tests/with-services.sh");
    }
    m_corpus = SpeechCorpus::build(SpeechCorpus::sentences().mid(4, 4), {1200, 1500, 1000, 1500}, 800);
    QVERIFY(m_corpus.utterances.size() == 4);
}

void TestCapture::defaultDeviceIsPulseAudiosDefault()
{
    QCOMPARE(AudioDevices::pulseDefaultSource(), u"virtmic"_s);
    QCOMPARE(AudioDevices::defaultInputId(), u"virtmic"_s);
    Result<AudioInput> byDefault = AudioDevices::select({});
    QVERIFY(byDefault.ok());
    QCOMPARE(byDefault->id, u"virtmic"_s);
    Result<AudioInput> byName = AudioDevices::select(u"FIFO"_s); // part of "Unix FIFO source ..."
    QVERIFY(byName.ok());
    QCOMPARE(byName->id, u"virtmic"_s);
    Result<AudioInput> missing = AudioDevices::select(u"no-such-microphone"_s);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QVERIFY(missing.error().message.contains(u"utter devices"_s));
}

void TestCapture::run(AudioCapture& capture, Capture& result, Chunker& chunker)
{
    QObject context;
    connectHandOff(&capture, &AudioCapture::samplesReady, &context, [&](const AudioBlock& block) {
        if (block.startSample != std::int64_t(result.samples.size()))
            result.contiguous = false;
        result.samples.insert(result.samples.end(), block.samples.begin(), block.samples.end());
        chunker.feed(block.samples);
    });
    QObject::connect(&capture, &AudioCapture::levelChanged, &context, [&](float rms, float) {
        ++result.levels;
        result.loudest = std::max(result.loudest, rms);
    });
    QSignalSpy ended(&capture, &AudioCapture::ended);
    capture.begin();
    {
        std::vector<std::int16_t> played = m_corpus.pcm;
        played.insert(played.end(), 8000, 0); // half a second more so the last pause completes
        RealTimeFeeder feeder(m_fifo, played);
        QTRY_VERIFY_WITH_TIMEOUT(feeder.done(), 60000);
        QVERIFY(!feeder.failed());
        // The resampler (when converting) holds back a few milliseconds until end().
        QTRY_VERIFY_WITH_TIMEOUT(result.samples.size() + 800 >= played.size(), 5000);
    }
    capture.end();
    QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 5000);
    result.reportedTotal = ended.first().first().toLongLong();
    chunker.end();
}

void TestCapture::capturesEveryUtteranceInRealTime()
{
    AudioCapture capture;
    QSignalSpy opened(&capture, &AudioCapture::opened);
    QSignalSpy errors(&capture, &AudioCapture::errorOccurred);
    CaptureConfig config;
    config.preRollMs = 0; // the FIFO only holds what we write: no pre-roll needed to align
    capture.open(config);
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 10000);
    QCOMPARE(opened.first().at(0).toString(), u"virtmic"_s);
    QVERIFY(opened.first().at(2).toString().startsWith(u"16000 Hz, 1 ch, s16"_s));

    Capture result;
    ChunkerConfig chunking;
    chunking.targetChunkMs = 0; // one chunk per utterance, so the count is checkable
    Chunker chunker(chunking, std::make_unique<EnergyVad>(),
                    [&](AudioChunk&& c) { result.chunks.push_back(std::move(c)); });
    run(capture, result, chunker);
    QCOMPARE(errors.count(), 0);
    QVERIFY(result.contiguous);
    QCOMPARE(result.reportedTotal, qint64(result.samples.size()));

    // Same format end to end: the capture is bit-exact. Find where playback starts in the capture.
    const std::int64_t offset = findExact(result.samples, m_corpus.pcm, m_corpus.utterances.front().start);
    QVERIFY2(offset >= 0, "the first utterance is not in the capture");
    // Captured duration matches what was played: every played sample is there, in order, none lost or doubled.
    QVERIFY(offset + std::int64_t(m_corpus.pcm.size()) <= std::int64_t(result.samples.size()));
    QVERIFY(std::equal(m_corpus.pcm.begin(), m_corpus.pcm.end(), result.samples.begin() + offset));
    const double extra = double(result.samples.size() - m_corpus.pcm.size() - std::size_t(offset)) / 16000.0;
    QVERIFY2(extra >= 0.4 && extra < 2.0, qPrintable(QStringLiteral("%1 s captured beyond the playback").arg(extra)));

    QCOMPARE(result.chunks.size(), m_corpus.utterances.size());
    for (const SpeechCorpus::Span& u : m_corpus.utterances) {
        const bool inside = std::any_of(result.chunks.begin(), result.chunks.end(), [&](const AudioChunk& c) {
            return c.startSample <= u.start + offset && c.endSample >= u.end + offset;
        });
        QVERIFY2(inside,
                 qPrintable(QStringLiteral("utterance at %1 s is not inside a chunk").arg(double(u.start) / 16000)));
    }
    // The level meter ran at ~30 Hz and saw the speech.
    const double seconds = double(result.samples.size()) / 16000.0;
    QVERIFY2(result.levels > int(seconds * 25) && result.levels < int(seconds * 35) + 5,
             qPrintable(QStringLiteral("%1 level updates in %2 s").arg(result.levels).arg(seconds)));
    QVERIFY(result.loudest > -30.0f);
}

void TestCapture::convertsWhenTheDeviceFormatDiffers()
{
    // Ask the device for 48 kHz stereo float (PulseAudio converts up); Utter must bring it back to 16 kHz mono.
    AudioCapture capture;
    QSignalSpy opened(&capture, &AudioCapture::opened);
    CaptureConfig config;
    config.preRollMs = 0;
    QAudioFormat wide;
    wide.setSampleRate(48000);
    wide.setChannelCount(2);
    wide.setSampleFormat(QAudioFormat::Float);
    config.deviceFormat = wide;
    capture.open(config);
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 10000);
    QVERIFY(opened.first().at(2).toString().startsWith(u"48000 Hz, 2 ch, float"_s));
    Capture result;
    ChunkerConfig chunking;
    chunking.targetChunkMs = 0;
    Chunker chunker(chunking, std::make_unique<EnergyVad>(),
                    [&](AudioChunk&& c) { result.chunks.push_back(std::move(c)); });
    run(capture, result, chunker);
    QCOMPARE(result.chunks.size(), m_corpus.utterances.size());
    const double seconds = double(result.samples.size()) / 16000.0;
    const double played = double(m_corpus.pcm.size()) / 16000.0;
    QVERIFY2(seconds >= played && seconds < played + 2.5,
             qPrintable(QStringLiteral("%1 s vs %2 s").arg(seconds).arg(played)));
}

void TestCapture::preRollKeepsTheFirstSyllable()
{
    AudioCapture capture;
    QSignalSpy opened(&capture, &AudioCapture::opened);
    CaptureConfig config;
    config.preRollMs = 1000;
    capture.open(config);
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 10000);
    std::vector<std::int16_t> collected;
    QObject context;
    connectHandOff(&capture, &AudioCapture::samplesReady, &context,
                   [&](const AudioBlock& b) { collected.insert(collected.end(), b.samples.begin(), b.samples.end()); });
    QSignalSpy ended(&capture, &AudioCapture::ended);
    const SpeechCorpus::Span first = m_corpus.utterances.front();
    std::vector<std::int16_t> played(m_corpus.pcm.begin(), m_corpus.pcm.begin() + first.end + 8000);
    RealTimeFeeder feeder(m_fifo, played);
    // The key goes down 300 ms after the speaker started talking.
    QTRY_VERIFY_WITH_TIMEOUT(feeder.written() >= std::size_t(first.start + 4800), 10000);
    capture.begin();
    QTRY_VERIFY_WITH_TIMEOUT(feeder.done(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(collected.size() >= std::size_t(first.end - first.start), 5000);
    capture.end();
    QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 5000);
    const std::int64_t offset = findExact(collected, played, first.start);
    QVERIFY2(offset != -1, "the first 100 ms of speech were lost before the key press");
}

void TestCapture::vanishingDeviceStopsWithErrorAndKeepsSamples()
{
    // A second virtual microphone that the test removes mid-dictation (the shared "virtmic" stays).
    QTemporaryDir dir;
    const QString fifo = dir.filePath(u"vanish.fifo"_s);
    QProcess load;
    load.start(u"pactl"_s, {u"load-module"_s, u"module-pipe-source"_s, u"source_name=utter_vanish"_s, u"file="_s + fifo,
                            u"format=s16le"_s, u"rate=16000"_s, u"channels=1"_s});
    QVERIFY(load.waitForFinished(5000));
    QCOMPARE(load.exitCode(), 0);
    const QString module = QString::fromUtf8(load.readAllStandardOutput()).trimmed();

    AudioCapture capture;
    QSignalSpy opened(&capture, &AudioCapture::opened);
    QSignalSpy errors(&capture, &AudioCapture::errorOccurred);
    QSignalSpy ended(&capture, &AudioCapture::ended);
    CaptureConfig config;
    config.device = u"utter_vanish"_s;
    config.preRollMs = 0;
    capture.open(config);
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 10000);
    std::vector<std::int16_t> collected;
    QObject context;
    connectHandOff(&capture, &AudioCapture::samplesReady, &context,
                   [&](const AudioBlock& b) { collected.insert(collected.end(), b.samples.begin(), b.samples.end()); });
    capture.begin();
    const SpeechCorpus::Span first = m_corpus.utterances.front();
    {
        // The utterance, then 0.3 s of room tone as a live microphone would go on giving: without it, the last
        // partial period of the speech could sit in the sound server's buffers (the pipe source delivers whole
        // blocks), and the check below would race it.
        std::vector<std::int16_t> audio(m_corpus.pcm.begin(), m_corpus.pcm.begin() + first.end);
        audio.resize(audio.size() + 4800, 0);
        RealTimeFeeder feeder(fifo, audio);
        QTRY_VERIFY_WITH_TIMEOUT(feeder.done(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(collected.size() >= std::size_t(first.end), 5000);
    }
    QCOMPARE(QProcess::execute(u"pactl"_s, {u"unload-module"_s, module}), 0);
    QTRY_VERIFY_WITH_TIMEOUT(errors.count() >= 1, 10000);
    const Error error = errors.first().first().value<Error>();
    QCOMPARE(error.code, ErrorCode::DeviceLost);
    QVERIFY(error.message.contains(u"kept"_s));
    QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 5000);
    QVERIFY(ended.first().first().toLongLong() >= first.end);
    // Everything spoken before the device vanished was delivered.
    QVERIFY(findExact(collected, m_corpus.pcm, first.start) >= 0);
    QTRY_VERIFY(!capture.isOpen());
}

QTEST_GUILESS_MAIN(TestCapture)
#include "testcapture.moc"

// Microphone privacy (audio/keepOpen=false): between dictations no recording stream exists; begin() opens the
// device and captures, the dictation's end closes it; switching to keepOpen opens it for the pre-roll.
void TestCapture::closedMicrophoneOpensOnlyForADictation()
{
    AudioCapture capture;
    QSignalSpy opened(&capture, &AudioCapture::opened);
    QSignalSpy closed(&capture, &AudioCapture::closed);
    QSignalSpy ended(&capture, &AudioCapture::ended);
    CaptureConfig config;
    config.keepOpen = false;
    capture.open(config);
    QVERIFY(capture.isArmed());
    QCOMPARE(recordingStreams(), 0);
    QVERIFY(opened.isEmpty());

    std::atomic<std::size_t> captured{0};
    QObject context;
    connect(
        &capture, &AudioCapture::samplesReady, &context, [&](const AudioBlock& b) { captured += b.samples.size(); },
        Qt::DirectConnection);
    std::vector<std::int16_t> played(m_corpus.pcm.begin(), m_corpus.pcm.begin() + 16000 * 3);
    RealTimeFeeder feeder(m_fifo, played);
    capture.begin();
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(recordingStreams(), 1, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(captured.load() >= 3200, 5000);
    capture.end();
    QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, 5000);
    QVERIFY(!capture.isOpen());
    QTRY_COMPARE_WITH_TIMEOUT(recordingStreams(), 0, 5000);

    // Switched on (applied live by the service): the device opens now and stays open after a dictation.
    config.keepOpen = true;
    capture.open(config);
    QVERIFY(!capture.isArmed());
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(recordingStreams(), 1, 5000);
    capture.begin();
    capture.end();
    QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 2, 5000);
    QCOMPARE(closed.count(), 1);
    QVERIFY(capture.isOpen());
    capture.close();
    QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 2, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(recordingStreams(), 0, 5000);
}
