#include "audiocapture.h"

#include "captureworker.h"

#include "common/handoff.h"
#include "logging/logging.h"

#include <QMediaDevices>
#include <QThread>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <utility>

namespace utter
{

namespace
{

constexpr int kStopTimeoutMs = 3000;

// Qt 6.4's PulseAudio back end is one QObject made on first use, living in the thread that made it; its stream
// callbacks go through that thread's event loop. Made on a capture thread, it dies with that capture, and the next
// capture's QAudioSource::start() waits for ever (then PulseAudio aborts the process at exit). Make it here, on
// the thread that creates captures (the application's main thread), which outlives them all.
void createAudioBackendOnThisThread()
{
    static const bool created = [] {
        (void)QMediaDevices::audioInputs();
        return true;
    }();
    (void)created;
}

// The capture threads left behind by ~AudioCapture that are still running (inside a stalled audio server).
struct LeftBehind
{
    std::mutex mutex;
    std::condition_variable changed;
    int running = 0;
};

LeftBehind& leftBehind()
{
    static LeftBehind threads;
    return threads;
}

} // namespace

bool AudioCapture::settleLeftBehind(std::chrono::milliseconds limit)
{
    LeftBehind& threads = leftBehind();
    std::unique_lock lock(threads.mutex);
    if (threads.changed.wait_for(lock, limit, [&threads] { return threads.running == 0; }))
        return true;
    qCWarning(lcAudio) << threads.running << "capture thread(s) still wait for the audio server";
    return false;
}

AudioCapture::AudioCapture(QObject* parent)
    : QObject(parent)
{
    createAudioBackendOnThisThread();
    // Qt's PulseAudio source is used from this one thread only, so device operations happen one after the other
    // in the order they were asked for (closing one QAudioSource before the next opens).
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("utter-capture"));
    m_thread->start();
    m_worker = new CaptureWorker; // deleted on the capture thread by the destructor
    m_worker->moveToThread(m_thread);
    // The worker's signals are emitted on the capture thread; connectHandOff() brings them here (common/handoff.h).
    connectHandOff(m_worker, &CaptureWorker::opened, this,
                   [this](const QString& id, const QString& description, const QString& format) {
                       m_open = true;
                       m_deviceId = id;
                       emit opened(id, description, format);
                   });
    // Emitted on the capture thread (see the class comment); receivers choose their thread by their context.
    connect(m_worker, &CaptureWorker::block, this, &AudioCapture::samplesReady, Qt::DirectConnection);
    connectHandOff(m_worker, &CaptureWorker::level, this,
                   [this](float rms, float peak) { emit levelChanged(rms, peak); });
    connectHandOff(m_worker, &CaptureWorker::ended, this, [this](qint64 total) {
        m_recording = false;
        if (m_armed)
            closeDevice(); // the microphone opens only for a dictation
        else if (std::exchange(m_reopenAfterDictation, false))
            postTo(m_worker, [worker = m_worker, config = m_config] { worker->open(config); });
        emit ended(total);
    });
    connectHandOff(m_worker, &CaptureWorker::failed, this, [this](const Error& error) { emit errorOccurred(error); });
    connectHandOff(m_worker, &CaptureWorker::closed, this, [this] {
        m_open = false;
        m_recording = false;
        emit closed();
    });
}

AudioCapture::~AudioCapture()
{
    // Close and delete on the capture thread (QAudioSource must be destroyed where it lives), after everything
    // queued before, then stop the thread. Nothing the worker emits from now on reaches this object's receivers.
    disconnect(m_worker, nullptr, this, nullptr);
    // A device that never answers must not hang the application on exit: after a few seconds the thread is left
    // to the operating system.
    const bool stopped = stopWorkerThread(
        m_thread, m_worker,
        [worker = m_worker] {
            // Qt's PulseAudio source runs a nested event loop while it stops, where another queued request for
            // this worker may run: delete only once control is back in the thread's own loop (or at its end).
            worker->close();
            worker->deleteLater();
        },
        QDeadlineTimer(kStopTimeoutMs));
    if (stopped) {
        delete m_thread;
        return;
    }
    qCWarning(lcAudio) << "the audio device did not stop within" << kStopTimeoutMs
                       << "ms; its capture thread is left behind";
    // Counted until it finishes (the server answers again), for settleLeftBehind() at exit.
    {
        const std::lock_guard lock(leftBehind().mutex);
        ++leftBehind().running;
    }
    auto counted = std::make_shared<std::atomic_bool>(true);
    const auto finished = [counted] {
        if (!counted->exchange(false))
            return;
        LeftBehind& threads = leftBehind();
        {
            const std::lock_guard lock(threads.mutex);
            --threads.running;
        }
        threads.changed.notify_all();
    };
    QThread* thread = m_thread;
    connect(thread, &QThread::finished, thread, finished, Qt::DirectConnection);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    if (thread->isFinished()) { // finished between the wait and the connections
        finished();
        thread->deleteLater();
    }
}

void AudioCapture::open(const CaptureConfig& config)
{
    m_config = config;
    m_armed = !config.keepOpen;
    if (m_armed) {
        // Closed until begin(); a running dictation keeps its device and closes it when it ends.
        if (!m_recording)
            closeDevice();
        return;
    }
    if (m_recording) {
        m_reopenAfterDictation = true; // a running dictation keeps its device
        return;
    }
    postTo(m_worker, [worker = m_worker, config] { worker->open(config); });
}

void AudioCapture::close()
{
    m_armed = false;
    closeDevice();
}

void AudioCapture::closeDevice()
{
    postTo(m_worker, [worker = m_worker] { worker->close(); });
}

std::uint64_t AudioCapture::begin()
{
    m_recording = true;
    const std::uint64_t stream = ++m_streams;
    if (m_armed) {
        // Queued before begin on the same thread: the device is open when the dictation starts there.
        postTo(m_worker, [worker = m_worker, config = m_config] { worker->open(config); });
    }
    postTo(m_worker, [worker = m_worker, stream] { worker->begin(stream); });
    return stream;
}

void AudioCapture::end()
{
    postTo(m_worker, [worker = m_worker] { worker->end(); });
}

} // namespace utter
