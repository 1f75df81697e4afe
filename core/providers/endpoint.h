#pragma once

#include "providererror.h"

#include <QUrl>

namespace utter
{

// One OpenAI-compatible server for one capability, as configured: URL (a base such as
// https://api.groq.com/openai/v1, or a full path such as http://host:8080/inference), model, key.
struct Endpoint
{
    QString name; // "primary" / "fallback", for logs and results
    QUrl url;     // as configured
    QString model;
    QString voice;             // read-back only
    QString keyName;           // secret name ("groq")
    QString apiKey;            // resolved value; empty for servers without auth (hal0, whisper.cpp, Ollama)
    double minimumBilledS = 0; // Groq bills every request as at least 10 s

    bool isValid() const { return url.isValid() && !url.host().isEmpty(); }
    // "api.groq.com" or "127.0.0.1:8080": how messages name the server.
    QString host() const;
    // True for hosted services that always need a key (Groq, DeepSeek, OpenAI).
    bool requiresKey() const;
    bool isDeepSeek() const;
    // The URL for a request: the configured URL if it already ends in the API path, else base + path.
    QUrl requestUrl(Capability capability) const;
    QUrl modelsUrl() const;
    QUrl originUrl(const QString& path) const; // scheme://host:port + path (hal0's /api/...)
    ErrorContext errorContext(Capability capability) const;
};

// The shortest duration a known host bills per transcription request: 10 s for Groq (groq.com and its
// subdomains), 0 otherwise (servers that bill by the second or not at all).
double knownMinimumBilledSeconds(const QUrl& url);

// Builds an endpoint, looking the key up and applying the billing rule for the host.
Endpoint makeEndpoint(const QString& name, const QString& url, const QString& model, const QString& keyName,
                      const QString& apiKey);

} // namespace utter
