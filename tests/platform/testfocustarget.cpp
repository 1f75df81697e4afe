// The dictation's target application when the focus probe answers late or never (docs/pipeline.md, "The target
// application"): the key press never waits for the compositor; the text goes to the application the probe named,
// and when it never answers, to "unknown" once the probe's limit has passed. A real DictationService with its
// journal, SQLite history and audio pipeline, the provider double in this process, sway's IPC played by a
// QLocalServer in this process, and a recording text output.
#include "doubletestutil.h"
#include "history/historystore.h"
#include "journal/journal.h"
#include "paths/locations.h"
#include "pipeline/dictationservice.h"
#include "platform/fake/fakeoutput.h"
#include "platform/linux/wayland/waylandfocus.h"
#include "platform/outputchain.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

// sway's IPC socket: accepts, collects requests, answers get_tree only when told to.
class FakeSway final : public QObject
{
public:
    explicit FakeSway(const QString& path)
    {
        QLocalServer::removeServer(path);
        listening = m_server.listen(path);
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket* client = m_server.nextPendingConnection()) {
                m_clients << client;
                connect(client, &QLocalSocket::readyRead, this, [this, client] { received += client->readAll(); });
            }
        });
    }

    bool asked() const { return !received.isEmpty(); }
    bool waiting() const { return !m_clients.isEmpty() && m_clients.last()->state() == QLocalSocket::ConnectedState; }

    void answer(const QString& appId)
    {
        const QJsonObject window{{u"type"_s, u"con"_s}, {u"focused"_s, true}, {u"app_id"_s, appId}, {u"id"_s, 3}};
        const QByteArray tree =
            QJsonDocument(QJsonObject{{u"type"_s, u"root"_s}, {u"nodes"_s, QJsonArray{window}}}).toJson();
        for (QLocalSocket* client : std::as_const(m_clients)) {
            if (client->state() == QLocalSocket::ConnectedState)
                client->write(SwayFocusProbe::message(4, tree));
        }
    }

    bool listening = false;
    QByteArray received;

private:
    QLocalServer m_server;
    QList<QLocalSocket*> m_clients;
};

} // namespace

class TestFocusTarget final : public QObject
{
    Q_OBJECT

private:
    struct Rig
    {
        // beforeStart: what a previous run left on disk, made before the service starts.
        explicit Rig(const test::FixtureClips& clips,
                     const std::function<void(const Locations&, HistoryStore&)>& beforeStart = {})
            : sway(dir.filePath(u"sway-ipc.sock"_s))
        {
            double_.setFixtures(clips);
            const quint16 port = double_.start();
            for (const char* name : {"UTTER_CONFIG_DIR", "UTTER_DATA_DIR", "UTTER_RUNTIME_DIR", "UTTER_LOG_DIR"})
                qputenv(name, (dir.path() + u'/' + QString::fromLatin1(name)).toUtf8());
            qputenv("UTTER_TRANSCRIBE_URL", u"http://127.0.0.1:%1/openai/v1"_s.arg(port).toUtf8());
            qputenv("GROQ_API_KEY", "gsk_test_groq_key_0123456789");
            qputenv("SWAYSOCK", dir.filePath(u"sway-ipc.sock"_s).toLocal8Bit());
            locations = Locations::fromEnvironment();
            QDir().mkpath(locations.dataDir());
            settings = std::make_unique<Settings>(locations.settingsFile());
            (void)settings->setValue(SettingKey::AudioPreRollMs, 0); // no microphone: the audio is pushed
            secrets = SecretStore::create(locations.secretsFile());
            history = std::make_unique<HistoryStore>(locations.historyDatabase(), locations.audioArchiveDir());
            std::vector<std::unique_ptr<TextOutput>> methods;
            methods.push_back(std::make_unique<FakeTextOutput>(u"recorder"_s));
            output = static_cast<FakeTextOutput*>(methods.front().get());
            chain = std::make_unique<OutputChain>(std::move(methods), std::make_unique<SwayFocusProbe>());
            ready = port != 0 && sway.listening && history->open().ok();
            if (ready && beforeStart)
                beforeStart(locations, *history);
            service = std::make_unique<DictationService>(locations, *settings, *secrets, history.get());
            service->setOutputChain(chain.get());
            ready = ready && service->start().ok();
            pcm = clips.utterance({0});
        }
        ~Rig() { qunsetenv("SWAYSOCK"); }

        // The utterance, pushed as a WebSocket client would (20 ms frames), then the release.
        void speakAndRelease()
        {
            for (qsizetype at = 0; at < pcm.size(); at += 320) {
                const qsizetype n = std::min<qsizetype>(320, pcm.size() - at);
                QVERIFY(service
                            ->pushStreamAudio(
                                QByteArray(reinterpret_cast<const char*>(pcm.constData() + at), n * qsizetype(2)))
                            .ok());
            }
            QVERIFY(service->end().ok());
        }

        QString session() const { return service->statusJson().value(u"session"_s).toString(); }

        QTemporaryDir dir;
        FakeSway sway;
        test::ProviderDouble double_;
        Locations locations;
        std::unique_ptr<Settings> settings;
        std::unique_ptr<SecretStore> secrets;
        std::unique_ptr<HistoryStore> history;
        FakeTextOutput* output = nullptr;
        std::unique_ptr<OutputChain> chain;
        std::unique_ptr<DictationService> service;
        QList<qint16> pcm;
        bool ready = false;
    };

private slots:
    // The compositor takes the question and never answers: the press returns listening at once, the release too,
    // and the text goes to "unknown" (default style, plain paste chord) once the probe gives up.
    void aStalledCompositorNeverHoldsUpThePress()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        QVERIFY(rig.service->beginStream({}).ok());
        QCOMPARE(rig.service->state(), DictationService::State::Listening);
        // The question reached the compositor and is still open: the press did not wait for (or give up on) it.
        QTRY_VERIFY(rig.sway.asked());
        QVERIFY(rig.sway.waiting());
        QCOMPARE(rig.service->state(), DictationService::State::Listening);
        rig.speakAndRelease();
        QVERIFY(rig.service->state() != DictationService::State::Listening);
        QTRY_COMPARE_WITH_TIMEOUT(rig.output->inserted.size(), 1, 30000);
        QVERIFY(!rig.sway.waiting()); // given up on, at the limit
        QCOMPARE(rig.output->targets.first().appId, u"unknown"_s);
        QCOMPARE(rig.output->inserted.first(), clips->at(0).text);
        QTRY_VERIFY(rig.history->latest().value().has_value());
        QCOMPARE(rig.history->latest().value()->application, u"unknown"_s);
    }

    // The compositor answers only after the release, once every chunk has its transcript: the text waits for the
    // answer and goes to the application it names, which history and the journal's session record as well.
    void aLateAnswerStillNamesTheTarget()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        QVERIFY(rig.service->beginStream({}).ok());
        const QString id = rig.session();
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY(rig.sway.asked());
        rig.speakAndRelease();
        QTRY_VERIFY_WITH_TIMEOUT(rig.service->journal().status(id).complete(), 20000);
        QTest::qWait(100); // a few turns of the event loop: nothing may be delivered without the answer
        QVERIFY(rig.output->inserted.isEmpty());
        QVERIFY(rig.sway.waiting());
        rig.sway.answer(u"org.example.Notes"_s);
        QTRY_COMPARE_WITH_TIMEOUT(rig.output->inserted.size(), 1, 10000);
        QCOMPARE(rig.output->targets.first().appId, u"org.example.Notes"_s);
        QTRY_VERIFY(rig.history->latest().value().has_value());
        QCOMPARE(rig.history->latest().value()->application, u"org.example.Notes"_s);
    }

    // Two dictations into one window: the second is typed with a space in front ("kitchen. Please", not
    // "kitchen.Please"); history keeps the text as spoken. `output/separator none`, changed while running, types
    // the third as it is.
    void aDictationThatContinuesTheLastOneIsSeparated()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        const QString text = clips->at(0).text;
        for (int i = 0; i < 3; ++i) {
            if (i == 2) // read again as the next dictation begins
                QVERIFY(rig.settings->setValue(SettingKey::OutputSeparator, u"none"_s).ok());
            QVERIFY(rig.service->beginStream({}).ok());
            QTRY_VERIFY(rig.sway.waiting());
            rig.sway.answer(u"org.example.Notes"_s);
            rig.speakAndRelease();
            QTRY_COMPARE_WITH_TIMEOUT(rig.output->inserted.size(), i + 1, 30000);
            QTRY_COMPARE(rig.service->state(), DictationService::State::Idle);
        }
        QCOMPARE(rig.output->inserted, (QStringList{text, u' ' + text, text}));
        QCOMPARE(rig.history->latest().value()->rawText, text);
    }

    // A kill between the history's commit and the journal's clean-up leaves a complete session that was already
    // delivered. The next start only cleans up: no second transcript.final, no style, nothing typed, one entry.
    void aSessionAlreadyInHistoryIsOnlyCleanedUp()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        const QString id = u"20261202T120000Z-c1ea"_s;
        Rig rig(*clips, [&id](const Locations& locations, HistoryStore& history) {
            Journal journal(locations.journalDir());
            QVERIFY(journal.open().ok());
            SessionMeta meta;
            meta.id = id;
            meta.startedAt = QDateTime::currentDateTimeUtc().addSecs(-60);
            meta.application = u"org.example.Notes"_s;
            QVERIFY(journal.createSession(meta).ok());
            QVERIFY(journal.addChunk(id, 0, QByteArray("OggS") + QByteArray(2000, 'a'), 9000, 0.9).ok());
            QVERIFY(journal.markUploading(id, 0).ok());
            ChunkResult result;
            result.text = u"Typed before the kill."_s;
            result.billedSeconds = 9;
            QVERIFY(journal.storeResult(id, 0, result).ok());
            QVERIFY(journal.sealSession(id).ok());
            HistoryEntry entry;
            entry.sessionId = id;
            entry.rawText = result.text;
            entry.application = meta.application;
            QVERIFY(history.add(entry).ok());
        });
        QVERIFY(rig.ready);
        QSignalSpy finals(rig.service.get(), &DictationService::finalTranscript);
        QSignalSpy late(rig.service.get(), &DictationService::lateResult);
        QTRY_VERIFY_WITH_TIMEOUT(!QDir(rig.locations.journalDir() + u'/' + id).exists(), 10000);
        QTest::qWait(100);
        QCOMPARE(finals.size(), 0);
        QCOMPARE(late.size(), 0);
        QVERIFY(rig.output->inserted.isEmpty());
        const Result<QList<HistoryEntry>> entries = rig.history->list(10);
        QVERIFY(entries.ok());
        QCOMPARE(entries->size(), 1);
        QCOMPARE(entries->first().sessionId, id);
    }
};

QTEST_GUILESS_MAIN(TestFocusTarget)
#include "testfocustarget.moc"
