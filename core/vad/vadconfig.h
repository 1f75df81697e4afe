#pragma once

#include <cstdint>

namespace utter
{

class Settings;

// Which voice-activity detector decides what is speech.
enum class VadKind
{
    Energy, // EnergyVad: sub-band energy against an adaptive noise floor (always available)
    WebRtc, // WebRTC's GMM detector: only the benchmark baseline (bench/audio/webrtc); createVad() gives EnergyVad
};

// Snapshot of the voice-activity settings, taken when a dictation starts (never read from Settings on the
// audio thread). Pure C++: fromSettings() is defined in core/audio/audioconfig.cpp, the only Qt-aware part.
struct VadConfig
{
    VadKind kind = VadKind::Energy;
    int sampleRate = 16000;
    int frameMs = 20;                // 10, 20 or 30
    double sensitivity = 0.5;        // 0 = only clearly loud speech, 1 = anything above the noise floor
    double startProbability = 0.6;   // a frame at or above this may start speech (hysteresis: start > stop)
    double stopProbability = 0.2;    // speech continues until frames stay below this for hangoverMs
    int onsetMs = 20;                // speech starts after this much consecutive speech-like audio
    int hangoverMs = 200;            // speech ends only after this much consecutive quiet
    double silenceFloorDbfs = -65.0; // frames quieter than this are never speech, whatever the noise floor
    int noiseWindowMs = 1500;        // the noise floor is the minimum band energy seen over this window

    int frameSamples() const { return sampleRate * frameMs / 1000; }

    static VadConfig fromSettings(const Settings& settings);
};

} // namespace utter
