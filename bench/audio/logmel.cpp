#include "logmel.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace utter::bench
{

namespace
{

constexpr int kBins = WhisperLogMel::kWindow / 2 + 1;

// Slaney's Mel scale (librosa's default, which Whisper's filters use): linear below 1 kHz, logarithmic above.
double hzToMel(double hz)
{
    constexpr double linearStep = 200.0 / 3.0, logStart = 1000.0, melAtLogStart = logStart / linearStep;
    const double logStep = std::log(6.4) / 27.0;
    return hz < logStart ? hz / linearStep : melAtLogStart + std::log(hz / logStart) / logStep;
}

double melToHz(double mel)
{
    constexpr double linearStep = 200.0 / 3.0, logStart = 1000.0, melAtLogStart = logStart / linearStep;
    const double logStep = std::log(6.4) / 27.0;
    return mel < melAtLogStart ? mel * linearStep : logStart * std::exp(logStep * (mel - melAtLogStart));
}

int bestLag(std::span<const std::int16_t> a, std::span<const std::int16_t> b, int maxLag)
{
    const std::size_t n = std::min({a.size(), b.size(), std::size_t(WhisperLogMel::kRate) * 5});
    double best = -1e300;
    int lag = 0;
    for (int l = -maxLag; l <= maxLag; ++l) {
        double sum = 0;
        for (std::size_t i = std::size_t(maxLag); i + std::size_t(maxLag) < n; ++i)
            sum += double(a[i]) * double(b[std::size_t(std::ptrdiff_t(i) + l)]);
        if (sum > best) {
            best = sum;
            lag = l;
        }
    }
    return lag;
}

} // namespace

WhisperLogMel::WhisperLogMel()
    : m_window(kWindow)
    , m_cos(std::size_t(kWindow) * kBins)
    , m_sin(std::size_t(kWindow) * kBins)
    , m_mel(kBands, std::vector<float>(kBins, 0.0f))
{
    const double pi = std::numbers::pi;
    for (int n = 0; n < kWindow; ++n) {
        m_window[std::size_t(n)] = float(0.5 - 0.5 * std::cos(2 * pi * n / kWindow)); // periodic Hann
        for (int k = 0; k < kBins; ++k) {
            m_cos[std::size_t(n) * kBins + std::size_t(k)] = float(std::cos(2 * pi * n * k / kWindow));
            m_sin[std::size_t(n) * kBins + std::size_t(k)] = float(std::sin(2 * pi * n * k / kWindow));
        }
    }
    // Triangles between kBands + 2 points evenly spaced in Mel from 0 to 8 kHz, area-normalised (Slaney).
    std::vector<double> edges(kBands + 2);
    const double top = hzToMel(kRate / 2.0);
    for (int i = 0; i < kBands + 2; ++i)
        edges[std::size_t(i)] = melToHz(top * i / (kBands + 1));
    for (int b = 0; b < kBands; ++b) {
        const double lo = edges[std::size_t(b)], mid = edges[std::size_t(b) + 1], hi = edges[std::size_t(b) + 2];
        for (int k = 0; k < kBins; ++k) {
            const double hz = double(k) * kRate / kWindow;
            const double weight = std::max(0.0, std::min((hz - lo) / (mid - lo), (hi - hz) / (hi - mid)));
            m_mel[std::size_t(b)][std::size_t(k)] = float(weight * 2.0 / (hi - lo));
        }
    }
}

std::vector<std::vector<float>> WhisperLogMel::features(std::span<const std::int16_t> pcm) const
{
    std::vector<std::vector<float>> rows;
    std::vector<float> frame(kWindow), power(kBins);
    float loudest = -1e30f;
    for (std::size_t start = 0; start + kWindow <= pcm.size(); start += kHop) {
        for (int n = 0; n < kWindow; ++n)
            frame[std::size_t(n)] = m_window[std::size_t(n)] * float(pcm[start + std::size_t(n)]) / 32768.0f;
        std::fill(power.begin(), power.end(), 0.0f);
        for (int k = 0; k < kBins; ++k) {
            float re = 0, im = 0;
            for (int n = 0; n < kWindow; ++n) {
                re += frame[std::size_t(n)] * m_cos[std::size_t(n) * kBins + std::size_t(k)];
                im -= frame[std::size_t(n)] * m_sin[std::size_t(n) * kBins + std::size_t(k)];
            }
            power[std::size_t(k)] = re * re + im * im;
        }
        std::vector<float> row(kBands);
        for (int b = 0; b < kBands; ++b) {
            float energy = 0;
            for (int k = 0; k < kBins; ++k)
                energy += m_mel[std::size_t(b)][std::size_t(k)] * power[std::size_t(k)];
            row[std::size_t(b)] = std::log10(std::max(energy, 1e-10f));
            loudest = std::max(loudest, row[std::size_t(b)]);
        }
        rows.push_back(std::move(row));
    }
    for (auto& row : rows)
        for (float& v : row)
            v = (std::max(v, loudest - 8.0f) + 4.0f) / 4.0f;
    return rows;
}

double WhisperLogMel::distance(std::span<const std::int16_t> original, std::span<const std::int16_t> decoded,
                               int maxLag) const
{
    const int lag = bestLag(original, decoded, maxLag);
    const std::size_t skip = std::size_t(std::max(lag, 0));
    const std::size_t lead = std::size_t(std::max(-lag, 0));
    const std::size_t n =
        std::min(original.size() - std::min(original.size(), lead), decoded.size() - std::min(decoded.size(), skip));
    const auto a = features(original.subspan(lead, n));
    const auto b = features(decoded.subspan(skip, n));
    double sum = 0;
    std::size_t count = 0;
    for (std::size_t r = 0; r < std::min(a.size(), b.size()); ++r)
        for (int k = 0; k < kBands; ++k, ++count)
            sum += std::abs(double(a[r][std::size_t(k)]) - double(b[r][std::size_t(k)]));
    return count ? sum / double(count) : 0.0;
}

} // namespace utter::bench
