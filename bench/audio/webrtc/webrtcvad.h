#pragma once

#include "vad/vadbackend.h"

#include <memory>

namespace utter
{

// WebRTC's voice-activity detector, reached through libwebrtc-audio-processing's AudioProcessing module
// (Debian ships no standalone webrtc_vad.h). Binary decisions; WebRTC applies its own smoothing. Used as an
// alternative backend and as the reference in bench/audio. Only built when WEBRTC_AUDIO_PROCESSING_FOUND.
class WebRtcVad final : public VadBackend
{
public:
    // likelihood: 0 = very low (most aggressive, fewest false alarms) .. 3 = high (most permissive).
    explicit WebRtcVad(VadConfig config = {}, int likelihood = -1);
    ~WebRtcVad() override;

    std::string name() const override { return "webrtc"; }
    int sampleRate() const override { return m_config.sampleRate; }
    std::size_t frameSamples() const override { return std::size_t(m_config.frameSamples()); }
    VadDecision process(std::span<const std::int16_t> frame) override;
    void reset() override;

    // The likelihood a sensitivity maps to (sensitivity × 4, clamped to 0..3: 0.5 → 2 "moderate").
    static int likelihoodForSensitivity(double sensitivity);

private:
    struct Impl;
    VadConfig m_config;
    int m_likelihood = 1;
    std::unique_ptr<Impl> m_impl;
};

} // namespace utter
