// UploadQueue and SessionFinisher on their own: a real journal on disk, the real Transcriber over HTTP against the
// provider double, and an injected clock, so retry times are checked exactly and nothing sleeps.
#include "doubletestutil.h"
#include "fakeclock.h"
#include "history/historystore.h"
#include "journal/journal.h"
#include "pipeline/sessionfinisher.h"
#include "pipeline/uploadqueue.h"
#include "providers/httpclient.h"
#include "providers/transcriber.h"
#include "smalltmpfs.h"

#include <QDir>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace utter
{

using test::Fault;
using test::ProviderDouble;

namespace
{

const QString groqKey = u"gsk_test_groq_key_0123456789"_s;

SessionMeta metaFor(const QString& id, const QDateTime& startedAt)
{
    SessionMeta m;
    m.id = id;
    m.startedAt = startedAt;
    m.application = u"org.example.editor"_s;
    return m;
}

// One rig per test: journal, double, transcriber (one attempt per upload, so the queue's own waits show).
struct QueueRig
{
    explicit QueueRig(const test::FixtureClips& clips)
        : journal(dir.filePath(u"journal"_s))
    {
        ready = server.start() != 0 && journal.open().ok();
        server.setFixtures(clips);
        TranscriberConfig config;
        config.endpoints = {makeEndpoint(u"primary"_s, server.baseUrl() + u"/openai/v1"_s, u"whisper-large-v3-turbo"_s,
                                         u"groq"_s, groqKey)};
        config.retry.attempts = 1;
        transcriber = std::make_unique<Transcriber>(config, http, clock);
    }

    // A sealed session with the given clips as chunks 0, 1, ...
    void addSession(const QString& id, const test::FixtureClips& clips, const QList<int>& which)
    {
        QVERIFY(journal.createSession(metaFor(id, QDateTime::currentDateTimeUtc())).ok());
        for (int i = 0; i < which.size(); ++i) {
            const QList<qint16> pcm = clips.utterance({which.at(i)});
            QVERIFY(journal.addChunk(id, i, test::encodeOggOpus(pcm, 16000), qint64(pcm.size()) / 16, 0.9).ok());
        }
        QVERIFY(journal.sealSession(id).ok());
    }

    qsizetype uploads() const { return server.requests(u"/audio/transcriptions"_s).size(); }

    QTemporaryDir dir;
    Journal journal;
    ProviderDouble server;
    HttpClient http;
    test::FakeClock clock;
    std::unique_ptr<Transcriber> transcriber;
    bool ready = false;
};

} // namespace

class TestUploadQueue final : public QObject
{
    Q_OBJECT

private slots:
    void uploadsEveryChunkAndStoresTheResult()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        QueueRig rig(*clips);
        QVERIFY(rig.ready);
        rig.addSession(u"s1"_s, *clips, {0, 1, 2});
        UploadQueue queue(rig.journal, rig.clock, rig.transcriber.get(), 2);
        QSignalSpy done(&queue, &UploadQueue::chunkDone);
        QSignalSpy drained(&queue, &UploadQueue::drained);
        queue.kick();
        QCOMPARE(queue.inFlight(), 2); // the in-flight limit holds
        QTRY_COMPARE(done.count(), 3);
        QTRY_VERIFY(drained.count() >= 1);
        QVERIFY(rig.journal.status(u"s1"_s).complete());
        QCOMPARE(rig.journal.chunkTexts(u"s1"_s).value(),
                 (QStringList{clips->at(0).text, clips->at(1).text, clips->at(2).text}));
        QCOMPARE(rig.uploads(), 3);
    }

    void aTransientFailureWaitsItsRetryAfterExactly()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        QueueRig rig(*clips);
        QVERIFY(rig.ready);
        rig.addSession(u"s1"_s, *clips, {3});
        Fault limited;
        limited.status = 429;
        limited.body = R"({"error":{"message":"Rate limit reached","code":"rate_limit_exceeded"}})";
        limited.headers = {{"retry-after", "30"}};
        rig.server.addFault(limited);
        UploadQueue queue(rig.journal, rig.clock, rig.transcriber.get(), 3);
        QSignalSpy failed(&queue, &UploadQueue::chunkFailed);
        QSignalSpy done(&queue, &UploadQueue::chunkDone);
        queue.kick();
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(3).toBool(), true); // will retry: ProviderError::retryable from the provider layer
        QCOMPARE(rig.journal.job(u"s1"_s, 0)->state, JobState::Failed);
        QCOMPARE(rig.clock.requestedDelays().back(), 30000ms);
        QCOMPARE(queue.nextRetryAt(), rig.clock.now().addSecs(30));
        rig.clock.advance(29999ms);
        QTest::qWait(50);
        QCOMPARE(rig.uploads(), 1); // not a millisecond early
        rig.clock.advance(1ms);
        QTRY_COMPARE(done.count(), 1);
        QCOMPARE(rig.uploads(), 2);
        QCOMPARE(rig.journal.job(u"s1"_s, 0)->result.text, clips->at(3).text);
    }

    void withoutRetryAfterTheWaitGrowsFromFiveSeconds()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        QueueRig rig(*clips);
        QVERIFY(rig.ready);
        rig.addSession(u"s1"_s, *clips, {4});
        Fault down;
        down.status = 503;
        down.body = R"({"error":{"message":"overloaded"}})";
        down.times = 2;
        rig.server.addFault(down);
        UploadQueue queue(rig.journal, rig.clock, rig.transcriber.get(), 3);
        QSignalSpy failed(&queue, &UploadQueue::chunkFailed);
        QSignalSpy done(&queue, &UploadQueue::chunkDone);
        queue.kick();
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(rig.clock.requestedDelays().back(), 5000ms);
        rig.clock.advance(5000ms);
        QTRY_COMPARE(failed.count(), 2);
        QCOMPARE(rig.clock.requestedDelays().back(), 10000ms);
        rig.clock.advance(10000ms);
        QTRY_COMPARE(done.count(), 1);
        QCOMPARE(rig.uploads(), 3);
    }

    void aRetryTimeStoredByAnEarlierRunIsNotWaitedFor()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        QueueRig rig(*clips);
        QVERIFY(rig.ready);
        rig.addSession(u"s1"_s, *clips, {5});
        // What a previous process left: the chunk failed and was told to wait an hour.
        QVERIFY(rig.journal.markUploading(u"s1"_s, 0).ok());
        QVERIFY(rig.journal
                    .markFailed(u"s1"_s, 0, QDateTime::currentDateTimeUtc().addSecs(3600),
                                u"Groq is rate limiting; retrying in 1 h."_s)
                    .ok());
        Journal restarted(rig.journal.directory());
        QVERIFY(restarted.open().ok());
        UploadQueue queue(restarted, rig.clock, rig.transcriber.get(), 3);
        QSignalSpy done(&queue, &UploadQueue::chunkDone);
        queue.kick();
        QCOMPARE(queue.inFlight(), 1); // at once, without the clock moving
        QTRY_COMPARE(done.count(), 1);
        QVERIFY(restarted.status(u"s1"_s).complete());
    }

    void theProviderAnsweringAgainSendsWaitingChunksAtOnce()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        QueueRig rig(*clips);
        QVERIFY(rig.ready);
        rig.addSession(u"old"_s, *clips, {6});
        Fault down;
        down.status = 500;
        down.body = "oops";
        rig.server.addFault(down);
        UploadQueue queue(rig.journal, rig.clock, rig.transcriber.get(), 1);
        QSignalSpy failed(&queue, &UploadQueue::chunkFailed);
        QSignalSpy done(&queue, &UploadQueue::chunkDone);
        queue.kick();
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(queue.nextRetryAt().isValid());
        // A new dictation's chunk goes through: the provider is back, so the old chunk need not wait 5 s.
        rig.addSession(u"new"_s, *clips, {7});
        queue.setPreferredSession(u"new"_s);
        queue.kick();
        QTRY_COMPARE(done.count(), 2);
        QCOMPARE(done.at(0).at(0).toString(), u"new"_s);
        QCOMPARE(done.at(1).at(0).toString(), u"old"_s);
        QVERIFY(!queue.nextRetryAt().isValid());
        QCOMPARE(rig.uploads(), 3);
    }

    void aFailureRetryingCannotHelpMakesTheJobDead()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        QueueRig rig(*clips);
        QVERIFY(rig.ready);
        rig.addSession(u"s1"_s, *clips, {1});
        Fault credit;
        credit.status = 402;
        credit.body = R"({"error":{"message":"Insufficient Balance"}})";
        rig.server.addFault(credit);
        UploadQueue queue(rig.journal, rig.clock, rig.transcriber.get(), 3);
        QSignalSpy failed(&queue, &UploadQueue::chunkFailed);
        queue.kick();
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(3).toBool(), false);
        QCOMPARE(rig.journal.job(u"s1"_s, 0)->state, JobState::Dead);
        QVERIFY(!queue.nextRetryAt().isValid());
        rig.clock.advance(1h);
        QTest::qWait(50);
        QCOMPARE(rig.uploads(), 1); // never sent again without the user
    }

    void cancellingASessionLeavesItsJobsPending()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        QueueRig rig(*clips);
        QVERIFY(rig.ready);
        rig.addSession(u"s1"_s, *clips, {2});
        Fault stall;
        stall.stall = true;
        rig.server.addFault(stall);
        UploadQueue queue(rig.journal, rig.clock, rig.transcriber.get(), 3);
        queue.kick();
        QTRY_COMPARE(rig.uploads(), 1);
        QVERIFY(queue.isUploading(u"s1"_s, 0));
        queue.abortAll();
        QCOMPARE(queue.inFlight(), 0);
        QTRY_COMPARE(rig.journal.job(u"s1"_s, 0)->state, JobState::Pending);
    }
};

class TestSessionFinisher final : public QObject
{
    Q_OBJECT

private:
    // record() with the journal's inline writer answers before it returns.
    static Result<FinishedDictation> recordNow(SessionFinisher& finisher, const FinishedDictation& dictation)
    {
        std::optional<Result<FinishedDictation>> recorded;
        finisher.record(dictation, [&recorded](const Result<FinishedDictation>& r) { recorded = r; });
        if (!recorded)
            return Error(ErrorCode::Failed, u"record() did not answer"_s);
        return *recorded;
    }

    // archiveWaiting() with the journal's inline writer answers before it returns; -1 when it did not.
    static int archiveWaitingNow(SessionFinisher& finisher)
    {
        int waiting = -1;
        QObject context;
        finisher.archiveWaiting(&context, [&waiting](int left) { waiting = left; });
        return waiting;
    }

    // A complete session whose chunks were transcribed as `texts`.
    void completeSession(Journal& journal, const QString& id, const QStringList& texts)
    {
        QVERIFY(journal.createSession(metaFor(id, QDateTime::currentDateTimeUtc().addSecs(-30))).ok());
        for (int i = 0; i < texts.size(); ++i) {
            QVERIFY(journal.addChunk(id, i, QByteArray("OggS") + QByteArray(2000, char('a' + i)), 9000, 0.9).ok());
            QVERIFY(journal.markUploading(id, i).ok());
            ChunkResult result;
            result.text = texts.at(i);
            result.provider = u"groq"_s;
            result.endpoint = u"https://api.groq.com/openai/v1"_s;
            result.language = u"en"_s;
            result.billedSeconds = 10;
            QVERIFY(journal.storeResult(id, i, result).ok());
        }
        QVERIFY(journal.sealSession(id).ok());
    }

private slots:
    void assemblesInOrderWithReplacementsKeepingEveryWord()
    {
        QTemporaryDir dir;
        Journal journal(dir.filePath(u"journal"_s));
        QVERIFY(journal.open().ok());
        completeSession(journal, u"s1"_s,
                        {u"Meet me at the cafe on Monday"_s, u"on Monday at nine, says kubernetes"_s});
        // The chunks do not overlap in audio: "on Monday" was said twice and is kept twice.
        SessionFinisher finisher(journal);
        finisher.setReplacements({u"kubernetes=>Kubernetes"_s});
        const Result<FinishedDictation> d = finisher.assemble(u"s1"_s);
        QVERIFY(d.ok());
        QCOMPARE(d->rawText, u"Meet me at the cafe on Monday on Monday at nine, says Kubernetes"_s);
        QCOMPARE(d->text, d->rawText);
        QCOMPARE(d->billedSeconds, 20.0);
        QCOMPARE(d->spokenSeconds, 18.0);
        QCOMPARE(d->language, u"en"_s);
        QVERIFY(!finisher.styleWouldRun(u"clean"_s, d->rawText)); // no transformer: no style

        // An incomplete session is not assembled.
        QVERIFY(journal.createSession(metaFor(u"s2"_s, QDateTime::currentDateTimeUtc())).ok());
        QVERIFY(journal.addChunk(u"s2"_s, 0, "OggS", 1000, 1).ok());
        QVERIFY(!finisher.assemble(u"s2"_s).ok());
    }

    void recordsOnceArchivesTheAudioAndEmptiesTheJournal()
    {
        QTemporaryDir dir;
        Journal journal(dir.filePath(u"journal"_s));
        QVERIFY(journal.open().ok());
        completeSession(journal, u"s1"_s, {u"one"_s, u"two"_s});
        HistoryStore history(dir.filePath(u"history.sqlite"_s), dir.filePath(u"audio"_s));
        QVERIFY(history.open().ok());
        SessionFinisher finisher(journal);
        finisher.setHistory(&history, dir.filePath(u"audio"_s), true);
        Result<FinishedDictation> d = finisher.assemble(u"s1"_s);
        QVERIFY(d.ok());
        const Result<FinishedDictation> recorded = recordNow(finisher, d.value());
        QVERIFY(recorded.ok());
        QVERIFY(recorded->historyId > 0);
        QVERIFY(journal.sessionIds().isEmpty());
        const std::optional<HistoryEntry> entry = history.latest().value();
        QVERIFY(entry);
        QCOMPARE(entry->rawText, u"one two"_s);
        QCOMPARE(entry->audioPath, dir.filePath(u"audio/s1"_s));
        QCOMPARE(QDir(entry->audioPath).entryList(QDir::Files).size(), 2);
        // Recording the same session again (a crash between the steps) adds nothing.
        (void)recordNow(finisher, d.value());
        QCOMPARE(history.count().value(), 1);
    }

    // A dictation resumed from the journal (Utter restarted) tells history what it held back, exactly as it would
    // have live: the sounds not uploaded from the session record, the guard's drop recomputed from the job.
    void aResumedDictationKeepsWhatItHeldBack()
    {
        QTemporaryDir dir;
        {
            Journal journal(dir.filePath(u"journal"_s));
            QVERIFY(journal.open().ok());
            SessionMeta meta = metaFor(u"s1"_s, QDateTime::currentDateTimeUtc().addSecs(-30));
            HeldBack keys;
            keys.kind = HeldBack::Kind::NotUploaded;
            keys.reason = HeldBack::Reason::NoVoice;
            keys.startS = 4.0;
            keys.endS = 7.5;
            meta.heldBack = heldBackToJson({keys});
            QVERIFY(journal.createSession(meta).ok());
            QVERIFY(journal.addChunk(u"s1"_s, 0, QByteArray("OggS") + QByteArray(2000, 'a'), 3000, 0.9).ok());
            QVERIFY(journal.markUploading(u"s1"_s, 0).ok());
            ChunkResult result;
            result.text = u"Book the room. Thank you."_s;
            result.provider = u"groq"_s;
            TranscriptSegment real{0, 1.5, u" Book the room."_s, 0.02, -0.2, 1.1};
            TranscriptSegment phantom{1.5, 3.0, u" Thank you."_s, 0.93, -1.3, 0.6};
            result.details = QJsonObject{{u"segments"_s, QJsonArray{segmentToJson(real), segmentToJson(phantom)}}};
            QVERIFY(journal.storeResult(u"s1"_s, 0, result).ok());
            QVERIFY(journal.sealSession(u"s1"_s).ok());
        }
        Journal journal(dir.filePath(u"journal"_s)); // the next start finds it complete on disk
        QVERIFY(journal.open().ok());
        HistoryStore history(dir.filePath(u"history.sqlite"_s), dir.filePath(u"audio"_s));
        QVERIFY(history.open().ok());
        SessionFinisher finisher(journal);
        finisher.setHistory(&history, dir.filePath(u"audio"_s), true);
        const Result<FinishedDictation> d = finisher.assemble(u"s1"_s);
        QVERIFY(d.ok());
        QCOMPARE(d->rawText, u"Book the room."_s);
        QVERIFY(recordNow(finisher, d.value()).ok());
        const HistoryEntry entry = history.latest().value().value();
        QCOMPARE(entry.heldBack.size(), 2);
        // In the order of the recording; this chunk's place is unknown (journal.addChunk has no offset), so last.
        QCOMPARE(entry.heldBack[0].kind, HeldBack::Kind::NotUploaded);
        QCOMPARE(entry.heldBack[0].startS, 4.0);
        QCOMPARE(entry.heldBack[1].kind, HeldBack::Kind::NotTyped);
        QCOMPARE(entry.heldBack[1].text, u"Thank you."_s);
        QCOMPARE(entry.heldBack[1].describe(), u"Whisper: no speech (p=0.93)"_s);
    }

    void aFullDiskNeverLeavesHistoryPointingAtMissingAudio()
    {
        QTemporaryDir dir;
        test::SmallTmpfs small(dir.filePath(u"small"_s), "2m,nr_inodes=8"); // few inodes: folders run out too
        if (!small.mounted()) {
            if (qEnvironmentVariable("UTTER_TEST_SERVICES") == u"1"_s)
                QFAIL(qPrintable(u"cannot mount a tmpfs: "_s + small.error()));
            QSKIP(qPrintable(u"cannot mount a tmpfs: "_s + small.error()));
        }
        // The journal and history live elsewhere; the archive is on the small disk, which is full.
        Journal journal(dir.filePath(u"journal"_s));
        QVERIFY(journal.open().ok());
        completeSession(journal, u"s1"_s, {u"kept"_s, u"whole"_s});
        HistoryStore history(dir.filePath(u"history.sqlite"_s), dir.filePath(u"small/audio"_s));
        QVERIFY(history.open().ok());
        QFile filler(dir.filePath(u"small/filler"_s));
        QVERIFY(filler.open(QIODevice::WriteOnly));
        while (filler.write(QByteArray(64 * 1024, 'x')) > 0 && filler.flush()) {
        }
        filler.close();
        // Use up the inodes too: no folder fits either.
        for (int i = 0; QDir().mkdir(dir.filePath(u"small/d%1"_s.arg(i))); ++i) {
        }

        SessionFinisher finisher(journal);
        finisher.setHistory(&history, dir.filePath(u"small/audio"_s), true);
        QSignalSpy archiveFailed(&finisher, &SessionFinisher::archiveFailed);
        QVERIFY(recordNow(finisher, finisher.assemble(u"s1"_s).value()).ok()); // the text is in history
        QCOMPARE(archiveFailed.count(), 1);
        QCOMPARE(finisher.unarchivedCount(), 1);
        std::optional<HistoryEntry> entry = history.latest().value();
        QCOMPARE(entry->rawText, u"kept whole"_s);
        QVERIFY2(entry->audioPath.isEmpty() || QFileInfo::exists(entry->audioPath), qPrintable(entry->audioPath));
        QCOMPARE(journal.audioFiles(u"s1"_s).size(), 2); // the audio stays in the journal
        QCOMPARE(archiveWaitingNow(finisher), 1);        // still no space

        // Space returns: the audio is archived and history points at it.
        QVERIFY(filler.remove());
        for (int i = 0; QDir().rmdir(dir.filePath(u"small/d%1"_s.arg(i))); ++i) {
        }
        QCOMPARE(archiveWaitingNow(finisher), 0);
        entry = history.latest().value();
        QCOMPARE(entry->audioPath, dir.filePath(u"small/audio/s1"_s));
        QCOMPARE(QDir(entry->audioPath).entryList(QDir::Files).size(), 2);
        QVERIFY(journal.sessionIds().isEmpty());
    }
};

} // namespace utter

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int status = 0;
    {
        utter::TestUploadQueue queue;
        status |= QTest::qExec(&queue, argc, argv);
    }
    {
        utter::TestSessionFinisher finisher;
        status |= QTest::qExec(&finisher, argc, argv);
    }
    return status;
}

#include "testuploadqueue.moc"
