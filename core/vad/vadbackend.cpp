#include "vadbackend.h"

#include "energyvad.h"

namespace utter
{

std::unique_ptr<VadBackend> createVad(const VadConfig& config)
{
    // VadKind::WebRtc is the benchmark's baseline (bench/audio/webrtc), not in the product: EnergyVad.
    return std::make_unique<EnergyVad>(config);
}

} // namespace utter
