#include "webrtcvad.h"

#include <webrtc/modules/audio_processing/include/audio_processing.h>
#include <webrtc/modules/interface/module_common_types.h>

#include <algorithm>
#include <cstring>

namespace utter
{

struct WebRtcVad::Impl
{
    std::unique_ptr<webrtc::AudioProcessing> apm;
    webrtc::AudioFrame frame;
};

int WebRtcVad::likelihoodForSensitivity(double sensitivity)
{
    return std::clamp(int(sensitivity * 4.0), 0, 3);
}

WebRtcVad::WebRtcVad(VadConfig config, int likelihood)
    : m_config(config)
    , m_likelihood(likelihood < 0 ? likelihoodForSensitivity(config.sensitivity) : std::clamp(likelihood, 0, 3))
{
    m_config.frameMs = std::clamp(m_config.frameMs / 10 * 10, 10, 30);
    reset();
}

WebRtcVad::~WebRtcVad() = default;

void WebRtcVad::reset()
{
    m_impl = std::make_unique<Impl>();
    m_impl->apm.reset(webrtc::AudioProcessing::Create());
    webrtc::VoiceDetection* vd = m_impl->apm->voice_detection();
    vd->Enable(true);
    vd->set_likelihood(static_cast<webrtc::VoiceDetection::Likelihood>(m_likelihood));
    // The APM is fed 10 ms blocks (process() splits longer frames), so its detector works on 10 ms frames too;
    // telling it the frame length instead made it call every block speech, digital silence included.
    vd->set_frame_size_ms(10);
}

VadDecision WebRtcVad::process(std::span<const std::int16_t> frame)
{
    VadDecision decision;
    decision.levelDbfs = levelDbfs(frame);
    // The APM takes 10 ms blocks; the frame is speech when the detector says so for any of them.
    const std::size_t block = std::size_t(m_config.sampleRate / 100);
    bool voiced = false;
    for (std::size_t offset = 0; offset + block <= frame.size(); offset += block) {
        webrtc::AudioFrame& f = m_impl->frame;
        f.sample_rate_hz_ = m_config.sampleRate;
        f.num_channels_ = 1;
        f.samples_per_channel_ = block;
        std::memcpy(f.data_, frame.data() + offset, block * sizeof(std::int16_t));
        if (m_impl->apm->ProcessStream(&f) == 0)
            voiced = voiced || m_impl->apm->voice_detection()->stream_has_voice();
    }
    decision.probability = voiced ? 1.0f : 0.0f;
    decision.speech = voiced;
    return decision;
}

} // namespace utter
