#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace utter
{

// Sample rate of everything after capture and decoding: VAD, chunks, uploads.
inline constexpr int kPipelineSampleRate = 16000;

// Converts interleaved float PCM of any rate and channel count into mono s16 at a target rate: channels are
// averaged, the rate is changed with libsamplerate (band-limited sinc, not a linear interpolator). Streaming:
// call push() per block, then flush() once at the end to get the resampler's tail. Pure C++.
class PcmConverter final
{
public:
    PcmConverter(int inputRate, int channels, int outputRate = kPipelineSampleRate);
    ~PcmConverter();
    PcmConverter(const PcmConverter&) = delete;
    PcmConverter& operator=(const PcmConverter&) = delete;

    bool isValid() const { return m_error.empty(); }
    const std::string& errorString() const { return m_error; }
    bool isPassthrough() const { return m_inputRate == m_outputRate; }

    // Appends the converted samples to out.
    void push(std::span<const float> interleaved, std::vector<std::int16_t>& out);
    void flush(std::vector<std::int16_t>& out);

    // Helpers for the common input layouts.
    void pushS16(std::span<const std::int16_t> interleaved, std::vector<std::int16_t>& out);

private:
    void process(const float* input, long frames, bool last, std::vector<std::int16_t>& out);

    struct State;
    int m_inputRate;
    int m_channels;
    int m_outputRate;
    std::string m_error;
    std::unique_ptr<State> m_state;
    std::vector<float> m_mono;
    std::vector<float> m_resampled;
};

} // namespace utter
