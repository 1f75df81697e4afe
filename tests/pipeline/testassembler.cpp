#include "pipeline/hallucinationguard.h"
#include "pipeline/textnormalize.h"
#include "pipeline/transcriptassembler.h"
#include "pipeline/wordreplacements.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

class TestAssembler final : public QObject
{
    Q_OBJECT

private:
    static ChunkTranscript chunk(int seq, const QString& text, double speechRatio = 0.9)
    {
        ChunkTranscript c;
        c.sequence = seq;
        c.text = text;
        c.speechRatio = speechRatio;
        return c;
    }

private slots:
    void commitsStrictlyInOrder()
    {
        TranscriptAssembler assembler;
        QCOMPARE(assembler.add(chunk(2, u"three."_s)), QString());
        QCOMPARE(assembler.add(chunk(1, u"two,"_s)), QString());
        QCOMPARE(assembler.waitingCount(), 2);
        QCOMPARE(assembler.add(chunk(0, u"One,"_s)), u"One, two, three."_s);
        QCOMPARE(assembler.text(), u"One, two, three."_s);
        QCOMPARE(assembler.nextSequence(), 3);
        assembler.setChunkCount(4);
        QVERIFY(!assembler.isComplete());
        QCOMPARE(assembler.add(chunk(3, u"Four."_s)), u"Four."_s);
        QVERIFY(assembler.isComplete());
    }

    void everyPermutationGivesTheSameText()
    {
        const QStringList pieces{u"The quick"_s, u"brown fox"_s, u"jumps over"_s, u"the lazy"_s,
                                 u"dog."_s,      u"It was"_s,    u"not amused."_s};
        const QString expected = pieces.join(u' ');
        for (int round = 0; round < 200; ++round) {
            QList<int> order;
            for (int i = 0; i < pieces.size(); ++i)
                order << i;
            std::shuffle(order.begin(), order.end(), *QRandomGenerator::global());
            TranscriptAssembler assembler;
            QString streamed;
            for (int seq : order)
                streamed = joinTranscript(streamed, assembler.add(chunk(seq, pieces.at(seq))));
            QCOMPARE(assembler.text(), expected);
            QCOMPARE(streamed, expected); // the increments add up to the whole, nothing repeated
        }
    }

    void duplicateAnswersAreIgnored()
    {
        TranscriptAssembler assembler;
        QCOMPARE(assembler.add(chunk(0, u"Hello there."_s)), u"Hello there."_s);
        QCOMPARE(assembler.add(chunk(0, u"Hello there."_s)), QString());
        QCOMPARE(assembler.add(chunk(2, u"again"_s)), QString());
        QCOMPARE(assembler.add(chunk(2, u"again"_s)), QString());
        QCOMPARE(assembler.add(chunk(1, u"General Kenobi,"_s)), u"General Kenobi, again"_s);
        QCOMPARE(assembler.text(), u"Hello there. General Kenobi, again"_s);
    }

    void wordsRepeatedAcrossACutAreKept()
    {
        // Chunks never overlap in audio, so words a chunk repeats from the end of the one before were said twice
        // (the soak found "Seven hundred and twelve bottles of water." said twice coming back once).
        TranscriptAssembler assembler;
        assembler.add(chunk(0, u"Seven hundred and twelve bottles of water."_s));
        assembler.add(chunk(1, u"Seven hundred and twelve bottles of water."_s));
        QCOMPARE(assembler.text(),
                 u"Seven hundred and twelve bottles of water. Seven hundred and twelve bottles of water."_s);
        TranscriptAssembler phrase;
        phrase.add(chunk(0, u"Please send the report to Anna"_s));
        phrase.add(chunk(1, u"to Anna, not to Bob."_s));
        QCOMPARE(phrase.text(), u"Please send the report to Anna to Anna, not to Bob."_s);
    }

    void guardDropsSilentSegments()
    {
        ChunkTranscript c = chunk(0, u"Real words. Thank you."_s, 0.8);
        c.segments = {{0, 2, u"Real words."_s, 0.05, -0.2}, {2, 4, u"Thank you."_s, 0.92, -1.4}};
        QCOMPARE(HallucinationGuard().clean(c), u"Real words."_s);
        // A confident segment is kept even with a high no-speech probability (both conditions are needed).
        c.segments[1].avgLogprob = -0.3;
        QCOMPARE(HallucinationGuard().clean(c), u"Real words. Thank you."_s);
    }

    void guardRemovesPhantomPhrasesOnlyWhenSpeechIsLow()
    {
        HallucinationGuard guard;
        QCOMPARE(guard.clean(chunk(0, u"Thank you."_s, 0.1)), QString());
        QCOMPARE(guard.clean(chunk(0, u"Thanks for watching!"_s, 0.05)), QString());
        QCOMPARE(guard.clean(chunk(0, u"thank you thank you thank you"_s, 0.1)), QString());
        QCOMPARE(guard.clean(chunk(0, u"Thank you."_s, 0.9)), u"Thank you."_s); // the user really said it
        QCOMPARE(guard.clean(chunk(0, u"Thank you for the review."_s, 0.1)), u"Thank you for the review."_s);
    }

    void guardDropsPromptEchoes()
    {
        HallucinationGuardConfig config;
        config.vocabulary = {u"Kubernetes"_s, u"PulseAudio"_s, u"Qt Creator"_s};
        HallucinationGuard guard(config);
        QCOMPARE(guard.clean(chunk(0, u"Kubernetes, PulseAudio, Qt Creator."_s)), QString());
        QCOMPARE(guard.clean(chunk(0, u"Restart PulseAudio please."_s)), u"Restart PulseAudio please."_s);
        QCOMPARE(guard.clean(chunk(0, u"Kubernetes."_s)), u"Kubernetes."_s); // one word may be real speech
    }

    void replacements()
    {
        WordReplacements rules({u"cube control => kubectl"_s, u"utter=>Utter"_s, u"um =>"_s, u"broken rule"_s,
                                u"=>nothing"_s, u"C++ =>C plus plus"_s});
        QCOMPARE(rules.invalidRules(), (QStringList{u"broken rule"_s, u"=>nothing"_s}));
        QCOMPARE(rules.apply(u"Run Cube Control get pods, um, in utter."_s), u"Run kubectl get pods, , in Utter."_s);
        QCOMPARE(rules.apply(u"gutter and utterly stay"_s), u"gutter and utterly stay"_s); // whole words only
        QCOMPARE(rules.apply(u"I like C++ a lot"_s), u"I like C plus plus a lot"_s);
        QCOMPARE(WordReplacements().apply(u"  unchanged  text "_s), u"unchanged text"_s);
    }
};

QTEST_GUILESS_MAIN(TestAssembler)
#include "testassembler.moc"
