#pragma once

#include <QDateTime>
#include <QObject>

#include <chrono>
#include <functional>

namespace utter
{

// Time as the provider layer sees it: the current time (for HTTP-date Retry-After) and a way to run something
// later (backoff waits, cool-downs). Injected so tests can step through waits without sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
    // Calls fn after delay on context's thread, unless context is destroyed first.
    virtual void callAfter(std::chrono::milliseconds delay, QObject* context, std::function<void()> fn) = 0;
};

// The real clock: QDateTime::currentDateTimeUtc() and QTimer::singleShot.
class SystemClock final : public Clock
{
public:
    QDateTime now() const override;
    void callAfter(std::chrono::milliseconds delay, QObject* context, std::function<void()> fn) override;
};

} // namespace utter
