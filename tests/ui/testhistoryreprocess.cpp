// Re-transcribe and Re-style in the history window (issue 8), end to end: the real dictation service, real
// SQLite history, an audio archive of Ogg Opus chunk files, and the provider double for Groq and DeepSeek. The
// new text is offered next to the old; saving it adds an entry and never changes the original; errors (no audio,
// a refused key, no credit) are shown in the window and lose nothing.
#include "doubletestutil.h"
#include "history/historystore.h"
#include "historymodel.h"
#include "historywindow.h"
#include "paths/locations.h"
#include "pipeline/dictationservice.h"
#include "reprocesspanel.h"
#include "secrets/filesecretbackend.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"
#include "testenv.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using namespace utter::ui;

class TestHistoryReprocess final : public QObject
{
    Q_OBJECT

private:
    // An archived dictation: its chunks as the archive keeps them (one Ogg Opus file each, in order).
    qint64 addDictation(const QString& session, const QList<QList<int>>& chunks, const QString& rawText)
    {
        HistoryEntry e;
        e.timestamp = QDateTime::currentDateTimeUtc().addSecs(-3600);
        e.durationSeconds = 12;
        e.application = u"kate"_s;
        e.provider = u"groq"_s;
        e.language = u"en"_s;
        e.rawText = rawText;
        e.sessionId = session;
        if (!chunks.isEmpty()) {
            const QString dir = m_locations.audioArchiveDir() + u'/' + session;
            if (!QDir().mkpath(dir))
                return -1;
            for (qsizetype i = 0; i < chunks.size(); ++i) {
                QFile file(dir + u"/chunk-%1.opus"_s.arg(i + 1, 6, 10, QChar(u'0')));
                if (!file.open(QIODevice::WriteOnly))
                    return -1;
                file.write(test::encodeOggOpus(m_clips->utterance(chunks.at(i)), 16000));
            }
            e.audioPath = dir;
        }
        const Result<qint64> id = m_history->add(e);
        return id.ok() ? id.value() : -1;
    }

    std::unique_ptr<HistoryWindow> openWindow()
    {
        auto window = std::make_unique<HistoryWindow>(*m_history);
        window->setDictation(m_service.get(), m_locations.stylesDir());
        window->show();
        window->selectRow(0);
        return window;
    }

    static bool finished(const ReprocessPanel* panel) { return !panel->isRunning(); }

private slots:
    void init()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        m_clips = clips;
        for (const char* name : {"GROQ_API_KEY", "UTTER_GROQ_API_KEY", "DEEPSEEK_API_KEY", "UTTER_DEEPSEEK_API_KEY",
                                 "UTTER_TRANSCRIBE_URL", "UTTER_TRANSFORM_URL"})
            qunsetenv(name);
        m_home = std::make_unique<test::TestHome>();
        m_home->applyToCurrentProcess();
        m_locations = Locations::fromEnvironment();
        m_server = std::make_unique<test::ProviderDouble>();
        QVERIFY(m_server->start() > 0);
        m_server->setFixtures(*clips);
        m_settings = std::make_unique<Settings>(m_locations.settingsFile());
        QVERIFY(m_settings->setValue(SettingKey::TranscribeUrl, QString(m_server->baseUrl() + u"/openai/v1"_s)).ok());
        QVERIFY(m_settings->setValue(SettingKey::TransformUrl, m_server->baseUrl()).ok());
        m_secrets =
            std::make_unique<SecretStore>(nullptr, std::make_unique<FileSecretBackend>(m_locations.secretsFile()));
        QVERIFY(m_secrets->set(u"groq"_s, u"gsk_test_groq_key_0123456789"_s).ok());
        QVERIFY(m_secrets->set(u"deepseek"_s, u"sk-test-deepseek-key-0123"_s).ok());
        m_history = std::make_unique<HistoryStore>(m_locations.historyDatabase(), m_locations.audioArchiveDir());
        QVERIFY(m_history->open().ok());
        m_service = std::make_unique<DictationService>(m_locations, *m_settings, *m_secrets, m_history.get());
    }

    void cleanup()
    {
        m_service.reset();
        m_history.reset();
        m_secrets.reset();
        m_settings.reset();
        m_server.reset();
        m_home.reset();
    }

    void retranscribeOffersTheNewTextAndSavesItAsANewEntry()
    {
        const qint64 id = addDictation(u"session-a"_s, {{0, 1}, {2}}, u"the old transcript with a mistake"_s);
        QVERIFY(id > 0);
        const auto window = openWindow();
        ReprocessPanel* panel = window->reprocessPanel();
        QVERIFY(!panel->isVisible());
        window->retranscribeSelected();
        QVERIFY(panel->isVisible());
        QVERIFY(panel->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(finished(panel), 30000);
        QVERIFY2(panel->errorText().isEmpty(), qPrintable(panel->errorText()));
        QCOMPARE(panel->resultText(), m_clips->referenceText({0, 1, 2}));
        QCOMPARE(m_server->requests(u"/audio/transcriptions"_s).size(), 2); // one request per archived chunk
        // Nothing is stored until asked; the original is untouched.
        QCOMPARE(m_history->count().value(), 1);
        QCOMPARE(m_history->get(id).value().rawText, u"the old transcript with a mistake"_s);

        panel->copyResult();
        QCOMPARE(QGuiApplication::clipboard()->text(), m_clips->referenceText({0, 1, 2}));

        const Result<qint64> saved = panel->saveAsNew();
        QVERIFY(saved.ok());
        QVERIFY(!panel->isVisible());
        QCOMPARE(m_history->count().value(), 2);
        const HistoryEntry added = m_history->get(saved.value()).value();
        QCOMPARE(added.rawText, m_clips->referenceText({0, 1, 2}));
        QVERIFY(added.styledText.isEmpty());
        QCOMPARE(added.application, u"kate"_s);
        QVERIFY(added.audioPath.isEmpty()); // the audio stays with the original, so deleting the copy keeps it
        const HistoryEntry original = m_history->get(id).value();
        QCOMPARE(original.rawText, u"the old transcript with a mistake"_s);
        QVERIFY(QDir(original.audioPath).exists());
        // The new entry is selected in the list.
        QCOMPARE(window->model()->entry(window->view()->currentIndex().row())->id, saved.value());
        QVERIFY(window->statusText().contains(u"Saved"_s));
    }

    void retranscribeErrorsAreShownAndLoseNothing()
    {
        // No audio archived.
        const qint64 id = addDictation(u"session-b"_s, {}, u"kept as it is"_s);
        auto window = openWindow();
        ReprocessPanel* panel = window->reprocessPanel();
        window->retranscribeSelected();
        QVERIFY(!panel->isRunning());
        QVERIFY2(panel->errorText().contains(u"not kept"_s), qPrintable(panel->errorText()));
        QVERIFY(panel->resultText().isEmpty());
        QVERIFY(!panel->saveAsNew().ok());
        QCOMPARE(m_history->count().value(), 1);

        // The provider refuses the key: its message is shown, the entry is unchanged.
        const qint64 withAudio = addDictation(u"session-c"_s, {{3}}, u"another old text"_s);
        window->reload();
        QCOMPARE(window->model()->entry(0)->id, withAudio);
        QVERIFY(m_secrets->set(u"groq"_s, u"gsk_wrong_key_abcdefghijklmnop"_s).ok());
        // The service reads keys when it builds its provider clients; a new one reads the wrong key.
        m_service = std::make_unique<DictationService>(m_locations, *m_settings, *m_secrets, m_history.get());
        window->setDictation(m_service.get(), m_locations.stylesDir());
        window->retranscribeSelected();
        QTRY_VERIFY_WITH_TIMEOUT(finished(panel), 30000);
        QVERIFY2(panel->errorText().contains(u"key"_s, Qt::CaseInsensitive), qPrintable(panel->errorText()));
        QVERIFY(!panel->errorText().contains(u"gsk_wrong_key"_s));
        QVERIFY(panel->resultText().isEmpty());
        QCOMPARE(m_history->get(withAudio).value().rawText, u"another old text"_s);
        QCOMPARE(m_history->get(id).value().rawText, u"kept as it is"_s);
        QCOMPARE(m_history->count().value(), 2);
        panel->discard();
        QVERIFY(!panel->isVisible());
    }

    void restyleAppliesTheChosenStyle()
    {
        const QString raw = u"please send the quarterly report to anna by friday"_s;
        const qint64 id = addDictation(u"session-d"_s, {}, raw);
        const auto window = openWindow();
        // The menu lists every style that rewrites (raw does not).
        QMenu* menu = window->restyleMenu();
        emit menu->aboutToShow();
        QStringList names;
        for (const QAction* action : menu->actions())
            names << action->text();
        QVERIFY(names.contains(u"email"_s));
        QVERIFY(names.contains(u"clean"_s));
        QVERIFY(!names.contains(u"raw"_s));

        ReprocessPanel* panel = window->reprocessPanel();
        menu->actions().at(names.indexOf(u"email"_s))->trigger();
        QVERIFY(panel->isRunning());
        QVERIFY(panel->title().contains(u"email"_s));
        QTRY_VERIFY_WITH_TIMEOUT(finished(panel), 30000);
        QVERIFY2(panel->errorText().isEmpty(), qPrintable(panel->errorText()));
        QCOMPARE(panel->resultText(), raw.toUpper()); // the double's deterministic "style"
        const QList<test::RecordedRequest> chats = m_server->requests(u"/chat/completions"_s);
        QCOMPARE(chats.size(), 1);
        QVERIFY(QJsonDocument(chats.first().json).toJson().contains("email"));

        const Result<qint64> saved = panel->saveAsNew();
        QVERIFY(saved.ok());
        const HistoryEntry added = m_history->get(saved.value()).value();
        QCOMPARE(added.rawText, raw);
        QCOMPARE(added.styledText, raw.toUpper());
        QCOMPARE(added.style, u"email"_s);
        const HistoryEntry original = m_history->get(id).value();
        QCOMPARE(original.rawText, raw);
        QVERIFY(original.styledText.isEmpty());
    }

    void restyleFailureIsShownNotPassedOffAsStyled()
    {
        const QString raw = u"please send the quarterly report to anna by friday"_s;
        addDictation(u"session-e"_s, {}, raw);
        m_server->options().hasBalance = false; // DeepSeek 402
        const auto window = openWindow();
        window->restyleSelected(u"formal"_s);
        QTRY_VERIFY_WITH_TIMEOUT(finished(window->reprocessPanel()), 30000);
        const QString error = window->reprocessPanel()->errorText();
        QVERIFY2(!error.isEmpty(), "a failed style is an error, not the raw text shown as styled");
        QVERIFY(window->reprocessPanel()->resultText().isEmpty());
        QVERIFY(!window->reprocessPanel()->saveAsNew().ok());
        QCOMPARE(m_history->count().value(), 1);

        // An unknown style (a file deleted meanwhile) says so.
        window->restyleSelected(u"gone"_s);
        QTRY_VERIFY_WITH_TIMEOUT(finished(window->reprocessPanel()), 30000);
        QVERIFY(window->reprocessPanel()->errorText().contains(u"gone"_s));
    }

private:
    const test::FixtureClips* m_clips = nullptr;
    std::unique_ptr<test::TestHome> m_home;
    Locations m_locations;
    std::unique_ptr<test::ProviderDouble> m_server;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<HistoryStore> m_history;
    std::unique_ptr<DictationService> m_service;
};

QTEST_MAIN(TestHistoryReprocess)
#include "testhistoryreprocess.moc"
