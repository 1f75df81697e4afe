#pragma once

#include "vadbackend.h"

#include <array>
#include <cstddef>
#include <span>

namespace utter
{

// What the voice gate keeps of one VAD frame (EnergyVad's VadDecision; docs/audio.md, "Speech or not").
struct VoiceFrame
{
    bool speech = false;       // the detector's smoothed decision
    float snrDb = -1.0f;       // mean band SNR above the noise floor (< 0: not estimated)
    float levelDbfs = -120.0f; // RMS level
    float periodicity = -1.0f; // height of the pitch peak, 0..1 (< 0: not estimated; only on speech frames)
    float pitchHz = 0.0f;      // 0: none
    float flatness = -1.0f;    // of the 16 band powers: geometric over arithmetic mean, 0..1 (1: noise-like)
    float flux = 0.0f;         // mean |change| of the band powers since the previous frame, dB
    float centroid = 0.0f;     // power-weighted mean band index, 0..15 (where the formants sit)
    bool transient = false;    // most of the frame's energy within 5 ms: a click
};

VoiceFrame voiceFrameOf(const VadDecision& decision);

// The chunk-level features the gate judges by: pitch-track statistics (voiced share, glide, range, held notes,
// jumps), syllable-rate (2–8 Hz) envelope modulation, spectral flatness, flux and formant movement, clicks, and how
// clearly the sound stands out. All cheap: computed once per chunk from the per-frame values.
inline constexpr std::size_t kVoiceFeatureCount = 20;
using VoiceFeatures = std::array<float, kVoiceFeatureCount>;

const char* voiceFeatureName(std::size_t index);

// The features of a chunk's frames (in order; speech and non-speech). Not estimated (all 0, returns false) when
// no speech frame carries pitch information (a detector without pitch).
bool voiceFeatures(std::span<const VoiceFrame> frames, VoiceFeatures& out);

// A model made by bench/audio's trainvoicegate (a generated header such as voicegatemodel.h), as spans over its
// arrays, so that the benchmark can score with an earlier model through the same code.
struct VoiceGateWeights
{
    std::size_t hidden = 0; // 0: logistic regression on the standardised features
    std::span<const double> mean, scale, hiddenWeights, hiddenBias, output;
    double outputBias = 0.0;
    double minFormantMove = 0.0; // a voice's spectrum moves: below this, the score falls in proportion (0: no floor)
};

// How much the chunk sounds like a voice, 0..1: the learned model (by default the shipped voicegatemodel.h) on the
// features.
double voiceScore(const VoiceFeatures& features);
double voiceScore(const VoiceFeatures& features, const VoiceGateWeights& model);

// The rule used before the learned model (issue 17, first attempt): the share of speech frames on gliding pitch
// tracks. For the benchmark's before/after table.
double glideShare(std::span<const VoiceFrame> frames);

} // namespace utter
