// The whole promise on a real X server (tests/with-services.sh): the user holds the dictation key in any
// application, speaks into the (virtual) microphone, releases the key, and the words are typed into that
// application. `utter --headless serve` grabs the key (XGrabKey), records from PulseAudio, uploads to the
// provider double and types with XTest into the utter-typetarget window, which reports what it received.
#include "doubletestutil.h"
#include "realtimefeeder.h"
#include "servefixture.h"
#include "targetwindow.h"
#include "testenv.h"
#include "utterprocess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

void xdotool(const QStringList& args)
{
    QProcess process;
    process.start(u"xdotool"_s, args);
    QVERIFY2(process.waitForFinished(10000), "xdotool hung");
    QCOMPARE(process.exitCode(), 0);
}

QByteArray clipboardText()
{
    QProcess xclip;
    xclip.start(u"xclip"_s, {u"-o"_s, u"-selection"_s, u"clipboard"_s});
    xclip.waitForFinished(5000);
    return xclip.readAllStandardOutput();
}

void setClipboardText(const QByteArray& text)
{
    QProcess xclip; // forks a child that owns the selection until something else takes it
    xclip.start(u"xclip"_s, {u"-selection"_s, u"clipboard"_s});
    xclip.waitForStarted(5000);
    xclip.write(text);
    xclip.closeWriteChannel();
    xclip.waitForFinished(5000);
}

QJsonObject statusOf(const QProcessEnvironment& env)
{
    return QJsonDocument::fromJson(test::runUtterServing({u"status"_s, u"--json"_s}, env).out).object();
}

} // namespace

class TestE2eX11Dictation final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const bool required = qEnvironmentVariableIntValue("UTTER_TEST_SERVICES") == 1;
        const QString missing = qEnvironmentVariableIsEmpty("DISPLAY")                   ? u"an X server"_s
                                : QStandardPaths::findExecutable(u"xdotool"_s).isEmpty() ? u"xdotool"_s
                                : qEnvironmentVariableIsEmpty("UTTER_TEST_MIC_FIFO")     ? u"the virtual microphone"_s
                                                                                         : QString();
        if (!missing.isEmpty()) {
            if (required)
                QFAIL(qPrintable(u"UTTER_TEST_SERVICES=1 but "_s + missing + u" is missing"_s));
            QSKIP(qPrintable(u"needs "_s + missing + u"; run under tests/with-services.sh"_s));
        }
    }

    void pushToTalkTypesIntoTheFocusedApplication()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        test::ProviderDouble server;
        QVERIFY(server.start());
        server.setFixtures(*clips);
        server.options().groqLatency = true;
        test::TestHome home;
        QProcessEnvironment env = home.environment();
        env.insert(u"UTTER_TRANSCRIBE_URL"_s, server.baseUrl() + u"/openai/v1"_s);
        env.insert(u"GROQ_API_KEY"_s, u"gsk_test_groq_key_0123456789"_s);
        env.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
        for (const auto& [key, value] :
             {std::pair{u"hotkey/dictate"_s, u"F9"_s}, std::pair{u"general/mode"_s, u"push-to-talk"_s},
              std::pair{u"output/methods"_s, u"xtest"_s}}) {
            const test::UtterRun set = test::runUtterServing({u"config"_s, u"set"_s, key, value}, env);
            QVERIFY2(set.exitCode == 0, set.err.constData());
        }

        TargetWindow window({u"--class"_s, u"Gedit"_s});
        QVERIFY2(window.waitReady(), qPrintable(window.errors()));
        test::ServeProcess serve(home, env);
        QVERIFY2(serve.start(), serve.stderrText().constData());
        QTRY_VERIFY2_WITH_TIMEOUT(serve.stderrText().contains("dictation key F9"), serve.stderrText().constData(),
                                  10000);

        const QByteArray usersClipboard = "the user's own clipboard, untouched";
        setClipboardText(usersClipboard);
        QTRY_COMPARE_WITH_TIMEOUT(clipboardText(), usersClipboard, 5000);

        const QList<int> order{4, 0};
        // A microphone hears the room all the time: faint noise first, the key goes down during it (the pre-roll
        // holds the moment before the press), then the speech; the key comes up after it.
        std::vector<std::int16_t> audio(std::size_t(1.5 * 16000));
        for (std::size_t i = 0; i < audio.size(); ++i)
            audio[i] = std::int16_t(int((i * 7919) % 41) - 20);
        const QList<qint16> speech = clips->utterance(order, 800, 300);
        audio.insert(audio.end(), speech.begin(), speech.end());
        {
            test::RealTimeFeeder feeder(qEnvironmentVariable("UTTER_TEST_MIC_FIFO"), audio);
            QTest::qWait(900);
            xdotool({u"keydown"_s, u"F9"_s});
            QTRY_COMPARE_WITH_TIMEOUT(statusOf(env).value(u"state"_s).toString(), u"listening"_s, 5000);
            QVERIFY(QTest::qWaitFor([&] { return feeder.done(); }, 60000));
            QVERIFY(!feeder.failed());
        }
        QTest::qWait(300);
        xdotool({u"keyup"_s, u"F9"_s});

        const QString expected = clips->referenceText(order);
        QTRY_VERIFY2_WITH_TIMEOUT(window.text() == expected,
                                  qPrintable(u"typed \"%1\", expected \"%2\"\n%3"_s.arg(
                                      window.text(), expected, QString::fromUtf8(serve.stderrText()))),
                                  30000);
        // History knows where the text went.
        const QJsonObject last =
            QJsonDocument::fromJson(test::runUtterServing({u"last"_s, u"--json"_s}, env).out).object();
        QCOMPARE(last.value(u"application"_s).toString(), u"Gedit"_s);
        QCOMPARE(last.value(u"rawText"_s).toString(), expected);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(env).value(u"state"_s).toString(), u"idle"_s, 5000);
        QCOMPARE(clipboardText(), usersClipboard);
        // The service's own timings (press → first audio, release → text inserted) for the record.
        for (const QByteArray& line : serve.stderrText().split('\n')) {
            if (line.contains("first audio") || line.contains("text inserted") || line.contains("after release"))
                qInfo("%s", line.constData());
        }
    }

    void outputMethodsFollowTheSettingsFileLive()
    {
        // Issue 18, defect 3: `utter config set output/methods x11-paste` while serve runs reaches the very next
        // dictation — typed with XTest before, pasted (Ctrl+V into the window) after, without a restart.
        UTTER_REQUIRE_FIXTURES(clips);
        test::ProviderDouble server;
        QVERIFY(server.start());
        server.setFixtures(*clips);
        test::TestHome home;
        QProcessEnvironment env = home.environment();
        env.insert(u"UTTER_TRANSCRIBE_URL"_s, server.baseUrl() + u"/openai/v1"_s);
        env.insert(u"GROQ_API_KEY"_s, u"gsk_test_groq_key_0123456789"_s);
        env.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
        for (const auto& [key, value] :
             {std::pair{u"hotkey/dictate"_s, u"F9"_s}, std::pair{u"general/mode"_s, u"push-to-talk"_s},
              std::pair{u"output/methods"_s, u"xtest"_s}}) {
            const test::UtterRun set = test::runUtterServing({u"config"_s, u"set"_s, key, value}, env);
            QVERIFY2(set.exitCode == 0, set.err.constData());
        }
        TargetWindow window({u"--class"_s, u"Gedit"_s});
        QVERIFY2(window.waitReady(), qPrintable(window.errors()));
        test::ServeProcess serve(home, env);
        QVERIFY2(serve.start(), serve.stderrText().constData());
        QTRY_VERIFY2_WITH_TIMEOUT(serve.stderrText().contains("dictation key F9"), serve.stderrText().constData(),
                                  10000);

        // One dictation: the key held over a short utterance, released after it.
        const auto dictate = [&](const QList<int>& order) {
            std::vector<std::int16_t> audio(std::size_t(0.6 * 16000));
            for (std::size_t i = 0; i < audio.size(); ++i)
                audio[i] = std::int16_t(int((i * 7919) % 41) - 20);
            const QList<qint16> speech = clips->utterance(order, 300, 300);
            audio.insert(audio.end(), speech.begin(), speech.end());
            test::RealTimeFeeder feeder(qEnvironmentVariable("UTTER_TEST_MIC_FIFO"), audio);
            QTest::qWait(300);
            xdotool({u"keydown"_s, u"F9"_s});
            QTRY_COMPARE_WITH_TIMEOUT(statusOf(env).value(u"state"_s).toString(), u"listening"_s, 5000);
            QVERIFY(QTest::qWaitFor([&] { return feeder.done(); }, 60000));
            QVERIFY(!feeder.failed());
            xdotool({u"keyup"_s, u"F9"_s});
        };

        const QString first = clips->referenceText({0});
        dictate({0});
        QTRY_VERIFY2_WITH_TIMEOUT(
            window.text() == first,
            qPrintable(u"typed \"%1\"\n%2"_s.arg(window.text(), QString::fromUtf8(serve.stderrText()))), 30000);
        QVERIFY2(window.pasteChords().isEmpty(), "XTest types; it does not paste");
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(env).value(u"state"_s).toString(), u"idle"_s, 5000);

        const test::UtterRun set =
            test::runUtterServing({u"config"_s, u"set"_s, u"output/methods"_s, u"x11-paste"_s}, env);
        QVERIFY2(set.exitCode == 0, set.err.constData());
        QVERIFY2(!set.errText().contains(u"restart"_s), set.err.constData()); // it applies live: no restart note
        QTRY_VERIFY2_WITH_TIMEOUT(serve.stderrText().contains("output methods now x11-paste"),
                                  serve.stderrText().constData(), 10000);

        const QString second = clips->referenceText({4});
        dictate({4});
        QTRY_VERIFY2_WITH_TIMEOUT(
            window.text().endsWith(second),
            qPrintable(u"received \"%1\"\n%2"_s.arg(window.text(), QString::fromUtf8(serve.stderrText()))), 30000);
        QVERIFY2(window.text().startsWith(first), qPrintable(window.text()));
        QCOMPARE(window.pasteChords().size(), 1); // pasted, not typed
        // The service says how the text went (only the output lines: a test message is cut at 1 KB).
        QByteArrayList output;
        for (const QByteArray& line : serve.stderrText().split('\n')) {
            if (line.contains("utter.inject"))
                output << line;
        }
        QTRY_VERIFY2(serve.stderrText().contains("delivered by x11-paste"), output.join('\n').right(900).constData());
    }
};

QTEST_GUILESS_MAIN(TestE2eX11Dictation)
#include "teste2ex11dictation.moc"
