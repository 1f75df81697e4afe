#pragma once

#include "providererror.h"

#include <chrono>
#include <functional>
#include <optional>

namespace utter
{

// When to send a failed request again (DESIGN §3): a few attempts, exponential backoff with jitter, and the
// server's Retry-After honoured (seconds or HTTP-date). Never retries 400/401/402/403/404/413/415/422, a
// cancellation, or a wait longer than maxRetryAfter (then the fallback endpoint is the better bet).
struct RetryPolicy
{
    int attempts = 3;                                // total, including the first
    std::chrono::milliseconds baseDelay{1000};       // 1 s, 2 s, 4 s, ...
    std::chrono::milliseconds maxDelay{30000};       // cap on the computed backoff
    double jitter = 0.25;                            // ± this fraction of the backoff
    std::chrono::milliseconds maxRetryAfter{120000}; // longer server-requested waits are not waited out

    // The wait before the next attempt after `failedAttempts` attempts failed with `error`, or nullopt when the
    // request should not be sent again. `random` returns a value in [0, 1) (injected for tests).
    std::optional<std::chrono::milliseconds> nextDelay(int failedAttempts, const ProviderError& error,
                                                       const std::function<double()>& random) const;

    // The backoff alone (no Retry-After), for attempt n (1-based count of failures).
    std::chrono::milliseconds backoff(int failedAttempts, double random01) const;
};

// Uniform [0, 1) from QRandomGenerator::global().
double systemRandom();

} // namespace utter
