// OpenChunkEncoder: the final chunk, encoded while it is spoken, is the same audio the chunker cut (its shortened
// pauses left out too), and what could be journaled on the way is always a prefix of it; any other chunk is left to
// the caller.
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
        // What the journal would have appended while each chunk was spoken: (chunk start, stream so far), per sync.
        std::vector<std::pair<std::int64_t, QByteArray>> flushed;
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
            if (at % 8000 == 0) { // twice a second, as the pipeline syncs
                if (const std::optional<OpenChunkEncoder::Progress> p = open.flushed())
                    run.flushed.emplace_back(p->start, QByteArray(p->stream.data(), p->stream.size()));
            }
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
        QCOMPARE(ready.samples, std::int64_t(last.pcm.size()));
        // The bytes decode to that audio: the chunk's samples first, in order.
        // Everything journaled while it was spoken is the start of what is uploaded.
        for (const auto& [start, stream] : run.flushed) {
            if (start == last.startSample)
                QVERIFY(ready.oggOpus.startsWith(stream));
        }
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

    void shortenedPausesAreFollowed()
    {
        UTTER_REQUIRE_SPEECH_TOOLS();
        // Three sentences with 2-3 s pauses and Groq's 10 s minimum: one chunk at release, its pauses shortened. It
        // is ready at once, holds exactly the chunk's audio, and every journaled prefix is the start of it.
        SpeechCorpus::Built corpus = SpeechCorpus::build(SpeechCorpus::sentences().mid(3, 3), {2500, 3000, 200}, 500);
        ChunkerConfig config;
        config.minBilledMs = 10000;
        const Run run = dictate(corpus.pcm, config);
        QCOMPARE(run.chunks.size(), std::size_t(1));
        const AudioChunk& chunk = run.chunks.back();
        QVERIFY(chunk.final);
        QCOMPARE(chunk.gaps.size(), std::size_t(2));
        QVERIFY(run.encoded.back().has_value());
        const OpenChunkEncoder::Encoded& ready = *run.encoded.back();
        QCOMPARE(ready.samples, std::int64_t(chunk.pcm.size()));
        QVERIFY(chunk.uploadedSeconds() < chunk.durationSeconds() - 4.0);
        int prefixes = 0;
        for (const auto& [start, stream] : run.flushed) {
            if (start != chunk.startSample)
                continue;
            QVERIFY(ready.oggOpus.startsWith(stream));
            ++prefixes;
        }
        QVERIFY(prefixes > 10);
        const Result<std::vector<std::int16_t>> decoded = decodeOggOpus(ready.oggOpus);
        QVERIFY(decoded.ok());
        QVERIFY2(std::abs(std::int64_t(decoded->size()) - ready.samples) <= 320,
                 qPrintable(QStringLiteral("%1 vs %2").arg(decoded->size()).arg(ready.samples)));
        // Same audio as the chunk's own encoding would carry (the pauses left out in the same places).
        double dot = 0, a = 0, b = 0;
        for (std::size_t i = 0; i < chunk.pcm.size() && i < decoded->size(); ++i) {
            dot += double(chunk.pcm[i]) * (*decoded)[i];
            a += double(chunk.pcm[i]) * chunk.pcm[i];
            b += double((*decoded)[i]) * (*decoded)[i];
        }
        QVERIFY2(dot / std::sqrt(a * b) > 0.8, qPrintable(QString::number(dot / std::sqrt(a * b))));
    }
};

QTEST_GUILESS_MAIN(TestOpenChunkEncoder)
#include "testopenchunkencoder.moc"
