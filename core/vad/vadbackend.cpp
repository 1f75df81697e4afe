#include "vadbackend.h"

#include "energyvad.h"

#ifdef UTTER_HAVE_WEBRTC_VAD
#include "webrtcvad.h"
#endif

namespace utter
{

bool webRtcVadAvailable()
{
#ifdef UTTER_HAVE_WEBRTC_VAD
    return true;
#else
    return false;
#endif
}

std::unique_ptr<VadBackend> createVad(const VadConfig& config)
{
#ifdef UTTER_HAVE_WEBRTC_VAD
    if (config.kind == VadKind::WebRtc)
        return std::make_unique<WebRtcVad>(config);
#endif
    return std::make_unique<EnergyVad>(config);
}

} // namespace utter
