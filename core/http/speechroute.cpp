#include "speechroute.h"

#include "providers/clock.h"
#include "providers/httpclient.h"
#include "providers/speechclient.h"

#include <QCryptographicHash>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

bool isOpenAiVoice(const QString& voice)
{
    static const QStringList voices{u"alloy"_s, u"ash"_s,  u"ballad"_s, u"coral"_s,   u"echo"_s, u"fable"_s,
                                    u"nova"_s,  u"onyx"_s, u"sage"_s,   u"shimmer"_s, u"verse"_s};
    return voices.contains(voice.toLower());
}

QByteArray contentTypeFor(const QString& format, const QByteArray& fromProvider)
{
    if (!fromProvider.isEmpty() && !fromProvider.contains("octet-stream"))
        return fromProvider;
    if (format == u"mp3"_s)
        return "audio/mpeg";
    if (format == u"opus"_s)
        return "audio/ogg";
    if (format == u"aac"_s)
        return "audio/aac";
    if (format == u"flac"_s)
        return "audio/flac";
    if (format == u"pcm"_s)
        return "audio/L16; rate=24000; channels=1";
    return "audio/wav";
}

} // namespace

SpeechRoute::SpeechRoute(std::function<SpeechConfig()> config)
    : m_config(std::move(config))
{}

SpeechRoute::~SpeechRoute() = default;

SpeechClient* SpeechRoute::client(const SpeechConfig& config)
{
    // One client while the settings stay the same, so its fallback chain remembers which endpoint is healthy.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const Endpoint& endpoint : config.endpoints)
        hash.addData(QStringList{endpoint.name, endpoint.url.toString(), endpoint.model, endpoint.voice,
                                 endpoint.keyName, endpoint.apiKey}
                         .join(QChar(0))
                         .toUtf8());
    hash.addData(QByteArray(QByteArray::number(config.speed) + config.responseFormat.toUtf8()));
    const QString fingerprint = QString::fromLatin1(hash.result().toHex());
    if (!m_client || fingerprint != m_fingerprint) {
        if (!m_http) {
            m_http = std::make_unique<HttpClient>();
            m_clock = std::make_unique<SystemClock>();
        }
        m_client = std::make_unique<SpeechClient>(config, *m_http, *m_clock);
        m_fingerprint = fingerprint;
    }
    return m_client.get();
}

void SpeechRoute::handle(const QByteArray& requestBody, QObject* context, Reply reply)
{
    const auto fail = [&](int status, const QString& message, const QString& code) {
        reply(HttpResponse::error(status, message, code));
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(requestBody, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        fail(400, u"Send a JSON object such as {\"model\":\"tts-1\",\"input\":\"Hello\",\"voice\":\"alloy\"}."_s,
             u"invalid_json"_s);
        return;
    }
    const QJsonObject body = document.object();
    const QString input = body.value(u"input"_s).toString();
    if (input.trimmed().isEmpty()) {
        fail(400, u"`input` must be a non-empty string."_s, u"missing_input"_s);
        return;
    }
    if (input.size() > 20000) {
        fail(400, u"`input` is longer than 20000 characters; split the text."_s, u"input_too_long"_s);
        return;
    }
    static const QStringList formats{u"mp3"_s, u"opus"_s, u"aac"_s, u"flac"_s, u"wav"_s, u"pcm"_s};
    const QString format = body.value(u"response_format"_s).toString(u"mp3"_s);
    if (!formats.contains(format)) {
        fail(400, u"response_format must be one of %1."_s.arg(formats.join(u", "_s)), u"unsupported_response_format"_s);
        return;
    }
    SpeechOverrides overrides;
    overrides.responseFormat = format;
    if (body.contains(u"speed"_s)) {
        const double speed = body.value(u"speed"_s).toDouble(-1);
        if (!body.value(u"speed"_s).isDouble() || speed < 0.25 || speed > 4.0) {
            fail(400, u"speed must be a number from 0.25 to 4.0."_s, u"invalid_speed"_s);
            return;
        }
        overrides.speed = speed;
    }
    const QString voice = body.value(u"voice"_s).toString();
    if (!voice.isEmpty() && !isOpenAiVoice(voice))
        overrides.voice = voice.left(200);
    if (!m_config) {
        fail(501, u"Read-back is not built in this version of Utter."_s, u"not_built"_s);
        return;
    }
    const SpeechConfig config = m_config();
    if (config.endpoints.isEmpty()) {
        fail(503, u"No read-back endpoint is configured; set one with `utter config set speech/url URL`."_s,
             u"not_configured"_s);
        return;
    }
    client(config)->synthesize(input, overrides, context, [reply, format](const Result<SpeechResult>& result) {
        if (!result.ok()) {
            reply(HttpResponse::fromError(result.error(), result.error().message));
            return;
        }
        HttpResponse response;
        response.contentType = contentTypeFor(format, result->mimeType);
        response.body = result->audio;
        reply(response);
    });
}

} // namespace utter
