#include "audiocapture.h"

#include "captureworker.h"

namespace utter
{

AudioCapture::AudioCapture(QObject* parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("utter-capture"));
    m_worker = new CaptureWorker; // owned by the thread: deleteLater when it finishes
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
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
    m_thread.start();
}

AudioCapture::~AudioCapture()
{
    // Close on the worker thread (QAudioSource must be destroyed where it lives), then stop the thread.
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
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
