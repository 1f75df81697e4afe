#include "audiocapture.h"

#include "captureworker.h"

#include "logging/logging.h"

#include <QMutex>
#include <QMutexLocker>
#include <QThread>

namespace utter
{

namespace
{

constexpr int kStopTimeoutMs = 3000;

// Every capture of the process runs on one thread, so that device operations happen one after the other in the
// order they were asked for (closing one QAudioSource before the next opens) and Qt's PulseAudio engine is used
// from a single thread. Qt 6.4's PulseAudio source waits without limit for a stream that never becomes ready,
// which two sources opening and closing on separate threads at once could provoke.
struct CaptureThread
{
    QMutex mutex;
    QThread* thread = nullptr;
    int users = 0;

    static CaptureThread& instance()
    {
        static CaptureThread shared;
        return shared;
    }

    QThread* acquire()
    {
        QMutexLocker lock(&mutex);
        if (!thread) {
            thread = new QThread;
            thread->setObjectName(QStringLiteral("utter-capture"));
            thread->start();
        }
        ++users;
        return thread;
    }

    // Returns the thread when this was its last user: the caller then queues the stop and calls finish().
    QThread* release()
    {
        QMutexLocker lock(&mutex);
        return --users > 0 ? nullptr : std::exchange(thread, nullptr);
    }

    // A device that never answers must not hang the application on exit: after a few seconds the thread is left
    // to the operating system.
    static void finish(QThread* stopping)
    {
        if (stopping->wait(kStopTimeoutMs)) {
            delete stopping;
            return;
        }
        qCWarning(lcAudio) << "the audio device did not stop within" << kStopTimeoutMs
                           << "ms; its capture thread is left behind";
    }
};

} // namespace

AudioCapture::AudioCapture(QObject* parent)
    : QObject(parent)
{
    m_worker = new CaptureWorker; // deleted on the capture thread by the destructor
    m_worker->moveToThread(CaptureThread::instance().acquire());
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
}

AudioCapture::~AudioCapture()
{
    // Close and delete on the capture thread (QAudioSource must be destroyed where it lives), after everything
    // queued before; the last capture of the process also stops the thread. Nothing the worker emits from now on
    // reaches this object.
    disconnect(m_worker, nullptr, this, nullptr);
    QThread* stopping = CaptureThread::instance().release();
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, stop = stopping != nullptr] {
            // Qt's PulseAudio source runs a nested event loop while it stops, where another queued request for
            // this worker may run: delete only once control is back in the thread's own loop (or at its end).
            worker->close();
            worker->deleteLater();
            if (stop)
                QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    if (stopping)
        CaptureThread::finish(stopping);
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
