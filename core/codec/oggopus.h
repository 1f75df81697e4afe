#pragma once

#include "audioreader.h"
#include "pcmconverter.h"

#include <QByteArray>

#include <memory>
#include <span>

namespace utter
{

// Which of Opus' two coders carries the audio: SILK, built for speech (libopus' VOIP application), or CELT, the
// transform coder (libopus' restricted low-delay application), which encodes several times faster.
enum class OpusApplication
{
    Voip,
    LowDelay,
};

struct OggOpusOptions
{
    int sampleRate = kPipelineSampleRate; // of the PCM handed to write(): 8, 12, 16, 24 or 48 kHz, encoded as is
    int channels = 1;
    int bitrate = 24000; // bits per second, VBR
    int complexity = 10; // libopus 0..10
    OpusApplication application = OpusApplication::Voip;
};

// Ogg Opus encoder (libopus at the PCM's own rate, OPUS_SIGNAL_VOICE, 20 ms packets; libogg pages; RFC 7845)
// writing to memory or atomically to a file.
class OggOpusEncoder final
{
public:
    static Result<std::unique_ptr<OggOpusEncoder>> toMemory(const OggOpusOptions& options = {});
    // The file appears only when finish() succeeds (QSaveFile: temp file + rename).
    static Result<std::unique_ptr<OggOpusEncoder>> toFile(const QString& path, const OggOpusOptions& options = {});
    ~OggOpusEncoder();
    OggOpusEncoder(const OggOpusEncoder&) = delete;
    OggOpusEncoder& operator=(const OggOpusEncoder&) = delete;

    // Interleaved s16 samples (frames * channels).
    Status write(std::span<const std::int16_t> samples);
    // Drains the encoder. For memory output returns the Ogg bytes; for file output an empty array.
    Result<QByteArray> finish();

    // Memory output only: puts every packet encoded so far on a complete page (a page costs 27 bytes plus one per
    // packet) and returns the stream up to there, valid until the next call on this encoder. The journal appends
    // that to disk while a chunk is spoken; finish() later continues the same stream.
    QByteArrayView flushedStream();

private:
    struct Impl;
    explicit OggOpusEncoder(std::unique_ptr<Impl> impl);
    static Result<std::unique_ptr<OggOpusEncoder>> create(std::unique_ptr<Impl> impl, const OggOpusOptions& options);
    std::unique_ptr<Impl> m_impl;
};

// One-shot helpers.
Result<QByteArray> encodeOggOpus(std::span<const std::int16_t> samples, const OggOpusOptions& options = {});
Status writeOggOpusFile(const QString& path, std::span<const std::int16_t> samples, const OggOpusOptions& options = {});

// Decodes Ogg Opus (libopusfile) as 16 kHz mono s16. A stream without its final end-of-stream page (a file cut
// short) is refused unless allowTruncated; damaged pages are errors, never noise.
class OggOpusReader final : public AudioReader
{
public:
    static Result<std::unique_ptr<OggOpusReader>> openFile(const QString& path, bool allowTruncated = false);
    static Result<std::unique_ptr<OggOpusReader>> openMemory(QByteArray bytes, bool allowTruncated = false);
    ~OggOpusReader() override;

    Result<std::size_t> read(std::vector<std::int16_t>& out, std::size_t maxSamples) override;
    QString description() const override;
    std::optional<double> durationSeconds() const override;

private:
    struct Impl;
    explicit OggOpusReader(std::unique_ptr<Impl> impl);
    static Result<std::unique_ptr<OggOpusReader>> finishOpen(std::unique_ptr<Impl> impl, int error,
                                                             const QString& name);
    std::unique_ptr<Impl> m_impl;
};

// The whole stream at 16 kHz mono.
Result<std::vector<std::int16_t>> decodeOggOpus(const QByteArray& bytes);

// True when the bytes end with a complete Ogg page carrying the end-of-stream flag.
bool oggEndsWithEos(const QByteArray& tail);

// A stream cut off while it was written (OggOpusEncoder::flushedStream() appended to a file, then a crash) made
// whole again: every complete page up to the last one that ends a packet, that page marked end-of-stream. No audio
// is re-encoded. Error{Corrupt} when not even one page of audio survived.
struct ClosedOggOpus
{
    QByteArray stream;
    qint64 durationMs = 0;
};
Result<ClosedOggOpus> closeTruncatedOggOpus(const QByteArray& bytes);

} // namespace utter
