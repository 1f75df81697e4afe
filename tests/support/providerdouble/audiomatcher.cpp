#include "audiomatcher.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>

namespace utter::test
{

namespace
{

constexpr int FrameSize = 512; // 32 ms window
constexpr int Hop = 160;       // 10 ms
constexpr int BandCount = 20;
constexpr float SilenceFloor = 4.0f; // log10 energy of a frame below which it counts as silence

void fft(std::vector<std::complex<float>>& a)
{
    const size_t n = a.size();
    for (size_t i = 1, j = 0; i < n; ++i) {
        size_t bit = n >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j)
            std::swap(a[i], a[j]);
    }
    for (size_t len = 2; len <= n; len <<= 1) {
        const float angle = -2.0f * std::numbers::pi_v<float> / float(len);
        const std::complex<float> wl(std::cos(angle), std::sin(angle));
        for (size_t i = 0; i < n; i += len) {
            std::complex<float> w(1);
            for (size_t k = 0; k < len / 2; ++k) {
                const std::complex<float> u = a[i + k];
                const std::complex<float> v = a[i + k + len / 2] * w;
                a[i + k] = u + v;
                a[i + k + len / 2] = u - v;
                w *= wl;
            }
        }
    }
}

const std::vector<int>& bandEdges()
{
    // Log-spaced from 150 Hz to 6 kHz, as FFT bin indexes (16000 / 512 = 31.25 Hz per bin).
    static const std::vector<int> edges = [] {
        std::vector<int> e;
        for (int b = 0; b <= BandCount; ++b) {
            const double hz = 150.0 * std::pow(6000.0 / 150.0, double(b) / BandCount);
            e.push_back(std::max(1, int(std::lround(hz / (16000.0 / FrameSize)))));
        }
        return e;
    }();
    return edges;
}

} // namespace

AudioMatcher::Features AudioMatcher::extract(const QList<qint16>& pcm)
{
    Features f;
    static const std::vector<float> window = [] {
        std::vector<float> w(FrameSize);
        for (int i = 0; i < FrameSize; ++i)
            w[i] = 0.5f - 0.5f * std::cos(2.0f * std::numbers::pi_v<float> * float(i) / float(FrameSize - 1));
        return w;
    }();
    const std::vector<int>& edges = bandEdges();
    std::vector<std::complex<float>> buffer(FrameSize);
    for (qsizetype start = 0; start + FrameSize <= pcm.size(); start += Hop) {
        double energy = 0;
        for (int i = 0; i < FrameSize; ++i) {
            const float s = float(pcm.at(start + i));
            energy += double(s) * s;
            buffer[i] = std::complex<float>(s * window[i], 0);
        }
        fft(buffer);
        std::vector<float> bands(BandCount);
        float mean = 0;
        for (int b = 0; b < BandCount; ++b) {
            double sum = 0;
            for (int k = edges[b]; k < std::max(edges[b] + 1, edges[b + 1]); ++k)
                sum += std::norm(buffer[k]);
            bands[b] = float(std::log10(sum + 1.0));
            mean += bands[b];
        }
        mean /= BandCount;
        for (float& v : bands)
            v -= mean;
        const float logEnergy = float(std::log10(energy / FrameSize + 1.0));
        f.bands.push_back(std::move(bands));
        f.energy.push_back(logEnergy);
        f.voiced.push_back(logEnergy > SilenceFloor);
    }
    return f;
}

void AudioMatcher::addClip(const QList<qint16>& pcm16k)
{
    m_clips.push_back(extract(pcm16k));
}

double AudioMatcher::distance(const Features& clip, const Features& audio, size_t offset)
{
    double total = 0;
    size_t counted = 0;
    for (size_t i = 0; i < clip.bands.size(); ++i) {
        const size_t j = offset + i;
        if (!clip.voiced[i]) {
            // Silence inside the clip must be quiet in the audio too.
            total += audio.voiced[j] ? 1.0 : 0.0;
            ++counted;
            continue;
        }
        if (!audio.voiced[j]) {
            total += 1.5;
            ++counted;
            continue;
        }
        double d = 0;
        for (int b = 0; b < BandCount; ++b) {
            const double diff = clip.bands[i][b] - audio.bands[j][b];
            d += diff * diff;
        }
        total += std::sqrt(d / BandCount);
        ++counted;
    }
    return counted ? total / double(counted) : 1e9;
}

QList<AudioMatcher::Match> AudioMatcher::identify(const QList<qint16>& pcm16k) const
{
    const Features audio = extract(pcm16k);
    struct Candidate
    {
        int clip;
        size_t offset;
        size_t length;
        double distance;
    };
    std::vector<Candidate> candidates;
    for (size_t c = 0; c < m_clips.size(); ++c) {
        const Features& clip = m_clips[c];
        const size_t length = clip.bands.size();
        if (length == 0 || length > audio.bands.size())
            continue;
        // Local minima below the threshold, scanning every 10 ms.
        double previous = 1e9;
        bool descending = false;
        for (size_t offset = 0; offset + length <= audio.bands.size(); ++offset) {
            if (!audio.voiced[offset] && clip.voiced[0] && offset + 1 + length <= audio.bands.size() &&
                !audio.voiced[offset + 1]) {
                previous = 1e9;
                continue;
            }
            const double d = distance(clip, audio, offset);
            if (d > previous && descending && previous < threshold)
                candidates.push_back({int(c), offset - 1, length, previous});
            descending = d < previous;
            previous = d;
        }
        if (descending && previous < threshold)
            candidates.push_back({int(c), audio.bands.size() - length, length, previous});
    }
    // Best first; a candidate overlapping an accepted match by more than a fifth of its length is dropped.
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& a, const Candidate& b) { return a.distance < b.distance; });
    std::vector<Candidate> accepted;
    for (const Candidate& cand : candidates) {
        bool overlaps = false;
        for (const Candidate& a : accepted) {
            const size_t begin = std::max(a.offset, cand.offset);
            const size_t end = std::min(a.offset + a.length, cand.offset + cand.length);
            if (end > begin && (end - begin) * 5 > std::min(a.length, cand.length)) {
                overlaps = true;
                break;
            }
        }
        if (!overlaps)
            accepted.push_back(cand);
    }
    std::sort(accepted.begin(), accepted.end(),
              [](const Candidate& a, const Candidate& b) { return a.offset < b.offset; });
    QList<Match> out;
    for (const Candidate& a : accepted) {
        const double start = double(a.offset) * Hop / 16000.0;
        out.append({a.clip, start, start + double(a.length) * Hop / 16000.0, a.distance});
    }
    return out;
}

double AudioMatcher::voicedSeconds(const QList<qint16>& pcm16k)
{
    const Features f = extract(pcm16k);
    return double(std::count(f.voiced.begin(), f.voiced.end(), true)) * Hop / 16000.0;
}

} // namespace utter::test
