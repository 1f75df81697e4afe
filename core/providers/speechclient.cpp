#include "speechclient.h"

#include "httpclient.h"
#include "logging/logging.h"
#include "requestrunner.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

SpeechClient::SpeechClient(SpeechConfig config, HttpClient& http, Clock& clock, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_http(http)
    , m_clock(clock)
    , m_chain(m_config.endpoints)
{}

SpeechClient::~SpeechClient() = default;

QPointer<RequestRunner> SpeechClient::synthesize(const QString& text, QObject* context, Callback done)
{
    return synthesize(text, SpeechOverrides{}, context, std::move(done));
}

QPointer<RequestRunner> SpeechClient::synthesize(const QString& text, const SpeechOverrides& overrides,
                                                 QObject* context, Callback done)
{
    SpeechConfig config = m_config;
    if (!overrides.responseFormat.isEmpty())
        config.responseFormat = overrides.responseFormat;
    if (overrides.speed)
        config.speed = *overrides.speed;
    const QString voice = overrides.voice;
    RequestRunner::Hooks hooks;
    hooks.build = [config, text, voice](const Endpoint& endpoint) -> Result<HttpRequest> {
        if (endpoint.requiresKey() && endpoint.apiKey.isEmpty())
            return Error(ErrorCode::AuthFailed, u"No API key named \"%1\" for the read-back endpoint %2; set it with "
                                                "`utter secret set %1`."_s.arg(endpoint.keyName, endpoint.host()));
        // hal0 requires model; slot defaults fill in what we leave out, so only send what is configured.
        QJsonObject body{
            {u"model"_s, endpoint.model}, {u"input"_s, text}, {u"response_format"_s, config.responseFormat}};
        if (!voice.isEmpty())
            body.insert(u"voice"_s, voice);
        else if (!endpoint.voice.isEmpty())
            body.insert(u"voice"_s, endpoint.voice);
        if (config.speed != 1.0)
            body.insert(u"speed"_s, config.speed);
        HttpRequest http;
        http.method = "POST";
        http.url = endpoint.requestUrl(Capability::Speech);
        http.contentType = "application/json";
        http.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        http.bearerToken = endpoint.apiKey;
        http.connectTimeout = config.connectTimeout;
        http.readTimeout = config.timeout;
        http.totalTimeout = config.timeout;
        return http;
    };
    hooks.evaluate = [this](const Endpoint& endpoint, const HttpResult& result) -> std::optional<ProviderError> {
        const ErrorContext context = endpoint.errorContext(Capability::Speech);
        if (!result.complete())
            return transportError(context, result);
        if (!result.success())
            return classifyHttpError(context, result.status, result.body, result.headers, m_clock.now());
        if (result.body.isEmpty())
            return malformedReply(context, u"no audio in the answer"_s);
        if (result.header("content-type").contains("json"))
            return malformedReply(context, u"JSON instead of audio"_s);
        return std::nullopt;
    };
    QObject* parent = context ? context : this;
    auto* runner = new RequestRunner(m_http, m_chain, m_clock, m_config.retry, lcSpeech(), u"read-back"_s,
                                     std::move(hooks), parent);
    const QString format = config.responseFormat;
    connect(runner, &RequestRunner::done, parent, [done, format](const RunOutcome& outcome) {
        if (!outcome.ok) {
            done(outcome.error.error);
            return;
        }
        SpeechResult result;
        result.audio = outcome.response.body;
        result.mimeType = outcome.response.header("content-type");
        result.format = format;
        result.endpointName = outcome.endpoint.name;
        result.latency = outcome.latency;
        result.attempts = outcome.attempts;
        qCInfo(lcSpeech).noquote() << u"read-back endpoint=%1 (%2) latency_ms=%3 bytes=%4"_s.arg(
            outcome.endpoint.name, outcome.endpoint.host(), QString::number(outcome.latency.count()),
            QString::number(result.audio.size()));
        done(result);
    });
    runner->start();
    return runner;
}

} // namespace utter
