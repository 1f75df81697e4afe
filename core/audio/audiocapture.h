#pragma once

#include "audioblock.h"
#include "audioconfig.h"
#include "common/error.h"

#include <QObject>

#include <chrono>

class QThread;

namespace utter
{

class CaptureWorker;

// Microphone capture (DESIGN §3): one long-lived QAudioSource per device on a thread of its own. open() starts
// the device and keeps the last preRollMs of audio in a ring; begin() starts a dictation, delivering the
// pre-roll first and then live blocks, all as 16 kHz mono s16 (converted with libsamplerate when the device
// will not deliver that format); end() delivers everything captured so far, then emits ended(). The device stays
// open between dictations (no per-dictation churn, and the pre-roll keeps filling); close() releases it.
// With CaptureConfig::keepOpen false (microphone privacy), open() only arms: nothing is captured and the desktop
// shows no microphone in use until begin() opens the device; the dictation's end closes it again.
//
// A device that vanishes (unplugged, PulseAudio source removed) stops capture with errorOccurred(DeviceLost);
// every sample captured before that was already delivered, and a running dictation gets its ended().
//
// samplesReady() is emitted on the capture thread itself, so that the audio pipeline's thread receives blocks
// without a detour through this object's (the main) thread: connect it with a context object, never directly to
// code that assumes the main thread. Each dictation's blocks end with one marked `last`. The other signals are
// emitted on this object's thread. Each AudioCapture owns its thread; device operations run on it one after the
// other, in the order they were asked for.
class AudioCapture final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AudioCapture)

public:
    explicit AudioCapture(QObject* parent = nullptr);
    ~AudioCapture() override;

    // Asynchronous: opened() or errorOccurred() follows. Re-opening with another device closes the old one. During
    // a dictation the new configuration applies once it has ended.
    void open(const CaptureConfig& config);
    void close();
    // Starts a dictation; its blocks carry the returned number (AudioBlock::stream), known beforehand as
    // nextStream() so a consumer can be told before the first block reaches it.
    std::uint64_t begin();
    std::uint64_t nextStream() const { return m_streams + 1; }
    void end();

    // Captures whose device did not stop within a few seconds (an audio server that stalls) are left behind by the
    // destructor, their thread still inside Qt's PulseAudio back end. Waits up to `limit` for those to finish; false
    // when one still has not. The process must then end without the back end's teardown at exit, where libpulse
    // aborts (pa_mutex_free): main() ends it with std::_Exit (docs/audio.md, "A stalled audio server").
    static bool settleLeftBehind(std::chrono::milliseconds limit);

    // The device is open (capturing). An armed capture (keepOpen false, between dictations) is not open.
    bool isOpen() const { return m_open; }
    bool isArmed() const { return m_armed; }
    bool isRecording() const { return m_recording; }
    QString deviceId() const { return m_deviceId; }

signals:
    void opened(const QString& deviceId, const QString& description, const QString& format);
    void samplesReady(const utter::AudioBlock& block);
    void levelChanged(float rmsDbfs, float peakDbfs); // ~30 Hz while open
    void ended(qint64 totalSamples);                  // after end() (or a lost device) once all blocks arrived
    void errorOccurred(const utter::Error& error);
    void closed();

private:
    void closeDevice();

    QThread* m_thread = nullptr;       // left to the operating system if the device never lets go (see ~AudioCapture)
    CaptureWorker* m_worker = nullptr; // deleted on m_thread
    bool m_open = false;
    bool m_armed = false; // keepOpen false: the device opens at begin() with m_config and closes at the end
    CaptureConfig m_config;
    bool m_reopenAfterDictation = false; // open() during a dictation: applied when it ends
    bool m_recording = false;
    QString m_deviceId;
    std::uint64_t m_streams = 0;
};

} // namespace utter
