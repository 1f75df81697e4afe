#include "transformer.h"

#include "chatcompletion.h"
#include "httpclient.h"
#include "logging/logging.h"
#include "requestrunner.h"
#include "sseparser.h"

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

int wordCount(const QString& text)
{
    return int(text.simplified().split(u' ', Qt::SkipEmptyParts).size());
}

} // namespace

Transformer::Transformer(TransformerConfig config, HttpClient& http, Clock& clock, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_http(http)
    , m_clock(clock)
    , m_chain(QList<Endpoint>{m_config.endpoint})
    , m_random(systemRandom)
{}

Transformer::~Transformer() = default;

bool Transformer::wouldCall(const QString& text, const Style& style) const
{
    if (style.isRaw() || text.trimmed().isEmpty())
        return false;
    return wordCount(text) >= style.minimumWords.value_or(m_config.minimumWords);
}

QPointer<TransformJob> Transformer::transform(const QString& text, const Style& style, QObject* context,
                                              DeltaCallback onDelta, DoneCallback done, bool stream)
{
    auto* job =
        new TransformJob(*this, text, style, stream, std::move(onDelta), std::move(done), context ? context : this);
    job->start();
    return job;
}

TransformJob::TransformJob(Transformer& owner, QString text, Style style, bool stream,
                           Transformer::DeltaCallback onDelta, Transformer::DoneCallback done, QObject* context)
    : QObject(context)
    , m_owner(&owner)
    , m_text(std::move(text))
    , m_style(std::move(style))
    , m_stream(stream)
    , m_onDelta(std::move(onDelta))
    , m_done(std::move(done))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &TransformJob::deadline);
}

TransformJob::~TransformJob()
{
    // The context died: nobody is left to call back.
    m_finished = true;
    if (m_runner) {
        disconnect(m_runner, nullptr, this, nullptr);
        m_runner->cancel();
    }
}

void TransformJob::start()
{
    Transformer& owner = *m_owner;
    if (!owner.wouldCall(m_text, m_style)) {
        TransformResult result;
        result.text = m_text;
        result.rawText = m_text;
        result.style = m_style.name;
        result.skipped = true;
        QMetaObject::invokeMethod(
            this, [this, result] { finish(result); }, Qt::QueuedConnection);
        return;
    }
    const TransformerConfig& config = owner.config();
    const std::chrono::milliseconds timeout = m_style.timeout.value_or(config.timeout);
    RequestRunner::Hooks hooks;
    auto parser = std::make_shared<SseParser>();
    hooks.build = [this, config, timeout, parser](const Endpoint& endpoint) -> Result<HttpRequest> {
        if (endpoint.requiresKey() && endpoint.apiKey.isEmpty())
            return Error(ErrorCode::AuthFailed, u"No API key named \"%1\" for the style endpoint %2; set it with "
                                                "`utter secret set %1`."_s.arg(endpoint.keyName, endpoint.host()));
        *parser = SseParser();
        m_streamed.clear();
        m_sawEnd = false;
        m_streamError.reset();
        ChatRequestSpec spec;
        spec.model = m_style.model.isEmpty() ? endpoint.model : m_style.model;
        spec.systemPrompt = m_style.systemPrompt;
        spec.userText = m_text;
        spec.temperature = m_style.temperature;
        spec.stream = m_stream;
        spec.disableThinking = endpoint.isDeepSeek();
        HttpRequest http;
        http.method = "POST";
        http.url = endpoint.requestUrl(Capability::Transform);
        http.contentType = "application/json";
        http.body = buildChatBody(spec);
        http.bearerToken = endpoint.apiKey;
        http.stream = m_stream;
        http.connectTimeout = std::min(config.connectTimeout, timeout);
        http.readTimeout = std::min(config.idleTimeout, timeout);
        http.totalTimeout = timeout; // keep-alive comments reset the idle timer, never this one
        http.label = u"transform %1"_s.arg(m_style.name);
        return http;
    };
    hooks.data = [this, parser](const Endpoint&, const QByteArray& bytes) {
        for (const SseParser::Event& event : parser->feed(bytes)) {
            const Result<ChatChunk> chunk = parseChatChunk(event.data);
            if (!chunk) {
                m_streamError = chunk.error().message;
                continue;
            }
            if (chunk->error) {
                m_streamError = *chunk->error;
                continue;
            }
            if (chunk->done || !chunk->finishReason.isEmpty())
                m_sawEnd = true;
            if (!chunk->content.isEmpty()) {
                m_streamed += chunk->content;
                m_deltasSent = true;
                if (m_onDelta)
                    m_onDelta(chunk->content);
            }
        }
    };
    hooks.evaluate = [this, parser](const Endpoint& endpoint,
                                    const HttpResult& result) -> std::optional<ProviderError> {
        const ErrorContext context = endpoint.errorContext(Capability::Transform);
        std::optional<ProviderError> problem;
        if (result.complete() && !result.success()) {
            problem = classifyHttpError(context, result.status, result.body, result.headers, m_owner->m_clock.now());
        } else if (m_stream) {
            if (result.complete()) {
                // Flush a final event the server did not terminate with a blank line.
                for (const SseParser::Event& event : parser->finish()) {
                    const Result<ChatChunk> chunk = parseChatChunk(event.data);
                    if (chunk && (chunk->done || !chunk->finishReason.isEmpty()))
                        m_sawEnd = true;
                    if (chunk && !chunk->content.isEmpty()) {
                        m_streamed += chunk->content;
                        m_deltasSent = true;
                        if (m_onDelta)
                            m_onDelta(chunk->content);
                    }
                }
            }
            if (m_streamError)
                problem = malformedReply(context, *m_streamError);
            else if (!result.complete())
                problem = transportError(context, result);
            else if (!m_sawEnd)
                problem = malformedReply(context, u"the stream ended before [DONE]"_s);
            else if (m_streamed.trimmed().isEmpty())
                problem = malformedReply(context, u"the answer was empty"_s);
        } else if (!result.complete()) {
            problem = transportError(context, result);
        } else {
            const Result<QString> text = parseChatCompletion(result.body);
            if (!text)
                problem = malformedReply(context, text.error().message);
            else if (text->trimmed().isEmpty())
                problem = malformedReply(context, u"the answer was empty"_s);
            else
                m_streamed = *text;
        }
        // Once deltas were shown, a second attempt would show them twice: give up and fall back to raw.
        if (problem && m_deltasSent)
            problem->retryable = false;
        return problem;
    };
    m_runner = new RequestRunner(owner.m_http, owner.m_chain, owner.m_clock, config.retry, lcTransform(), u"style"_s,
                                 std::move(hooks), this);
    m_runner->setRandom(owner.m_random);
    connect(m_runner, &RequestRunner::done, this, &TransformJob::runnerDone);
    // One deadline over all attempts and waits: the user gets their words back in bounded time.
    m_deadline.start(timeout + std::chrono::milliseconds(500));
    m_runner->start();
}

void TransformJob::cancel()
{
    if (m_finished)
        return;
    if (m_runner) {
        m_runner->cancel();
        return;
    }
    finishRaw(Error(ErrorCode::Cancelled, u"The style was cancelled."_s), u"Style cancelled; the raw text is kept."_s);
}

void TransformJob::deadline()
{
    if (m_finished)
        return;
    qCWarning(lcTransform).noquote()
        << u"style %1: no complete answer within the timeout; delivering the raw text"_s.arg(m_style.name);
    if (m_runner) {
        disconnect(m_runner, nullptr, this, nullptr);
        m_runner->cancel();
        m_runner.clear();
    }
    finishRaw(Error(ErrorCode::Timeout, u"The style endpoint did not answer in time."_s),
              u"The style \"%1\" timed out; the raw text was kept."_s.arg(m_style.name));
}

void TransformJob::runnerDone(const RunOutcome& outcome)
{
    m_runner.clear();
    m_deadline.stop();
    if (!outcome.ok) {
        const Error& error = outcome.error.error;
        const QString notice =
            error.code == ErrorCode::Cancelled
                ? u"Style cancelled; the raw text is kept."_s
                : u"The style \"%1\" failed; the raw text was kept. %2"_s.arg(m_style.name, error.message);
        finishRaw(error, notice);
        return;
    }
    TransformResult result;
    result.text = m_streamed.trimmed();
    result.rawText = m_text;
    result.style = m_style.name;
    result.transformed = true;
    result.endpointName = outcome.endpoint.name;
    result.latency = outcome.latency;
    result.attempts = outcome.attempts;
    qCInfo(lcTransform).noquote() << u"style %1 endpoint=%2 (%3) latency_ms=%4 attempts=%5 chars=%6→%7"_s.arg(
        m_style.name, outcome.endpoint.name, outcome.endpoint.host(), QString::number(outcome.latency.count()),
        QString::number(outcome.attempts), QString::number(m_text.size()), QString::number(result.text.size()));
    finish(result);
}

void TransformJob::finishRaw(const Error& error, const QString& notice)
{
    TransformResult result;
    result.text = m_text;
    result.rawText = m_text;
    result.style = m_style.name;
    result.notice = notice;
    result.error = error;
    result.partialDeltasSent = m_deltasSent;
    finish(result);
}

void TransformJob::finish(TransformResult result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    if (m_done)
        m_done(result);
    deleteLater();
}

} // namespace utter
