#include "captureworker.h"

#include "audiodevices.h"
#include "codec/pcmconverter.h"
#include "logging/logging.h"

#include <algorithm>
#include <cmath>
#include <cstring>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

QString describeFormat(const QAudioFormat& format)
{
    static const char* const names[] = {"unknown", "u8", "s16", "s32", "float"};
    const int index = std::clamp(int(format.sampleFormat()), 0, 4);
    return u"%1 Hz, %2 ch, %3"_s.arg(format.sampleRate())
        .arg(format.channelCount())
        .arg(QString::fromLatin1(names[index]));
}

bool isPipelineFormat(const QAudioFormat& format)
{
    return format.sampleRate() == kPipelineSampleRate && format.channelCount() == 1 &&
           format.sampleFormat() == QAudioFormat::Int16;
}

} // namespace

CaptureWorker::CaptureWorker()
{
    // PulseAudio moves a stream whose source disappears to another source, and Qt 6.4 does not notice: poll that
    // our device still exists, so a lost microphone is reported instead of silently recording another one.
    m_deviceCheck.setInterval(500);
    connect(&m_deviceCheck, &QTimer::timeout, this, &CaptureWorker::onInputsChanged);
}

CaptureWorker::~CaptureWorker()
{
    m_stopping = true;
    if (m_source)
        m_source->stop();
}

void CaptureWorker::open(const CaptureConfig& config)
{
    close();
    m_config = config;
    Result<AudioInput> input = AudioDevices::select(config.device);
    if (!input) {
        emit failed(input.error());
        return;
    }
    m_device = input->device;

    QAudioFormat wanted;
    wanted.setSampleRate(kPipelineSampleRate);
    wanted.setChannelCount(1);
    wanted.setSampleFormat(QAudioFormat::Int16);
    if (config.deviceFormat)
        m_format = *config.deviceFormat;
    else if (m_device.isFormatSupported(wanted))
        m_format = wanted;
    else
        m_format = m_device.preferredFormat();
    if (!m_format.isValid() || m_format.sampleFormat() == QAudioFormat::Unknown) {
        emit failed(Error(ErrorCode::UnsupportedFormat,
                          u"The audio input \"%1\" offers no usable sample format; choose another input (`utter "
                          "devices`)."_s.arg(input->description)));
        return;
    }
    if (!isPipelineFormat(m_format)) {
        m_converter = std::make_unique<PcmConverter>(m_format.sampleRate(), m_format.channelCount());
        if (!m_converter->isValid()) {
            emit failed(Error(ErrorCode::UnsupportedFormat, QString::fromStdString(m_converter->errorString())));
            m_converter.reset();
            return;
        }
    }
    m_preRoll.setCapacity(std::size_t(std::max(0, config.preRollMs)) * kPipelineSampleRate / 1000);
    m_meter = LevelMeter(kPipelineSampleRate, 30);

    m_source = std::make_unique<QAudioSource>(m_device, m_format);
    m_source->setBufferSize(m_format.bytesForDuration(qint64(std::max(10, config.periodMs)) * 1000 * 2));
    connect(m_source.get(), &QAudioSource::stateChanged, this, &CaptureWorker::onStateChanged);
    m_io = m_source->start();
    if (!m_io || m_source->error() != QAudio::NoError) {
        const Error error(ErrorCode::DeviceLost,
                          u"The audio input \"%1\" could not be opened; it may be in use or "
                          "unplugged. Choose another with `utter devices`."_s.arg(input->description));
        m_source.reset();
        m_io = nullptr;
        emit failed(error);
        return;
    }
    connect(m_io, &QIODevice::readyRead, this, &CaptureWorker::readAvailable);
    m_mediaDevices = std::make_unique<QMediaDevices>();
    connect(m_mediaDevices.get(), &QMediaDevices::audioInputsChanged, this, &CaptureWorker::onInputsChanged);
    m_deviceCheck.start();
    qCInfo(lcAudio).noquote() << "capture open: device=" << input->id << "format=" << describeFormat(m_format)
                              << (m_converter ? "(converted to 16 kHz mono s16)" : "");
    emit opened(input->id, input->description, describeFormat(m_format));
}

void CaptureWorker::close()
{
    if (!m_source)
        return;
    if (m_recording)
        end();
    m_stopping = true;
    m_deviceCheck.stop();
    m_mediaDevices.reset();
    m_source->stop();
    m_source.reset();
    m_io = nullptr;
    m_converter.reset();
    m_carry.clear();
    m_preRoll.clear();
    m_stopping = false;
    qCInfo(lcAudio) << "capture closed";
    emit closed();
}

void CaptureWorker::begin(std::uint64_t stream)
{
    if (!m_source) {
        emit failed(Error(ErrorCode::Failed, u"Capture is not open; open an audio input first."_s));
        return;
    }
    readAvailable(); // what arrived before the key press belongs to the pre-roll
    m_recording = true;
    m_recorded = 0;
    m_stream = stream;
    std::vector<std::int16_t> preRoll = m_preRoll.snapshot();
    m_preRoll.clear();
    qCDebug(lcAudio) << "dictation begins with" << preRoll.size() << "pre-roll samples";
    if (!preRoll.empty())
        deliver(std::move(preRoll));
}

void CaptureWorker::end()
{
    if (!m_recording)
        return;
    readAvailable();
    if (m_converter) {
        std::vector<std::int16_t> tail;
        m_converter->flush(tail);
        // The resampler is reused for the next dictation; its tail (a few ms) belongs to this one.
        m_converter = std::make_unique<PcmConverter>(m_format.sampleRate(), m_format.channelCount());
        if (!tail.empty())
            deliver(std::move(tail));
    }
    deliver({}, true); // the end of this dictation's audio, in line with its blocks
    m_recording = false;
    qCInfo(lcAudio) << "dictation ended after" << m_recorded << "samples";
    emit ended(m_recorded);
}

void CaptureWorker::convert(const char* data, qsizetype bytes, std::vector<std::int16_t>& out)
{
    if (!m_converter) {
        const std::size_t count = std::size_t(bytes) / sizeof(std::int16_t);
        const std::size_t at = out.size();
        out.resize(at + count);
        std::memcpy(out.data() + at, data, count * sizeof(std::int16_t));
        return;
    }
    const qsizetype bytesPerSample = m_format.bytesPerSample();
    const qsizetype count = bytes / bytesPerSample;
    std::vector<float> floats(std::size_t(count), 0.0f);
    for (qsizetype i = 0; i < count; ++i) {
        const char* p = data + i * bytesPerSample;
        switch (m_format.sampleFormat()) {
        case QAudioFormat::UInt8:
            floats[std::size_t(i)] = (float(quint8(*p)) - 128.0f) / 128.0f;
            break;
        case QAudioFormat::Int16: {
            qint16 v;
            std::memcpy(&v, p, sizeof v);
            floats[std::size_t(i)] = float(v) / 32768.0f;
            break;
        }
        case QAudioFormat::Int32: {
            qint32 v;
            std::memcpy(&v, p, sizeof v);
            floats[std::size_t(i)] = float(double(v) / 2147483648.0);
            break;
        }
        case QAudioFormat::Float: {
            float v;
            std::memcpy(&v, p, sizeof v);
            floats[std::size_t(i)] = std::isfinite(v) ? v : 0.0f;
            break;
        }
        default:
            break;
        }
    }
    m_converter->push(floats, out);
}

void CaptureWorker::readAvailable()
{
    if (!m_io)
        return;
    QByteArray bytes = m_io->readAll();
    if (bytes.isEmpty())
        return;
    if (!m_carry.isEmpty()) {
        bytes.prepend(m_carry);
        m_carry.clear();
    }
    const qsizetype frameBytes = std::max(1, m_format.bytesPerFrame());
    const qsizetype usable = bytes.size() - bytes.size() % frameBytes;
    if (usable < bytes.size())
        m_carry = bytes.mid(usable);
    std::vector<std::int16_t> samples;
    convert(bytes.constData(), usable, samples);
    if (samples.empty())
        return;
    m_meter.push(samples, [this](const AudioLevel& l) { emit level(l.rmsDbfs, l.peakDbfs); });
    if (m_recording)
        deliver(std::move(samples));
    else
        m_preRoll.push(samples);
}

void CaptureWorker::deliver(std::vector<std::int16_t>&& samples, bool last)
{
    AudioBlock out;
    out.stream = m_stream;
    out.last = last;
    out.startSample = m_recorded;
    m_recorded += qint64(samples.size());
    out.samples = std::move(samples);
    emit block(out);
}

void CaptureWorker::onStateChanged(QAudio::State state)
{
    if (m_stopping || !m_source)
        return;
    qCDebug(lcAudio) << "source state" << state << "error" << m_source->error();
    if (state == QAudio::StoppedState && m_source->error() != QAudio::NoError)
        stopWithError(Error(ErrorCode::DeviceLost,
                            u"The microphone \"%1\" stopped delivering audio (it was unplugged or removed). Every "
                            "word up to this point was kept; plug it back in or choose another input with `utter "
                            "devices`."_s.arg(m_device.description())));
}

void CaptureWorker::onInputsChanged()
{
    if (!m_source)
        return;
    const QByteArray id = m_device.id();
    const QList<QAudioDevice> inputs = QMediaDevices::audioInputs();
    const bool present = std::any_of(inputs.begin(), inputs.end(), [&](const QAudioDevice& d) { return d.id() == id; });
    if (!present)
        stopWithError(Error(ErrorCode::DeviceLost,
                            u"The microphone \"%1\" was disconnected. Every word up to this point was kept; plug it "
                            "back in or choose another input with `utter devices`."_s.arg(m_device.description())));
}

void CaptureWorker::stopWithError(const Error& error)
{
    qCWarning(lcAudio).noquote() << "capture stopped:" << error.message;
    readAvailable();
    const bool wasRecording = m_recording;
    if (wasRecording)
        end();
    emit failed(error);
    close();
}

} // namespace utter
