#include "retrypolicy.h"

#include <QRandomGenerator>

#include <cmath>

namespace utter
{

std::chrono::milliseconds RetryPolicy::backoff(int failedAttempts, double random01) const
{
    const double exponent = std::max(0, failedAttempts - 1);
    double delay = double(baseDelay.count()) * std::pow(2.0, exponent);
    delay = std::min(delay, double(maxDelay.count()));
    const double spread = delay * jitter * (2.0 * random01 - 1.0);
    return std::chrono::milliseconds(std::max<qint64>(0, qint64(delay + spread)));
}

std::optional<std::chrono::milliseconds> RetryPolicy::nextDelay(int failedAttempts, const ProviderError& error,
                                                                const std::function<double()>& random) const
{
    if (failedAttempts >= attempts || !error.retryable || error.error.code == ErrorCode::Cancelled)
        return std::nullopt;
    if (error.error.retryAfter) {
        if (*error.error.retryAfter > maxRetryAfter)
            return std::nullopt;
        return *error.error.retryAfter;
    }
    return backoff(failedAttempts, random ? random() : 0.5);
}

double systemRandom()
{
    return QRandomGenerator::global()->generateDouble();
}

} // namespace utter
