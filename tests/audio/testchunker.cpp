#include "audiotesthelpers.h"
#include "vad/chunker.h"
#include "vad/energyvad.h"

#include <QTest>

#include <algorithm>
#include <random>

using namespace utter;
using utter::test::SpeechCorpus;

namespace
{

struct Run
{
    std::vector<AudioChunk> chunks;
    std::uint64_t produced = 0;
};

// Feeds the signal in irregular blocks (as capture does) and collects the chunks.
Run chunk(const std::vector<std::int16_t>& pcm, ChunkerConfig config, VadConfig vad = {}, unsigned seed = 1)
{
    Run run;
    Chunker chunker(config, std::make_unique<EnergyVad>(vad),
                    [&run](AudioChunk&& c) { run.chunks.push_back(std::move(c)); });
    std::mt19937 rng(seed);
    std::uniform_int_distribution<std::size_t> block(1, 1500);
    std::size_t at = 0;
    while (at < pcm.size()) {
        const std::size_t n = std::min(block(rng), pcm.size() - at);
        chunker.feed(std::span<const std::int16_t>(pcm.data() + at, n));
        at += n;
    }
    run.produced = chunker.end();
    return run;
}

std::vector<std::int16_t> withNoise(const std::vector<std::int16_t>& clean, double snrDb, unsigned seed,
                                    bool pink = false)
{
    const std::vector<bool> labels = SpeechCorpus::labelFrames(clean, 320);
    const std::vector<float> noise =
        pink ? SpeechCorpus::pinkNoise(clean.size(), seed) : SpeechCorpus::whiteNoise(clean.size(), seed);
    return SpeechCorpus::mix(clean, noise, snrDb, labels, 320);
}

// A detector that says what the test scripted, frame by frame (20 ms); past the script, silence.
class ScriptedVad final : public VadBackend
{
public:
    explicit ScriptedVad(std::vector<VadDecision> script)
        : m_script(std::move(script))
    {}
    std::string name() const override { return "scripted"; }
    int sampleRate() const override { return 16000; }
    std::size_t frameSamples() const override { return 320; }
    VadDecision process(std::span<const std::int16_t>) override
    {
        return m_next < m_script.size() ? m_script[m_next++] : VadDecision{};
    }
    void reset() override { m_next = 0; }

private:
    std::vector<VadDecision> m_script;
    std::size_t m_next = 0;
};

// frames × 20 ms of one decision.
void append(std::vector<VadDecision>& script, int frames, float probability, bool speech, float snrDb)
{
    VadDecision d;
    d.probability = probability;
    d.speech = speech;
    d.snrDb = snrDb;
    d.levelDbfs = -30.0f;
    script.insert(script.end(), std::size_t(frames), d);
}

} // namespace

class TestChunker final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void boundariesFallInsidePauses();
    void everySpeechSampleInExactlyOneChunk();
    void silenceAndNoiseGiveNoChunk();
    void longSpeechIsCappedAtQuietPoints();
    void mergesTowardTheTarget();
    void finalChunkComesAtEnd();
    void unclearSpeechIsNotCutWhereItFadesIntoNoise_data();
    void unclearSpeechIsNotCutWhereItFadesIntoNoise();

private:
    SpeechCorpus::Built m_corpus;
};

void TestChunker::initTestCase()
{
    UTTER_REQUIRE_SPEECH_TOOLS();
    const QStringList texts = SpeechCorpus::sentences().mid(0, 6);
    m_corpus = SpeechCorpus::build(texts, {900, 1500, 700, 2500, 1000, 800}, 600);
    QVERIFY2(m_corpus.utterances.size() == 6, "espeak-ng did not produce the corpus");
}

void TestChunker::boundariesFallInsidePauses()
{
    ChunkerConfig config;
    config.targetChunkMs = 0; // cut at every pause
    // Down to 0 dB (speech as loud as the noise), where the detector loses the quiet parts of words: the chunker
    // must still cut only between utterances and keep their quiet endings.
    for (const auto& [snr, pink] : std::vector<std::pair<double, bool>>{
             {100.0, false}, {20.0, false}, {10.0, false}, {5.0, true}, {0.0, false}, {0.0, true}}) {
        const std::vector<std::int16_t> pcm = snr > 50 ? m_corpus.pcm : withNoise(m_corpus.pcm, snr, 7, pink);
        const Run run = chunk(pcm, config);
        QCOMPARE(run.chunks.size(), m_corpus.utterances.size());
        for (std::size_t i = 0; i < run.chunks.size(); ++i) {
            const AudioChunk& c = run.chunks[i];
            const SpeechCorpus::Span& u = m_corpus.utterances[i];
            QVERIFY2(c.startSample <= u.start && c.endSample >= u.end,
                     qPrintable(QStringLiteral("snr %1%7: chunk %2 [%3, %4) cuts utterance [%5, %6)")
                                    .arg(snr)
                                    .arg(i)
                                    .arg(c.startSample)
                                    .arg(c.endSample)
                                    .arg(u.start)
                                    .arg(u.end)
                                    .arg(pink ? QStringLiteral(" pink") : QString())));
            if (i + 1 < m_corpus.utterances.size())
                QVERIFY(c.endSample <= m_corpus.utterances[i + 1].start);
            QCOMPARE(c.sequence, std::uint64_t(i));
            QVERIFY(c.speechRatio > 0.5);
        }
        // The trailing silence is longer than the minimum pause, so the last chunk left before end().
        QCOMPARE(run.produced, std::uint64_t(run.chunks.size()));
    }
}

void TestChunker::everySpeechSampleInExactlyOneChunk()
{
    const std::vector<std::int16_t> pcm = withNoise(m_corpus.pcm, 15.0, 3);
    const std::vector<SpeechCorpus::Span> speech = SpeechCorpus::speechSpans(m_corpus.pcm);
    for (const int target : {0, 4000, 10000}) {
        ChunkerConfig config;
        config.targetChunkMs = target;
        for (unsigned seed = 1; seed <= 3; ++seed) {
            const Run run = chunk(pcm, config, {}, seed);
            QVERIFY(!run.chunks.empty());
            QCOMPARE(run.produced, std::uint64_t(run.chunks.size()));
            std::vector<int> covered(pcm.size(), 0);
            for (std::size_t i = 0; i < run.chunks.size(); ++i) {
                const AudioChunk& c = run.chunks[i];
                QCOMPARE(c.sequence, std::uint64_t(i));
                QCOMPARE(std::int64_t(c.pcm.size()), c.samples());
                QVERIFY(c.startSample >= 0 && c.endSample <= std::int64_t(pcm.size()));
                // The chunk's PCM is exactly the input at its offsets.
                QVERIFY(std::equal(c.pcm.begin(), c.pcm.end(), pcm.begin() + c.startSample));
                if (i > 0)
                    QVERIFY(c.startSample >= run.chunks[i - 1].endSample);
                for (std::int64_t s = c.startSample; s < c.endSample; ++s)
                    ++covered[std::size_t(s)];
            }
            for (const SpeechCorpus::Span& span : speech) {
                for (std::int64_t s = span.start; s < span.end; ++s) {
                    if (covered[std::size_t(s)] != 1)
                        QFAIL(qPrintable(QStringLiteral("target %1 seed %2: speech sample %3 is in %4 chunks")
                                             .arg(target)
                                             .arg(seed)
                                             .arg(s)
                                             .arg(covered[std::size_t(s)])));
                }
            }
        }
    }
}

void TestChunker::silenceAndNoiseGiveNoChunk()
{
    const std::size_t tenSeconds = 10 * SpeechCorpus::kRate;
    std::vector<std::int16_t> silence(tenSeconds, 0);
    QVERIFY(chunk(silence, {}).chunks.empty());
    for (const auto& noise : {SpeechCorpus::whiteNoise(tenSeconds, 5), SpeechCorpus::pinkNoise(tenSeconds, 6)}) {
        std::vector<std::int16_t> pcm(noise.size());
        std::transform(noise.begin(), noise.end(), pcm.begin(), [](float v) { return std::int16_t(v * 0.3f); });
        const Run run = chunk(pcm, {});
        QVERIFY2(run.chunks.empty(),
                 qPrintable(QStringLiteral("steady noise produced %1 chunks").arg(run.chunks.size())));
        QCOMPARE(run.produced, std::uint64_t(0));
    }
}

void TestChunker::longSpeechIsCappedAtQuietPoints()
{
    // ~70 s of speech with only short gaps (shorter than the minimum pause): only the cap can cut it.
    QStringList texts;
    std::vector<int> gaps;
    for (int i = 0; i < 2; ++i) {
        texts += SpeechCorpus::sentences();
    }
    gaps.assign(std::size_t(texts.size()), 250);
    const SpeechCorpus::Built longSpeech = SpeechCorpus::build(texts, gaps, 300);
    QVERIFY(longSpeech.pcm.size() > 60 * std::size_t(SpeechCorpus::kRate));
    ChunkerConfig config;
    config.maxChunkMs = 20000;
    const Run run = chunk(longSpeech.pcm, config);
    QVERIFY(run.chunks.size() >= 3);
    for (const AudioChunk& c : run.chunks) {
        QVERIFY2(c.samples() <= 20 * SpeechCorpus::kRate,
                 qPrintable(QStringLiteral("chunk of %1 s exceeds the cap").arg(c.durationSeconds())));
        if (c.cut != ChunkCut::MaxLength)
            continue;
        // The cut lands in a quiet spot: the 100 ms around it are far quieter than the chunk as a whole.
        const std::int64_t at = c.endSample;
        const std::vector<std::int16_t> around(longSpeech.pcm.begin() + (at - 800),
                                               longSpeech.pcm.begin() + (at + 800));
        QVERIFY2(levelDbfs(around) < levelDbfs(c.pcm) - 20.0f,
                 qPrintable(QStringLiteral("cut at %1 s is not quiet (%2 dBFS vs %3)")
                                .arg(double(at) / SpeechCorpus::kRate)
                                .arg(levelDbfs(around))
                                .arg(levelDbfs(c.pcm))));
    }
    // Contiguous: capped chunks follow each other without a gap, so nothing in between was lost.
    for (std::size_t i = 1; i < run.chunks.size(); ++i) {
        if (run.chunks[i - 1].cut == ChunkCut::MaxLength)
            QCOMPARE(run.chunks[i].startSample, run.chunks[i - 1].endSample);
    }
}

void TestChunker::mergesTowardTheTarget()
{
    ChunkerConfig config;
    config.targetChunkMs = 8000;
    const Run run = chunk(m_corpus.pcm, config);
    QVERIFY(run.chunks.size() >= 2);
    for (std::size_t i = 0; i + 1 < run.chunks.size(); ++i)
        QVERIFY2(run.chunks[i].durationSeconds() >= 8.0,
                 qPrintable(QStringLiteral("chunk %1 is only %2 s").arg(i).arg(run.chunks[i].durationSeconds())));
    QVERIFY(run.chunks.back().durationSeconds() < 8.0 || run.chunks.back().cut != ChunkCut::LongPause);
}

void TestChunker::finalChunkComesAtEnd()
{
    // The speaker is still talking when the key is released: end() must deliver at once, with the last sample.
    const SpeechCorpus::Span last = m_corpus.utterances.back();
    const std::int64_t releaseAt = last.start + (last.end - last.start) / 2;
    std::vector<AudioChunk> chunks;
    Chunker chunker(ChunkerConfig{}, std::make_unique<EnergyVad>(),
                    [&](AudioChunk&& c) { chunks.push_back(std::move(c)); });
    chunker.feed(std::span<const std::int16_t>(m_corpus.pcm.data(), std::size_t(releaseAt)));
    const std::size_t before = chunks.size();
    const std::uint64_t produced = chunker.end();
    QCOMPARE(chunks.size(), before + 1);
    QCOMPARE(produced, std::uint64_t(chunks.size()));
    QVERIFY(chunks.back().final);
    QCOMPARE(chunks.back().endSample, releaseAt);
    QCOMPARE(chunks.back().cut, ChunkCut::End);
    // The chunker is ready for the next stream, continuing the offsets.
    QCOMPARE(chunker.samplesFed(), std::int64_t(0));
}

void TestChunker::unclearSpeechIsNotCutWhereItFadesIntoNoise_data()
{
    QTest::addColumn<float>("peakSnrDb");
    QTest::addColumn<QList<int>>("chunksMs"); // start, end of each chunk
    // Unclear: one chunk from the start to the last speech frame (1.6 s) plus 1.5 × 200 ms of padding.
    QTest::newRow("unclear speech (peak 8 dB)") << 8.0f << QList<int>{0, 1900};
    // Clear: the faint stretch is noise, so the first utterance (0.5 s) ends with 200 ms of padding there; the
    // second chunk's start reaches back through the faint frames to where the first ended.
    QTest::newRow("clear speech (peak 30 dB)") << 30.0f << QList<int>{0, 700, 700, 1800};
}

void TestChunker::unclearSpeechIsNotCutWhereItFadesIntoNoise()
{
    // 0.5 s of speech, 0.6 s where the detector has let go of speech but still half-hears it (probability 0.3, as
    // in the quiet middle of a sentence in noise), 0.5 s of speech, then a real pause (probability 0.05).
    QFETCH(float, peakSnrDb);
    QFETCH(QList<int>, chunksMs);
    std::vector<VadDecision> script;
    append(script, 25, 0.9f, true, peakSnrDb);
    append(script, 30, 0.3f, false, 3.0f);
    append(script, 25, 0.9f, true, peakSnrDb);
    append(script, 50, 0.05f, false, 0.5f);
    ChunkerConfig config;
    config.targetChunkMs = 0;
    std::vector<AudioChunk> out;
    Chunker chunker(config, std::make_unique<ScriptedVad>(script),
                    [&out](AudioChunk&& c) { out.push_back(std::move(c)); });
    const std::vector<std::int16_t> pcm(script.size() * 320, 1000);
    chunker.feed(pcm);
    chunker.end();
    QList<int> got;
    for (const AudioChunk& c : out)
        got << int(c.startSample / 16) << int(c.endSample / 16);
    QCOMPARE(got, chunksMs);
}

QTEST_GUILESS_MAIN(TestChunker)
#include "testchunker.moc"
