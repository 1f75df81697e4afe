#include "energyvad.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace utter
{

namespace
{

constexpr float kTiny = 1e-12f;    // keeps log10 finite on digital silence
constexpr float kNoiseBias = 1.6f; // the minimum of a smoothed power underestimates its mean
// The quietest noise floor a microphone at speaking gain delivers (white, RMS). Exact digital silence, as a capture
// chain with a noise gate gives between words, is judged as this floor: against a floor of nothing, the first sound
// after the gate opens (keys, a room's hum) stands 80 dB and more out and looks as clear as a voice.
constexpr double kQuietestFloorDbfs = -75.0;
constexpr float kSmoothing = 0.55f; // weight of the previous frame in the smoothed band power
constexpr float kSlopeDb = 1.5f;    // width of the logistic curve around the centre
constexpr double kLowHz = 150.0;
// Voicing: the autocorrelation of the frame's 60 Hz–2 kHz band (from the power spectrum feature() computed, with one
// more FFT), normalised by the window's own, searched for a pitch of 70–400 Hz. Only frames judged speech need it.
constexpr double kAcfLowHz = 60.0;
constexpr double kAcfHighHz = 2000.0;
constexpr double kMinPitchHz = 70.0;
constexpr double kMaxPitchHz = 400.0;
constexpr float kOctaveTolerance = 0.85f;
constexpr double kHighHz = 4000.0;
// The hang-over follows how clearly the speech stood out (its peak mean band SNR): hangoverMs × 1.4 for speech
// peaking at 12 dB or less (0–5 dB SNR), × 0.5 from 24 dB up (20 dB SNR and cleaner), linear between
// (bench/audio: F1 and chunk boundaries per SNR).
constexpr double kTransientShare = 0.7;    // of a frame's energy in one quarter: a click, not the start of speech
constexpr float kSustainedWithinDb = 6.0f; // of the loudest frame of the run
constexpr float kUnclearPeakDb = 16.0f;
constexpr float kClearPeakDb = 24.0f;
constexpr float kUnclearHangoverScale = 1.0f;
constexpr float kClearHangoverScale = 0.5f;

} // namespace

// A click or a key stroke: most of the frame's energy within 5 ms of it. Speech, even a plosive, carries on
// through the frame after it starts.
bool isTransient(std::span<const std::int16_t> frame, int sampleRate)
{
    const std::size_t window = std::size_t(sampleRate / 200);
    if (frame.size() <= window)
        return false;
    double total = 0.0;
    for (const std::int16_t s : frame)
        total += double(s) * double(s);
    double inWindow = 0.0, most = 0.0;
    for (std::size_t i = 0; i < frame.size(); ++i) {
        inWindow += double(frame[i]) * double(frame[i]);
        if (i >= window)
            inWindow -= double(frame[i - window]) * double(frame[i - window]);
        most = std::max(most, inWindow);
    }
    return total > 0.0 && most > kTransientShare * total;
}

float levelDbfs(std::span<const std::int16_t> samples)
{
    if (samples.empty())
        return -120.0f;
    double sum = 0.0;
    for (const std::int16_t s : samples)
        sum += double(s) * double(s);
    const double rms = std::sqrt(sum / double(samples.size())) / 32768.0;
    return rms <= 1e-6 ? -120.0f : float(20.0 * std::log10(rms));
}

EnergyVad::EnergyVad(VadConfig config)
    : m_config(config)
{
    m_config.sampleRate = std::max(8000, m_config.sampleRate);
    m_config.frameMs = std::clamp(m_config.frameMs, 10, 30);
    m_frameSamples = std::size_t(m_config.frameSamples());
    const double sensitivity = std::clamp(m_config.sensitivity, 0.0, 1.0);
    // Sensitivity 0 wants ~9 dB of band SNR, 1 accepts ~2 dB; 0.5 sits at ~5 dB.
    m_centreDb = float(9.0 - 7.0 * sensitivity);
    m_onsetFrames = std::max(1, m_config.onsetMs / m_config.frameMs);
    m_hangoverFrames = std::max(1, m_config.hangoverMs / m_config.frameMs);
    m_framesPerSubWindow = std::max(1, int(m_config.noiseWindowMs / m_config.frameMs / int(kSubWindows)));

    m_window.resize(kFftSize);
    for (std::size_t i = 0; i < kFftSize; ++i)
        m_window[i] = float(0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * double(i) / double(kFftSize - 1)));
    m_twiddles.resize(kFftSize / 2);
    for (std::size_t i = 0; i < kFftSize / 2; ++i)
        m_twiddles[i] = std::polar(1.0f, float(-2.0 * std::numbers::pi * double(i) / double(kFftSize)));
    // Every transform here is of kFftSize real values, done as a complex FFT of half the size (realFft).
    m_bitReverse.resize(kFftSize / 2);
    std::size_t bits = 0;
    while ((std::size_t(1) << bits) < kFftSize / 2)
        ++bits;
    for (std::size_t i = 0; i < kFftSize / 2; ++i) {
        std::size_t r = 0;
        for (std::size_t b = 0; b < bits; ++b)
            r |= ((i >> b) & 1U) << (bits - 1 - b);
        m_bitReverse[i] = r;
    }
    // Bands evenly spaced on a log-frequency axis: speech formants carry similar weight in each.
    const double binHz = double(m_config.sampleRate) / double(kFftSize);
    const double high = std::min(kHighHz, double(m_config.sampleRate) / 2.0 - binHz);
    for (std::size_t b = 0; b <= kBands; ++b) {
        const double hz = kLowHz * std::pow(high / kLowHz, double(b) / double(kBands));
        m_bandEdges[b] = std::size_t(std::lround(hz / binHz));
    }
    for (std::size_t b = 1; b <= kBands; ++b)
        m_bandEdges[b] = std::max(m_bandEdges[b], m_bandEdges[b - 1] + 1);
    m_real.resize(kFftSize);
    m_packed.resize(kFftSize / 2);
    m_spectrum.resize(kFftSize / 2 + 1);
    m_acf.resize(kFftSize / 2 + 1);
    // The window's autocorrelation: the raw autocorrelation of a windowed periodic signal falls off with the lag by
    // this much, so dividing by it makes peaks at long lags (low voices) comparable with short ones.
    m_windowAcf.assign(kFftSize, 0.0f);
    for (std::size_t lag = 0; lag < kFftSize; ++lag) {
        double sum = 0.0;
        for (std::size_t i = 0; i + lag < kFftSize; ++i)
            sum += double(m_window[i]) * m_window[i + lag];
        m_windowAcf[lag] = float(sum);
    }
    for (std::size_t lag = kFftSize; lag-- > 0;)
        m_windowAcf[lag] /= m_windowAcf[0];
    // A band's power per bin of white noise at kQuietestFloorDbfs: its variance times the window's energy.
    double windowEnergy = 0.0;
    for (const float w : m_window)
        windowEnergy += double(w) * w;
    m_quietestFloor = float(std::pow(10.0, kQuietestFloorDbfs / 10.0) * windowEnergy);
    reset();
}

void EnergyVad::reset()
{
    m_history.assign(kFftSize, 0.0f);
    m_smoothed.fill(0.0f);
    m_previousDb.fill(-120.0f);
    for (auto& sub : m_subMin)
        sub.fill(std::numeric_limits<float>::max());
    m_currentMin.fill(std::numeric_limits<float>::max());
    m_subFrame = 0;
    m_subIndex = 0;
    m_subFilled = 0;
    m_frames = 0;
    m_filled = 0;
    m_speech = false;
    m_aboveRun = 0;
    m_belowRun = 0;
    m_sustainedInRun = false;
    m_runPeakDbfs = -120.0f;
    m_segmentPeakDb = 0.0f;
    m_lastFeature = 0.0f;
}

void EnergyVad::restart()
{
    // The noise floor (the sub-window minima) stays; the analysis window, the smoothing and the decision start over,
    // so the first frames are judged on their own audio against the learned floor.
    m_history.assign(kFftSize, 0.0f);
    m_filled = 0;
    m_frames = 0;
    m_speech = false;
    m_aboveRun = 0;
    m_belowRun = 0;
    m_sustainedInRun = false;
    m_runPeakDbfs = -120.0f;
    m_segmentPeakDb = 0.0f;
    m_lastFeature = 0.0f;
}

void EnergyVad::fft(std::vector<std::complex<float>>& data) const
{
    const std::size_t n = data.size(); // kFftSize / 2
    for (std::size_t i = 0; i < n; ++i) {
        if (i < m_bitReverse[i])
            std::swap(data[i], data[m_bitReverse[i]]);
    }
    for (std::size_t len = 2; len <= n; len <<= 1) {
        const std::size_t half = len / 2;
        const std::size_t step = kFftSize / len; // m_twiddles are of kFftSize: twice the stride of n's
        for (std::size_t start = 0; start < n; start += len) {
            for (std::size_t k = 0; k < half; ++k) {
                const std::complex<float> t = m_twiddles[k * step] * data[start + k + half];
                data[start + k + half] = data[start + k] - t;
                data[start + k] += t;
            }
        }
    }
}

void EnergyVad::realFft(const std::vector<float>& in, std::vector<std::complex<float>>& out)
{
    // The even samples as real parts and the odd ones as imaginary parts: one FFT of half the size holds both
    // spectra, E[k] + i O[k]. They are separated by the symmetry of a real signal's spectrum, and X[k] = E[k] + w^k
    // O[k].
    constexpr std::size_t half = kFftSize / 2;
    for (std::size_t i = 0; i < half; ++i)
        m_packed[i] = {in[2 * i], in[2 * i + 1]};
    fft(m_packed);
    out[0] = {m_packed[0].real() + m_packed[0].imag(), 0.0f};
    out[half] = {m_packed[0].real() - m_packed[0].imag(), 0.0f};
    for (std::size_t k = 1; k < half; ++k) {
        const std::complex<float> a = m_packed[k], b = std::conj(m_packed[half - k]);
        const std::complex<float> even = 0.5f * (a + b);
        const std::complex<float> odd = std::complex<float>(0.0f, -0.5f) * (a - b);
        out[k] = even + m_twiddles[k] * odd;
    }
}

float EnergyVad::feature(std::span<const std::int16_t> frame)
{
    // Slide the analysis window: the newest frame plus the tail of the previous ones.
    const std::size_t n = std::min(frame.size(), kFftSize);
    std::move(m_history.begin() + std::ptrdiff_t(n), m_history.end(), m_history.begin());
    for (std::size_t i = 0; i < n; ++i)
        m_history[kFftSize - n + i] = float(frame[frame.size() - n + i]) / 32768.0f;
    for (std::size_t i = 0; i < kFftSize; ++i)
        m_real[i] = m_history[i] * m_window[i];
    realFft(m_real, m_spectrum);

    std::array<float, kBands> power{};
    for (std::size_t b = 0; b < kBands; ++b) {
        float sum = 0.0f;
        for (std::size_t k = m_bandEdges[b]; k < m_bandEdges[b + 1]; ++k)
            sum += std::norm(m_spectrum[k]);
        power[b] = sum / float(m_bandEdges[b + 1] - m_bandEdges[b]) + kTiny;
    }
    // The spectral shape the voice gate uses: flatness, flux and centroid of the band powers, none taken to be below
    // the quietest room's (exact zeros inside a word, as a noise gate or a synthesiser gives, would otherwise make
    // the next frame's flux 100 dB and more).
    {
        double logSum = 0.0, sum = 0.0, weighted = 0.0, flux = 0.0;
        for (std::size_t b = 0; b < kBands; ++b) {
            const float heard = std::max(power[b], m_quietestFloor);
            const float db = 10.0f * std::log10(heard);
            logSum += std::log(double(heard));
            sum += heard;
            weighted += double(b) * heard;
            flux += std::abs(db - m_previousDb[b]);
            m_previousDb[b] = db;
        }
        m_shapeFlatness = float(std::exp(logSum / double(kBands)) / (sum / double(kBands)));
        m_shapeFlux = float(flux / double(kBands));
        m_shapeCentroid = float(weighted / sum);
    }

    // Until the analysis window has been filled once it still holds reset()'s zeros: that power is too low and,
    // taken into the minimum, would hold the noise floor down for a whole noiseWindowMs (steady noise at the start
    // of a stream then looks like speech). Such frames say nothing.
    m_filled = std::min(kFftSize, m_filled + n);
    if (m_filled < kFftSize)
        return 0.0f;
    const bool first = m_frames == 0;
    for (std::size_t b = 0; b < kBands; ++b) {
        m_smoothed[b] = first ? power[b] : kSmoothing * m_smoothed[b] + (1.0f - kSmoothing) * power[b];
        m_currentMin[b] = std::min(m_currentMin[b], m_smoothed[b]);
    }
    // Minimum statistics: the noise floor is the lowest smoothed power over the last kSubWindows sub-windows
    // (including the one being filled), so it falls at once in a quiet gap and rises within noiseWindowMs.
    if (++m_subFrame >= m_framesPerSubWindow) {
        m_subMin[m_subIndex] = m_currentMin;
        m_subIndex = (m_subIndex + 1) % kSubWindows;
        m_subFilled = std::min(m_subFilled + 1, kSubWindows);
        m_currentMin.fill(std::numeric_limits<float>::max());
        m_subFrame = 0;
    }
    float sumSnr = 0.0f;
    for (std::size_t b = 0; b < kBands; ++b) {
        float floor = m_currentMin[b];
        for (std::size_t s = 0; s < m_subFilled; ++s)
            floor = std::min(floor, m_subMin[s][b]);
        if (floor == std::numeric_limits<float>::max())
            floor = m_smoothed[b];
        floor = std::max(floor, m_quietestFloor / kNoiseBias); // as the minimum of such a floor would be
        const float snr = 10.0f * std::log10(m_smoothed[b] / (floor * kNoiseBias));
        sumSnr += std::max(0.0f, snr);
    }
    ++m_frames;
    return sumSnr / float(kBands);
}

void EnergyVad::voicing(VadDecision& decision)
{
    const double binHz = double(m_config.sampleRate) / double(kFftSize);
    const std::size_t low = std::size_t(std::ceil(kAcfLowHz / binHz));
    const std::size_t high = std::min(kFftSize / 2 - 1, std::size_t(kAcfHighHz / binHz));
    std::fill(m_real.begin(), m_real.end(), 0.0f);
    for (std::size_t k = low; k <= high; ++k) {
        const float c = std::norm(m_spectrum[k]);
        m_real[k] = c;
        m_real[kFftSize - k] = c;
    }
    realFft(m_real, m_acf); // the spectrum is real and even: its forward transform is the autocorrelation (scaled)
    const float zero = m_acf[0].real();
    if (zero <= 0.0f)
        return;
    const std::size_t minLag = std::size_t(double(m_config.sampleRate) / kMaxPitchHz);
    const std::size_t maxLag = std::min(kFftSize / 2 - 1, std::size_t(double(m_config.sampleRate) / kMinPitchHz));
    // The highest peak, but a multiple of the period scores about as high as the period itself: the shortest lag
    // within kOctaveTolerance of the highest wins, so a high voice is not taken for its own subharmonic.
    std::array<std::pair<std::size_t, float>, 32> peaks{};
    std::size_t count = 0;
    float highest = 0.0f;
    for (std::size_t lag = minLag; lag <= maxLag && count < peaks.size(); ++lag) {
        const float r = m_acf[lag].real();
        if (r > m_acf[lag - 1].real() && r >= m_acf[lag + 1].real()) {
            const float v = r / (zero * m_windowAcf[lag]);
            peaks[count++] = {lag, v};
            highest = std::max(highest, v);
        }
    }
    float best = 0.0f;
    std::size_t bestLag = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (peaks[i].second >= kOctaveTolerance * highest) {
            bestLag = peaks[i].first;
            best = peaks[i].second;
            break;
        }
    }
    decision.periodicity = std::clamp(best, 0.0f, 1.0f);
    if (bestLag == 0)
        return;
    // Parabolic interpolation around the peak: pitch changes of a fraction of a sample matter.
    const float a = m_acf[bestLag - 1].real(), b = m_acf[bestLag].real(), c = m_acf[bestLag + 1].real();
    const float denominator = a - 2.0f * b + c;
    const float shift = denominator < 0.0f ? std::clamp(0.5f * (a - c) / denominator, -0.5f, 0.5f) : 0.0f;
    decision.pitchHz = float(m_config.sampleRate) / (float(bestLag) + shift);
}

VadDecision EnergyVad::process(std::span<const std::int16_t> frame)
{
    VadDecision decision;
    decision.levelDbfs = levelDbfs(frame);
    const float featureDb = feature(frame);
    m_lastFeature = featureDb;
    decision.snrDb = featureDb;
    float probability = 1.0f / (1.0f + std::exp(-(featureDb - m_centreDb) / kSlopeDb));
    if (decision.levelDbfs < float(m_config.silenceFloorDbfs))
        probability = 0.0f;
    decision.probability = probability;

    if (!m_speech) {
        const bool above = probability >= float(m_config.startProbability);
        m_aboveRun = above ? m_aboveRun + 1 : 0;
        // The frame after a click still scores high (the analysis window and the smoothing remember the
        // click), but its own level has fallen back: only a frame as loud as the run so far is sustained.
        m_runPeakDbfs = m_aboveRun > 1 ? std::max(m_runPeakDbfs, decision.levelDbfs) : decision.levelDbfs;
        m_sustainedInRun = above && (m_sustainedInRun || (decision.levelDbfs >= m_runPeakDbfs - kSustainedWithinDb &&
                                                          !isTransient(frame, m_config.sampleRate)));
        if (m_aboveRun >= m_onsetFrames && m_sustainedInRun) {
            m_speech = true;
            m_belowRun = 0;
            m_segmentPeakDb = featureDb;
        }
    } else {
        m_segmentPeakDb = std::max(m_segmentPeakDb, featureDb);
        m_belowRun = probability < float(m_config.stopProbability) ? m_belowRun + 1 : 0;
        // Clear speech ends sooner, speech barely above the noise later: in noise the quiet frames inside a word
        // look like pauses, and a short hang-over would cut there.
        const float clarity =
            std::clamp((m_segmentPeakDb - kUnclearPeakDb) / (kClearPeakDb - kUnclearPeakDb), 0.0f, 1.0f);
        const float scale = kUnclearHangoverScale + clarity * (kClearHangoverScale - kUnclearHangoverScale);
        const int hang = std::max(1, int(std::lround(float(m_hangoverFrames) * scale)));
        if (m_belowRun >= hang) {
            m_speech = false;
            m_aboveRun = 0;
        }
    }
    decision.speech = m_speech;
    decision.flatness = m_shapeFlatness;
    decision.flux = m_shapeFlux;
    decision.centroid = m_shapeCentroid;
    decision.transient = isTransient(frame, m_config.sampleRate);
    if (m_speech)
        voicing(decision);
    return decision;
}

} // namespace utter
