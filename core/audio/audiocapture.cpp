#include "audiocapture.h"

#include "captureworker.h"

#include "logging/logging.h"

namespace utter
{

namespace
{
constexpr int kStopTimeoutMs = 3000;
}

AudioCapture::AudioCapture(QObject* parent)
    : QObject(parent)
    , m_thread(std::make_unique<QThread>())
{
    m_thread->setObjectName(QStringLiteral("utter-capture"));
    m_worker = new CaptureWorker; // owned by the thread: deleteLater when it finishes
    m_worker->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &CaptureWorker::opened, this,
            [this](const QString& id, const QString& description, const QString& format) {
                m_open = true;
                m_deviceId = id;
                emit opened(id, description, format);
            });
    connect(m_worker, &CaptureWorker::block, this, &AudioCapture::samplesReady);
    connect(m_worker, &CaptureWorker::level, this, &AudioCapture::levelChanged);
    connect(m_worker, &CaptureWorker::ended, this, [this](qint64 total) {
        m_recording = false;
        emit ended(total);
    });
    connect(m_worker, &CaptureWorker::failed, this, &AudioCapture::errorOccurred);
    connect(m_worker, &CaptureWorker::closed, this, [this] {
        m_open = false;
        m_recording = false;
        emit closed();
    });
    m_thread->start();
}

AudioCapture::~AudioCapture()
{
    // Close on the worker thread (QAudioSource must be destroyed where it lives), then stop the thread. A device
    // that never answers (Qt 6.4's PulseAudio backend waits without limit for a stream that does not start) must
    // not hang the application on exit: after a few seconds the thread is left to the operating system.
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker] {
            worker->close();
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    if (!m_thread->wait(kStopTimeoutMs)) {
        qCWarning(lcAudio) << "the audio device did not stop within" << kStopTimeoutMs
                           << "ms; its capture thread is left behind";
        disconnect(m_worker, nullptr, this, nullptr);
        (void)m_thread.release(); // deliberately leaked: destroying a running QThread aborts the process
    }
}

void AudioCapture::open(const CaptureConfig& config)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, config] { worker->open(config); }, Qt::QueuedConnection);
}

void AudioCapture::close()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->close(); }, Qt::QueuedConnection);
}

void AudioCapture::begin()
{
    m_recording = true;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->begin(); }, Qt::QueuedConnection);
}

void AudioCapture::end()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->end(); }, Qt::QueuedConnection);
}

} // namespace utter
