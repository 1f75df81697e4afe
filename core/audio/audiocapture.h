#pragma once

#include "audioblock.h"
#include "audioconfig.h"
#include "common/error.h"

#include <QObject>

namespace utter
{

class CaptureWorker;

// Microphone capture (DESIGN §3): one long-lived QAudioSource per device on a worker thread. open() starts
// the device and keeps the last preRollMs of audio in a ring; begin() starts a dictation, delivering the
// pre-roll first and then live blocks, all as 16 kHz mono s16 (converted with libsamplerate when the device
// will not deliver that format); end() delivers everything captured so far, then emits ended(). The device stays
// open between dictations (no per-dictation churn, and the pre-roll keeps filling); close() releases it.
//
// A device that vanishes (unplugged, PulseAudio source removed) stops capture with errorOccurred(DeviceLost);
// every sample captured before that was already delivered, and a running dictation gets its ended().
class AudioCapture final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AudioCapture)

public:
    explicit AudioCapture(QObject* parent = nullptr);
    ~AudioCapture() override;

    // Asynchronous: opened() or errorOccurred() follows. Re-opening with another device closes the old one.
    void open(const CaptureConfig& config);
    void close();
    void begin();
    void end();

    bool isOpen() const { return m_open; }
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
    CaptureWorker* m_worker = nullptr; // deleted on the worker thread when it finishes
    bool m_open = false;
    bool m_recording = false;
    QString m_deviceId;
};

} // namespace utter
