#include "pcmconverter.h"

#include <samplerate.h>

#include <algorithm>
#include <cmath>

namespace utter
{

struct PcmConverter::State
{
    SRC_STATE* src = nullptr;
    ~State()
    {
        if (src)
            src_delete(src);
    }
};

PcmConverter::PcmConverter(int inputRate, int channels, int outputRate)
    : m_inputRate(inputRate)
    , m_channels(channels)
    , m_outputRate(outputRate)
    , m_state(std::make_unique<State>())
{
    if (inputRate < 1000 || inputRate > 768000 || channels < 1 || channels > 64 || outputRate < 1000) {
        m_error =
            "unsupported audio layout: " + std::to_string(inputRate) + " Hz, " + std::to_string(channels) + " channels";
        return;
    }
    if (inputRate != outputRate) {
        int error = 0;
        m_state->src = src_new(SRC_SINC_MEDIUM_QUALITY, 1, &error);
        if (!m_state->src)
            m_error = std::string("cannot create the resampler: ") + src_strerror(error);
    }
}

PcmConverter::~PcmConverter() = default;

void PcmConverter::pushS16(std::span<const std::int16_t> interleaved, std::vector<std::int16_t>& out)
{
    if (m_channels == 1 && isPassthrough()) {
        out.insert(out.end(), interleaved.begin(), interleaved.end());
        return;
    }
    std::vector<float> f(interleaved.size());
    std::transform(interleaved.begin(), interleaved.end(), f.begin(),
                   [](std::int16_t s) { return float(s) / 32768.0f; });
    push(f, out);
}

void PcmConverter::push(std::span<const float> interleaved, std::vector<std::int16_t>& out)
{
    if (!isValid())
        return;
    const std::size_t frames = interleaved.size() / std::size_t(m_channels);
    m_mono.resize(frames);
    if (m_channels == 1) {
        std::copy_n(interleaved.begin(), frames, m_mono.begin());
    } else {
        const float scale = 1.0f / float(m_channels);
        for (std::size_t i = 0; i < frames; ++i) {
            float sum = 0.0f;
            for (int c = 0; c < m_channels; ++c)
                sum += interleaved[i * std::size_t(m_channels) + std::size_t(c)];
            m_mono[i] = sum * scale;
        }
    }
    process(m_mono.data(), long(frames), false, out);
}

void PcmConverter::flush(std::vector<std::int16_t>& out)
{
    static const float nothing = 0.0f; // libsamplerate rejects a null input pointer even for zero frames
    if (isValid() && m_state->src)
        process(&nothing, 0, true, out);
}

void PcmConverter::process(const float* input, long frames, bool last, std::vector<std::int16_t>& out)
{
    const auto toS16 = [](float v) { return std::int16_t(std::lrint(std::clamp(v * 32768.0f, -32768.0f, 32767.0f))); };
    if (!m_state->src) {
        for (long i = 0; i < frames; ++i)
            out.push_back(toS16(input[i]));
        return;
    }
    const double ratio = double(m_outputRate) / double(m_inputRate);
    const long capacity = long(double(frames) * ratio) + 256;
    m_resampled.resize(std::size_t(capacity));
    SRC_DATA data{};
    data.data_in = input;
    data.input_frames = frames;
    data.src_ratio = ratio;
    data.end_of_input = last ? 1 : 0;
    // The resampler may not take everything (or, at the end, produce everything) in one call.
    while (true) {
        data.data_out = m_resampled.data();
        data.output_frames = capacity;
        const int error = src_process(m_state->src, &data);
        if (error != 0) {
            m_error = std::string("resampling failed: ") + src_strerror(error);
            return;
        }
        for (long i = 0; i < data.output_frames_gen; ++i)
            out.push_back(toS16(m_resampled[std::size_t(i)]));
        data.data_in += data.input_frames_used;
        data.input_frames -= data.input_frames_used;
        if (data.input_frames <= 0 && (!last || data.output_frames_gen == 0))
            break;
    }
}

} // namespace utter
