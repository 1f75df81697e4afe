#pragma once

#include "common/result.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace utter
{

// A decoded audio file, read block by block as 16 kHz mono s16 (the pipeline's format) so that a two-hour
// recording never sits in memory whole. Implementations: WAV and Ogg Opus natively, anything else through
// Qt's QAudioDecoder (which needs a running QCoreApplication; read() spins a local event loop).
class AudioReader
{
public:
    virtual ~AudioReader() = default;

    // Appends up to maxSamples samples to out. Returns how many were appended; 0 means the end of the file.
    virtual Result<std::size_t> read(std::vector<std::int16_t>& out, std::size_t maxSamples) = 0;

    // "WAV, 44100 Hz, 2 ch, 16-bit" — for messages and `utter segment`.
    virtual QString description() const = 0;
    // Length of the source when the container says so.
    virtual std::optional<double> durationSeconds() const { return std::nullopt; }
};

// Opens any audio file Utter accepts. WAV (RIFF/WAVE, RF64 not supported) and Ogg Opus are recognised by
// their magic bytes and decoded natively; a file that looks like one of them but is damaged gives a clear
// error rather than a second guess. Anything else goes to QAudioDecoder.
Result<std::unique_ptr<AudioReader>> openAudioFile(const QString& path);

// Convenience for short files: the whole file at 16 kHz mono. Refuses files longer than maxSeconds.
Result<std::vector<std::int16_t>> decodeAnyAudio(const QString& path, double maxSeconds = 3600.0);

} // namespace utter
