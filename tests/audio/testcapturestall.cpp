// Integration: an audio server that stalls (a PulseAudio of this test's own, stopped with SIGSTOP) while a capture
// opens. Deleting that capture leaves its thread behind inside Qt's PulseAudio back end; AudioCapture counts it
// until the server answers again, so that main() never runs the back end's teardown under it at exit (libpulse
// aborted there: "pa_mutex_free ... Aborting"). Needs pulseaudio (the test's own instance; PULSE_SERVER is replaced).
#include "audio/audiocapture.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <signal.h>

using namespace utter;
using namespace Qt::Literals::StringLiterals;

class TestCaptureStall final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_pulse;
    bool m_stopped = false;

    void resume()
    {
        if (std::exchange(m_stopped, false))
            ::kill(pid_t(m_pulse.processId()), SIGCONT);
    }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(u"pulseaudio"_s).isEmpty()) {
            if (qEnvironmentVariableIntValue("UTTER_TEST_SERVICES") == 1)
                QFAIL("pulseaudio is not installed although UTTER_TEST_SERVICES=1");
            QSKIP("needs pulseaudio");
        }
        QFile script(m_dir.filePath(u"stall.pa"_s));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(u"load-module module-native-protocol-unix auth-anonymous=1 socket=%1/native\n"
                     "load-module module-null-sink sink_name=nullsink\n"
                     "load-module module-sine-source source_name=sine rate=16000\n"
                     "set-default-source sine\n"_s.arg(m_dir.path())
                         .toUtf8());
        script.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_CONFIG_HOME"_s, m_dir.path());
        env.insert(u"PULSE_RUNTIME_PATH"_s, m_dir.path());
        env.insert(u"HOME"_s, m_dir.path());
        env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s); // the session's PulseAudio holds org.PulseAudio1 there
        m_pulse.setProcessEnvironment(env);
        m_pulse.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_pulse.start(u"pulseaudio"_s, {u"-n"_s, u"-F"_s, script.fileName(), u"--daemonize=no"_s,
                                        u"--exit-idle-time=-1"_s, u"--use-pid-file=no"_s, u"--disallow-exit"_s});
        QVERIFY(m_pulse.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_dir.filePath(u"native"_s)), 15000);
        // Before Qt's PulseAudio back end is made (the first AudioCapture): it connects to this server.
        qputenv("PULSE_SERVER", (u"unix:"_s + m_dir.filePath(u"native"_s)).toUtf8());
    }

    void cleanupTestCase()
    {
        resume();
        m_pulse.kill();
        m_pulse.waitForFinished();
    }

    void aCaptureDeletedWhileTheServerStallsIsCountedUntilItAnswers()
    {
        CaptureConfig config;
        config.keepOpen = true;
        {
            AudioCapture first; // the back end connects to the server while it answers
            QSignalSpy opened(&first, &AudioCapture::opened);
            first.open(config);
            QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 10000);
        }
        QVERIFY(AudioCapture::settleLeftBehind(std::chrono::milliseconds(0)));

        QVERIFY(::kill(pid_t(m_pulse.processId()), SIGSTOP) == 0);
        m_stopped = true;
        {
            // Its open waits for the stopped server on the capture thread; deleting it gives up on that thread.
            auto stalled = std::make_unique<AudioCapture>();
            stalled->open(config);
            stalled.reset();
        }
        QVERIFY(!AudioCapture::settleLeftBehind(std::chrono::milliseconds(0))); // main() would _Exit now

        resume(); // the server answers: the thread left behind opens, closes and ends
        QTRY_VERIFY_WITH_TIMEOUT(AudioCapture::settleLeftBehind(std::chrono::milliseconds(0)), 15000);

        AudioCapture next;
        QSignalSpy opened(&next, &AudioCapture::opened);
        QSignalSpy failed(&next, &AudioCapture::errorOccurred);
        next.open(config);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 10000);
        QVERIFY(failed.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCaptureStall)
#include "testcapturestall.moc"
