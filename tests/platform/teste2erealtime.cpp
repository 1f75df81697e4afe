// Realtime dictation end to end on a real X server (tests/with-services.sh), issue 19: the desktop app (`utter`,
// tray, overlay, hotkeys) with `transcribe/url` pointing at the realtime double (ws://127.0.0.1:PORT/v1). The
// user holds F9 (xdotool), speaks into the virtual microphone (synthesized speech through the FIFO), and words
// appear while speaking — `transcript.partial` events reach an `utter status --follow` follower (the same signal
// the overlay draws) and the overlay's window is up before the key is released; at release the whole text is typed with
// XTest into the utter-typetarget window, exactly and in order. A variant where the double drops the socket
// mid-dictation still types every word in order (the transcriber reconnects and resends the unfinished segments), and
// nothing goes to the batch endpoint.
#include "doubletestutil.h"
#include "realtimedouble.h"
#include "realtimefeeder.h"
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

const QString groqKey = u"gsk_test_groq_key_0123456789"_s;

void xdotool(const QStringList& args)
{
    QProcess process;
    process.start(u"xdotool"_s, args);
    QVERIFY2(process.waitForFinished(10000), "xdotool hung");
    QCOMPARE(process.exitCode(), 0);
}

QString stateOf(const QProcessEnvironment& env)
{
    return QJsonDocument::fromJson(test::runUtterServing({u"status"_s, u"--json"_s}, env).out)
        .object()
        .value(u"state"_s)
        .toString();
}

// A child process (the desktop app, a follower) whose output is collected; killed at the end of the test.
class Child final
{
public:
    Child(const QProcessEnvironment& env, const QStringList& args)
    {
        m_process.setProcessEnvironment(env);
        m_process.start(test::utterBinary(), args);
        m_process.waitForStarted(10000);
    }
    ~Child()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    QByteArray out()
    {
        m_out += m_process.readAllStandardOutput();
        return m_out;
    }
    QByteArray err()
    {
        m_err += m_process.readAllStandardError();
        return m_err;
    }
    bool running() const { return m_process.state() == QProcess::Running; }
    qint64 pid() const { return m_process.processId(); }

private:
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
};

// The recording overlay's windows on the X server: a mapped window of that process that bypasses the window
// manager (override-redirect) at the overlay's fixed width. The overlay's text is not readable from outside the
// process (testaccessibility's expected failure), so the test sees it appear and go, and reads the partials from
// the follower, which gets the same events.
QStringList overlayWindows(qint64 pid)
{
    QProcess search;
    search.start(u"xdotool"_s, {u"search"_s, u"--onlyvisible"_s, u"--pid"_s, QString::number(pid)});
    search.waitForFinished(5000);
    QStringList found;
    for (const QByteArray& id : search.readAllStandardOutput().split('\n')) {
        if (id.trimmed().isEmpty())
            continue;
        QProcess info;
        info.start(u"xwininfo"_s, {u"-id"_s, QString::fromLatin1(id.trimmed())});
        info.waitForFinished(5000);
        const QByteArray text = info.readAllStandardOutput();
        if (text.contains("Map State: IsViewable") && text.contains("Override Redirect State: yes") &&
            text.contains("Width: 420\n"))
            found << QString::fromLatin1(id.trimmed());
    }
    return found;
}

// The texts of the follower's transcript.partial events so far.
QStringList partialsIn(const QByteArray& followerOutput)
{
    QStringList texts;
    for (const QByteArray& line : followerOutput.split('\n')) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        if (event.value(u"event"_s).toString() == u"transcript.partial"_s)
            texts << event.value(u"text"_s).toString();
    }
    return texts;
}

} // namespace

class TestE2eRealtime final : public QObject
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

    void partialsWhileSpeakingThenTheTextAtRelease_data()
    {
        QTest::addColumn<bool>("dropSocket");
        QTest::newRow("steady stream") << false;
        QTest::newRow("socket dropped mid-dictation") << true;
    }

    void partialsWhileSpeakingThenTheTextAtRelease()
    {
        QFETCH(bool, dropSocket);
        UTTER_REQUIRE_FIXTURES(clips);
        test::RealtimeDouble realtime;
        realtime.setFixtures(*clips);
        realtime.options().keys = {groqKey};
        QVERIFY(realtime.start() != 0);
        if (dropSocket)
            realtime.closeAfterCommits(2); // the second commit gets a closed socket instead of its transcript
        test::ProviderDouble batch;        // the fallback: a stream that delivers leaves it untouched
        QVERIFY(batch.start());
        batch.setFixtures(*clips);

        test::TestHome home;
        QProcessEnvironment env = home.environment();
        env.insert(u"UTTER_TRANSCRIBE_URL"_s, realtime.url());
        env.insert(u"UTTER_TRANSCRIBE_FALLBACK_URL"_s, batch.baseUrl() + u"/openai/v1"_s);
        env.insert(u"GROQ_API_KEY"_s, groqKey);
        env.insert(u"UTTER_FALLBACK_API_KEY"_s, groqKey);
        env.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
        for (const auto& [key, value] :
             {std::pair{u"hotkey/dictate"_s, u"F9"_s}, std::pair{u"general/mode"_s, u"push-to-talk"_s},
              std::pair{u"output/methods"_s, u"xtest"_s}, std::pair{u"ui/onboardingDone"_s, u"true"_s},
              std::pair{u"transcribe/model"_s, u"gpt-4o-transcribe"_s},
              std::pair{u"transcribe/fallbackModel"_s, u"whisper-large-v3-turbo"_s}}) {
            const test::UtterRun set = test::runUtterServing({u"config"_s, u"set"_s, key, value}, env);
            QVERIFY2(set.exitCode == 0, set.err.constData());
        }

        TargetWindow window({u"--class"_s, u"Gedit"_s});
        QVERIFY2(window.waitReady(), qPrintable(window.errors()));
        Child app(env, {});
        QTRY_VERIFY2_WITH_TIMEOUT(app.err().contains("dictation key F9"), app.err().constData(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(env), u"idle"_s, 15000);
        QVERIFY(app.running());
        Child follower(env, {u"status"_s, u"--follow"_s});
        QTRY_VERIFY2_WITH_TIMEOUT(follower.out().contains("\"event\":\"status\"") || !follower.running(),
                                  follower.err().constData(), 10000);
        QVERIFY2(follower.running(), QByteArray(follower.out() + follower.err()).constData());

        // Three sentences with pauses between them (the chunker cuts at each pause: one commit each), room noise
        // before the press; the key stays down until every sentence has been heard and partials have arrived.
        const QList<int> order{0, 3, 5};
        std::vector<std::int16_t> audio(std::size_t(0.8 * 16000));
        for (std::size_t i = 0; i < audio.size(); ++i)
            audio[i] = std::int16_t(int((i * 7919) % 41) - 20);
        const QList<qint16> speech = clips->utterance(order, 900, 300);
        audio.insert(audio.end(), speech.begin(), speech.end());
        QVERIFY2(overlayWindows(app.pid()).isEmpty(), "the overlay shows before the key is pressed");
        QStringList partialsBeforeRelease;
        {
            test::RealTimeFeeder feeder(qEnvironmentVariable("UTTER_TEST_MIC_FIFO"), audio);
            QTest::qWait(500);
            xdotool({u"keydown"_s, u"F9"_s});
            QTRY_COMPARE_WITH_TIMEOUT(stateOf(env), u"listening"_s, 5000);
            // (1) Words appear while the key is still held: a partial of the first sentence, delta by delta (a
            // proper beginning of it, cut mid-text, not only the whole sentence at once).
            const QString first = clips->at(order.first()).text;
            const auto growingPartial = [&] {
                for (const QString& partial : partialsIn(follower.out())) {
                    const QString text = partial.trimmed();
                    if (!text.isEmpty() && text.size() < first.size() && first.startsWith(text))
                        return true;
                }
                return false;
            };
            QTRY_VERIFY2_WITH_TIMEOUT(growingPartial(), follower.out().right(900).constData(), 20000);
            QVERIFY2(!feeder.done(), "the first partial came only after all the speech was heard");
            QTRY_VERIFY2_WITH_TIMEOUT(!overlayWindows(app.pid()).isEmpty(), "no overlay while dictating", 5000);
            QVERIFY(QTest::qWaitFor([&] { return feeder.done(); }, 60000));
            QVERIFY(!feeder.failed());
            QCOMPARE(stateOf(env), u"listening"_s); // the key is still down
            if (dropSocket) // the drop and the reconnect happen while the user is still speaking
                QTRY_COMPARE_WITH_TIMEOUT(realtime.connections(), 2, 10000);
            partialsBeforeRelease = partialsIn(follower.out());
        }
        QVERIFY2(window.text().isEmpty(), qPrintable(window.text())); // nothing typed before the release
        xdotool({u"keyup"_s, u"F9"_s});

        // (2) At release, the whole text, exactly and in order, typed into the focused window.
        const QString expected = clips->referenceText(order);
        QTRY_VERIFY2_WITH_TIMEOUT(window.text() == expected,
                                  qPrintable(u"typed \"%1\", expected \"%2\"\n%3"_s.arg(
                                      window.text(), expected, QString::fromUtf8(app.err().right(900)))),
                                  30000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(env), u"idle"_s, 5000);
        QTRY_VERIFY2_WITH_TIMEOUT(overlayWindows(app.pid()).isEmpty(), "the overlay stays after delivery", 15000);
        QVERIFY2(realtime.commits() >= 2, qPrintable(u"%1 commits"_s.arg(realtime.commits()))); // live segments
        QCOMPARE(realtime.connections(), dropSocket ? 2 : 1); // (3) a dropped socket: one reconnect, words resent
        QCOMPARE(batch.requests(u"/audio/transcriptions"_s).size(), 0); // all of it came through the stream
        const QJsonObject last =
            QJsonDocument::fromJson(test::runUtterServing({u"last"_s, u"--json"_s}, env).out).object();
        QCOMPARE(last.value(u"rawText"_s).toString(), expected);
        qInfo("%lld partials before the release, %d commits, %d connections", qlonglong(partialsBeforeRelease.size()),
              realtime.commits(), realtime.connections());
    }
};

QTEST_GUILESS_MAIN(TestE2eRealtime)
#include "teste2erealtime.moc"
