#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace utter::bench
{

// What Whisper hears: its log-Mel front end (16 kHz, 25 ms Hann windows every 10 ms, 80 Slaney Mel bands up to
// 8 kHz, log10 clamped to 8 below the loudest value, scaled (x + 4) / 4), frame by frame.
class WhisperLogMel final
{
public:
    static constexpr int kRate = 16000;
    static constexpr int kWindow = 400;
    static constexpr int kHop = 160;
    static constexpr int kBands = 80;

    WhisperLogMel();
    // One row of kBands values per hop.
    std::vector<std::vector<float>> features(std::span<const std::int16_t> pcm) const;

    // Mean absolute difference of the features of `decoded` against `original`, after shifting `decoded` by the
    // lag (within ±maxLag samples) that best matches the original's waveform. Lower is closer.
    double distance(std::span<const std::int16_t> original, std::span<const std::int16_t> decoded,
                    int maxLag = 160) const;

private:
    std::vector<float> m_window;
    std::vector<float> m_cos, m_sin;       // kWindow × (kWindow/2 + 1)
    std::vector<std::vector<float>> m_mel; // kBands × (kWindow/2 + 1)
};

} // namespace utter::bench
