#pragma once

#include "clock.h"
#include "common/result.h"
#include "fallbackchain.h"
#include "httpclient.h"
#include "retrypolicy.h"

#include <QLoggingCategory>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace utter
{

// What happened to one logical request that went through the chain.
struct RunOutcome
{
    bool ok = false;
    int endpointIndex = -1; // the endpoint that served (or failed last)
    Endpoint endpoint;
    ProviderError error;                  // when !ok: the first endpoint's error (the primary's is the most telling)
    int attempts = 0;                     // HTTP attempts over all endpoints
    std::chrono::milliseconds latency{0}; // from start to the serving answer, waits included
    HttpResult response;                  // the last answer
};

// Drives one request through a FallbackChain: per endpoint, attempts with the retry policy (backoff, jitter,
// Retry-After through the injected Clock), then the next endpoint. The caller supplies how to build the HTTP
// request for an endpoint and how to judge the answer. Cancellable at any point. Parent it to the caller's
// context object; it deletes itself after done().
class RequestRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestRunner)

public:
    struct Hooks
    {
        // Builds the request, or an error that skips this endpoint (a missing key, ...).
        std::function<Result<HttpRequest>(const Endpoint&)> build;
        // nullopt = success. Called for complete answers and for transport failures alike.
        std::function<std::optional<ProviderError>(const Endpoint&, const HttpResult&)> evaluate;
        // Streamed body chunks of a 2xx answer (only when build() set stream).
        std::function<void(const Endpoint&, const QByteArray&)> data;
        // Return false to stop trying other endpoints after this failure (e.g. a 413 the caller splits).
        std::function<bool(const ProviderError&)> tryNextEndpoint;
    };

    RequestRunner(HttpClient& http, FallbackChain& chain, Clock& clock, RetryPolicy policy,
                  const QLoggingCategory& category, QString what, Hooks hooks, QObject* parent);
    ~RequestRunner() override;

    void start();
    void cancel();
    bool isFinished() const { return m_finished; }

    // Injects the jitter source (tests).
    void setRandom(std::function<double()> random) { m_random = std::move(random); }

signals:
    void done(const utter::RunOutcome& outcome);

private:
    void nextEndpoint();
    void attempt();
    void handle(const HttpResult& result);
    void failEndpoint(const ProviderError& error);
    void finish(bool ok, const ProviderError& error);

    HttpClient& m_http;
    FallbackChain& m_chain;
    Clock& m_clock;
    RetryPolicy m_policy;
    const QLoggingCategory& m_category;
    QString m_what;
    Hooks m_hooks;
    std::function<double()> m_random = systemRandom;

    QList<int> m_plan;
    int m_planPos = -1;
    int m_endpointAttempts = 0;
    QPointer<HttpCall> m_call;
    QElapsedTimer m_elapsed;
    RunOutcome m_outcome;
    std::optional<ProviderError> m_firstError;
    std::optional<ProviderError> m_lastError;
    quint64 m_waitToken = 0; // invalidates a pending backoff wait on cancel
    bool m_finished = false;
};

} // namespace utter
