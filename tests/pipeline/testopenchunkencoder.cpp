// OpenChunkEncoder: the final chunk, encoded while it is spoken, is the same audio the chunker cut (plus at most
// half a second of the silence before the release); any other chunk is left to the caller.
#include "../audio/audiotesthelpers.h"
#include "codec/oggopus.h"
#include "pipeline/openchunkencoder.h"
#include "vad/chunker.h"

#include <QTest>

using namespace utter;
using utter::test::SpeechCorpus;

class TestOpenChunkEncoder final : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        std::vector<AudioChunk> chunks;
        std::vector<std::optional<OpenChunkEncoder::Encoded>> encoded;
    };

    // Feeds pcm in 20 ms blocks like live capture, following every block, then ends the stream (key release).
    static Run dictate(const std::vector<std::int16_t>& pcm, ChunkerConfig config)
    {
        Run run;
        OpenChunkEncoder open{OggOpusOptions{}};
        Chunker chunker(config, createVad(VadConfig()), [&](AudioChunk&& chunk) {
            run.encoded.push_back(open.take(chunk));
            run.chunks.push_back(std::move(chunk));
        });
        for (std::size_t at = 0; at < pcm.size(); at += 320) {
            chunker.feed(std::span(pcm).subspan(at, std::min<std::size_t>(320, pcm.size() - at)));
            open.follow(chunker);
        }
        chunker.end();
        return run;
    }

private slots:
    void finalChunkIsReadyAtRelease()
    {
        UTTER_REQUIRE_SPEECH_TOOLS();
        SpeechCorpus::Built corpus = SpeechCorpus::build(SpeechCorpus::sentences().mid(0, 3), {700, 700}, 500);
        while (!corpus.pcm.empty() && std::abs(corpus.pcm.back()) < 64) // the corpus's own trailing pause
            corpus.pcm.pop_back();
        corpus.pcm.insert(corpus.pcm.end(), 3200, 0); // the key comes up 200 ms after the last word
        ChunkerConfig config;
        config.targetChunkMs = 1000; // a chunk per sentence: two cut in pauses, the last one at release
        const Run run = dictate(corpus.pcm, config);
        QVERIFY(run.chunks.size() >= 2);
        for (std::size_t i = 0; i + 1 < run.chunks.size(); ++i)
            QVERIFY2(!run.encoded[i], "a chunk cut in a pause is encoded from its own samples");

        const AudioChunk& last = run.chunks.back();
        QVERIFY(last.final);
        QVERIFY(run.encoded.back().has_value());
        const OpenChunkEncoder::Encoded& ready = *run.encoded.back();
        QVERIFY(ready.samples >= last.samples());
        QVERIFY(ready.samples - last.samples() <= std::int64_t(OpenChunkEncoder::kMaxTailSeconds * 16000));
        // The bytes decode to that audio: the chunk's samples first, in order.
        const Result<std::vector<std::int16_t>> decoded = decodeOggOpus(ready.oggOpus);
        QVERIFY(decoded.ok());
        QVERIFY2(std::abs(std::int64_t(decoded->size()) - ready.samples) <= 320,
                 qPrintable(QStringLiteral("%1 vs %2").arg(decoded->size()).arg(ready.samples)));
        double dot = 0, a = 0, b = 0;
        for (std::size_t i = 0; i < std::size_t(last.samples()) && i < decoded->size(); ++i) {
            dot += double(last.pcm[i]) * (*decoded)[i];
            a += double(last.pcm[i]) * last.pcm[i];
            b += double((*decoded)[i]) * (*decoded)[i];
        }
        QVERIFY2(dot / std::sqrt(a * b) > 0.8, qPrintable(QString::number(dot / std::sqrt(a * b))));
    }

    void silenceBeforeReleaseIsNotUploaded()
    {
        UTTER_REQUIRE_SPEECH_TOOLS();
        // Speech, then 2 s of silence before the key comes up: the final chunk ends with the speech (plus
        // padding), and so does what was encoded while it was spoken.
        std::vector<std::int16_t> pcm = SpeechCorpus::speak(SpeechCorpus::sentences().at(1));
        pcm.insert(pcm.begin(), 8000, 0);
        pcm.insert(pcm.end(), 32000, 0);
        const Run run = dictate(pcm, ChunkerConfig());
        QCOMPARE(run.chunks.size(), std::size_t(1));
        QVERIFY(run.chunks.back().final);
        QVERIFY(run.encoded.back().has_value());
        QCOMPARE(run.encoded.back()->samples, run.chunks.back().samples());
    }
};

QTEST_GUILESS_MAIN(TestOpenChunkEncoder)
#include "testopenchunkencoder.moc"
