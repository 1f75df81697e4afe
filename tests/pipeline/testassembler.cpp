#include "pipeline/hallucinationguard.h"
#include "pipeline/heldbacknotes.h"
#include "pipeline/textnormalize.h"
#include "pipeline/transcriptassembler.h"
#include "pipeline/transcriptdetails.h"
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

    void guardJudgesByTheChunksVoiceEvidence()
    {
        HallucinationGuard guard;
        // Plain json (gpt-4o-transcribe): no segments, so the voice score and the phantom list decide.
        ChunkTranscript weak = chunk(0, u"Thank you."_s, 0.9);
        weak.speechEvidence = 0.62; // passed the chunker's gate, barely
        weak.startS = 3.0;
        weak.endS = 7.5;
        const GuardVerdict dropped = guard.judge(weak);
        QCOMPARE(dropped.text, QString());
        QCOMPARE(dropped.dropped.size(), 1);
        QCOMPARE(dropped.dropped[0].kind, HeldBack::Kind::NotTyped);
        QCOMPARE(dropped.dropped[0].reason, HeldBack::Reason::PhantomPhrase);
        QCOMPARE(dropped.dropped[0].text, u"Thank you."_s);
        QCOMPARE(dropped.dropped[0].startS, 3.0);
        QCOMPARE(dropped.dropped[0].describe(), u"phantom phrase"_s);
        // The same words from a chunk with a clear voice are the user's.
        ChunkTranscript clear = weak;
        clear.speechEvidence = 0.98;
        QCOMPARE(guard.judge(clear).text, u"Thank you."_s);
        QVERIFY(guard.judge(clear).dropped.isEmpty());
        // Evidence not estimated (an older journal record): the speech ratio alone decides, as before.
        clear.speechEvidence = -1;
        QCOMPARE(guard.clean(clear), u"Thank you."_s);
        // Weak evidence never removes real sentences.
        QCOMPARE(guard.clean(chunk(0, u"Please move the meeting to Thursday."_s, 0.9)),
                 u"Please move the meeting to Thursday."_s);
        weak.text = u"Please move the meeting to Thursday."_s;
        QCOMPARE(guard.clean(weak), u"Please move the meeting to Thursday."_s);
    }

    void guardUsesWhisperScoresPerSegment()
    {
        HallucinationGuard guard;
        // Whisper marks the segment silent: dropped whatever the chunk's evidence, and the reason carries p.
        ChunkTranscript c = chunk(0, u"Real words. Thank you."_s, 0.9);
        c.speechEvidence = 0.98;
        c.startS = 10;
        c.endS = 14;
        c.segments = {{0, 2, u" Real words."_s, 0.02, -0.2, 1.1}, {2, 4, u" Thank you."_s, 0.93, -1.3, 0.6}};
        GuardVerdict v = guard.judge(c);
        QCOMPARE(v.text, u"Real words."_s);
        QCOMPARE(v.dropped.size(), 1);
        QCOMPARE(v.dropped[0].reason, HeldBack::Reason::WhisperNoSpeech);
        QCOMPARE(v.dropped[0].describe(), u"Whisper: no speech (p=0.93)"_s);
        QCOMPARE(v.dropped[0].startS, 12.0);
        QCOMPARE(v.dropped[0].endS, 14.0);

        // Weak evidence: a lone short sentence with a high no_speech_prob goes, even when Whisper was confident.
        ChunkTranscript lone = chunk(1, u"I see."_s, 0.9);
        lone.speechEvidence = 0.55;
        lone.segments = {{0, 1.5, u" I see."_s, 0.72, -0.4, 0.8}};
        v = guard.judge(lone);
        QCOMPARE(v.text, QString());
        QCOMPARE(v.dropped.size(), 1);
        QCOMPARE(v.dropped[0].reason, HeldBack::Reason::WhisperNoSpeech);
        // Borderline but real: the same score with a clear voice is kept, and so is a longer sentence on weak
        // evidence, and a short one whose no_speech_prob is below the line.
        lone.speechEvidence = 0.98;
        QCOMPARE(guard.clean(lone), u"I see."_s);
        lone.speechEvidence = 0.55;
        lone.segments = {{0, 3, u" I see the problem with the second chart now."_s, 0.72, -0.4, 1.1}};
        QCOMPARE(guard.clean(lone), u"I see the problem with the second chart now."_s);
        lone.segments = {{0, 1.5, u" I see."_s, 0.45, -0.9, 0.8}};
        QCOMPARE(guard.clean(lone), u"I see."_s);
        // Whisper's own silence rule needs both scores: a high no_speech_prob with a confident decoding stays.
        ChunkTranscript borderline = chunk(2, u"Send it today."_s, 0.9);
        borderline.segments = {{0, 2, u" Send it today."_s, 0.85, -0.6, 1.0}};
        QCOMPARE(guard.clean(borderline), u"Send it today."_s);
    }

    void guardDropsRepetitionLoopsOnWeakEvidence()
    {
        HallucinationGuard guard;
        QVERIFY(isRepetitionLoop(normalizedWords(u"the the the the"_s)));
        QVERIFY(isRepetitionLoop(normalizedWords(u"I'm going. I'm going. I'm going."_s)));
        QVERIFY(!isRepetitionLoop(normalizedWords(u"I'm going. I'm going."_s)));
        QVERIFY(!isRepetitionLoop(normalizedWords(u"one two three one two four"_s)));
        ChunkTranscript loop = chunk(0, u"So so so so so so so so."_s, 0.9);
        loop.speechEvidence = 0.7;
        GuardVerdict v = guard.judge(loop);
        QCOMPARE(v.text, QString());
        QCOMPARE(v.dropped.value(0).reason, HeldBack::Reason::RepetitionLoop);
        // Whisper's compression ratio flags a loop the word check cannot see.
        loop.segments = {{0, 5, u" We will we will rock you, we will we will rock you, we will"_s, 0.3, -0.5, 2.9}};
        QCOMPARE(guard.judge(loop).dropped.value(0).reason, HeldBack::Reason::RepetitionLoop);
        // With a clear voice the user may well have said it.
        loop.speechEvidence = 0.98;
        QCOMPARE(guard.clean(loop), u"We will we will rock you, we will we will rock you, we will"_s);
    }

    void guardSaysWhyItDroppedAPromptEcho()
    {
        HallucinationGuardConfig config;
        config.vocabulary = {u"Kubernetes"_s, u"PulseAudio"_s};
        const GuardVerdict v = HallucinationGuard(config).judge(chunk(0, u"Kubernetes, PulseAudio."_s));
        QCOMPARE(v.text, QString());
        QCOMPARE(v.dropped.value(0).reason, HeldBack::Reason::PromptEcho);
        QCOMPARE(v.dropped.value(0).describe(), u"echoes the prompt"_s);
    }

    void assemblerCollectsWhatTheGuardDropped()
    {
        TranscriptAssembler assembler;
        ChunkTranscript phantom = chunk(1, u"Thanks for watching!"_s, 0.9);
        phantom.speechEvidence = 0.51;
        assembler.add(phantom);
        QVERIFY(assembler.heldBack().isEmpty()); // chunk 0 is still missing: nothing is judged out of order
        assembler.add(chunk(0, u"Hello there."_s));
        QCOMPARE(assembler.text(), u"Hello there."_s);
        QCOMPARE(assembler.heldBack().size(), 1);
        QCOMPARE(assembler.heldBack()[0].text, u"Thanks for watching!"_s);
    }

    // A resumed session judges exactly like the live one: the speech evidence travels with the job record.
    void resumedSessionJudgesTheSame()
    {
        ChunkJob job;
        job.sessionId = u"s"_s;
        job.sequence = 0;
        job.state = JobState::Done;
        job.durationMs = 4000;
        job.offsetMs = 2000;
        job.speechRatio = 0.9;
        job.speechEvidence = 0.14;
        job.result.text = u"Thank you."_s;
        const Result<ChunkJob> back = ChunkJob::fromJson(job.toJson());
        QVERIFY(back.ok());
        QCOMPARE(back->speechEvidence, 0.14);
        const ChunkTranscript resumed = chunkTranscriptFrom(back.value());
        QCOMPARE(resumed.speechEvidence, 0.14);
        QCOMPARE(resumed.startS, 2.0);
        QCOMPARE(resumed.endS, 6.0);
        const GuardVerdict verdict = HallucinationGuard().judge(resumed);
        QCOMPARE(verdict.text, QString());
        QCOMPARE(verdict.dropped.value(0).reason, HeldBack::Reason::PhantomPhrase);
        // An older record without the field: not estimated, judged by the speech ratio alone.
        QByteArray old = job.toJson();
        old.replace("\"speechEvidence\"", "\"ignoredField\"");
        QCOMPARE(ChunkJob::fromJson(old)->speechEvidence, -1.0);
        QCOMPARE(HallucinationGuard().clean(chunkTranscriptFrom(ChunkJob::fromJson(old).value())), u"Thank you."_s);
    }

    // The sounds not uploaded travel in the session record, opaque to the journal, so a resumed session keeps them.
    void sessionRecordKeepsWhatWasNotUploaded()
    {
        HeldBack keys;
        keys.kind = HeldBack::Kind::NotUploaded;
        keys.reason = HeldBack::Reason::NoVoice;
        keys.startS = 1.5;
        keys.endS = 5.0;
        keys.speechEvidence = 0.04;
        SessionMeta meta;
        meta.id = u"20261203T070000Z-0001"_s;
        meta.startedAt = QDateTime::currentDateTimeUtc();
        meta.heldBack = heldBackToJson({keys});
        const Result<SessionMeta> back = SessionMeta::fromJson(meta.toJson());
        QVERIFY(back.ok());
        const QList<HeldBack> items = heldBackFromJson(back->heldBack);
        QCOMPARE(items.size(), 1);
        QCOMPARE(items[0].kind, HeldBack::Kind::NotUploaded);
        QCOMPARE(items[0].endS, 5.0);
        QCOMPARE(items[0].speechEvidence, 0.04);
        // Merged with the guard's items in the order of the recording.
        HeldBack phantom;
        phantom.startS = 0.5;
        phantom.text = u"Thank you."_s;
        const QList<HeldBack> merged = HeldBackNotes::merged(items, {phantom});
        QCOMPARE(merged.size(), 2);
        QCOMPARE(merged[0].text, u"Thank you."_s);
        QCOMPARE(merged[1].kind, HeldBack::Kind::NotUploaded);
        SessionMeta plain = meta;
        plain.heldBack = {};
        QVERIFY(!plain.toJson().contains("heldBack"));
    }

    void heldBackReadsAsOneLinePerKind()
    {
        HeldBack a;
        a.kind = HeldBack::Kind::NotUploaded;
        a.reason = HeldBack::Reason::NoVoice;
        a.startS = 3.2;
        a.endS = 6.1;
        HeldBack b = a;
        b.startS = 12.0;
        b.endS = 19.4;
        HeldBack c;
        c.kind = HeldBack::Kind::NotTyped;
        c.reason = HeldBack::Reason::WhisperNoSpeech;
        c.noSpeechProb = 0.9;
        c.text = u"Thank you."_s;
        c.startS = 21;
        c.endS = 22;
        const QStringList lines = describeHeldBack({a, b, c});
        QCOMPARE(lines, (QStringList{u"Not uploaded: 2 sounds without a voice, 0:03–0:07, 0:12–0:20"_s,
                                     u"Not typed: “Thank you.” (Whisper: no speech (p=0.90), 0:21–0:22)"_s}));
        // The JSON form round-trips (history's held_back column, `utter history show --json`).
        const QList<HeldBack> back = heldBackFromJson(heldBackToJson({a, c}));
        QCOMPARE(back.size(), 2);
        QCOMPARE(back[0].kind, HeldBack::Kind::NotUploaded);
        QCOMPARE(back[0].endS, 6.1);
        QCOMPARE(back[1].reason, HeldBack::Reason::WhisperNoSpeech);
        QCOMPARE(back[1].noSpeechProb, 0.9);
        QCOMPARE(back[1].text, u"Thank you."_s);
        QCOMPARE(back[1].speechEvidence, -1.0);
        QCOMPARE(formatClock(3725), u"1:02:05"_s);
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
