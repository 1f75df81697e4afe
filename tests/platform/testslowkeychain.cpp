// The desktop app (`utter`, the GUI process) on a real X server whose keychain misbehaves: a Secret Service on a
// private bus (tests/support/fakesecretservice.py) that never answers, answers only after a while, or prompts and
// is answered after a while (after the key's release: the test wakes it then). The app must start and answer IPC
// without waiting for it, never crash when the answer comes late (or never), end a push-to-talk recording at the key's
// release even though the key is not known yet, and deliver that dictation — typed into the focused window — once the
// keychain has answered.
#include "doubletestutil.h"
#include "fakekeychain.h"
#include "ipc/ipcclient.h"
#include "paths/locations.h"
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

// The desktop app as a child process, its stderr collected.
class DesktopApp final
{
public:
    explicit DesktopApp(const QProcessEnvironment& env)
    {
        m_process.setProcessEnvironment(env);
        m_process.start(test::utterBinary(), {});
    }
    ~DesktopApp()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    DesktopApp(const DesktopApp&) = delete;
    DesktopApp& operator=(const DesktopApp&) = delete;

    bool running() const { return m_process.state() == QProcess::Running; }
    QByteArray log()
    {
        m_err += m_process.readAllStandardError();
        return m_err;
    }
    QProcess& process() { return m_process; }

private:
    QProcess m_process;
    QByteArray m_err;
};

} // namespace

class TestSlowKeychain final : public QObject
{
    Q_OBJECT

private:
    // The app's answer to an IPC method (connecting anew each time, as the CLI does).
    static Result<QJsonValue> invoke(const QString& method)
    {
        IpcClient client(ipcEndpointName(Locations::fromEnvironment()));
        if (Status connected = client.connectToServer(1000); !connected.ok())
            return connected.error();
        return client.call(method, {}, 5000);
    }
    static QJsonObject call(const QString& method)
    {
        const Result<QJsonValue> result = invoke(method);
        return result.ok() ? result.value().toObject() : QJsonObject();
    }
    static QString transcribeKey()
    {
        return call(u"health"_s)
            .value(u"providers"_s)
            .toObject()
            .value(u"transcribe"_s)
            .toObject()
            .value(u"key"_s)
            .toString();
    }
    static QString state() { return call(u"status.get"_s).value(u"state"_s).toString(); }

    QProcessEnvironment environment(const test::TestHome& home, const test::FakeKeychain& keychain,
                                    const QString& providerUrl)
    {
        QProcessEnvironment env = keychain.environment(home.environment());
        env.remove(u"GROQ_API_KEY"_s); // the key must come from the keychain
        env.remove(u"UTTER_GROQ_API_KEY"_s);
        env.insert(u"UTTER_TRANSCRIBE_URL"_s, providerUrl);
        env.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
        env.insert(u"UTTER_NETWORK_PROBE"_s, u"1"_s);
        for (const auto& [key, value] :
             {std::pair{u"hotkey/dictate"_s, u"F9"_s}, std::pair{u"general/mode"_s, u"push-to-talk"_s},
              std::pair{u"output/methods"_s, u"xtest"_s}, std::pair{u"ui/onboardingDone"_s, u"true"_s}}) {
            const test::UtterRun set = test::runUtterServing({u"config"_s, u"set"_s, key, value}, env);
            if (set.exitCode != 0)
                qWarning().noquote() << "config set" << key << "failed:" << set.errText();
        }
        return env;
    }

private slots:
    void initTestCase()
    {
        const bool required = qEnvironmentVariableIntValue("UTTER_TEST_SERVICES") == 1;
        QString missing;
        if (qEnvironmentVariableIsEmpty("DISPLAY"))
            missing = u"an X server"_s;
        else if (QStandardPaths::findExecutable(u"xdotool"_s).isEmpty())
            missing = u"xdotool"_s;
        else if (qEnvironmentVariableIsEmpty("UTTER_TEST_MIC_FIFO"))
            missing = u"the virtual microphone"_s;
        else if (QString why; !test::FakeKeychain::available(&why))
            missing = why;
        if (!missing.isEmpty()) {
            if (required)
                QFAIL(qPrintable(u"UTTER_TEST_SERVICES=1 but "_s + missing + u" is missing"_s));
            QSKIP(qPrintable(u"needs "_s + missing + u"; run under tests/with-services.sh"_s));
        }
    }

    void silentKeychainNeitherBlocksNorKillsTheApp()
    {
        test::FakeKeychain keychain;
        QVERIFY2(keychain.start(test::FakeKeychain::Mode::Silent), qPrintable(keychain.errors()));
        test::TestHome home;
        home.applyToCurrentProcess();
        const QProcessEnvironment env = environment(home, keychain, u"http://127.0.0.1:9/openai/v1"_s);
        DesktopApp app(env);

        // IPC answers while the keychain has answered nothing: the key is still being read.
        QTRY_VERIFY2_WITH_TIMEOUT(!call(u"health"_s).isEmpty(), app.log().constData(), 15000);
        QCOMPARE(transcribeKey(), u"reading"_s);
        // A dictation starts and stops at once, keychain or not (nothing was spoken: nothing is sent).
        QVERIFY(!call(u"dictation.begin"_s).isEmpty());
        QCOMPARE(state(), u"listening"_s);
        QVERIFY(!call(u"dictation.end"_s).isEmpty());
        QVERIFY(state() != u"listening"_s);

        // D-Bus gives up on the keychain after 25 s; the answer ("no reply") comes late and must be harmless.
        QTRY_VERIFY2_WITH_TIMEOUT(transcribeKey() == u"unavailable"_s, app.log().constData(), 60000);
        QVERIFY2(app.running(), app.log().constData());
        QVERIFY(!call(u"status.get"_s).isEmpty());

        QVERIFY(invoke(u"service.shutdown"_s).ok());
        QVERIFY(app.process().waitForFinished(15000));
        QCOMPARE(app.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.process().exitCode(), 0);
    }

    void pushToTalkWhileTheKeychainIsSlow_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("answers late") << int(test::FakeKeychain::Mode::Slow);
        QTest::newRow("prompt answered late") << int(test::FakeKeychain::Mode::Prompt);
    }

    void pushToTalkWhileTheKeychainIsSlow()
    {
        QFETCH(int, mode);
        UTTER_REQUIRE_FIXTURES(clips);
        test::ProviderDouble server;
        QVERIFY(server.start());
        server.setFixtures(*clips);
        test::FakeKeychain keychain;
        // It would answer by itself 20 s after the first call (under D-Bus' 25 s timeout); the test wakes it
        // earlier, right after the release, so that the order does not depend on the machine's speed.
        QVERIFY2(keychain.start(test::FakeKeychain::Mode(mode), 20, {{u"groq"_s, groqKey}}),
                 qPrintable(keychain.errors()));
        test::TestHome home;
        home.applyToCurrentProcess();
        const QProcessEnvironment env = environment(home, keychain, server.baseUrl() + u"/openai/v1"_s);
        DesktopApp app(env);
        QTRY_VERIFY2_WITH_TIMEOUT(app.log().contains("dictation key F9"), app.log().constData(), 15000);
        QTRY_VERIFY2_WITH_TIMEOUT(!call(u"health"_s).isEmpty(), app.log().constData(), 15000);
        QCOMPARE(transcribeKey(), u"reading"_s);

        TargetWindow window({u"--class"_s, u"Gedit"_s});
        QVERIFY2(window.waitReady(), qPrintable(window.errors()));

        const QList<int> order{4, 0};
        std::vector<std::int16_t> audio(std::size_t(1.0 * 16000));
        for (std::size_t i = 0; i < audio.size(); ++i)
            audio[i] = std::int16_t(int((i * 7919) % 41) - 20);
        const QList<qint16> speech = clips->utterance(order, 800, 300);
        audio.insert(audio.end(), speech.begin(), speech.end());
        {
            test::RealTimeFeeder feeder(qEnvironmentVariable("UTTER_TEST_MIC_FIFO"), audio);
            QTest::qWait(600);
            xdotool({u"keydown"_s, u"F9"_s});
            QTRY_COMPARE_WITH_TIMEOUT(state(), u"listening"_s, 5000);
            QVERIFY(QTest::qWaitFor([&] { return feeder.done(); }, 60000));
            QVERIFY(!feeder.failed());
        }
        QTest::qWait(300);
        xdotool({u"keyup"_s, u"F9"_s});
        // The release ends the recording although the keychain has not given the key yet.
        QTRY_VERIFY2_WITH_TIMEOUT(state() != u"listening"_s, app.log().constData(), 5000);
        QVERIFY2(transcribeKey() == u"reading"_s, "the keychain answered before the release; the test proves nothing");
        QVERIFY(!keychain.answered("GetSecrets"));
        keychain.wake();

        // Once the keychain answers, the chunks that waited in the journal upload and the text is typed.
        const QString expected = clips->referenceText(order);
        QTRY_VERIFY2_WITH_TIMEOUT(window.text() == expected,
                                  qPrintable(u"typed \"%1\", expected \"%2\"\n%3"_s.arg(window.text(), expected,
                                                                                        QString::fromUtf8(app.log()))),
                                  90000);
        QVERIFY(keychain.answered("GetSecrets"));
        QCOMPARE(transcribeKey(), u"keychain"_s);
        QVERIFY2(app.running(), app.log().constData());
        const QJsonObject last =
            QJsonDocument::fromJson(test::runUtterServing({u"last"_s, u"--json"_s}, env).out).object();
        QCOMPARE(last.value(u"rawText"_s).toString(), expected);
        QVERIFY(!app.log().contains(groqKey.toUtf8()));

        QVERIFY(invoke(u"service.shutdown"_s).ok());
        QVERIFY(app.process().waitForFinished(15000));
        QCOMPARE(app.process().exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSlowKeychain)
#include "testslowkeychain.moc"
