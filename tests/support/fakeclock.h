#pragma once

#include "providers/clock.h"

#include <QPointer>
#include <QTimeZone>

#include <chrono>
#include <functional>
#include <vector>

namespace utter::test
{

// A Clock for tests: time stands still until advance(); callAfter() records each requested delay (so tests can
// assert backoff and Retry-After waits exactly) and runs the callback when the clock passes its due time.
class FakeClock final : public Clock
{
public:
    explicit FakeClock(QDateTime start = QDateTime(QDate(2026, 11, 23), QTime(12, 0), QTimeZone::utc()))
        : m_now(std::move(start))
    {}

    QDateTime now() const override { return m_now; }

    void callAfter(std::chrono::milliseconds delay, QObject* context, std::function<void()> fn) override
    {
        m_requested.push_back(delay);
        m_pending.push_back({m_now.addMSecs(delay.count()), QPointer<QObject>(context), std::move(fn)});
        if (m_autoAdvance)
            QMetaObject::invokeMethod(
                context, [this] { advanceToNext(); }, Qt::QueuedConnection);
    }

    // Moves time forward and runs everything that became due.
    void advance(std::chrono::milliseconds by)
    {
        m_now = m_now.addMSecs(by.count());
        runDue();
    }

    // Jumps to the earliest pending callback and runs it (and anything else due by then).
    void advanceToNext()
    {
        if (m_pending.empty())
            return;
        QDateTime earliest = m_pending.front().due;
        for (const Pending& p : m_pending)
            earliest = std::min(earliest, p.due);
        if (earliest > m_now)
            m_now = earliest;
        runDue();
    }

    // When set, every wait is skipped at once (time jumps), so retries run without sleeping.
    void setAutoAdvance(bool on) { m_autoAdvance = on; }

    const std::vector<std::chrono::milliseconds>& requestedDelays() const { return m_requested; }
    size_t pendingCount() const { return m_pending.size(); }

private:
    struct Pending
    {
        QDateTime due;
        QPointer<QObject> context;
        std::function<void()> fn;
    };

    void runDue()
    {
        for (size_t i = 0; i < m_pending.size();) {
            if (m_pending[i].due <= m_now) {
                Pending p = std::move(m_pending[i]);
                m_pending.erase(m_pending.begin() + qsizetype(i));
                if (p.context)
                    p.fn();
                i = 0;
                continue;
            }
            ++i;
        }
    }

    QDateTime m_now;
    std::vector<Pending> m_pending;
    std::vector<std::chrono::milliseconds> m_requested;
    bool m_autoAdvance = false;
};

} // namespace utter::test
