#include "error.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Failed:
        return u"failed"_s;
    case ErrorCode::InvalidArgument:
        return u"invalid_argument"_s;
    case ErrorCode::NotFound:
        return u"not_found"_s;
    case ErrorCode::Io:
        return u"io"_s;
    case ErrorCode::Corrupt:
        return u"corrupt"_s;
    case ErrorCode::Unsupported:
        return u"unsupported"_s;
    case ErrorCode::Network:
        return u"network"_s;
    case ErrorCode::Timeout:
        return u"timeout"_s;
    case ErrorCode::RateLimited:
        return u"rate_limited"_s;
    case ErrorCode::AuthFailed:
        return u"auth_failed"_s;
    case ErrorCode::OutOfCredit:
        return u"out_of_credit"_s;
    case ErrorCode::TooLarge:
        return u"too_large"_s;
    case ErrorCode::UnsupportedFormat:
        return u"unsupported_format"_s;
    case ErrorCode::ProviderError:
        return u"provider_error"_s;
    case ErrorCode::SlotLoading:
        return u"slot_loading"_s;
    case ErrorCode::NoSpeech:
        return u"no_speech"_s;
    case ErrorCode::MicDenied:
        return u"mic_denied"_s;
    case ErrorCode::DeviceLost:
        return u"device_lost"_s;
    case ErrorCode::InjectionBlocked:
        return u"injection_blocked"_s;
    case ErrorCode::Cancelled:
        return u"cancelled"_s;
    case ErrorCode::NotRunning:
        return u"not_running"_s;
    case ErrorCode::AlreadyRunning:
        return u"already_running"_s;
    }
    return u"failed"_s;
}

} // namespace utter
