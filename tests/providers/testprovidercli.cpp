// `utter transform`, `utter speak` and `utter doctor` as a user runs them, against the provider double.
#include "doubletestutil.h"
#include "history/historystore.h"
#include "testenv.h"
#include "utterprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

using test::Fault;
using test::ProviderDouble;

namespace
{

const QString deepseekKey = u"sk-test-deepseek-key-0123"_s;
const QString groqKey = u"gsk_test_groq_key_0123456789"_s;

} // namespace

class TestProviderCli final : public QObject
{
    Q_OBJECT

private:
    // Runs utter while this thread's event loop keeps serving the in-process double.
    test::UtterRun utter(const QStringList& args, const QProcessEnvironment& env, const QByteArray& input = {})
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(test::utterBinary(), args);
        test::UtterRun run;
        if (!process.waitForStarted(10000))
            return run;
        process.write(input);
        process.closeWriteChannel();
        run.finished = QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 30000);
        if (!run.finished) {
            process.kill();
            process.waitForFinished();
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }

    QProcessEnvironment envFor(const test::TestHome& home, const ProviderDouble& server)
    {
        QProcessEnvironment env = home.environment();
        env.insert(u"UTTER_TRANSFORM_URL"_s, server.baseUrl());
        env.insert(u"UTTER_TRANSCRIBE_URL"_s, server.baseUrl() + u"/openai/v1"_s);
        env.insert(u"DEEPSEEK_API_KEY"_s, deepseekKey);
        env.insert(u"GROQ_API_KEY"_s, groqKey);
        return env;
    }

private slots:
    void transformStreamsToStdout()
    {
        test::TestHome home;
        ProviderDouble server;
        QVERIFY(server.start());
        const QProcessEnvironment env = envFor(home, server);
        auto run = utter({u"transform"_s, u"--style"_s, u"clean"_s, u"so um the report is due on Friday"_s}, env);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.outText(), u"SO UM THE REPORT IS DUE ON FRIDAY\n"_s);
        QCOMPARE(server.requests(u"/chat/completions"_s).size(), 1);
        QCOMPARE(server.requests().constLast().json.value(u"stream"_s).toBool(), true);

        run = utter({u"transform"_s, u"-"_s}, env, "grüße aus dem büro, bis morgen\n");
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.outText(), u"GRÜSSE AUS DEM BÜRO, BIS MORGEN\n"_s);

        run = utter({u"transform"_s, u"--style"_s, u"clean"_s, u"ok thanks"_s}, env); // too short: no call
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.outText(), u"ok thanks\n"_s);
        QCOMPARE(server.requests(u"/chat/completions"_s).size(), 2);
    }

    // A realtime transcription URL (ws://, wss://): files go to the same server's batch endpoint, and a key it
    // refuses is a provider error like any other — one sentence naming the key, exit 4, the key nowhere.
    void transcribeWithARealtimeUrlAndABadKeyExits4()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        test::TestHome home;
        ProviderDouble server;
        server.setFixtures(*clips);
        QVERIFY(server.start());
        QProcessEnvironment env = envFor(home, server);
        env.insert(u"UTTER_TRANSCRIBE_URL"_s, u"ws://127.0.0.1:%1/openai/v1"_s.arg(server.port()));
        env.insert(u"GROQ_API_KEY"_s, u"gsk_wrong_key_9876543210"_s);
        const QString wav = home.path() + u"/clip.wav"_s;
        QFile file(wav);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(test::writeWav(clips->at(2).pcm, 16000));
        file.close();
        auto run = utter({u"transcribe"_s, wav}, env);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.errText().contains(u"utter secret set groq"_s), qPrintable(run.errText()));
        QVERIFY(!server.requests(u"/openai/v1/audio/transcriptions"_s).isEmpty()); // http:// for ws://
        for (const QByteArray& where : {run.out, run.err, home.allFileContents()})
            QVERIFY(!where.contains("gsk_wrong_key_9876543210"));
        env.insert(u"GROQ_API_KEY"_s, groqKey);
        run = utter({u"transcribe"_s, wav}, env);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.outText().trimmed(), clips->at(2).text);
    }

    void transformFailuresKeepTheTextAndExit4()
    {
        test::TestHome home;
        ProviderDouble server;
        QVERIFY(server.start());
        QProcessEnvironment env = envFor(home, server);
        env.insert(u"DEEPSEEK_API_KEY"_s, u"sk-wrong-key-9876543210"_s);
        const QString text = u"please call me back after lunch"_s;
        auto run = utter({u"transform"_s, text}, env);
        QCOMPARE(run.exitCode, 4);
        QCOMPARE(run.outText(), text + u'\n');
        QVERIFY2(run.errText().contains(u"utter secret set deepseek"_s), qPrintable(run.errText()));
        // The key never shows: not in output, not in the log files.
        for (const QByteArray& where : {run.out, run.err, home.allFileContents()})
            QVERIFY(!where.contains("sk-wrong-key-9876543210"));

        server.options().hasBalance = false;
        run = utter({u"transform"_s, text}, envFor(home, server));
        QCOMPARE(run.exitCode, 4);
        QCOMPARE(run.outText(), text + u'\n');
        QVERIFY(run.errText().contains(u"out of balance"_s));
        QVERIFY(!home.allFileContents().contains(deepseekKey.toUtf8()));
        QVERIFY(!run.err.contains(deepseekKey.toUtf8()));

        run = utter({u"transform"_s, u"--style"_s, u"nope"_s, text}, envFor(home, server));
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.errText().contains(u"clean"_s));
    }

    void userStylesAreListedAndUsed()
    {
        test::TestHome home;
        ProviderDouble server;
        QVERIFY(server.start());
        QDir().mkpath(home.configDir() + u"/styles"_s);
        QFile file(home.configDir() + u"/styles/shout.md"_s);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("---\ndescription: Everything in capitals\nmin-words: 1\n---\nWrite the text in capitals.\n");
        file.close();
        const QProcessEnvironment env = envFor(home, server);
        auto run = utter({u"transform"_s, u"--list"_s}, env);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.outText().contains(u"shout"_s));
        QVERIFY(run.outText().contains(u"Everything in capitals"_s));
        run = utter({u"transform"_s, u"--style"_s, u"shout"_s, u"hey"_s}, env);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.outText(), u"HEY\n"_s);
        const QJsonArray messages = server.requests().constLast().json.value(u"messages"_s).toArray();
        QCOMPARE(messages.at(0).toObject().value(u"content"_s).toString(), u"Write the text in capitals."_s);
    }

    void speakSavesOrFallsBack()
    {
        test::TestHome home;
        ProviderDouble hal0;
        hal0.options().hal0 = true;
        QVERIFY(hal0.start());
        QProcessEnvironment env = home.environment();
        auto run = utter({u"speak"_s, u"hello"_s}, env);
        QCOMPARE(run.exitCode, 2); // no endpoint configured
        QVERIFY(run.errText().contains(u"speech/url"_s));

        env.insert(u"UTTER_SPEECH_URL"_s, hal0.baseUrl() + u"/v1"_s);
        env.insert(u"UTTER_SPEECH_FALLBACK_URL"_s, hal0.baseUrl() + u"/v1"_s);
        QVERIFY(utter({u"config"_s, u"set"_s, u"speech/model"_s, u"qwen3-tts"_s}, env).exitCode == 0);
        QVERIFY(utter({u"config"_s, u"set"_s, u"speech/fallbackModel"_s, u"kokoro-v1"_s}, env).exitCode == 0);
        Fault loadFailed;
        loadFailed.path = u"/audio/speech"_s;
        loadFailed.status = 502;
        loadFailed.body = R"({"error":{"code":"slot.load_failed","message":"no GPU","details":{}}})";
        hal0.addFault(loadFailed);
        const QString out = home.path() + u"/speech.wav"_s;
        run = utter({u"speak"_s, u"--output"_s, out, u"-"_s}, env, "Your build finished.\n");
        QCOMPARE(run.exitCode, 0);
        QFile wav(out);
        QVERIFY(wav.open(QIODevice::ReadOnly));
        QVERIFY(wav.readAll().startsWith("RIFF"));
        const auto speech = hal0.requests(u"/audio/speech"_s);
        QCOMPARE(speech.size(), 2);
        QCOMPARE(speech.at(1).json.value(u"model"_s).toString(), u"kokoro-v1"_s);
        QCOMPARE(speech.at(1).json.value(u"input"_s).toString(), u"Your build finished."_s);

        // --last reads back the newest history entry (its styled text when a style ran).
        run = utter({u"speak"_s, u"--last"_s, u"--output"_s, out}, env);
        QCOMPARE(run.exitCode, 5); // empty history
        {
            HistoryStore store(home.dataDir() + u"/history.sqlite"_s);
            QVERIFY(store.open().ok());
            HistoryEntry entry;
            entry.sessionId = u"s1"_s;
            entry.rawText = u"so um ship it"_s;
            entry.styledText = u"Ship it."_s;
            entry.style = u"clean"_s;
            QVERIFY(store.add(entry).ok());
        }
        run = utter({u"speak"_s, u"--last"_s, u"--output"_s, out}, env);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(hal0.requests(u"/audio/speech"_s).constLast().json.value(u"input"_s).toString(), u"Ship it."_s);

        hal0.setSlot(u"tts"_s, u"error"_s); // both fail: exit 4 with the reason
        run = utter({u"speak"_s, u"--output"_s, out, u"again"_s}, env);
        QCOMPARE(run.exitCode, 4);
        QVERIFY(run.errText().contains(u"slot.load_failed"_s));
    }

    void doctorReportsProviders()
    {
        test::TestHome home;
        ProviderDouble server;
        QVERIFY(server.start());
        QProcessEnvironment env = envFor(home, server);
        auto run = utter({u"doctor"_s, u"--json"_s}, env);
        QVERIFY(run.exitCode == 0 || run.exitCode == 1); // other sections (desktop, audio) may fail here
        const QJsonObject report = QJsonDocument::fromJson(run.out).object();
        QVERIFY(report.contains(u"ok"_s));
        bool sawAudio = false;
        for (const QJsonValue& v : report.value(u"checks"_s).toArray())
            sawAudio = sawAudio || v[u"section"_s].toString() == u"audio"_s;
        QVERIFY(sawAudio);
        bool sawTranscription = false;
        for (const QJsonValue& v : report.value(u"checks"_s).toArray()) {
            const QJsonObject c = v.toObject();
            if (c.value(u"section"_s).toString() != u"providers"_s)
                continue;
            QVERIFY2(c.value(u"status"_s).toString() != u"fail"_s, qPrintable(c.value(u"detail"_s).toString()));
            if (c.value(u"name"_s).toString().startsWith(u"transcription primary"_s)) {
                sawTranscription = true;
                QCOMPARE(c.value(u"status"_s).toString(), u"ok"_s);
                QVERIFY(c.contains(u"latency_ms"_s));
            }
        }
        QVERIFY(sawTranscription);

        env.insert(u"GROQ_API_KEY"_s, u"gsk_not_the_right_key_42"_s);
        run = utter({u"doctor"_s}, env);
        QCOMPARE(run.exitCode, 4); // a provider problem, like every provider error
        QVERIFY(run.outText().contains(u"[FAIL] transcription primary"_s));
        QVERIFY(run.outText().contains(u"utter secret set groq"_s));
        QVERIFY(!run.out.contains("gsk_not_the_right_key_42"));
    }
};

} // namespace utter

QTEST_GUILESS_MAIN(utter::TestProviderCli)
#include "testprovidercli.moc"
