#include "requestrunner.h"

#include "logging/redactor.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

RequestRunner::RequestRunner(HttpClient& http, FallbackChain& chain, Clock& clock, RetryPolicy policy,
                             const QLoggingCategory& category, QString what, Hooks hooks, QObject* parent)
    : QObject(parent)
    , m_http(http)
    , m_chain(chain)
    , m_clock(clock)
    , m_policy(policy)
    , m_category(category)
    , m_what(std::move(what))
    , m_hooks(std::move(hooks))
{}

RequestRunner::~RequestRunner()
{
    if (m_call)
        m_call->cancel();
}

void RequestRunner::start()
{
    m_elapsed.start();
    m_plan = m_chain.plan(m_clock.now());
    if (m_plan.isEmpty()) {
        ProviderError error;
        error.error = Error(ErrorCode::InvalidArgument,
                            u"No %1 endpoint is configured; set one with `utter config set`."_s.arg(m_what));
        finish(false, error);
        return;
    }
    m_planPos = -1;
    nextEndpoint();
}

void RequestRunner::cancel()
{
    if (m_finished)
        return;
    ++m_waitToken;
    if (m_call) {
        m_call->cancel(); // handle() finishes with Cancelled
        return;
    }
    ProviderError error;
    error.error = Error(ErrorCode::Cancelled, u"The %1 request was cancelled."_s.arg(m_what));
    finish(false, error);
}

void RequestRunner::nextEndpoint()
{
    ++m_planPos;
    if (m_planPos >= m_plan.size()) {
        ProviderError error = m_firstError.value_or(ProviderError{});
        if (m_lastError && m_plan.size() > 1 && m_lastError->error.message != error.error.message)
            error.error.message += u" The fallback failed too: %1"_s.arg(m_lastError->error.message);
        finish(false, error);
        return;
    }
    m_endpointAttempts = 0;
    m_outcome.endpointIndex = m_plan.at(m_planPos);
    m_outcome.endpoint = m_chain.endpoints().at(m_outcome.endpointIndex);
    if (m_planPos > 0)
        qCInfo(m_category).noquote() << u"%1: trying %2 endpoint %3"_s.arg(m_what, m_outcome.endpoint.name,
                                                                           m_outcome.endpoint.host());
    attempt();
}

void RequestRunner::attempt()
{
    if (m_finished)
        return;
    Result<HttpRequest> request = m_hooks.build(m_outcome.endpoint);
    if (!request) {
        ProviderError error;
        error.error = request.error();
        failEndpoint(error);
        return;
    }
    ++m_endpointAttempts;
    ++m_outcome.attempts;
    HttpRequest req = std::move(request).value();
    if (req.label.isEmpty())
        req.label = u"%1 %2"_s.arg(m_what, m_outcome.endpoint.name);
    m_call = m_http.send(std::move(req));
    const Endpoint endpoint = m_outcome.endpoint;
    if (m_hooks.data)
        connect(m_call, &HttpCall::data, this,
                [this, endpoint](const QByteArray& chunk) { m_hooks.data(endpoint, chunk); });
    connect(m_call, &HttpCall::finished, this, &RequestRunner::handle);
}

void RequestRunner::handle(const HttpResult& result)
{
    m_call.clear();
    m_outcome.response = result;
    if (result.failure == TransportFailure::Cancelled) {
        ProviderError error;
        error.error = Error(ErrorCode::Cancelled, u"The %1 request was cancelled."_s.arg(m_what));
        finish(false, error);
        return;
    }
    const std::optional<ProviderError> problem = m_hooks.evaluate(m_outcome.endpoint, result);
    if (!problem) {
        m_chain.reportSuccess(m_outcome.endpointIndex);
        finish(true, {});
        return;
    }
    const std::optional<std::chrono::milliseconds> wait = m_policy.nextDelay(m_endpointAttempts, *problem, m_random);
    if (wait) {
        qCInfo(m_category).noquote() << u"%1 req=%2 endpoint=%3 attempt %4/%5 failed: %6 — retrying in %7 ms"_s.arg(
            m_what, result.requestId, m_outcome.endpoint.name, QString::number(m_endpointAttempts),
            QString::number(m_policy.attempts), redact(problem->error.message), QString::number(wait->count()));
        const quint64 token = ++m_waitToken;
        m_clock.callAfter(*wait, this, [this, token] {
            if (token == m_waitToken)
                attempt();
        });
        return;
    }
    failEndpoint(*problem);
}

void RequestRunner::failEndpoint(const ProviderError& error)
{
    qCInfo(m_category).noquote() << u"%1 endpoint=%2 (%3) gave up after %4 attempt(s): %5"_s.arg(
        m_what, m_outcome.endpoint.name, m_outcome.endpoint.host(), QString::number(m_endpointAttempts),
        redact(error.error.message));
    m_chain.reportFailure(m_outcome.endpointIndex, error, m_clock.now());
    if (!m_firstError)
        m_firstError = error;
    m_lastError = error;
    if (m_hooks.tryNextEndpoint && !m_hooks.tryNextEndpoint(error)) {
        finish(false, error);
        return;
    }
    nextEndpoint();
}

void RequestRunner::finish(bool ok, const ProviderError& error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_outcome.ok = ok;
    m_outcome.error = error;
    m_outcome.latency = std::chrono::milliseconds(m_elapsed.isValid() ? m_elapsed.elapsed() : 0);
    emit done(m_outcome);
    deleteLater();
}

} // namespace utter
