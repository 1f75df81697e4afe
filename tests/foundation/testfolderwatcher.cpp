#include "common/folderwatcher.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

// FolderWatcher on a real folder (inotify on Linux): every way a user or a program changes the files is seen,
// once per change, and a replaced file is still watched for the next in-place edit.
class TestFolderWatcher final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    static void writeInPlace(const QString& file, const QByteArray& text)
    {
        // What an editor that saves in place does: same inode, new contents (no rename, no directory event).
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite | QIODevice::Truncate));
        QCOMPARE(f.write(text), text.size());
    }

    static void replace(const QString& file, const QByteArray& text)
    {
        QSaveFile f(file); // temp file + rename: a new inode
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
        QVERIFY(f.commit());
    }

    // Waits for one changed() and that no second one follows for the same change.
    static void expectOneChange(QSignalSpy& spy)
    {
        QTRY_COMPARE(spy.count(), 1);
        QTest::qWait(FolderWatcher::settleMs * 2);
        QCOMPARE(spy.count(), 1);
        spy.clear();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        replace(path(u"formal.md"_s), "# formal\n");
    }

    void seesEveryKindOfChange()
    {
        FolderWatcher watcher(m_dir.path(), {u"*.md"_s});
        QSignalSpy changed(&watcher, &FolderWatcher::changed);

        writeInPlace(path(u"formal.md"_s), "# formal, edited in place\n");
        expectOneChange(changed);

        replace(path(u"formal.md"_s), "# formal, saved by replacing\n");
        expectOneChange(changed);
        // The replaced file is a new inode: an in-place edit after the replace is still seen.
        writeInPlace(path(u"formal.md"_s), "# formal, in place again\n");
        expectOneChange(changed);

        replace(path(u"email.md"_s), "# email\n");
        expectOneChange(changed);
        // A file that arrived after the watcher started is watched for in-place edits too.
        writeInPlace(path(u"email.md"_s), "# email, edited\n");
        expectOneChange(changed);

        QVERIFY(QDir(m_dir.path()).rename(u"email.md"_s, u"mail.md"_s));
        expectOneChange(changed);

        QVERIFY(QFile::remove(path(u"mail.md"_s)));
        expectOneChange(changed);
    }

    void inPlaceEditsOfOtherFilesAreNotWatched()
    {
        replace(path(u"notes.txt"_s), "not a style\n");
        FolderWatcher watcher(m_dir.path(), {u"*.md"_s});
        QSignalSpy changed(&watcher, &FolderWatcher::changed);
        writeInPlace(path(u"notes.txt"_s), "still not a style\n");
        QTest::qWait(FolderWatcher::settleMs * 3);
        QCOMPARE(changed.count(), 0);
    }

    void aMissingFolderIsNotAnError()
    {
        FolderWatcher watcher(path(u"absent"_s), {u"*.md"_s});
        QCOMPARE(watcher.folder(), path(u"absent"_s));
    }
};

QTEST_GUILESS_MAIN(TestFolderWatcher)
#include "testfolderwatcher.moc"
