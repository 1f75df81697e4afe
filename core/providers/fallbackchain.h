#pragma once

#include "endpoint.h"

#include <QDateTime>
#include <QList>

#include <chrono>

namespace utter
{

// The ordered endpoints for one capability (hal0's primary → kokoro pattern). A request tries them in order;
// an endpoint that failed `failuresBeforeCoolDown` requests in a row is skipped for a cool-down (doubling up to
// maxCoolDown while it keeps failing), and once that has passed it is tried first again — that request is the
// probe. Shared by every request of one Transcriber / SpeechClient, so one outage is learnt once.
class FallbackChain final
{
public:
    struct Options
    {
        int failuresBeforeCoolDown = 2;
        std::chrono::milliseconds coolDown{60000};
        std::chrono::milliseconds maxCoolDown{600000};
    };

    FallbackChain() = default;
    explicit FallbackChain(QList<Endpoint> endpoints, Options options);
    explicit FallbackChain(QList<Endpoint> endpoints);

    const QList<Endpoint>& endpoints() const { return m_endpoints; }
    bool isEmpty() const { return m_endpoints.isEmpty(); }

    // Indexes to try for a request starting now: healthy endpoints in configured order; endpoints cooling down
    // are left out unless all are, then the one whose cool-down ends first is tried.
    QList<int> plan(const QDateTime& now) const;

    void reportSuccess(int index);
    // Counts a failure against the endpoint (cancellations and problems of the request itself do not count).
    void reportFailure(int index, const ProviderError& error, const QDateTime& now);

    bool isCoolingDown(int index, const QDateTime& now) const;
    QDateTime coolDownUntil(int index) const;
    int consecutiveFailures(int index) const;

    // Whether a failure says something about the endpoint (rather than about this request).
    static bool countsAgainstEndpoint(const ProviderError& error);

private:
    struct State
    {
        int consecutiveFailures = 0;
        int coolDowns = 0;
        QDateTime coolDownUntil;
    };

    QList<Endpoint> m_endpoints;
    QList<State> m_states;
    Options m_options;
};

} // namespace utter
