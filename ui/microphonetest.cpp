#include "microphonetest.h"

#include "audio/audiocapture.h"
#include "codec/wavfile.h"
#include "levelmeterwidget.h"
#include "providers/clock.h"
#include "providers/httpclient.h"
#include "providers/providerconfig.h"
#include "providers/transcriber.h"
#include "settings/settings.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

namespace
{

constexpr int RecordMs = 4000;
constexpr int SampleRate = 16000;

} // namespace

MicrophoneTest::MicrophoneTest(Settings& settings, SecretStore* secrets, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_device(settings.stringValue(SettingKey::AudioDevice))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    m_meter = new LevelMeterWidget(this);
    m_record = new QPushButton(tr("Test &microphone"), this);
    m_record->setToolTip(tr("Records four seconds and shows what Utter heard."));
    row->addWidget(m_meter, 1);
    row->addWidget(m_record);
    layout->addLayout(row);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setAccessibleName(tr("What Utter heard"));
    layout->addWidget(m_result);
    connect(m_record, &QPushButton::clicked, this, &MicrophoneTest::record);
}

MicrophoneTest::~MicrophoneTest()
{
    closeDevice(); // the capture (a child) closes the device and stops its thread when it is deleted
}

void MicrophoneTest::setDevice(const QString& device)
{
    if (device == m_device)
        return;
    m_device = device;
    if (isVisible()) {
        m_opening = false;
        openDevice(); // re-opening with another device closes the old one
    }
}

QString MicrophoneTest::heardText() const
{
    return m_result->text();
}

void MicrophoneTest::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    openDevice();
}

void MicrophoneTest::hideEvent(QHideEvent* event)
{
    closeDevice();
    QWidget::hideEvent(event);
}

void MicrophoneTest::openDevice()
{
    if (m_capture && (m_capture->isOpen() || m_opening))
        return;
    if (!m_capture) {
        // One capture for the widget's life: opened when shown, closed when hidden, both asynchronous. Deleting it
        // on hide would wait on the GUI thread for a device still being opened (Qt's PulseAudio back end needs this
        // thread's event loop to finish opening it).
        m_capture = new AudioCapture(this);
        connect(m_capture, &AudioCapture::levelChanged, m_meter, [this](float rms, float) { m_meter->setLevel(rms); });
        connect(m_capture, &AudioCapture::samplesReady, this, [this](const AudioBlock& block) {
            m_samples.insert(m_samples.end(), block.samples.begin(), block.samples.end());
        });
        connect(m_capture, &AudioCapture::opened, this, [this] { m_opening = false; });
        connect(m_capture, &AudioCapture::ended, this, [this](qint64) { transcribe(); });
        connect(m_capture, &AudioCapture::errorOccurred, this, [this](const Error& error) {
            m_opening = false;
            m_result->setText(error.message);
            m_record->setEnabled(true);
        });
    }
    CaptureConfig config = CaptureConfig::fromSettings(m_settings);
    config.device = m_device;
    config.preRollMs = 0;
    config.keepOpen = true; // open while the test is on screen, for the level meter
    m_opening = true;
    m_capture->open(config);
}

void MicrophoneTest::closeDevice()
{
    if (!m_capture)
        return;
    m_opening = false;
    m_capture->close();
    m_meter->setLevel(-120.0f);
}

bool MicrophoneTest::isListening() const
{
    return m_capture && m_capture->isOpen();
}

void MicrophoneTest::record()
{
    openDevice(); // begin() is queued after the open on the capture's thread
    m_samples.clear();
    m_record->setEnabled(false);
    m_result->setText(tr("Recording — say a sentence…"));
    m_capture->begin();
    QTimer::singleShot(RecordMs, this, [this] {
        if (m_capture && m_capture->isRecording())
            m_capture->end();
    });
}

void MicrophoneTest::transcribe()
{
    if (m_samples.empty()) {
        m_result->setText(tr("No sound arrived from this microphone. Check that it is not muted."));
        m_record->setEnabled(true);
        return;
    }
    if (!m_secrets) {
        m_result->setText(tr("Recorded %1 s; no transcription endpoint is configured.")
                              .arg(double(m_samples.size()) / SampleRate, 0, 'f', 1));
        m_record->setEnabled(true);
        return;
    }
    if (!m_http) {
        m_http = new HttpClient(this);
        m_clock = std::make_unique<SystemClock>();
    }
    delete m_transcriber;
    m_transcriber =
        new Transcriber(TranscriberConfig::fromSettings(m_settings, cachedKeys(*m_secrets)), *m_http, *m_clock, this);
    TranscriptionRequest request;
    request.audio = encodeWav(m_samples, SampleRate);
    request.durationS = double(m_samples.size()) / SampleRate;
    request.fileName = u"microphone-test.wav"_s;
    request.mimeType = "audio/wav";
    request.sessionId = u"mic-test"_s;
    m_result->setText(tr("Transcribing…"));
    m_transcriber->transcribe(request, this, [this](const Result<TranscriptionResult>& result) {
        m_record->setEnabled(true);
        if (!result.ok()) {
            m_result->setText(result.error().message);
            return;
        }
        const QString text = result->text.trimmed();
        m_result->setText(text.isEmpty() ? tr("Utter heard no words. Speak a little louder or move closer.")
                                         : tr("Utter heard: “%1”").arg(text));
        emit heard(text);
    });
}

} // namespace utter::ui
