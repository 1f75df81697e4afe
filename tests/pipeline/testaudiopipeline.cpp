// The audio pipeline thread on its own (core/pipeline/audiopipeline.h): pushed speech comes back as events in
// order — session started, chunks durable on disk before they are announced, the end with a sealed session whose
// duration is the audio — and cancel and hands-free silence behave as the service relies on.
#include "journal/journal.h"
#include "pipeline/audiopipeline.h"
#include "speechcorpus.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

using test::SpeechCorpus;

class TestAudioPipeline final : public QObject
{
    Q_OBJECT

private:
    RecordingPlan plan(const QString& id, int handsFreeStopMs = 0) const
    {
        RecordingPlan p;
        p.meta.id = id;
        p.meta.startedAt = QDateTime::currentDateTimeUtc();
        p.chunker.targetChunkMs = 1000; // a chunk per sentence
        p.opus.application = OpusApplication::LowDelay;
        p.opus.complexity = 0;
        p.handsFreeStopMs = handsFreeStopMs;
        p.sinceBegin.start();
        return p;
    }

    // Pushes in 20 ms blocks, as a WebSocket client does.
    static void push(AudioPipeline& pipeline, const QString& id, const std::vector<std::int16_t>& pcm)
    {
        for (std::size_t at = 0; at < pcm.size(); at += 320)
            pipeline.push(id, std::vector<std::int16_t>(pcm.begin() + std::ptrdiff_t(at),
                                                        pcm.begin() + std::ptrdiff_t(std::min(pcm.size(), at + 320))));
    }

    SpeechCorpus::Built m_speech;
    std::unique_ptr<QTemporaryDir> m_dir;

private slots:
    void initTestCase()
    {
        if (!SpeechCorpus::missingTools().isEmpty())
            QSKIP(qPrintable(SpeechCorpus::missingTools()));
        m_speech = SpeechCorpus::build({u"Turn left at the old lighthouse."_s, u"Meeting moved to Tuesday morning."_s,
                                        u"Remember to water the tomatoes."_s},
                                       {900, 900, 1500});
        QVERIFY(!m_speech.pcm.empty());
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void chunksAreDurableBeforeTheyAreAnnounced()
    {
        const QString journalDir = m_dir->filePath(u"journal"_s);
        AudioPipeline pipeline(journalDir);
        QList<QString> events;
        QList<ChunkJob> chunks;
        std::optional<SessionMeta> ended;
        connect(&pipeline, &AudioPipeline::sessionStarted, this,
                [&](const SessionMeta&, bool written) { events << (written ? u"started"_s : u"refused"_s); });
        connect(&pipeline, &AudioPipeline::chunkStored, this,
                [&](const ChunkJob& job, const QByteArray&, bool written) {
                    QVERIFY(written);
                    // On disk, audio and record, when the main thread hears of it.
                    QVERIFY(QFile::exists(journalDir + u'/' + job.sessionId +
                                          u"/chunk-%1.opus"_s.arg(job.sequence, 6, 10, QLatin1Char('0'))));
                    events << u"chunk %1"_s.arg(job.sequence);
                    chunks << job;
                });
        connect(&pipeline, &AudioPipeline::sessionEnded, this,
                [&](const SessionMeta& meta, bool written, int count, bool cancelled) {
                    QVERIFY(written);
                    QVERIFY(!cancelled);
                    QCOMPARE(count, chunks.size());
                    events << u"ended"_s;
                    ended = meta;
                });
        const QString id = u"20261202T150000Z-aaaa"_s;
        pipeline.begin(plan(id));
        push(pipeline, id, m_speech.pcm);
        pipeline.finish(id);
        QTRY_VERIFY_WITH_TIMEOUT(ended.has_value(), 20000);
        QCOMPARE(events.first(), u"started"_s);
        QCOMPARE(events.last(), u"ended"_s);
        QCOMPARE(chunks.size(), 3);
        for (qsizetype i = 0; i < chunks.size(); ++i) {
            QCOMPARE(chunks.at(i).sequence, int(i));
            QCOMPARE(events.at(i + 1), u"chunk %1"_s.arg(i));
            // Each chunk holds its sentence: offsets in the dictation's audio.
            const SpeechCorpus::Span s = m_speech.utterances.at(std::size_t(i));
            QVERIFY(chunks.at(i).offsetMs * 16 <= s.start);
            QVERIFY((chunks.at(i).offsetMs + chunks.at(i).durationMs) * 16 >= s.end);
        }
        QVERIFY(ended->sealed);
        QCOMPARE(ended->audioMs, qint64(m_speech.pcm.size()) / 16);
        // What the pipeline wrote is a journal any process can open: sealed, three pending chunks, no open file left.
        Journal journal(journalDir);
        QVERIFY(journal.open().ok());
        QCOMPARE(journal.jobs(id).size(), 3);
        QVERIFY(journal.session(id)->sealed);
        QVERIFY(!journal.session(id)->interrupted);
        QVERIFY(QDir(journalDir + u'/' + id).entryList({u"*.partial"_s}).isEmpty());
    }

    void cancelStopsJournaling()
    {
        const QString journalDir = m_dir->filePath(u"journal"_s);
        AudioPipeline pipeline(journalDir);
        QSignalSpy stored(&pipeline, &AudioPipeline::chunkStored);
        QSignalSpy ended(&pipeline, &AudioPipeline::sessionEnded);
        const QString id = u"20261202T150001Z-bbbb"_s;
        pipeline.begin(plan(id));
        const SpeechCorpus::Span first = m_speech.utterances.front();
        push(pipeline, id, std::vector<std::int16_t>(m_speech.pcm.begin(), m_speech.pcm.begin() + first.end));
        pipeline.cancel(id);
        push(pipeline, id, m_speech.pcm); // arrives after the cancel: dropped
        pipeline.finish(id);
        // A second dictation as a barrier: its end comes after anything the first could still produce.
        const QString next = u"20261202T150001Z-bbbc"_s;
        pipeline.begin(plan(next));
        pipeline.finish(next);
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 2, 20000);
        QCOMPARE(ended.first().at(0).value<SessionMeta>().id, id);
        QCOMPARE(ended.first().at(3).toBool(), true); // cancelled
        QVERIFY(!ended.first().at(0).value<SessionMeta>().sealed);
        QCOMPARE(ended.at(1).at(0).value<SessionMeta>().id, next);
        QCOMPARE(stored.count(), 0);
        QVERIFY(QDir(journalDir + u'/' + id).entryList({u"chunk-*"_s}).isEmpty());
    }

    void handsFreeSilenceIsReportedOnce()
    {
        AudioPipeline pipeline(m_dir->filePath(u"journal"_s));
        QSignalSpy silence(&pipeline, &AudioPipeline::silenceReached);
        QSignalSpy ended(&pipeline, &AudioPipeline::sessionEnded);
        const SpeechCorpus::Span first = m_speech.utterances.front();
        const std::vector<std::int16_t> sentence(m_speech.pcm.begin(), m_speech.pcm.begin() + first.end);
        // Leading silence, speech, then a pause shorter than the stop: no stop.
        const QString shortPause = u"20261202T150002Z-cccc"_s;
        pipeline.begin(plan(shortPause, 700));
        push(pipeline, shortPause, sentence);
        push(pipeline, shortPause, std::vector<std::int16_t>(16 * 400, 0));
        pipeline.finish(shortPause);
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 20000);
        QCOMPARE(silence.count(), 0);
        // Speech, then 2 s of silence: the stop is reported once, for this dictation.
        const QString longPause = u"20261202T150003Z-dddd"_s;
        pipeline.begin(plan(longPause, 700));
        push(pipeline, longPause, sentence);
        push(pipeline, longPause, std::vector<std::int16_t>(16000 * 2, 0));
        pipeline.finish(longPause);
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 2, 20000);
        QCOMPARE(silence.count(), 1);
        QCOMPARE(silence.first().first().toString(), longPause);
    }
};

} // namespace utter

QTEST_GUILESS_MAIN(utter::TestAudioPipeline)
#include "testaudiopipeline.moc"
