#pragma once

#include "vadbackend.h"

#include <array>
#include <complex>
#include <vector>

namespace utter
{

// Utter's own detector. Each frame is windowed, transformed and split into speech bands (150 Hz–4 kHz); each
// band is compared with its own noise floor (the minimum smoothed energy over the last noiseWindowMs, which
// follows the room up and down). The mean per-band SNR becomes a speech probability through a logistic curve
// whose centre comes from the sensitivity. The decision has hysteresis (start/stop thresholds), an onset
// requirement and a hang-over, so single loud clicks do not start speech and short gaps do not end it.
class EnergyVad final : public VadBackend
{
public:
    explicit EnergyVad(VadConfig config = {});

    std::string name() const override { return "energy"; }
    int sampleRate() const override { return m_config.sampleRate; }
    std::size_t frameSamples() const override { return m_frameSamples; }
    VadDecision process(std::span<const std::int16_t> frame) override;
    void reset() override;
    void restart() override;

    // The probability of the last frame before smoothing, and the feature behind it (mean band SNR in dB).
    float lastFeatureDb() const { return m_lastFeature; }

private:
    static constexpr std::size_t kFftSize = 512;
    static constexpr std::size_t kBands = 16;
    static constexpr std::size_t kSubWindows = 6;

    float feature(std::span<const std::int16_t> frame);
    void voicing(VadDecision& decision);                    // periodicity and pitch from the spectrum feature() left
    void fft(std::vector<std::complex<float>>& data) const; // in place, kFftSize / 2 points
    // The spectrum of kFftSize real values, bins 0..kFftSize / 2, into out.
    void realFft(const std::vector<float>& in, std::vector<std::complex<float>>& out);

    VadConfig m_config;
    std::size_t m_frameSamples = 0;
    float m_centreDb = 5.0f;
    int m_onsetFrames = 2;
    int m_hangoverFrames = 10;
    int m_framesPerSubWindow = 12;

    std::vector<float> m_window;                       // Hann window, kFftSize
    std::vector<std::complex<float>> m_twiddles;       // kFftSize / 2
    std::vector<std::size_t> m_bitReverse;             // kFftSize / 2
    std::array<std::size_t, kBands + 1> m_bandEdges{}; // FFT bin edges
    std::vector<float> m_history;                      // the last kFftSize samples, normalised to [-1, 1]
    std::vector<float> m_real;                         // kFftSize: the windowed samples, then the compressed spectrum
    std::vector<std::complex<float>> m_packed;         // kFftSize / 2: realFft's work
    std::vector<std::complex<float>> m_spectrum;       // kFftSize / 2 + 1 bins
    std::vector<std::complex<float>>
        m_acf;                      // kFftSize / 2 + 1: the compressed spectrum's transform, the autocorrelation
    std::vector<float> m_windowAcf; // the Hann window's own autocorrelation, normalised

    std::array<float, kBands> m_smoothed{};
    std::array<float, kBands> m_previousDb{}; // the last frame's band powers in dB (spectral flux)
    float m_shapeFlatness = -1.0f, m_shapeFlux = 0.0f, m_shapeCentroid = 0.0f;
    std::array<std::array<float, kBands>, kSubWindows> m_subMin{}; // minimum per sub-window
    std::array<float, kBands> m_currentMin{};
    float m_quietestFloor = 0.0f; // no band's noise floor is taken to be lower (kQuietestFloorDbfs)
    int m_subFrame = 0;
    std::size_t m_subIndex = 0;
    std::size_t m_subFilled = 0;
    std::uint64_t m_frames = 0; // frames analysed with a full window
    std::size_t m_filled = 0;   // samples in m_history since reset(), up to kFftSize

    bool m_speech = false;
    int m_aboveRun = 0;
    int m_belowRun = 0;
    bool m_sustainedInRun = false; // a frame of the current run above the start threshold was not a click
    float m_runPeakDbfs = -120.0f; // the loudest frame of that run
    float m_segmentPeakDb = 0.0f;  // the highest feature since speech started
    float m_lastFeature = 0.0f;
};

} // namespace utter
