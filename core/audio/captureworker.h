#pragma once

#include "audioblock.h"
#include "audioconfig.h"
#include "common/error.h"
#include "levelmeter.h"
#include "sampleringbuffer.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSource>
#include <QMediaDevices>
#include <QObject>
#include <QTimer>

#include <memory>

namespace utter
{

class PcmConverter;

// Lives on AudioCapture's own thread and owns the one long-lived QAudioSource. Not used directly: talk to
// AudioCapture, which forwards calls here as queued invocations.
class CaptureWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaptureWorker)

public:
    CaptureWorker();
    ~CaptureWorker() override;

    void open(const utter::CaptureConfig& config);
    void close();
    void begin(std::uint64_t stream);
    void end();

signals:
    void opened(const QString& deviceId, const QString& description, const QString& format);
    void block(const utter::AudioBlock& block);
    void level(float rmsDbfs, float peakDbfs);
    void ended(qint64 totalSamples);
    void failed(const utter::Error& error);
    void closed();

private:
    void readAvailable();
    void deliver(std::vector<std::int16_t>&& samples, bool last = false);
    void onStateChanged(QAudio::State state);
    void onInputsChanged();
    void stopWithError(const Error& error);
    void convert(const char* data, qsizetype bytes, std::vector<std::int16_t>& out);

    CaptureConfig m_config;
    QAudioDevice m_device;
    QAudioFormat m_format;
    std::unique_ptr<QAudioSource> m_source;
    QIODevice* m_io = nullptr; // owned by m_source
    std::unique_ptr<QMediaDevices> m_mediaDevices;
    QTimer m_deviceCheck{this};                // Qt 6.4 does not always deliver audioInputsChanged to a worker thread
    std::unique_ptr<PcmConverter> m_converter; // null when the device delivers 16 kHz mono s16
    QByteArray m_carry;                        // bytes of an incomplete frame
    SampleRingBuffer m_preRoll;
    LevelMeter m_meter;
    bool m_recording = false;
    qint64 m_recorded = 0;
    std::uint64_t m_stream = 0;
    bool m_stopping = false;
};

} // namespace utter
