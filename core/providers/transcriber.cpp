#include "transcriber.h"

#include "httpclient.h"
#include "logging/logcontext.h"
#include "logging/logging.h"
#include "multipart.h"
#include "requestrunner.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

Transcriber::Transcriber(TranscriberConfig config, HttpClient& http, Clock& clock, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_http(http)
    , m_clock(clock)
    , m_chain(m_config.endpoints)
    , m_random(systemRandom)
{}

Transcriber::~Transcriber() = default;

QPointer<TranscriptionJob> Transcriber::transcribe(TranscriptionRequest request, QObject* context, Callback done)
{
    return transcribeDetailed(
        std::move(request), context,
        [done = std::move(done)](const Result<TranscriptionResult>& result, const ProviderError&) { done(result); });
}

QPointer<TranscriptionJob> Transcriber::transcribeDetailed(TranscriptionRequest request, QObject* context,
                                                           DetailedCallback done)
{
    auto* job = new TranscriptionJob(*this, std::move(request), std::move(done), context ? context : this);
    job->start();
    return job;
}

RequestRunner* Transcriber::startRunner(const TranscriptionRequest& request, QObject* parent)
{
    const QString language = request.language.isEmpty() ? m_config.language : request.language;
    const QString prompt = request.prompt.value_or(m_config.prompt());
    const TranscriberConfig& config = m_config;
    RequestRunner::Hooks hooks;
    hooks.build = [config, request, language, prompt](const Endpoint& endpoint) -> Result<HttpRequest> {
        if (endpoint.requiresKey() && endpoint.apiKey.isEmpty())
            return Error(ErrorCode::AuthFailed,
                         u"No API key named \"%1\" for the transcription endpoint %2; set it with `utter secret set "
                         "%1`."_s.arg(endpoint.keyName, endpoint.host()));
        MultipartBuilder form;
        form.addFile("file", request.fileName, request.mimeType, request.audio);
        if (!endpoint.model.isEmpty())
            form.addField("model", endpoint.model);
        if (!language.isEmpty())
            form.addField("language", language);
        if (!prompt.isEmpty())
            form.addField("prompt", prompt);
        form.addField("response_format", config.responseFormat);
        form.addField("temperature", u"0"_s);
        HttpRequest http;
        http.method = "POST";
        http.url = endpoint.requestUrl(Capability::Transcription);
        http.contentType = form.contentType();
        http.body = form.body();
        http.bearerToken = endpoint.apiKey;
        http.connectTimeout = config.connectTimeout;
        http.readTimeout = std::min(config.stallTimeout, config.timeout); // a stall is cut off early, retried
        http.totalTimeout = config.timeout;
        http.label = u"transcribe #%1 %2"_s.arg(QString::number(request.sequence), endpoint.name);
        return http;
    };
    hooks.evaluate = [this](const Endpoint& endpoint, const HttpResult& result) -> std::optional<ProviderError> {
        const ErrorContext context = endpoint.errorContext(Capability::Transcription);
        if (!result.complete())
            return transportError(context, result);
        if (!result.success())
            return classifyHttpError(context, result.status, result.body, result.headers, m_clock.now());
        const Result<Transcription> parsed = parseTranscription(result.body, result.header("content-type"));
        if (!parsed)
            return malformedReply(context, parsed.error().message);
        return std::nullopt;
    };
    // A 413 is the request's problem: split it rather than sending the same bytes to the fallback.
    const bool canSplit = bool(m_splitter);
    hooks.tryNextEndpoint = [canSplit](const ProviderError& error) {
        return !(canSplit && error.error.code == ErrorCode::TooLarge);
    };
    auto* runner = new RequestRunner(m_http, m_chain, m_clock, m_config.retry, lcTranscribe(), u"transcription"_s,
                                     std::move(hooks), parent);
    runner->setRandom(m_random);
    return runner;
}

TranscriptionJob::TranscriptionJob(Transcriber& owner, TranscriptionRequest request, Transcriber::DetailedCallback done,
                                   QObject* context)
    : QObject(context)
    , m_owner(&owner)
    , m_request(std::move(request))
    , m_done(std::move(done))
{
    m_result.sequence = m_request.sequence;
    m_result.parts = 0;
}

TranscriptionJob::~TranscriptionJob()
{
    // The context died: nobody is left to call back.
    m_finished = true;
    if (m_runner) {
        disconnect(m_runner, nullptr, this, nullptr);
        m_runner->cancel();
    }
}

void TranscriptionJob::start()
{
    const qint64 limit = m_owner->config().maxUploadBytes;
    if (limit > 0 && m_request.audio.size() > limit && m_owner->m_splitter) {
        m_parts = m_owner->m_splitter(m_request);
        if (m_parts.size() < 2)
            m_parts = {m_request};
    } else {
        m_parts = {m_request};
    }
    m_part = 0;
    QMetaObject::invokeMethod(this, &TranscriptionJob::runPart, Qt::QueuedConnection);
}

void TranscriptionJob::cancel()
{
    if (m_finished)
        return;
    if (m_runner) {
        m_runner->cancel();
        return;
    }
    finish(Error(ErrorCode::Cancelled, u"The transcription was cancelled."_s));
}

void TranscriptionJob::runPart()
{
    if (m_finished)
        return;
    if (!m_owner) {
        finish(Error(ErrorCode::Cancelled, u"The transcriber was shut down."_s));
        return;
    }
    LogScope scope(m_request.sessionId);
    m_runner = m_owner->startRunner(m_parts.at(m_part), this);
    connect(m_runner, &RequestRunner::done, this, &TranscriptionJob::partDone);
    m_runner->start();
}

void TranscriptionJob::partDone(const RunOutcome& outcome)
{
    m_runner.clear();
    LogScope scope(m_request.sessionId);
    const TranscriptionRequest& part = m_parts.at(m_part);
    if (!outcome.ok) {
        if (outcome.error.error.code == ErrorCode::TooLarge && m_owner && m_owner->m_splitter) {
            const QList<TranscriptionRequest> pieces = m_owner->m_splitter(part);
            if (pieces.size() >= 2) {
                qCInfo(lcTranscribe).noquote() << u"chunk #%1 too large for the endpoint: split into %2 parts"_s.arg(
                    QString::number(m_request.sequence), QString::number(pieces.size()));
                m_parts.removeAt(m_part);
                for (qsizetype i = 0; i < pieces.size(); ++i)
                    m_parts.insert(m_part + i, pieces.at(i));
                runPart();
                return;
            }
        }
        finish(outcome.error.error, outcome.error);
        return;
    }
    const Result<Transcription> parsed =
        parseTranscription(outcome.response.body, outcome.response.header("content-type"));
    const Transcription& t = parsed.value(); // evaluate() already checked it parses
    if (!t.text.isEmpty())
        m_result.text += (m_result.text.isEmpty() ? QString() : u" "_s) + t.text;
    for (TranscriptSegment segment : t.segments) {
        segment.start += m_offsetS;
        segment.end += m_offsetS;
        m_result.segments << segment;
    }
    if (m_result.language.isEmpty())
        m_result.language = t.language;
    m_result.endpointName = outcome.endpoint.name;
    m_result.endpointUrl = outcome.endpoint.requestUrl(Capability::Transcription);
    const double duration = part.durationS > 0 ? part.durationS : t.durationS;
    m_result.billedSeconds += std::max(duration, outcome.endpoint.minimumBilledS);
    m_result.latency += outcome.latency;
    m_result.attempts += outcome.attempts;
    m_result.providerRequestId = t.providerRequestId;
    ++m_result.parts;
    m_offsetS += duration;
    qCInfo(lcTranscribe).noquote() << u"chunk #%1 endpoint=%2 (%3) audio=%4s billed=%5s latency_ms=%6 attempts=%7 "
                                      "chars=%8"_s.arg(
                                          QString::number(m_request.sequence), outcome.endpoint.name,
                                          outcome.endpoint.host(), QString::number(duration, 'f', 2),
                                          QString::number(std::max(duration, outcome.endpoint.minimumBilledS), 'f', 1),
                                          QString::number(outcome.latency.count()), QString::number(outcome.attempts),
                                          QString::number(t.text.size()));
    qCDebug(lcTranscribe).noquote() << u"chunk #%1 text: %2"_s.arg(QString::number(m_request.sequence), t.text);
    if (++m_part < m_parts.size()) {
        runPart();
        return;
    }
    finish(m_result);
}

void TranscriptionJob::finish(const Result<TranscriptionResult>& result, const ProviderError& failure)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_done)
        m_done(result, failure);
    deleteLater();
}

} // namespace utter
