#pragma once

#include "endpoint.h"
#include "retrypolicy.h"

#include <QStringList>

#include <chrono>
#include <functional>

namespace utter
{

class Settings;
class SecretStore;

// The value of the API key of that name (empty when there is none). The SecretStore overloads below ask the store
// (blocking on the command line); the service passes its cached keys so that building clients never waits.
using KeyValue = std::function<QString(const QString& keyName)>;
// The store's cached keys, never waiting: a key not known yet is empty (and being read; see SecretStore::resolved).
KeyValue cachedKeys(SecretStore& secrets);

// Snapshot of the transcription settings (transcribe/*, general/language) with keys resolved.
struct TranscriberConfig
{
    QList<Endpoint> endpoints; // primary, then the fallback when one is configured
    QString language;          // ISO-639-1, empty = let the model detect
    QStringList vocabulary;    // sent as the prompt
    QString responseFormat = QStringLiteral("verbose_json");
    RetryPolicy retry;
    std::chrono::milliseconds timeout{60000};      // hard deadline per request
    std::chrono::milliseconds stallTimeout{15000}; // longest silence once connected: a stalled request is retried
    std::chrono::milliseconds connectTimeout{10000};
    qint64 maxUploadBytes = 25 * 1000 * 1000; // Groq's free-tier attachment limit

    static TranscriberConfig fromSettings(const Settings& settings, SecretStore& secrets);
    static TranscriberConfig fromSettings(const Settings& settings, const KeyValue& key);
    // The prompt for the vocabulary, kept under Groq's 224-token limit.
    QString prompt() const;
};

// transcribe/minBilledSeconds resolved for the primary transcription endpoint: the number set, or for "auto" what
// its host is known to bill (knownMinimumBilledSeconds: Groq 10 s, else 0).
double transcriptionMinimumBilledSeconds(const Settings& settings);

// Snapshot of the style settings (transform/*).
struct TransformerConfig
{
    Endpoint endpoint;
    std::chrono::milliseconds timeout{15000}; // after this the raw text is delivered
    std::chrono::milliseconds connectTimeout{5000};
    std::chrono::milliseconds idleTimeout{10000}; // longest silence inside a stream (keep-alives count)
    RetryPolicy retry{2, std::chrono::milliseconds(500), std::chrono::milliseconds(4000), 0.25,
                      std::chrono::milliseconds(5000)};
    int minimumWords = 3; // shorter texts are returned as they are, without a call
    QString stylesDir;

    static TransformerConfig fromSettings(const Settings& settings, SecretStore& secrets, const QString& stylesDir);
    static TransformerConfig fromSettings(const Settings& settings, const KeyValue& key, const QString& stylesDir);
};

// Snapshot of the read-back settings (speech/*).
struct SpeechConfig
{
    QList<Endpoint> endpoints; // primary, fallback
    QString responseFormat = QStringLiteral("wav");
    double speed = 1.0;
    RetryPolicy retry{2, std::chrono::milliseconds(1000), std::chrono::milliseconds(8000), 0.25,
                      std::chrono::milliseconds(30000)};
    std::chrono::milliseconds timeout{120000}; // hal0's qwen3tts read timeout is 120 s
    std::chrono::milliseconds connectTimeout{5000};

    static SpeechConfig fromSettings(const Settings& settings, SecretStore& secrets);
    static SpeechConfig fromSettings(const Settings& settings, const KeyValue& key);
};

} // namespace utter
