#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <span>

namespace utter
{

// Input level for the UI: RMS and peak in dBFS over one metering period.
struct AudioLevel
{
    float rmsDbfs = -120.0f;
    float peakDbfs = -120.0f;
};

// Cuts a sample stream into metering periods (~30 per second) and reports each period's level. Pure C++.
class LevelMeter final
{
public:
    explicit LevelMeter(int sampleRate = 16000, int updatesPerSecond = 30)
        : m_period(std::max(1, sampleRate / std::max(1, updatesPerSecond)))
    {}

    // Calls report(AudioLevel) once per completed period.
    template<typename Report>
    void push(std::span<const std::int16_t> samples, Report&& report)
    {
        for (const std::int16_t s : samples) {
            const double v = double(s);
            m_sum += v * v;
            m_peak = std::max(m_peak, std::abs(int(s)));
            if (++m_count == m_period) {
                AudioLevel level;
                level.rmsDbfs = toDb(std::sqrt(m_sum / m_count) / 32768.0);
                level.peakDbfs = toDb(double(m_peak) / 32768.0);
                report(level);
                m_sum = 0.0;
                m_peak = 0;
                m_count = 0;
            }
        }
    }

    static float toDb(double linear) { return linear <= 1e-6 ? -120.0f : float(20.0 * std::log10(linear)); }

private:
    int m_period;
    int m_count = 0;
    double m_sum = 0.0;
    int m_peak = 0;
};

} // namespace utter
