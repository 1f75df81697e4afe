#pragma once

#include "audioreader.h"
#include "pcmconverter.h"

#include <QAudioDecoder>

namespace utter
{

// Reads formats Utter does not decode itself (MP3, FLAC, AAC, Vorbis, ...) through Qt's QAudioDecoder
// (GStreamer on Linux). Needs a QCoreApplication in this thread: read() runs a local event loop until the
// decoder hands over a buffer. The decoder's pipeline holds only a few buffers, so memory stays bounded.
class QtAudioReader final : public AudioReader
{
public:
    static Result<std::unique_ptr<QtAudioReader>> open(const QString& path);
    ~QtAudioReader() override;

    Result<std::size_t> read(std::vector<std::int16_t>& out, std::size_t maxSamples) override;
    QString description() const override;
    std::optional<double> durationSeconds() const override;

private:
    explicit QtAudioReader(const QString& path);
    void take(const QAudioBuffer& buffer);

    QString m_path;
    QAudioDecoder m_decoder;
    std::unique_ptr<PcmConverter> m_converter;
    QAudioFormat m_format;
    std::vector<std::int16_t> m_pending;
    std::vector<float> m_floats;
    bool m_finished = false;
    bool m_flushed = false;
    QString m_error;
};

} // namespace utter
