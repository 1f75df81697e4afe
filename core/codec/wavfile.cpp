#include "wavfile.h"

#include <QSaveFile>
#include <QtEndian>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

constexpr quint16 kFormatPcm = 1;
constexpr quint16 kFormatFloat = 3;
constexpr quint16 kFormatExtensible = 0xFFFE;
constexpr quint32 kUnknownSize = 0xFFFFFFFFU;
constexpr std::size_t kReadFrames = 4096;

Error corrupt(const QString& what)
{
    return Error(ErrorCode::Corrupt, u"This WAV file is damaged: %1. Re-export or re-record it."_s.arg(what));
}

quint16 u16(const char* p)
{
    return qFromLittleEndian<quint16>(p);
}

quint32 u32(const char* p)
{
    return qFromLittleEndian<quint32>(p);
}

} // namespace

Result<WavInfo> parseWavHeader(QIODevice& device)
{
    const qint64 fileSize = device.size();
    char riff[12];
    if (device.read(riff, 12) != 12)
        return Error(ErrorCode::Corrupt, u"This file is too short to be a WAV file (under 12 bytes)."_s);
    if (std::equal(riff, riff + 4, "RF64"))
        return Error(ErrorCode::UnsupportedFormat,
                     u"RF64 (WAV larger than 4 GB) is not supported; convert it to Ogg Opus or FLAC first."_s);
    if (!std::equal(riff, riff + 4, "RIFF") || !std::equal(riff + 8, riff + 12, "WAVE"))
        return Error(ErrorCode::UnsupportedFormat, u"This is not a WAV file (no RIFF/WAVE header)."_s);

    WavInfo info;
    bool haveFormat = false;
    for (int guard = 0; guard < 1024; ++guard) {
        char header[8];
        const qint64 got = device.read(header, 8);
        if (got != 8)
            return haveFormat ? corrupt(u"it has no data chunk"_s) : corrupt(u"it has no format chunk"_s);
        const quint32 size = u32(header + 4);
        const qint64 here = device.pos();
        const qint64 left = fileSize - here;
        if (std::equal(header, header + 4, "fmt ")) {
            if (size < 16 || size > 4096 || qint64(size) > left)
                return corrupt(u"its format chunk has an impossible size (%1 bytes)"_s.arg(size));
            const QByteArray fmt = device.read(size);
            if (fmt.size() != qsizetype(size))
                return corrupt(u"its format chunk is cut short"_s);
            const char* p = fmt.constData();
            quint16 tag = u16(p);
            info.channels = u16(p + 2);
            info.sampleRate = int(u32(p + 4));
            const quint32 byteRate = u32(p + 8);
            const quint16 blockAlign = u16(p + 12);
            info.bitsPerSample = u16(p + 14);
            if (tag == kFormatExtensible) {
                if (size < 40)
                    return corrupt(u"its extensible format chunk is shorter than 40 bytes"_s);
                tag = u16(p + 24); // the first two bytes of the sub-format GUID are the format tag
            }
            if (tag != kFormatPcm && tag != kFormatFloat)
                return Error(ErrorCode::UnsupportedFormat,
                             u"This WAV file uses compression (format tag %1); only PCM and float WAV are read "
                             "natively — convert it to 16-bit PCM or Ogg Opus."_s.arg(tag));
            info.isFloat = tag == kFormatFloat;
            if (info.channels < 1 || info.channels > 32)
                return corrupt(u"it claims %1 channels"_s.arg(info.channels));
            if (info.sampleRate < 1000 || info.sampleRate > 768000)
                return corrupt(u"it claims a sample rate of %1 Hz"_s.arg(info.sampleRate));
            const bool bitsOk = info.isFloat ? (info.bitsPerSample == 32 || info.bitsPerSample == 64)
                                             : (info.bitsPerSample == 8 || info.bitsPerSample == 16 ||
                                                info.bitsPerSample == 24 || info.bitsPerSample == 32);
            if (!bitsOk)
                return corrupt(u"it claims %1-bit samples"_s.arg(info.bitsPerSample));
            if (blockAlign != info.bytesPerFrame())
                return corrupt(u"its block size (%1) does not match %2 channels of %3-bit samples"_s.arg(blockAlign)
                                   .arg(info.channels)
                                   .arg(info.bitsPerSample));
            if (byteRate != quint32(info.sampleRate) * blockAlign)
                return corrupt(u"its byte rate (%1) does not match its sample rate"_s.arg(byteRate));
            haveFormat = true;
        } else if (std::equal(header, header + 4, "data")) {
            if (!haveFormat)
                return corrupt(u"its data chunk comes before the format chunk"_s);
            info.dataOffset = here;
            if (size == kUnknownSize || (size == 0 && left > 0)) {
                info.dataBytes = left; // written by a streaming recorder that never patched the size
            } else if (qint64(size) > left) {
                return Error(ErrorCode::Corrupt,
                             u"This WAV file is truncated: its header promises %1 bytes of audio but only %2 are "
                             "there. Re-export it, or repair it with `sox in.wav out.wav`."_s.arg(size)
                                 .arg(left));
            } else {
                info.dataBytes = size;
            }
            info.dataBytes -= info.dataBytes % info.bytesPerFrame();
            if (info.dataBytes <= 0)
                return Error(ErrorCode::NoSpeech, u"This WAV file contains no audio samples."_s);
            return info;
        } else {
            // Skip LIST, fact, cue, ... (chunks are padded to an even size).
            const qint64 skip = qint64(size) + (size & 1U);
            if (skip > left)
                return corrupt(u"its \"%1\" chunk runs past the end of the file"_s.arg(
                    QString::fromLatin1(QByteArray(header, 4).toPercentEncoding())));
            if (!device.seek(here + skip))
                return corrupt(u"a chunk cannot be skipped"_s);
        }
    }
    return corrupt(u"it has too many chunks"_s);
}

Result<std::unique_ptr<WavReader>> WavReader::open(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(file.exists() ? ErrorCode::Io : ErrorCode::NotFound,
                     u"Cannot open %1: %2."_s.arg(path, file.errorString()));
    Result<WavInfo> info = parseWavHeader(file);
    if (!info)
        return info.error();
    file.close();
    std::unique_ptr<WavReader> reader(new WavReader(path, *info));
    if (!reader->m_file.open(QIODevice::ReadOnly) || !reader->m_file.seek(info->dataOffset))
        return Error(ErrorCode::Io, u"Cannot read %1: %2."_s.arg(path, reader->m_file.errorString()));
    if (!reader->m_converter.isValid())
        return Error(ErrorCode::UnsupportedFormat, QString::fromStdString(reader->m_converter.errorString()));
    return reader;
}

WavReader::WavReader(const QString& path, WavInfo info)
    : m_file(path)
    , m_info(info)
    , m_converter(info.sampleRate, info.channels)
    , m_remaining(info.dataBytes)
{}

QString WavReader::description() const
{
    return u"WAV, %1 Hz, %2 ch, %3-bit%4"_s.arg(m_info.sampleRate)
        .arg(m_info.channels)
        .arg(m_info.bitsPerSample)
        .arg(m_info.isFloat ? u" float"_s : QString());
}

std::optional<double> WavReader::durationSeconds() const
{
    return double(m_info.frames()) / m_info.sampleRate;
}

Result<std::size_t> WavReader::read(std::vector<std::int16_t>& out, std::size_t maxSamples)
{
    while (m_pending.size() < maxSamples && !m_flushed) {
        if (m_remaining <= 0) {
            m_converter.flush(m_pending);
            m_flushed = true;
            break;
        }
        const qint64 want = std::min<qint64>(m_remaining, qint64(kReadFrames) * m_info.bytesPerFrame());
        const QByteArray bytes = m_file.read(want);
        if (bytes.size() != want)
            return Error(ErrorCode::Io, u"Reading %1 failed: %2."_s.arg(m_file.fileName(), m_file.errorString()));
        m_remaining -= want;
        const std::size_t count = std::size_t(want) / std::size_t(m_info.bitsPerSample / 8);
        const char* p = bytes.constData();
        if (!m_info.isFloat && m_info.bitsPerSample == 16) {
            std::vector<std::int16_t> s16(count);
            for (std::size_t i = 0; i < count; ++i)
                s16[i] = qFromLittleEndian<qint16>(p + 2 * i);
            m_converter.pushS16(s16, m_pending);
        } else {
            std::vector<float> f(count);
            for (std::size_t i = 0; i < count; ++i) {
                switch (m_info.bitsPerSample) {
                case 8:
                    f[i] = (float(quint8(p[i])) - 128.0f) / 128.0f;
                    break;
                case 24: {
                    const auto* b = reinterpret_cast<const quint8*>(p + 3 * i);
                    const qint32 v = qint32(quint32(b[0]) << 8 | quint32(b[1]) << 16 | quint32(b[2]) << 24) >> 8;
                    f[i] = float(v) / 8388608.0f;
                    break;
                }
                case 32:
                    f[i] = m_info.isFloat ? qFromLittleEndian<float>(p + 4 * i)
                                          : float(double(qFromLittleEndian<qint32>(p + 4 * i)) / 2147483648.0);
                    break;
                case 64:
                    f[i] = float(qFromLittleEndian<double>(p + 8 * i));
                    break;
                default:
                    f[i] = float(qFromLittleEndian<qint16>(p + 2 * i)) / 32768.0f;
                }
                if (!std::isfinite(f[i]))
                    f[i] = 0.0f;
            }
            m_converter.push(f, m_pending);
        }
        if (!m_converter.isValid())
            return Error(ErrorCode::Failed, QString::fromStdString(m_converter.errorString()));
    }
    const std::size_t n = std::min(maxSamples, m_pending.size());
    out.insert(out.end(), m_pending.begin(), m_pending.begin() + std::ptrdiff_t(n));
    m_pending.erase(m_pending.begin(), m_pending.begin() + std::ptrdiff_t(n));
    return n;
}

QByteArray encodeWav(std::span<const std::int16_t> samples, int sampleRate, int channels)
{
    const quint32 dataBytes = quint32(samples.size() * sizeof(std::int16_t));
    QByteArray out;
    out.reserve(qsizetype(44 + dataBytes));
    const auto put32 = [&out](quint32 v) {
        char b[4];
        qToLittleEndian(v, b);
        out.append(b, 4);
    };
    const auto put16 = [&out](quint16 v) {
        char b[2];
        qToLittleEndian(v, b);
        out.append(b, 2);
    };
    out.append("RIFF", 4);
    put32(36 + dataBytes);
    out.append("WAVEfmt ", 8);
    put32(16);
    put16(kFormatPcm);
    put16(quint16(channels));
    put32(quint32(sampleRate));
    put32(quint32(sampleRate * channels * 2));
    put16(quint16(channels * 2));
    put16(16);
    out.append("data", 4);
    put32(dataBytes);
    for (const std::int16_t s : samples)
        put16(quint16(s));
    return out;
}

Status writeWavFile(const QString& path, std::span<const std::int16_t> samples, int sampleRate, int channels)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io, u"Cannot write %1: %2."_s.arg(path, file.errorString()));
    const QByteArray bytes = encodeWav(samples, sampleRate, channels);
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Error(ErrorCode::Io, u"Cannot write %1: %2 (is the disk full?)."_s.arg(path, file.errorString()));
    return {};
}

} // namespace utter
