#pragma once

#include "vadconfig.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace utter
{

// What a detector says about one frame.
struct VadDecision
{
    float probability = 0.0f;  // how speech-like this frame is, 0..1 (0 or 1 for binary detectors)
    bool speech = false;       // the smoothed decision (hysteresis and hang-over applied)
    float levelDbfs = -120.0f; // RMS level of the frame
    float snrDb = -1.0f;       // how far the frame stands above the detector's noise floor; < 0: not estimated
    // Evidence of a voice (EnergyVad only): the height of the frame's pitch peak, 0..1 (< 0: not estimated), and
    // the pitch it found (0: none).
    float periodicity = -1.0f;
    float pitchHz = 0.0f;
    // The frame's spectral shape (EnergyVad only, every frame; voicegate.h): flatness of the band powers (0..1;
    // < 0: not estimated), their mean change since the last frame in dB, their power-weighted centre (band index),
    // and whether the frame is a click (most of its energy within 5 ms).
    float flatness = -1.0f;
    float flux = 0.0f;
    float centroid = 0.0f;
    bool transient = false;
};

// A frame-based voice-activity detector. Frames have exactly frameSamples() mono s16 samples at sampleRate().
// Implementations are pure C++ and keep state between frames; reset() starts a new stream.
class VadBackend
{
public:
    virtual ~VadBackend() = default;

    virtual std::string name() const = 0;
    virtual int sampleRate() const = 0;
    virtual std::size_t frameSamples() const = 0;
    virtual VadDecision process(std::span<const std::int16_t> frame) = 0;
    virtual void reset() = 0;
    // Starts the same stream over (a file judged again from its first sample): forgets the decision state but keeps
    // what was learned about the noise floor. Detectors without a floor of their own simply reset.
    virtual void restart() { reset(); }
};

// The product's detector: EnergyVad (VadKind::WebRtc, the benchmark baseline in bench/audio/webrtc, is not built into
// the product and also gives EnergyVad here).
std::unique_ptr<VadBackend> createVad(const VadConfig& config);

// RMS level of samples in dBFS (-120 for digital silence).
float levelDbfs(std::span<const std::int16_t> samples);

} // namespace utter
