#include "qtaudioreader.h"

#include "logging/logging.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

constexpr int kStallTimeoutMs = 30000; // no buffer, no end and no error for this long: the decoder is stuck

} // namespace

QtAudioReader::QtAudioReader(const QString& path)
    : m_path(path)
{}

QtAudioReader::~QtAudioReader()
{
    m_decoder.stop();
}

Result<std::unique_ptr<QtAudioReader>> QtAudioReader::open(const QString& path)
{
    if (!QCoreApplication::instance())
        return Error(ErrorCode::Unsupported, u"Decoding %1 needs a running application event loop."_s.arg(path));
    const QFileInfo info(path);
    if (!info.exists())
        return Error(ErrorCode::NotFound, u"%1 does not exist."_s.arg(path));
    if (!info.isReadable())
        return Error(ErrorCode::Io, u"%1 is not readable; check its permissions."_s.arg(path));
    std::unique_ptr<QtAudioReader> reader(new QtAudioReader(path));
    if (!reader->m_decoder.isSupported())
        return Error(ErrorCode::Unsupported,
                     u"This build of Qt has no audio decoder backend, so %1 cannot be read; convert it to WAV or "
                     "Ogg Opus (e.g. `ffmpeg -i in out.wav`)."_s.arg(path));
    QAudioDecoder& decoder = reader->m_decoder;
    QtAudioReader* self = reader.get();
    QAudioFormat wanted;
    wanted.setSampleRate(kPipelineSampleRate);
    wanted.setChannelCount(1);
    wanted.setSampleFormat(QAudioFormat::Int16);
    decoder.setAudioFormat(wanted); // GStreamer converts; whatever arrives is converted again by us anyway
    QObject::connect(&decoder, &QAudioDecoder::finished, &decoder, [self] { self->m_finished = true; });
    QObject::connect(&decoder, qOverload<QAudioDecoder::Error>(&QAudioDecoder::error), &decoder,
                     [self](QAudioDecoder::Error) {
                         self->m_error = self->m_decoder.errorString();
                         if (self->m_error.isEmpty())
                             self->m_error = u"the format is not supported"_s;
                     });
    decoder.setSource(QUrl::fromLocalFile(info.absoluteFilePath()));
    decoder.start();
    return reader;
}

QString QtAudioReader::description() const
{
    if (!m_format.isValid())
        return u"decoded by Qt"_s;
    return u"decoded by Qt, %1 Hz, %2 ch"_s.arg(m_format.sampleRate()).arg(m_format.channelCount());
}

std::optional<double> QtAudioReader::durationSeconds() const
{
    const qint64 ms = m_decoder.duration();
    if (ms <= 0)
        return std::nullopt;
    return double(ms) / 1000.0;
}

void QtAudioReader::take(const QAudioBuffer& buffer)
{
    const QAudioFormat format = buffer.format();
    if (!m_converter || format != m_format) {
        if (m_converter)
            m_converter->flush(m_pending);
        m_format = format;
        m_converter = std::make_unique<PcmConverter>(format.sampleRate(), format.channelCount());
    }
    const qsizetype count = qsizetype(buffer.sampleCount());
    if (format.sampleFormat() == QAudioFormat::Int16) {
        m_converter->pushS16(std::span<const std::int16_t>(buffer.constData<std::int16_t>(), std::size_t(count)),
                             m_pending);
        return;
    }
    m_floats.resize(std::size_t(count));
    for (qsizetype i = 0; i < count; ++i) {
        switch (format.sampleFormat()) {
        case QAudioFormat::UInt8:
            m_floats[std::size_t(i)] = (float(buffer.constData<quint8>()[i]) - 128.0f) / 128.0f;
            break;
        case QAudioFormat::Int32:
            m_floats[std::size_t(i)] = float(double(buffer.constData<qint32>()[i]) / 2147483648.0);
            break;
        case QAudioFormat::Float:
            m_floats[std::size_t(i)] = buffer.constData<float>()[i];
            break;
        default:
            m_floats[std::size_t(i)] = 0.0f;
        }
    }
    m_converter->push(m_floats, m_pending);
}

Result<std::size_t> QtAudioReader::read(std::vector<std::int16_t>& out, std::size_t maxSamples)
{
    while (m_pending.size() < maxSamples && !m_flushed) {
        if (m_decoder.bufferAvailable()) {
            take(m_decoder.read());
            continue;
        }
        if (!m_error.isEmpty())
            return Error(ErrorCode::UnsupportedFormat,
                         u"Cannot decode %1: %2. Convert it to WAV or Ogg Opus first."_s.arg(m_path, m_error));
        if (m_finished) {
            if (m_converter)
                m_converter->flush(m_pending);
            m_flushed = true;
            break;
        }
        QEventLoop loop;
        QTimer stall;
        stall.setSingleShot(true);
        bool stalled = false;
        QObject::connect(&m_decoder, &QAudioDecoder::bufferReady, &loop, &QEventLoop::quit);
        QObject::connect(&m_decoder, &QAudioDecoder::finished, &loop, &QEventLoop::quit);
        QObject::connect(&m_decoder, qOverload<QAudioDecoder::Error>(&QAudioDecoder::error), &loop, &QEventLoop::quit);
        QObject::connect(&stall, &QTimer::timeout, &loop, [&] {
            stalled = true;
            loop.quit();
        });
        stall.start(kStallTimeoutMs);
        if (!m_decoder.bufferAvailable() && !m_finished && m_error.isEmpty())
            loop.exec();
        if (stalled) {
            qCWarning(lcAudio) << "decoder stalled on" << m_path;
            return Error(ErrorCode::Timeout, u"Decoding %1 stalled for 30 s; convert it to WAV first."_s.arg(m_path));
        }
    }
    const std::size_t n = std::min(maxSamples, m_pending.size());
    out.insert(out.end(), m_pending.begin(), m_pending.begin() + std::ptrdiff_t(n));
    m_pending.erase(m_pending.begin(), m_pending.begin() + std::ptrdiff_t(n));
    return n;
}

} // namespace utter
