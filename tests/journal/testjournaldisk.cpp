// The journal against a full disk and an unwritable folder: a clear error, nothing already captured is lost,
// and the journal keeps working. The full-disk cases need a real small file system (a 1 MB tmpfs), which only
// root may mount: elsewhere they are skipped with the reason, and under the test services as root they must run.
#include "journal/journal.h"
#include "smalltmpfs.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_LINUX
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#endif

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using utter::test::SmallTmpfs;

namespace
{

QByteArray randomAudio(int bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(data.data()), bytes / 4);
    return data;
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

SessionMeta meta(const QString& id)
{
    SessionMeta m;
    m.id = id;
    m.startedAt = QDateTime::currentDateTimeUtc();
    return m;
}

bool servicesRequired()
{
    return qEnvironmentVariable("UTTER_TEST_SERVICES") == u"1"_s;
}

} // namespace

class TestJournalDisk final : public QObject
{
    Q_OBJECT

private:
    // Returns false (after QSKIP/QFAIL) when the tmpfs cannot be had.
    bool requireTmpfs(SmallTmpfs& fs)
    {
        if (fs.mounted())
            return true;
#ifdef Q_OS_LINUX
        const bool root = ::geteuid() == 0;
#else
        const bool root = false;
#endif
        const QString why =
            u"cannot mount a 1 MB tmpfs to simulate a full disk (%1); mounting needs root"_s.arg(fs.error());
        if (servicesRequired() && root)
            QTest::qFail(qPrintable(why), __FILE__, __LINE__);
        else
            QTest::qSkip(qPrintable(why), __FILE__, __LINE__);
        return false;
    }

private slots:
    void fullDiskKeepsEverythingAndRecovers()
    {
        QTemporaryDir tmp;
        SmallTmpfs fs(tmp.filePath(u"small"_s));
        if (!requireTmpfs(fs))
            return;
        const QString dir = tmp.filePath(u"small/journal"_s);
        Journal journal(dir);
        QVERIFY(journal.open().ok());
        QSignalSpy failed(&journal, &Journal::writeFailed);
        QSignalSpy recovered(&journal, &Journal::writesRecovered);
        QVERIFY(journal.createSession(meta(u"s1"_s)).ok());
        // Something else has eaten most of the disk.
        QFile filler(tmp.filePath(u"small/filler"_s));
        QVERIFY(filler.open(QIODevice::WriteOnly));
        QCOMPARE(filler.write(randomAudio(600 * 1024)), 600 * 1024);
        filler.close();

        // Fill the disk until a chunk no longer fits; every chunk handed over must stay available.
        QList<QByteArray> audio;
        Status status;
        int sequence = 0;
        while (status.ok() && sequence < 40) {
            audio << randomAudio(150 * 1024);
            status = journal.addChunk(u"s1"_s, ++sequence, audio.last(), 10000, 1);
        }
        QVERIFY2(!status.ok(), "a 1 MB file system never filled up");
        QCOMPARE(status.error().code, ErrorCode::Io);
        QVERIFY2(status.error().message.contains(u"disk is full"_s), qPrintable(status.error().message));
        QVERIFY(failed.count() >= 1);
        QVERIFY(!journal.job(u"s1"_s, sequence)->durable);
        QVERIFY(journal.job(u"s1"_s, sequence - 1)->durable);
        QVERIFY(journal.unwrittenCount() >= 1);
        // No half-written file is left behind.
        QVERIFY(QDir(journal.sessionDir(u"s1"_s)).entryList({u"*.tmp"_s}, QDir::Files).isEmpty());

        // Capture goes on: one more chunk and a state change are accepted in memory.
        audio << randomAudio(150 * 1024);
        QVERIFY(!journal.addChunk(u"s1"_s, ++sequence, audio.last(), 10000, 1).ok());
        QVERIFY(!journal.storeResult(u"s1"_s, sequence, chunkResult(u"still here"_s, 10)).ok());
        for (int i = 1; i <= sequence; ++i)
            QCOMPARE(journal.chunkAudio(u"s1"_s, i).value(), audio.at(i - 1));
        QCOMPARE(journal.status(u"s1"_s).unwritten, journal.unwrittenCount());
        // However often the disk refuses (every later write, every retry), the failure is said once.
        QVERIFY(!journal.flushUnwritten().ok());
        QCOMPARE(failed.count(), 1);

        // Space comes back (the user deletes something): the retry writes everything.
        QVERIFY(filler.remove());
        QVERIFY(journal.flushUnwritten().ok());
        QCOMPARE(journal.unwrittenCount(), 0);
        QCOMPARE(recovered.count(), 1);
        // A refusal after the recovery is news again.
        QFile filler2(tmp.filePath(u"small/filler2"_s));
        QVERIFY(filler2.open(QIODevice::WriteOnly));
        while (filler2.write(randomAudio(64 * 1024)) > 0 && filler2.flush()) {
        }
        filler2.close();
        QVERIFY(!journal.addChunk(u"s1"_s, sequence + 1, randomAudio(150 * 1024), 10000, 1).ok());
        QCOMPARE(failed.count(), 2);
        QVERIFY(filler2.remove());
        QVERIFY(journal.flushUnwritten().ok());
        Journal reopened(dir, Journal::Mode::ReadOnly);
        QVERIFY(reopened.open().ok());
        QVERIFY(reopened.problems().isEmpty());
        QCOMPARE(reopened.jobs(u"s1"_s).size(), sequence + 1);
        for (int i = 1; i <= sequence; ++i)
            QCOMPARE(reopened.chunkAudio(u"s1"_s, i).value(), audio.at(i - 1));
        QCOMPARE(reopened.job(u"s1"_s, sequence)->result.text, u"still here"_s);
    }

    void unwritableFolderIsAClearErrorAndRecovers()
    {
        QTemporaryDir tmp;
        SmallTmpfs fs(tmp.filePath(u"small"_s));
        if (!requireTmpfs(fs))
            return;
        const QString dir = tmp.filePath(u"small/journal"_s);
        Journal journal(dir);
        QVERIFY(journal.open().ok());
        QVERIFY(journal.createSession(meta(u"s1"_s)).ok());
        QVERIFY(journal.addChunk(u"s1"_s, 1, randomAudio(4096), 10000, 1).ok());

        QVERIFY(fs.remount(true));
        const QByteArray second = randomAudio(4096);
        const Status refused = journal.addChunk(u"s1"_s, 2, second, 10000, 1);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Io);
        QVERIFY2(refused.error().message.contains(u"read-only"_s), qPrintable(refused.error().message));
        QCOMPARE(journal.chunkAudio(u"s1"_s, 2).value(), second);
        // A new dictation still starts (in memory) while the disk refuses.
        QVERIFY(!journal.createSession(meta(u"s2"_s)).ok());
        QVERIFY(!journal.addChunk(u"s2"_s, 1, second, 10000, 1).ok());
        QCOMPARE(journal.sessionIds().size(), 2);

        QVERIFY(fs.remount(false));
        QVERIFY(journal.flushUnwritten().ok());
        QCOMPARE(journal.unwrittenCount(), 0);
        Journal reopened(dir, Journal::Mode::ReadOnly);
        QVERIFY(reopened.open().ok());
        QCOMPARE(reopened.sessionIds().size(), 2);
        QCOMPARE(reopened.chunkAudio(u"s1"_s, 2).value(), second);
        QCOMPARE(reopened.chunkAudio(u"s2"_s, 1).value(), second);
    }

    // Works without root: the journal folder cannot even be created because a file is in the way.
    void journalFolderThatCannotBeCreated()
    {
        QTemporaryDir tmp;
        QFile blocker(tmp.filePath(u"data"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        Journal journal(tmp.filePath(u"data/journal"_s));
        const Status opened = journal.open();
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, ErrorCode::Io);
        QVERIFY(opened.error().message.contains(u"journal folder"_s));
        // Still usable in memory: the dictation is not lost, only not yet safe.
        const Status created = journal.createSession(meta(u"s1"_s));
        QCOMPARE(created.error().code, ErrorCode::Io);
        QVERIFY(!journal.addChunk(u"s1"_s, 1, "audio", 1000, 1).ok());
        QCOMPARE(journal.chunkAudio(u"s1"_s, 1).value(), QByteArray("audio"));
        QVERIFY(journal.storeResult(u"s1"_s, 1, chunkResult(u"kept"_s, 1)).error().code == ErrorCode::Io);
        QVERIFY(journal.sealSession(u"s1"_s).error().code == ErrorCode::Io);
        QCOMPARE(journal.assembledText(u"s1"_s).value(), u"kept"_s);

        // The obstacle goes away: the retry writes everything.
        QVERIFY(QFile::remove(tmp.filePath(u"data"_s)));
        QVERIFY(journal.flushUnwritten().ok());
        Journal reopened(tmp.filePath(u"data/journal"_s));
        QVERIFY(reopened.open().ok());
        QCOMPARE(reopened.assembledText(u"s1"_s).value(), u"kept"_s);
    }
};

QTEST_GUILESS_MAIN(TestJournalDisk)
#include "testjournaldisk.moc"
