#pragma once

#include "audioreader.h"
#include "pcmconverter.h"

#include <QByteArray>
#include <QFile>

#include <span>

namespace utter
{

// The format block of a WAV file, validated.
struct WavInfo
{
    int sampleRate = 0;
    int channels = 0;
    int bitsPerSample = 0;
    bool isFloat = false;
    qint64 dataOffset = 0; // where the sample data starts in the file
    qint64 dataBytes = 0;  // size of the data chunk (a header that overstates it is an error)

    int bytesPerFrame() const { return channels * (bitsPerSample / 8); }
    qint64 frames() const { return bytesPerFrame() > 0 ? dataBytes / bytesPerFrame() : 0; }
};

// Parses and validates a RIFF/WAVE header from the device's current position (PCM 8/16/24/32-bit, IEEE float
// 32/64-bit, WAVE_FORMAT_EXTENSIBLE of those). Every size and field is checked against the file length, so a
// malformed or hostile header is an error, never a huge allocation or a read of garbage.
Result<WavInfo> parseWavHeader(QIODevice& device);

// Streams a WAV file as 16 kHz mono s16.
class WavReader final : public AudioReader
{
public:
    static Result<std::unique_ptr<WavReader>> open(const QString& path);

    Result<std::size_t> read(std::vector<std::int16_t>& out, std::size_t maxSamples) override;
    QString description() const override;
    std::optional<double> durationSeconds() const override;
    const WavInfo& info() const { return m_info; }

private:
    WavReader(const QString& path, WavInfo info);

    QFile m_file;
    WavInfo m_info;
    PcmConverter m_converter;
    qint64 m_remaining = 0;
    bool m_flushed = false;
    std::vector<std::int16_t> m_pending; // converted samples not yet handed out
};

// A 16-bit PCM WAV in memory (44-byte header).
QByteArray encodeWav(std::span<const std::int16_t> samples, int sampleRate, int channels = 1);
// Writes a 16-bit PCM WAV file atomically (temp file + rename).
Status writeWavFile(const QString& path, std::span<const std::int16_t> samples, int sampleRate, int channels = 1);

} // namespace utter
