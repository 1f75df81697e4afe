// Journal recovery at start-up off the main thread (issue 13, docs/storage.md "Recovery at start-up"): the scan
// on its own thread gives what open() gives, and sessions recorded meanwhile are left alone. Labelled tsan: the
// hand-off of the recovered sessions runs under ThreadSanitizer in CI.
#include "crashedjournal.h"
#include "journal/journal.h"
#include "journal/sessionrecorder.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

QByteArray fakeOgg(int sequence)
{
    return "OggS" + QByteArray::number(sequence).repeated(100);
}

SessionMeta meta(const QString& id, const QDateTime& startedAt)
{
    SessionMeta m;
    m.id = id;
    m.startedAt = startedAt;
    m.application = u"org.kde.kate"_s;
    m.language = u"en"_s;
    return m;
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every file under dir, relative, with the time stamp of quarantined files' names cut off.
QStringList journalFiles(const QString& dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::System | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QString file = QDir(dir).relativeFilePath(it.next());
        if (file.contains(u"/quarantine/"_s))
            file = file.section(u'.', 0, -3);
        files << file;
    }
    files.sort();
    return files;
}

} // namespace

class TestJournalRecovery final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_dir = m_tmp->filePath(u"journal"_s);
    }

    void backgroundRecoveryOfManySessionsMatchesOpen()
    {
        // 200 sessions as a crash leaves them, with every kind of repair: recovered in the background, they come out
        // exactly as open() makes them, in memory and on disk.
        const QString reference = m_tmp->filePath(u"reference"_s);
        const test::CrashedJournalCounts counts = test::writeCrashedJournal(reference, 200);
        QCOMPARE(counts.sessions, 200);
        QVERIFY(counts.partial > 0 && counts.corrupt > 0 && counts.uploading > 0 && counts.temps > 0);
        QCOMPARE(test::writeCrashedJournal(m_dir, 200).sessions, 200);
        Journal opened(reference);
        QVERIFY(opened.open().ok());

        Journal journal(m_dir);
        QSignalSpy recovered(&journal, &Journal::recovered);
        std::optional<Status> done;
        journal.openInBackground(this, [&](const Status& status) { done = status; });
        // The recovered sessions join on this thread, from its event loop: none is there yet.
        QVERIFY(journal.recovering());
        QVERIFY(journal.sessionIds().isEmpty());
        QTRY_VERIFY(done.has_value());
        QVERIFY(done->ok());
        QCOMPARE(recovered.count(), 1);
        QVERIFY(!journal.recovering());

        QCOMPARE(journal.sessionIds(), opened.sessionIds());
        for (const QString& id : opened.sessionIds()) {
            const SessionMeta a = *journal.session(id);
            const SessionMeta b = *opened.session(id);
            QCOMPARE(a.sealed, b.sealed);
            QCOMPARE(a.interrupted, b.interrupted);
            QCOMPARE(a.audioMs, b.audioMs);
            const QList<ChunkJob> jobs = journal.jobs(id);
            const QList<ChunkJob> expected = opened.jobs(id);
            QCOMPARE(jobs.size(), expected.size());
            for (qsizetype i = 0; i < jobs.size(); ++i) {
                QCOMPARE(jobs[i].sequence, expected[i].sequence);
                QCOMPARE(jobs[i].state, expected[i].state);
                QCOMPARE(jobs[i].durationMs, expected[i].durationMs);
                QCOMPARE(jobs[i].offsetMs, expected[i].offsetMs);
                QCOMPARE(jobs[i].attempts, expected[i].attempts);
                QCOMPARE(jobs[i].result.text, expected[i].result.text);
                QVERIFY(jobs[i].durable);
            }
        }
        QCOMPARE(journal.problems().size(), opened.problems().size());
        QCOMPARE(journal.pendingJobs().size(), counts.chunks - counts.done + counts.partial);
        QVERIFY(journal.deadJobs().isEmpty());
        QCOMPARE(journal.unwrittenCount(), 0);
        QCOMPARE(journalFiles(m_dir), journalFiles(reference));
        // Every repair is on disk: a next start finds nothing left to do.
        Journal again(m_dir);
        QVERIFY(again.open().ok());
        QVERIFY(again.problems().isEmpty());
        QCOMPARE(again.pendingJobs().size(), journal.pendingJobs().size());
    }

    void sessionsRecordedDuringRecoveryAreLeftAlone()
    {
        QCOMPARE(test::writeCrashedJournal(m_dir, 20).sessions, 20);
        // One more session of the crashed run, whose record the scan cannot read until this test lets it.
        SessionMeta old = meta(u"20261201T070000Z-aaaa"_s, QDateTime(QDate(2026, 12, 1), QTime(7, 0), Qt::UTC));
        old.sealed = true;
        QVERIFY(QDir().mkpath(m_dir + u'/' + old.id));
        QVERIFY(test::writeCrashedFile(m_dir + u'/' + old.id + u"/chunk-000000.opus"_s, fakeOgg(0)));

        Journal journal(m_dir);
        // After the journal, so that it goes first: a failing test leaves no scan waiting.
        test::HeldRecord held(m_dir + u'/' + old.id + u"/session.json"_s, old.toJson());
        QVERIFY(held.ok());
        std::optional<Status> done;
        journal.openInBackground(this, [&](const Status& status) { done = status; });
        // Meanwhile a dictation of this run is recorded, as the pipeline's recorder does it, and queries answer.
        SessionMeta live = meta(Journal::newSessionId(), QDateTime::currentDateTimeUtc());
        ChunkJob chunk;
        chunk.sessionId = live.id;
        chunk.durationMs = 1000;
        chunk.offsetMs = 0;
        {
            SessionRecorder recorder(m_dir, live.id);
            QVERIFY(recorder.writeMeta(live).ok());
            journal.adoptSession(live, true);
            QVERIFY(recorder.writeChunk(chunk, fakeOgg(7)).ok());
            QVERIFY(journal.adoptChunk(chunk, fakeOgg(7), true).ok());
        }
        QVERIFY(journal.recovering());
        QCOMPARE(journal.sessionIds(), QStringList{live.id});
        QCOMPARE(journal.pendingJobs().size(), 1);
        QCOMPARE(journal.chunkAudio(live.id, 0).value(), fakeOgg(7));
        QVERIFY(!done.has_value());

        held.release();
        QTRY_VERIFY(done.has_value());
        QVERIFY(done->ok());
        // The crashed run's sessions are in, oldest first; this run's session is as it was recorded, not taken for
        // an interrupted one (still capturing: unsealed), in memory and on disk.
        const QStringList ids = journal.sessionIds();
        QCOMPARE(ids.size(), 22);
        QCOMPARE(ids.first(), old.id);
        QCOMPARE(ids.last(), live.id);
        QVERIFY(!journal.session(live.id)->sealed);
        QVERIFY(!journal.session(live.id)->interrupted);
        const Result<SessionMeta> onDisk = SessionMeta::fromJson(readFile(m_dir + u'/' + live.id + u"/session.json"_s));
        QVERIFY(onDisk.ok());
        QVERIFY(!onDisk->sealed);
        QVERIFY(!onDisk->interrupted);
        QCOMPARE(journal.pendingJobs().last().sessionId, live.id);
        QCOMPARE(journal.jobs(old.id).size(), 1);
        // Recording goes on after recovery as before.
        QVERIFY(journal.sealSession(live.id).ok());
        QCOMPARE(journal.status(live.id).total, 1);
    }

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_dir;
};

QTEST_GUILESS_MAIN(TestJournalRecovery)
#include "testjournalrecovery.moc"
