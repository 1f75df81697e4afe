#pragma once

#include "common/error.h"

#include <algorithm>
#include <chrono>

namespace utter
{

// The pipeline's patience with one chunk (dictations and `utter transcribe` alike). Inside one upload the
// Transcriber already retries a few times within seconds (RetryPolicy); when those attempts are spent on a failure
// time can fix, the chunk waits this long before its next upload: the provider's Retry-After when it sent one,
// otherwise 5 s doubling per failed upload up to 5 min.
inline std::chrono::milliseconds chunkRetryDelay(int failedUploads, const Error& error)
{
    using namespace std::chrono_literals;
    if (error.retryAfter && *error.retryAfter > 0ms)
        return *error.retryAfter;
    const int doublings = std::clamp(failedUploads - 1, 0, 6); // 5 s, 10 s, ... 320 s, capped at 5 min
    return std::min<std::chrono::milliseconds>(5s * (1 << doublings), 5min);
}

} // namespace utter
