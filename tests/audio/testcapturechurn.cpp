// Integration: real PulseAudio (tests/with-services.sh). An AudioCapture deleted while its device is still opening —
// a settings change or a quit right after start — must not abort the process in Qt 6.4's PulseAudio teardown,
// leave a recording stream behind, or stop the next capture from opening.
#include "audio/audiocapture.h"
#include "audiotesthelpers.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace utter;
using namespace Qt::Literals::StringLiterals;
using utter::test::recordingStreams;

class TestCaptureChurn final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("PULSE_SERVER")) {
            if (qEnvironmentVariableIntValue("UTTER_TEST_SERVICES") == 1)
                QFAIL("UTTER_TEST_SERVICES=1 but PULSE_SERVER is not set");
            QSKIP("needs PulseAudio: run under tests/with-services.sh");
        }
    }

    void deletedWhileOpening()
    {
        CaptureConfig config;
        config.keepOpen = true;
        // Deleted after 0, 1, 2 ... turns of the event loop: before the open reached the capture thread, while
        // the stream is being created, and just after it opened.
        for (int i = 0; i < 40; ++i) {
            auto capture = std::make_unique<AudioCapture>();
            capture->open(config);
            if (i % 3 == 1)
                capture->begin();
            for (int turn = 0; turn < i % 8; ++turn)
                QCoreApplication::processEvents();
            capture.reset();
        }
        // Opened and gone again in a burst, the next one still opens and records, and nothing is left recording.
        AudioCapture capture;
        QSignalSpy opened(&capture, &AudioCapture::opened);
        QSignalSpy failed(&capture, &AudioCapture::errorOccurred);
        capture.open(config);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 10000);
        QVERIFY(failed.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(recordingStreams(), 1, 5000);
        capture.close();
        QTRY_COMPARE_WITH_TIMEOUT(recordingStreams(), 0, 5000);
    }
};

QTEST_GUILESS_MAIN(TestCaptureChurn)
#include "testcapturechurn.moc"
