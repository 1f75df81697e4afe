#pragma once

#include "common/error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

#include <chrono>
#include <optional>

namespace utter
{

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>; // names lower-case

// Looks a header up case-insensitively; empty when absent.
QByteArray headerValue(const HttpHeaders& headers, const QByteArray& name);

// What one failed attempt at a provider means: the Error a person reads, plus what the retry logic needs.
struct ProviderError
{
    Error error;
    int httpStatus = 0;   // 0 for transport failures (refused, reset, timeout, TLS)
    QString providerCode; // "rate_limit_exceeded", "unsupported_audio_format", "slot.loading", ...
    QString providerMessage;
    bool retryable = false;
};

// Which request failed, for messages ("transcription", "style", "read-back").
enum class Capability
{
    Transcription,
    Transform,
    Speech,
};
QString capabilityNoun(Capability capability);

// The fields of an error body. Understands OpenAI/Groq/DeepSeek {"error":{"message","type","code"}}, hal0
// {"error":{"code":"ns.reason","message","details":{...}}}, FastAPI {"detail": ...}, {"message": ...} and plain
// text. Pure; never throws.
struct ErrorBody
{
    QString message;
    QString type;
    QString code;
    std::optional<double> retryAfterS; // hal0 details.retry_after_s
    bool parsed = false;               // false when the body was not JSON
};
ErrorBody parseErrorBody(const QByteArray& body);

// Retry-After as delta-seconds ("7") or HTTP-date ("Wed, 21 Oct 2026 07:28:00 GMT"), relative to now.
std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray& value, const QDateTime& now);

// Groq's x-ratelimit-reset-* durations ("2m59.56s", "7.66s", "120ms").
std::optional<std::chrono::milliseconds> parseGroqDuration(const QByteArray& value);

// Whether an HTTP status may succeed when sent again. Never: 400, 401, 402, 403, 404, 413, 415, 422 (and every
// other 4xx but 408, 409, 425, 429, 498).
bool isRetryableStatus(int status);

// Where a failed request went, for the sentence a person reads.
struct ErrorContext
{
    Capability capability = Capability::Transcription;
    QString endpoint; // "api.groq.com" or "127.0.0.1:8080"
    QString keyName;  // the secret's name ("groq"), for `utter secret set NAME`
    QString model;
};

// Maps an HTTP error reply to a typed error with one sentence a person can act on.
ProviderError classifyHttpError(const ErrorContext& context, int status, const QByteArray& body,
                                const HttpHeaders& headers, const QDateTime& now);

// A reply that arrived with 2xx but could not be understood.
ProviderError malformedReply(const ErrorContext& context, const QString& what);

} // namespace utter
