#include "providerconfig.h"

#include "realtimetranscriber.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

Endpoint endpointFrom(const Settings& settings, const KeyValue& secrets, const QString& name, SettingKey url,
                      SettingKey model, SettingKey keyName)
{
    const QString key = settings.stringValue(keyName);
    const QString value = key.isEmpty() ? QString() : secrets(key);
    return makeEndpoint(name, settings.stringValue(url), settings.stringValue(model), key, value);
}

KeyValue storeKeys(SecretStore& secrets)
{
    return [&secrets](const QString& name) { return secrets.value(name); };
}

} // namespace

KeyValue cachedKeys(SecretStore& secrets)
{
    return [&secrets](const QString& name) {
        const std::optional<SecretLookup> key = secrets.cached(name);
        return key ? key->value : QString();
    };
}

TranscriberConfig TranscriberConfig::fromSettings(const Settings& settings, SecretStore& secrets)
{
    return fromSettings(settings, storeKeys(secrets));
}

TransformerConfig TransformerConfig::fromSettings(const Settings& settings, SecretStore& secrets,
                                                  const QString& stylesDir)
{
    return fromSettings(settings, storeKeys(secrets), stylesDir);
}

SpeechConfig SpeechConfig::fromSettings(const Settings& settings, SecretStore& secrets)
{
    return fromSettings(settings, storeKeys(secrets));
}

TranscriberConfig TranscriberConfig::fromSettings(const Settings& settings, const KeyValue& secrets)
{
    TranscriberConfig c;
    c.endpoints << endpointFrom(settings, secrets, u"primary"_s, SettingKey::TranscribeUrl, SettingKey::TranscribeModel,
                                SettingKey::TranscribeKeyName);
    if (!settings.stringValue(SettingKey::TranscribeFallbackUrl).isEmpty())
        c.endpoints << endpointFrom(settings, secrets, u"fallback"_s, SettingKey::TranscribeFallbackUrl,
                                    SettingKey::TranscribeFallbackModel, SettingKey::TranscribeFallbackKeyName);
    c.endpoints.first().minimumBilledS = transcriptionMinimumBilledSeconds(settings);
    if (RealtimeConfig::isRealtimeUrl(c.endpoints.first().url)) {
        // A realtime primary streams (RealtimeTranscriber); chunks that could not be streamed go to the batch
        // endpoint: the fallback, else the same server's /audio/transcriptions (docs/providers.md).
        Endpoint realtime = c.endpoints.takeFirst();
        if (c.endpoints.isEmpty()) {
            Endpoint batch = realtime;
            batch.name = u"fallback"_s;
            batch.url.setScheme(realtime.url.scheme() == u"wss"_s ? u"https"_s : u"http"_s);
            QString path = batch.url.path();
            if (path.endsWith(u"/realtime"_s))
                path.chop(9);
            batch.url.setPath(path);
            batch.url.setQuery(QString());
            c.endpoints << batch;
            c.responseFormat = u"json"_s; // gpt-4o-transcribe answers json, not verbose_json
        }
    }
    c.language = settings.stringValue(SettingKey::GeneralLanguage);
    c.vocabulary = settings.stringListValue(SettingKey::TranscribeVocabulary);
    c.retry.attempts = settings.intValue(SettingKey::TranscribeAttempts);
    c.timeout = std::chrono::seconds(settings.intValue(SettingKey::TranscribeTimeoutS));
    c.stallTimeout = std::min<std::chrono::milliseconds>(
        std::chrono::seconds(settings.intValue(SettingKey::TranscribeStallS)), c.timeout);
    return c;
}

double transcriptionMinimumBilledSeconds(const Settings& settings)
{
    const QString value = settings.stringValue(SettingKey::TranscribeMinBilledS);
    bool number = false;
    const double seconds = value.toDouble(&number);
    if (number)
        return std::max(0.0, seconds);
    return knownMinimumBilledSeconds(QUrl(settings.stringValue(SettingKey::TranscribeUrl).trimmed()));
}

QString TranscriberConfig::prompt() const
{
    QString out;
    for (const QString& word : vocabulary) {
        const QString w = word.trimmed();
        if (w.isEmpty())
            continue;
        // ~4 characters per token: 800 characters stay under the 224-token prompt limit.
        if (out.size() + w.size() + 2 > 800)
            break;
        out += (out.isEmpty() ? QString() : u", "_s) + w;
    }
    return out;
}

TransformerConfig TransformerConfig::fromSettings(const Settings& settings, const KeyValue& secrets,
                                                  const QString& stylesDir)
{
    TransformerConfig c;
    c.endpoint = endpointFrom(settings, secrets, u"primary"_s, SettingKey::TransformUrl, SettingKey::TransformModel,
                              SettingKey::TransformKeyName);
    c.timeout = std::chrono::seconds(settings.intValue(SettingKey::TransformTimeoutS));
    c.stylesDir = stylesDir;
    return c;
}

SpeechConfig SpeechConfig::fromSettings(const Settings& settings, const KeyValue& secrets)
{
    SpeechConfig c;
    if (!settings.stringValue(SettingKey::SpeechUrl).isEmpty()) {
        Endpoint e = endpointFrom(settings, secrets, u"primary"_s, SettingKey::SpeechUrl, SettingKey::SpeechModel,
                                  SettingKey::SpeechKeyName);
        e.voice = settings.stringValue(SettingKey::SpeechVoice);
        c.endpoints << e;
    }
    if (!settings.stringValue(SettingKey::SpeechFallbackUrl).isEmpty()) {
        // The fallback (kokoro on hal0, typically) shares the key name: local servers need none.
        Endpoint e = endpointFrom(settings, secrets, u"fallback"_s, SettingKey::SpeechFallbackUrl,
                                  SettingKey::SpeechFallbackModel, SettingKey::SpeechKeyName);
        e.voice = settings.stringValue(SettingKey::SpeechFallbackVoice);
        c.endpoints << e;
    }
    return c;
}

} // namespace utter
