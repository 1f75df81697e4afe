#include "history/historystore.h"
#include "ipc/ipcserver.h"
#include "journal/diskwriter.h"
#include "journal/journal.h"
#include "paths/locations.h"
#include "pipeline/dictationservice.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"
#include "testenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QSemaphore>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

// DictationService::start() applies the history's retention on the journal's writer thread, where the history's
// commits run: with many old entries (and their archived audio) start() returns at once, the service answers an
// IPC request while retention waits its turn, and then the old entries and their audio go.
class TestRetentionAtStart final : public QObject
{
    Q_OBJECT

private slots:
    void retentionRunsOffTheMainThread()
    {
        test::TestHome home;
        home.applyToCurrentProcess();
        const Locations locations = Locations::fromEnvironment();
        QDir().mkpath(locations.dataDir());
        Settings settings(locations.settingsFile());
        QVERIFY(settings.setValue(SettingKey::AudioPreRollMs, 0).ok()); // no microphone needed
        QVERIFY(settings.setValue(SettingKey::HistoryRetention, u"days"_s).ok());
        QVERIFY(settings.setValue(SettingKey::HistoryRetentionValue, 30).ok());
        std::unique_ptr<SecretStore> secrets = SecretStore::create(locations.secretsFile());
        HistoryStore history(locations.historyDatabase(), locations.audioArchiveDir());
        QVERIFY(history.open().ok());

        // 400 entries from a year ago, every fourth with archived audio; 5 from today, which retention keeps.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QStringList oldAudio;
        for (int i = 0; i < 405; ++i) {
            HistoryEntry entry;
            const bool recent = i >= 400;
            entry.timestamp = recent ? now.addSecs(-60 * i) : now.addDays(-365).addSecs(i);
            entry.durationSeconds = 1.2;
            entry.rawText = u"dictation number %1"_s.arg(i);
            entry.sessionId = u"session-%1"_s.arg(i);
            if (i % 4 == 0) {
                entry.audioPath = QDir(locations.audioArchiveDir()).filePath(entry.sessionId);
                QVERIFY(QDir().mkpath(entry.audioPath));
                QFile chunk(entry.audioPath + u"/chunk-0000.opus"_s);
                QVERIFY(chunk.open(QIODevice::WriteOnly));
                chunk.write(QByteArray(4096, 'a'));
                if (!recent)
                    oldAudio << entry.audioPath;
            }
            QVERIFY(history.add(entry).ok());
        }
        QCOMPARE(history.count().value(), 405);

        DictationService service(locations, settings, *secrets, &history);
        // The test holds the writer's thread until it has seen the service answer, so retention is known to be still
        // waiting then; the gate opens whatever happens, before the service (and its writer) go.
        service.journal().writeOnThread();
        QSemaphore gate;
        service.journal().writer().post([&gate] { gate.acquire(); });
        struct Opener
        {
            QSemaphore& gate;
            bool open = false;
            void release()
            {
                if (!std::exchange(open, true))
                    gate.release();
            }
            ~Opener() { release(); }
        } opener{gate};

        QVERIFY(service.start().ok());
        QCOMPARE(history.count().value(), 405); // start() deleted nothing on this thread

        IpcServer server;
        QVERIFY(server.listen(QDir(home.path()).filePath(u"retention.sock"_s)).ok());
        server.registerMethod(u"status.get"_s,
                              IpcServer::SyncHandler([&service](const QJsonObject&, quint64) -> Result<QJsonValue> {
                                  return QJsonValue(service.statusJson());
                              }));
        QLocalSocket client;
        QByteArray reply;
        connect(&client, &QLocalSocket::readyRead, this, [&client, &reply] { reply += client.readAll(); });
        client.connectToServer(server.endpoint());
        client.write(R"({"jsonrpc":"2.0","id":7,"method":"status.get"})"
                     "\n");
        QTRY_VERIFY(reply.contains("\"result\""));
        QCOMPARE(QJsonDocument::fromJson(reply.trimmed()).object().value(u"id"_s).toInt(), 7);
        QCOMPARE(history.count().value(), 405); // retention still queued on the writer

        opener.release();
        QTRY_COMPARE(history.count().value(), 5);
        // The audio goes after the entries' commit, on the same thread.
        for (const QString& path : std::as_const(oldAudio))
            QTRY_VERIFY2(!QFileInfo::exists(path), qPrintable(path));
        const Result<QList<HistoryEntry>> kept = history.list(10);
        QVERIFY(kept.ok());
        QCOMPARE(kept->size(), 5);
        for (const HistoryEntry& entry : *kept)
            QVERIFY(entry.timestamp > now.addDays(-1));
        QVERIFY(QFileInfo::exists(QDir(locations.audioArchiveDir()).filePath(u"session-400"_s)));
    }
};

QTEST_GUILESS_MAIN(TestRetentionAtStart)
#include "testretentionatstart.moc"
