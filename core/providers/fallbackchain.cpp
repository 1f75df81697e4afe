#include "fallbackchain.h"

#include "logging/logging.h"

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

FallbackChain::FallbackChain(QList<Endpoint> endpoints, Options options)
    : m_endpoints(std::move(endpoints))
    , m_states(m_endpoints.size())
    , m_options(options)
{}

FallbackChain::FallbackChain(QList<Endpoint> endpoints)
    : FallbackChain(std::move(endpoints), Options{})
{}

QList<int> FallbackChain::plan(const QDateTime& now) const
{
    QList<int> out;
    int soonest = -1;
    for (int i = 0; i < m_endpoints.size(); ++i) {
        if (!isCoolingDown(i, now))
            out << i;
        else if (soonest < 0 || m_states.at(i).coolDownUntil < m_states.at(soonest).coolDownUntil)
            soonest = i;
    }
    if (out.isEmpty() && soonest >= 0)
        out << soonest;
    return out;
}

void FallbackChain::reportSuccess(int index)
{
    if (index < 0 || index >= m_states.size())
        return;
    State& s = m_states[index];
    if (s.coolDowns > 0)
        qCInfo(lcHttp).noquote() << u"endpoint %1 (%2) recovered"_s.arg(m_endpoints.at(index).name,
                                                                        m_endpoints.at(index).host());
    s = State{};
}

void FallbackChain::reportFailure(int index, const ProviderError& error, const QDateTime& now)
{
    if (index < 0 || index >= m_states.size() || !countsAgainstEndpoint(error))
        return;
    State& s = m_states[index];
    ++s.consecutiveFailures;
    // A probe after a cool-down that fails again goes straight back into a (longer) cool-down.
    if (s.consecutiveFailures >= m_options.failuresBeforeCoolDown || s.coolDowns > 0) {
        const double factor = std::pow(2.0, std::min(s.coolDowns, 10));
        const qint64 ms =
            std::min<qint64>(qint64(double(m_options.coolDown.count()) * factor), m_options.maxCoolDown.count());
        s.coolDownUntil = now.addMSecs(ms);
        ++s.coolDowns;
        qCWarning(lcHttp).noquote() << u"endpoint %1 (%2) failed %3 times in a row; skipped for %4 s"_s.arg(
            m_endpoints.at(index).name, m_endpoints.at(index).host(), QString::number(s.consecutiveFailures),
            QString::number(ms / 1000));
    }
}

bool FallbackChain::isCoolingDown(int index, const QDateTime& now) const
{
    const QDateTime until = coolDownUntil(index);
    return until.isValid() && now < until;
}

QDateTime FallbackChain::coolDownUntil(int index) const
{
    return index >= 0 && index < m_states.size() ? m_states.at(index).coolDownUntil : QDateTime();
}

int FallbackChain::consecutiveFailures(int index) const
{
    return index >= 0 && index < m_states.size() ? m_states.at(index).consecutiveFailures : 0;
}

bool FallbackChain::countsAgainstEndpoint(const ProviderError& error)
{
    switch (error.error.code) {
    case ErrorCode::Cancelled:
    case ErrorCode::TooLarge:
    case ErrorCode::InvalidArgument:
        return false;
    default:
        return true;
    }
}

} // namespace utter
