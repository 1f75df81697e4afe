#include "codec/oggopus.h"
#include "journal/atomicfile.h"
#include "journal/diskwriter.h"
#include "journal/journal.h"
#include "journal/sessionrecorder.h"
#include "pipeline/heldbacknotes.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cmath>
#include <numeric>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

QByteArray fakeOgg(int sequence)
{
    // Real Ogg Opus comes from core/codec; the journal stores bytes verbatim, so any distinct payload will do.
    return "OggS" + QByteArray::number(sequence).repeated(100);
}

ChunkResult chunkResult(const QString& text, double billed, const QString& provider = {}, const QString& endpoint = {})
{
    ChunkResult r;
    r.text = text;
    r.billedSeconds = billed;
    r.provider = provider;
    r.endpoint = endpoint;
    r.language = u"en"_s;
    return r;
}

SessionMeta meta(const QString& id, const QDateTime& startedAt)
{
    SessionMeta m;
    m.id = id;
    m.startedAt = startedAt;
    m.application = u"org.kde.kate"_s;
    m.style = u"formal"_s;
    m.language = u"en"_s;
    return m;
}

// A tone with a slow tremolo: audible, and not silence anywhere, so a decoded prefix can be compared by length.
std::vector<std::int16_t> tone(int ms, int from = 0)
{
    std::vector<std::int16_t> pcm(std::size_t(ms) * 16);
    for (std::size_t i = 0; i < pcm.size(); ++i) {
        const double t = double(std::size_t(from) * 16 + i) / 16000.0;
        pcm[i] = std::int16_t(8000.0 * std::sin(2 * M_PI * 440 * t) * (0.6 + 0.4 * std::sin(2 * M_PI * 3 * t)));
    }
    return pcm;
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeRaw(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

} // namespace

class TestJournal final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_dir = m_tmp->filePath(u"journal"_s);
    }

    void sessionIds()
    {
        const QString id = Journal::newSessionId(QDateTime(QDate(2026, 11, 23), QTime(19, 47, 12), Qt::UTC));
        QVERIFY(id.startsWith(u"20261123T194712Z-"_s));
        QVERIFY(Journal::isValidSessionId(id));
        QVERIFY(!Journal::isValidSessionId(u"../etc"_s));
        QVERIFY(!Journal::isValidSessionId(u"a/b"_s));
        QVERIFY(!Journal::isValidSessionId(QString()));
        Journal journal(m_dir);
        QVERIFY(journal.open().ok());
        const Status bad = journal.createSession(meta(u"../x"_s, QDateTime::currentDateTimeUtc()));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ErrorCode::InvalidArgument);
    }

    void addChunkIsDurableOnReturn()
    {
        Journal journal(m_dir);
        QVERIFY(journal.open().ok());
        QSignalSpy changed(&journal, &Journal::jobChanged);
        QVERIFY(journal.createSession(meta(u"s1"_s, QDateTime::currentDateTimeUtc())).ok());
        QVERIFY(journal.addChunk(u"s1"_s, 1, fakeOgg(1), 9800, 0.8).ok());
        QCOMPARE(changed.count(), 1);

        // On disk, in the documented layout, before anything else happens.
        QCOMPARE(readFile(journal.chunkAudioPath(u"s1"_s, 1)), fakeOgg(1));
        QVERIFY(journal.chunkAudioPath(u"s1"_s, 1).endsWith(u"s1/chunk-000001.opus"_s));
        const QJsonObject record = QJsonDocument::fromJson(readFile(journal.chunkRecordPath(u"s1"_s, 1))).object();
        QCOMPARE(record.value(u"state"_s).toString(), u"pending"_s);
        QCOMPARE(record.value(u"durationMs"_s).toInt(), 9800);
        QVERIFY(QFile::exists(journal.sessionDir(u"s1"_s) + u"/session.json"_s));
        QVERIFY(QDir(journal.sessionDir(u"s1"_s)).entryList({u"*.tmp"_s}, QDir::Files).isEmpty());

        const std::optional<ChunkJob> job = journal.job(u"s1"_s, 1);
        QVERIFY(job);
        QVERIFY(job->durable);
        QCOMPARE(journal.chunkAudio(u"s1"_s, 1).value(), fakeOgg(1));

        // Duplicates and unknown sessions are refused with a reason.
        QCOMPARE(journal.addChunk(u"s1"_s, 1, fakeOgg(1), 1, 1).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(journal.addChunk(u"nope"_s, 1, fakeOgg(1), 1, 1).error().code, ErrorCode::NotFound);
    }

    void diskWriterRunsInOrderOnItsThread()
    {
        QList<int> ran; // touched by the writer's thread only until it is destroyed
        QList<int> completed;
        QList<bool> completedHere;
        QThread* writerThread = nullptr;
        {
            DiskWriter writer(DiskWriter::Mode::Thread);
            QVERIFY(writer.threaded());
            QObject context;
            for (int i = 0; i < 50; ++i) {
                writer.post<int>(
                    [i, &ran, &writerThread] {
                        writerThread = QThread::currentThread();
                        ran << i;
                        return i;
                    },
                    &context,
                    [&completed, &completedHere](int i) {
                        completed << i;
                        completedHere << (QThread::currentThread() == QCoreApplication::instance()->thread());
                    });
            }
            bool barrier = false;
            writer.afterWrites(&context, [&barrier, &completed] { barrier = completed.size() == 50; });
            QTRY_VERIFY(barrier);
            QVERIFY(writerThread && writerThread != QThread::currentThread());
            QCOMPARE(completedHere, QList<bool>(50, true));
            // Work posted right before the writer goes still runs; its completion is dropped with the writer.
            writer.post<int>([&ran] { return int((ran << 50).size()); }, &context,
                             [&completed](int) { completed << 50; });
        }
        QList<int> order(51);
        std::iota(order.begin(), order.end(), 0);
        QCOMPARE(ran, order);
        QCOMPARE(completed, order.mid(0, 50));

        // Inline: work and completion before post() returns.
        DiskWriter inlineWriter;
        bool done = false;
        inlineWriter.post<int>([] { return 7; }, nullptr, [&done](int seven) { done = seven == 7; });
        QVERIFY(done);
    }

    void writesOnTheWritersThreadAndSaysWhenDurable()
    {
        Journal journal(m_dir);
        QVERIFY(journal.open().ok());
        journal.writeOnThread();
        QVERIFY(journal.writer().threaded());
        QVERIFY(journal.createSession(meta(u"s1"_s, QDateTime::currentDateTimeUtc())).ok());
        QVERIFY(journal.addChunk(u"s1"_s, 0, fakeOgg(0), 9000, 0.9).ok());
        QVERIFY(journal.markUploading(u"s1"_s, 0).ok());
        QVERIFY(journal.storeResult(u"s1"_s, 0, chunkResult(u"hello"_s, 10)).ok());
        QVERIFY(journal.markDead(u"s1"_s, 0, u"a later state wins"_s).ok());
        QVERIFY(journal.markPending(u"s1"_s, 0).ok());
        QVERIFY(journal.storeResult(u"s1"_s, 0, chunkResult(u"hello again"_s, 10)).ok());
        // The journal answers from memory at once.
        QCOMPARE(journal.job(u"s1"_s, 0)->state, JobState::Done);
        QCOMPARE(journal.job(u"s1"_s, 0)->result.text, u"hello again"_s);
        bool durable = false;
        journal.afterWrites(&journal, [&durable] { durable = true; });
        QTRY_VERIFY(durable);
        // Every write ran, in order: the last one is on disk.
        const QJsonObject record = QJsonDocument::fromJson(readFile(journal.chunkRecordPath(u"s1"_s, 0))).object();
        QCOMPARE(record.value(u"state"_s).toString(), u"done"_s);
        QCOMPARE(ChunkJob::fromJson(readFile(journal.chunkRecordPath(u"s1"_s, 0))).value().result.text,
                 u"hello again"_s);
        QVERIFY(journal.job(u"s1"_s, 0)->durable);
        QCOMPARE(journal.unwrittenCount(), 0);

        QVERIFY(journal.sealSession(u"s1"_s).ok());
        QVERIFY(journal.discardSession(u"s1"_s).ok());
        QVERIFY(journal.sessionIds().isEmpty());
        durable = false;
        journal.afterWrites(&journal, [&durable] { durable = true; });
        QTRY_VERIFY(durable);
        QVERIFY(!QFileInfo::exists(journal.sessionDir(u"s1"_s)));

        // What the journal took before it went is on disk after (its writer finishes first).
        {
            Journal last(m_dir);
            QVERIFY(last.open().ok());
            last.writeOnThread();
            QVERIFY(last.createSession(meta(u"s2"_s, QDateTime::currentDateTimeUtc())).ok());
            QVERIFY(last.addChunk(u"s2"_s, 0, fakeOgg(0), 9000, 0.9).ok());
            QVERIFY(last.storeResult(u"s2"_s, 0, chunkResult(u"kept"_s, 10)).ok());
        }
        Journal reopened(m_dir);
        QVERIFY(reopened.open().ok());
        QCOMPARE(reopened.job(u"s2"_s, 0)->result.text, u"kept"_s);
    }

    void statesSurviveReopen()
    {
        const QDateTime retryAt = QDateTime::currentDateTimeUtc().addSecs(30);
        {
            Journal journal(m_dir);
            QVERIFY(journal.open().ok());
            QVERIFY(journal.createSession(meta(u"s1"_s, QDateTime::currentDateTimeUtc())).ok());
            for (int i = 1; i <= 4; ++i)
                QVERIFY(journal.addChunk(u"s1"_s, i, fakeOgg(i), 10000, 0.9).ok());
            QVERIFY(journal.markUploading(u"s1"_s, 1).ok());
            QVERIFY(
                journal.storeResult(u"s1"_s, 1, chunkResult(u"Hello there."_s, 10, u"groq"_s, u"https://g/v1"_s)).ok());
            QVERIFY(journal.markUploading(u"s1"_s, 2).ok());
            QVERIFY(journal.markFailed(u"s1"_s, 2, retryAt, u"Groq is rate limiting; retrying in 30 s."_s).ok());
            QVERIFY(journal.markUploading(u"s1"_s, 3).ok()); // killed while uploading
            QVERIFY(journal.markDead(u"s1"_s, 4, u"The API key was rejected."_s).ok());
            QCOMPARE(journal.job(u"s1"_s, 2)->attempts, 1);
            QVERIFY(journal.sealSession(u"s1"_s).ok());
        }
        Journal journal(m_dir);
        QVERIFY(journal.open().ok());
        QVERIFY(journal.problems().isEmpty());
        QCOMPARE(journal.job(u"s1"_s, 1)->state, JobState::Done);
        QCOMPARE(journal.job(u"s1"_s, 1)->result.text, u"Hello there."_s);
        QCOMPARE(journal.job(u"s1"_s, 1)->result.billedSeconds, 10.0);
        QCOMPARE(journal.job(u"s1"_s, 2)->state, JobState::Failed);
        QCOMPARE(journal.job(u"s1"_s, 2)->retryAt.toSecsSinceEpoch(), retryAt.toSecsSinceEpoch());
        QCOMPARE(journal.job(u"s1"_s, 2)->reason, u"Groq is rate limiting; retrying in 30 s."_s);
        // An upload cut off by the crash is pending again; attempts are saved with an outcome, so this one
        // (which never had one) is not counted, while chunk 2's failed attempt is.
        QCOMPARE(journal.job(u"s1"_s, 3)->state, JobState::Pending);
        QCOMPARE(journal.job(u"s1"_s, 3)->attempts, 0);
        QCOMPARE(journal.job(u"s1"_s, 2)->attempts, 1);
        QCOMPARE(journal.job(u"s1"_s, 4)->state, JobState::Dead);
        QCOMPARE(journal.deadJobs().size(), 1);
        QVERIFY(journal.session(u"s1"_s)->sealed);
        QVERIFY(!journal.session(u"s1"_s)->interrupted);
        QCOMPARE(journal.nextRetryAt().toSecsSinceEpoch(), retryAt.toSecsSinceEpoch());

        QList<int> due;
        for (const ChunkJob& job : journal.dueJobs())
            due << job.sequence;
        QCOMPARE(due, QList<int>({3}));
        due.clear();
        for (const ChunkJob& job : journal.dueJobs(retryAt.addSecs(1)))
            due << job.sequence;
        QCOMPARE(due, QList<int>({2, 3}));

        QVERIFY(journal.retryDead(u"s1"_s).ok());
        QCOMPARE(journal.job(u"s1"_s, 4)->state, JobState::Pending);
    }

    // A crash after the temp file was written but before the rename: the old record is what counts.
    void crashBetweenTempAndRenameKeepsOldRecord()
    {
        QString recordPath;
        {
            Journal journal(m_dir);
            QVERIFY(journal.open().ok());
            QVERIFY(journal.createSession(meta(u"s1"_s, QDateTime::currentDateTimeUtc())).ok());
            QVERIFY(journal.addChunk(u"s1"_s, 1, fakeOgg(1), 10000, 1).ok());
            recordPath = journal.chunkRecordPath(u"s1"_s, 1);
            ChunkJob newer = *journal.job(u"s1"_s, 1);
            newer.state = JobState::Done;
            newer.result.text = u"never committed"_s;
            QVERIFY(atomicfile::writeTemp(recordPath, newer.toJson()).ok());
            QVERIFY(QFile::exists(atomicfile::tempPathFor(recordPath)));
            // ... and the process dies here: commitTemp() never runs.
        }
        const QByteArray before = readFile(recordPath);
        QVERIFY(ChunkJob::fromJson(before).ok());
        Journal journal(m_dir);
        QVERIFY(journal.open().ok());
        QCOMPARE(journal.job(u"s1"_s, 1)->state, JobState::Pending);
        QVERIFY(journal.job(u"s1"_s, 1)->result.text.isEmpty());
        QVERIFY(!QFile::exists(atomicfile::tempPathFor(recordPath))); // the leftover is cleaned up
        QVERIFY(journal.problems().isEmpty());

        // A torn temp file (crash in the middle of the write) is equally harmless.
        writeRaw(atomicfile::tempPathFor(recordPath), "{\"version\": 1, \"sta");
        Journal again(m_dir);
        QVERIFY(again.open().ok());
        QCOMPARE(again.job(u"s1"_s, 1)->state, JobState::Pending);

        // commitTemp() is the only step that makes the new content visible.
        QVERIFY(atomicfile::writeFile(recordPath, before).ok());
        QCOMPARE(readFile(recordPath), before);
    }

    void resumeOrderIsOldestSessionThenSequence()
    {
        const QDateTime t0 = QDateTime::currentDateTimeUtc().addSecs(-3600);
        {
            Journal journal(m_dir);
            QVERIFY(journal.open().ok());
            // Created out of order, ids deliberately not in time order either.
            QVERIFY(journal.createSession(meta(u"c-newest"_s, t0.addSecs(120))).ok());
            QVERIFY(journal.createSession(meta(u"z-oldest"_s, t0)).ok());
            QVERIFY(journal.createSession(meta(u"a-middle"_s, t0.addSecs(60))).ok());
            for (const int seq : {3, 1, 12, 2}) {
                for (const QString& id : {u"c-newest"_s, u"z-oldest"_s, u"a-middle"_s})
                    QVERIFY(journal.addChunk(id, seq, fakeOgg(seq), 10000, 1).ok());
            }
            QVERIFY(journal.storeResult(u"z-oldest"_s, 2, chunkResult(u"two"_s, 0)).ok());
            QVERIFY(journal.markDead(u"a-middle"_s, 3, u"rejected"_s).ok());
            // killed here, capture never sealed
        }
        Journal journal(m_dir);
        QVERIFY(journal.open().ok());
        QStringList order;
        for (const ChunkJob& job : journal.pendingJobs())
            order << job.sessionId + u':' + QString::number(job.sequence);
        QCOMPARE(order,
                 QStringList({u"z-oldest:1"_s, u"z-oldest:3"_s, u"z-oldest:12"_s, u"a-middle:1"_s, u"a-middle:2"_s,
                              u"a-middle:12"_s, u"c-newest:1"_s, u"c-newest:2"_s, u"c-newest:3"_s, u"c-newest:12"_s}));
        QCOMPARE(journal.sessionIds(), QStringList({u"z-oldest"_s, u"a-middle"_s, u"c-newest"_s}));
        // Sessions whose capture was cut off are sealed so they can complete, and marked interrupted.
        QVERIFY(journal.session(u"z-oldest"_s)->sealed);
        QVERIFY(journal.session(u"z-oldest"_s)->interrupted);
        QCOMPARE(journal.session(u"z-oldest"_s)->application, u"org.kde.kate"_s);
    }

    void completionAssemblesInSequenceOrder()
    {
        Journal journal(m_dir);
        QVERIFY(journal.open().ok());
        QVERIFY(journal.createSession(meta(u"s1"_s, QDateTime::currentDateTimeUtc())).ok());
        QVERIFY(journal.addChunk(u"s1"_s, 1, fakeOgg(1), 10000, 1).ok());
        QVERIFY(journal.addChunk(u"s1"_s, 2, fakeOgg(2), 10000, 1).ok());
        QVERIFY(journal.addChunk(u"s1"_s, 3, fakeOgg(3), 10000, 0).ok());
        // Results arrive out of order.
        QVERIFY(journal.storeResult(u"s1"_s, 3, chunkResult(u""_s, 0)).ok());
        QVERIFY(journal.storeResult(u"s1"_s, 2, chunkResult(u" world. "_s, 10)).ok());
        QVERIFY(!journal.assembledText(u"s1"_s).ok());
        QVERIFY(journal.storeResult(u"s1"_s, 1, chunkResult(u"Hello"_s, 10)).ok());
        // All done, but capture still running: not complete yet.
        Result<QString> early = journal.assembledText(u"s1"_s);
        QVERIFY(!early.ok());
        QVERIFY(early.error().message.contains(u"capture still running"_s));
        QVERIFY(journal.completedSessions().isEmpty());
        QVERIFY(journal.sealSession(u"s1"_s).ok());
        QVERIFY(journal.status(u"s1"_s).complete());
        QCOMPARE(journal.completedSessions(), QStringList({u"s1"_s}));
        QCOMPARE(journal.assembledText(u"s1"_s).value(), u"Hello world."_s);
        QCOMPARE(journal.chunkTexts(u"s1"_s).value(), QStringList({u"Hello"_s, u" world. "_s, u""_s}));
        QCOMPARE(journal.audioFiles(u"s1"_s).size(), 3);
        QVERIFY(journal.audioFiles(u"s1"_s).first().endsWith(u"chunk-000001.opus"_s));

        QVERIFY(journal.discardSession(u"s1"_s).ok());
        QVERIFY(!QFile::exists(journal.sessionDir(u"s1"_s)));
        QVERIFY(journal.sessionIds().isEmpty());
        Journal reopened(m_dir);
        QVERIFY(reopened.open().ok());
        QVERIFY(reopened.sessionIds().isEmpty());
    }

    void corruptRecordsAreQuarantinedAndAudioKept()
    {
        {
            Journal journal(m_dir);
            QVERIFY(journal.open().ok());
            QVERIFY(journal.createSession(meta(u"s1"_s, QDateTime::currentDateTimeUtc())).ok());
            QVERIFY(journal.createSession(meta(u"s2"_s, QDateTime::currentDateTimeUtc().addSecs(1))).ok());
            for (int i = 1; i <= 3; ++i) {
                QVERIFY(journal.addChunk(u"s1"_s, i, fakeOgg(i), 10000, 1).ok());
                QVERIFY(journal.addChunk(u"s2"_s, i, fakeOgg(i), 10000, 1).ok());
            }
            QVERIFY(journal.storeResult(u"s1"_s, 3, chunkResult(u"three"_s, 0)).ok());
        }
        const QString s1 = m_dir + u"/s1"_s;
        writeRaw(s1 + u"/chunk-000001.json"_s, "{ this is not json");
        writeRaw(s1 + u"/chunk-000002.json"_s, R"({"version": 1, "session": "other", "sequence": 2, "state": "done"})");
        writeRaw(s1 + u"/chunk-000004.opus"_s, fakeOgg(4));   // audio whose record was never written
        QVERIFY(QFile::remove(s1 + u"/chunk-000003.opus"_s)); // a done chunk may lose its audio
        writeRaw(m_dir + u"/s2/session.json"_s, QByteArray(64, '\0'));
        QVERIFY(QFile::remove(m_dir + u"/s2/chunk-000002.opus"_s)); // a pending chunk without audio

        // Read-only (e.g. `utter status`) reports but touches nothing.
        {
            Journal viewer(m_dir, Journal::Mode::ReadOnly);
            QVERIFY(viewer.open().ok());
            QVERIFY(viewer.problems().size() >= 4);
            QVERIFY(QFile::exists(s1 + u"/chunk-000001.json"_s));
            QVERIFY(!QFile::exists(s1 + u"/quarantine"_s));
        }

        Journal journal(m_dir);
        QVERIFY(journal.open().ok());
        const QList<JournalProblem> problems = journal.problems();
        QCOMPARE(problems.size(), 5);
        QStringList files;
        for (const JournalProblem& p : problems) {
            files << QFileInfo(p.path).fileName();
            QVERIFY2(!p.message.isEmpty(), qPrintable(p.path));
        }
        QVERIFY(files.contains(u"chunk-000001.json"_s));
        QVERIFY(problems.at(files.indexOf(u"chunk-000001.json"_s)).message.contains(u"quarantine"_s));

        // Corrupt records were moved aside, their audio stays and the chunk is queued again.
        const QStringList quarantined = QDir(s1 + u"/quarantine"_s).entryList(QDir::Files);
        QCOMPARE(quarantined.size(), 2);
        QVERIFY(quarantined.first().endsWith(u".corrupt"_s));
        for (const int seq : {1, 2, 4}) {
            QCOMPARE(journal.job(u"s1"_s, seq)->state, JobState::Pending);
            QCOMPARE(journal.chunkAudio(u"s1"_s, seq).value(), fakeOgg(seq));
            QVERIFY(ChunkJob::fromJson(readFile(journal.chunkRecordPath(u"s1"_s, seq))).ok()); // rewritten
        }
        QCOMPARE(journal.job(u"s1"_s, 3)->state, JobState::Done);
        // The session record was rebuilt; a pending chunk without audio needs the user.
        QVERIFY(journal.session(u"s2"_s));
        QVERIFY(journal.session(u"s2"_s)->interrupted);
        QVERIFY(SessionMeta::fromJson(readFile(m_dir + u"/s2/session.json"_s)).ok());
        QCOMPARE(journal.job(u"s2"_s, 2)->state, JobState::Dead);
        QVERIFY(journal.job(u"s2"_s, 2)->reason.contains(u"missing"_s));
        QCOMPARE(journal.job(u"s2"_s, 1)->state, JobState::Pending);

        // A folder that is no session is reported and left alone; the journal keeps working.
        QVERIFY(QDir().mkpath(m_dir + u"/not a session"_s));
        Journal third(m_dir);
        QVERIFY(third.open().ok());
        QCOMPARE(third.problems().size(), 1);
        QVERIFY(third.createSession(meta(u"s3"_s, QDateTime::currentDateTimeUtc())).ok());
        QVERIFY(third.addChunk(u"s3"_s, 1, fakeOgg(1), 1000, 1).ok());
    }

    void openChunkIsRecoveredAfterACrash()
    {
        // The pipeline's recorder journals a session, one closed chunk, and the chunk being spoken as it grows.
        const QString id = u"20261202T120000Z-0a0a"_s;
        QString partialPath;
        {
            SessionRecorder recorder(m_dir, id);
            SessionMeta session = meta(id, QDateTime::currentDateTimeUtc());
            QVERIFY(recorder.writeMeta(session).ok());
            ChunkJob closed;
            closed.sessionId = id;
            closed.sequence = 0;
            closed.durationMs = 4000;
            closed.offsetMs = 200;
            closed.speechRatio = 0.9;
            QVERIFY(recorder.writeChunk(closed, encodeOggOpus(tone(4000)).value()).ok());

            auto encoder = OggOpusEncoder::toMemory().value();
            QVERIFY(encoder->write(tone(1500)).ok());
            QVERIFY(recorder.writeOpenChunk(1, 5000, encoder->flushedStream()).ok());
            QVERIFY(encoder->write(tone(1000, 1500)).ok());
            QVERIFY(recorder.writeOpenChunk(1, 5000, encoder->flushedStream()).ok());
            QVERIFY(recorder.openSequence() == 1);
            // Then 0.4 s more reached the file only half-way when the process was killed: a torn page.
            QVERIFY(encoder->write(tone(400, 2500)).ok());
            const QByteArrayView all = encoder->flushedStream();
            partialPath = m_dir + u'/' + id + u"/chunk-000001.at-5000.partial"_s;
            QVERIFY(QFile::exists(partialPath));
            QFile torn(partialPath);
            QVERIFY(torn.open(QIODevice::Append));
            const QByteArray tail = all.sliced(torn.size()).toByteArray();
            torn.write(tail.left(tail.size() / 2));
        } // killed: nothing sealed the session

        Journal journal(m_dir);
        QVERIFY(journal.open().ok());
        const std::optional<SessionMeta> recovered = journal.session(id);
        QVERIFY(recovered);
        QVERIFY(recovered->sealed);
        QVERIFY(recovered->interrupted);
        const QList<ChunkJob> jobs = journal.jobs(id);
        QCOMPARE(jobs.size(), 2);
        const ChunkJob& open = jobs.at(1);
        QCOMPARE(open.sequence, 1);
        QCOMPARE(open.state, JobState::Pending);
        QCOMPARE(open.offsetMs, qint64(5000));
        // Every synced byte is kept: at least the 2.5 s written before the torn page (less the encoder's delay).
        QVERIFY2(open.durationMs >= 2450 && open.durationMs <= 2900, QByteArray::number(open.durationMs).constData());
        // A normal chunk now: a complete stream on disk with its record, and the partial file is gone.
        QVERIFY(QFile::exists(journal.chunkRecordPath(id, 1)));
        QVERIFY(!QFile::exists(partialPath));
        const Result<QByteArray> audio = journal.chunkAudio(id, 1);
        QVERIFY(audio.ok());
        QVERIFY(oggEndsWithEos(audio.value()));
        const Result<std::vector<std::int16_t>> pcm = decodeOggOpus(audio.value());
        QVERIFY(pcm.ok());
        QCOMPARE(qint64(pcm->size()) / 16, open.durationMs);
        // The dictation lasted as long as its audio: up to the end of the recovered chunk, not until this start.
        QCOMPARE(recovered->audioMs, open.offsetMs + open.durationMs);
        QCOMPARE(journal.pendingJobs().size(), 2);

        // Reopened once more, nothing changes (the recovery is done once).
        Journal again(m_dir);
        QVERIFY(again.open().ok());
        QCOMPARE(again.jobs(id).size(), 2);
        QCOMPARE(again.job(id, 1)->durationMs, open.durationMs);
    }

    // What the voice gate held back survives a kill (docs/storage.md, "What Utter holds back"): its notes reach the
    // session record only once capture ends, but its audio is in the journal, and the scan finds each sound there —
    // where it starts (its file's name) and how long it is (its Ogg Opus stream) — for the finisher to note it again.
    void heldBackSoundsAreFoundAfterACrash()
    {
        const QString sealedId = u"20261203T110000Z-1b1b"_s;
        const QString cutId = u"20261203T110100Z-2c2c"_s;
        {
            // Sealed by the recorder, but killed before the service added its notes: one noted sound is there
            // anyway (as if an earlier version of the record had it), the other is not.
            SessionRecorder recorder(m_dir, sealedId);
            SessionMeta session = meta(sealedId, QDateTime::currentDateTimeUtc());
            QVERIFY(recorder.writeMeta(session).ok());
            QVERIFY(recorder.writeHeldBack(0, 2300, encodeOggOpus(tone(1500)).value()).ok());
            ChunkJob chunk;
            chunk.sessionId = sealedId;
            chunk.sequence = 0;
            chunk.durationMs = 2000;
            chunk.offsetMs = 4000;
            QVERIFY(recorder.writeChunk(chunk, encodeOggOpus(tone(2000)).value()).ok());
            QVERIFY(recorder.writeHeldBack(1, 6500, encodeOggOpus(tone(800)).value()).ok());
            session.sealed = true;
            session.audioMs = 7300;
            HeldBack noted;
            noted.kind = HeldBack::Kind::NotUploaded;
            noted.reason = HeldBack::Reason::NoVoice;
            noted.startS = 6.5;
            noted.endS = 7.3;
            noted.speechEvidence = 0.2;
            session.heldBack = heldBackToJson({noted});
            QVERIFY(recorder.writeMeta(session).ok());
        }
        {
            // Killed while recording, every sound so far held back: no chunk, the record not sealed.
            SessionRecorder recorder(m_dir, cutId);
            QVERIFY(recorder.writeMeta(meta(cutId, QDateTime::currentDateTimeUtc())).ok());
            QVERIFY(recorder.writeHeldBack(0, 300, encodeOggOpus(tone(1200)).value()).ok());
        }

        Journal journal(m_dir);
        QVERIFY(journal.open().ok());
        QVERIFY2(journal.problems().isEmpty(), qPrintable(journal.problems().value(0).message));
        const QList<HeldBackAudio> sealed = journal.heldBackAudio(sealedId);
        QCOMPARE(sealed.size(), 2);
        QCOMPARE(sealed[0].offsetMs, qint64(2300));
        QCOMPARE(sealed[0].durationMs, qint64(1500));
        QCOMPARE(sealed[1].offsetMs, qint64(6500));
        QCOMPARE(sealed[1].durationMs, qint64(800));
        // The notes: the one in the record as it was (its voice score too), the missing one made from the journal,
        // in recording order.
        const QList<HeldBack> notes =
            HeldBackNotes::withJournaled(heldBackFromJson(journal.session(sealedId)->heldBack), sealed);
        QCOMPARE(notes.size(), 2);
        QCOMPARE(notes[0].kind, HeldBack::Kind::NotUploaded);
        QCOMPARE(notes[0].reason, HeldBack::Reason::NoVoice);
        QCOMPARE(notes[0].startS, 2.3);
        QCOMPARE(notes[0].endS, 3.8);
        QCOMPARE(notes[0].speechEvidence, -1.0);
        QCOMPARE(notes[1].startS, 6.5);
        QCOMPARE(notes[1].speechEvidence, 0.2);
        // Every sound noted already: nothing added.
        QCOMPARE(HeldBackNotes::withJournaled(notes, sealed).size(), 2);

        // The session cut off while recording: sealed now, complete (nothing to transcribe), and as long as its
        // audio, the held-back sound included.
        const SessionStatus cut = journal.status(cutId);
        QVERIFY(cut.meta.sealed && cut.meta.interrupted);
        QVERIFY(cut.complete());
        QCOMPARE(cut.meta.audioMs, qint64(1500));
        const QList<HeldBackAudio> cutSounds = journal.heldBackAudio(cutId);
        QCOMPARE(cutSounds.size(), 1);
        QCOMPARE(HeldBackNotes::withJournaled({}, cutSounds).value(0).endS, 1.5);
        // A session of this run has none.
        const QString fresh = Journal::newSessionId();
        QVERIFY(journal.createSession(meta(fresh, QDateTime::currentDateTimeUtc())).ok());
        QVERIFY(journal.heldBackAudio(fresh).isEmpty());
    }

    void openChunkOfAClosedChunkIsDropped()
    {
        // Killed after the chunk was written but before its open file was removed: the chunk wins, once.
        const QString id = u"20261202T120000Z-0b0b"_s;
        {
            SessionRecorder recorder(m_dir, id);
            QVERIFY(recorder.writeMeta(meta(id, QDateTime::currentDateTimeUtc())).ok());
            auto encoder = OggOpusEncoder::toMemory().value();
            QVERIFY(encoder->write(tone(1200)).ok());
            QVERIFY(recorder.writeOpenChunk(0, 0, encoder->flushedStream()).ok());
        }
        const QString partial = m_dir + u'/' + id + u"/chunk-000000.at-0.partial"_s;
        const QByteArray kept = readFile(partial);
        QVERIFY(!kept.isEmpty());
        {
            SessionRecorder recorder(m_dir, id);
            ChunkJob closed;
            closed.sessionId = id;
            closed.durationMs = 1200;
            QVERIFY(recorder.writeChunk(closed, encodeOggOpus(tone(1200)).value()).ok());
        }
        writeRaw(partial, kept); // as if the removal never reached the disk
        Journal journal(m_dir);
        QVERIFY(journal.open().ok());
        QCOMPARE(journal.jobs(id).size(), 1);
        QCOMPARE(journal.job(id, 0)->durationMs, qint64(1200));
        QVERIFY(!QFile::exists(partial));

        // A partial file with no complete audio page (killed before its first sync finished) is removed, with a
        // problem entry, and the session still opens.
        const QString id2 = u"20261202T120001Z-0c0c"_s;
        {
            SessionRecorder recorder(m_dir, id2);
            QVERIFY(recorder.writeMeta(meta(id2, QDateTime::currentDateTimeUtc())).ok());
        }
        const QString empty = m_dir + u'/' + id2 + u"/chunk-000000.at-300.partial"_s;
        writeRaw(empty, QByteArray("OggS\0\2garbage"));
        Journal second(m_dir);
        QVERIFY(second.open().ok());
        QVERIFY(second.jobs(id2).isEmpty());
        QVERIFY(!QFile::exists(empty));
        QVERIFY(!second.problems().isEmpty());
    }

    void jsonRoundTrip()
    {
        ChunkJob job;
        job.sessionId = u"s"_s;
        job.sequence = 7;
        job.state = JobState::Failed;
        job.retryAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 600), Qt::UTC);
        job.reason = u"Über \"quota\"."_s;
        const Result<ChunkJob> back = ChunkJob::fromJson(job.toJson());
        QVERIFY(back.ok());
        QCOMPARE(back->retryAt, job.retryAt);
        QCOMPARE(back->reason, job.reason);
        QCOMPARE(back->state, JobState::Failed);
        QCOMPARE(
            ChunkJob::fromJson(R"({"version": 99, "session": "s", "sequence": 1, "state": "pending"})").error().code,
            ErrorCode::Corrupt);
        QCOMPARE(ChunkJob::fromJson(R"({"version": 1, "session": "s", "sequence": 1, "state": "bogus"})").error().code,
                 ErrorCode::Corrupt);
    }

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_dir;
};

QTEST_GUILESS_MAIN(TestJournal)
#include "testjournal.moc"
