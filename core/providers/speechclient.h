#pragma once

#include "clock.h"
#include "common/result.h"
#include "fallbackchain.h"
#include "providerconfig.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace utter
{

class HttpClient;
class RequestRunner;

struct SpeechResult
{
    QByteArray audio;
    QByteArray mimeType; // from the server, e.g. audio/wav
    QString format;      // the requested response_format
    QString endpointName;
    std::chrono::milliseconds latency{0};
    int attempts = 0;
};

// Per-request choices (the HTTP front door's /v1/audio/speech); empty members keep the configured ones.
struct SpeechOverrides
{
    QString voice; // for every endpoint of the chain
    QString responseFormat;
    std::optional<double> speed;
};

// Read-back: text to audio through /audio/speech (hal0 qwen3-tts → kokoro, OpenAI, speaches, LocalAI), with
// the primary → fallback chain and retries (hal0's 503 slot.loading + Retry-After is waited out).
class SpeechClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpeechClient)

public:
    using Callback = std::function<void(const Result<SpeechResult>&)>;

    SpeechClient(SpeechConfig config, HttpClient& http, Clock& clock, QObject* parent = nullptr);
    ~SpeechClient() override;

    const SpeechConfig& config() const { return m_config; }
    FallbackChain& chain() { return m_chain; }

    // The returned runner can cancel(); done runs exactly once unless context dies first.
    QPointer<RequestRunner> synthesize(const QString& text, QObject* context, Callback done);
    QPointer<RequestRunner> synthesize(const QString& text, const SpeechOverrides& overrides, QObject* context,
                                       Callback done);

private:
    SpeechConfig m_config;
    HttpClient& m_http;
    Clock& m_clock;
    FallbackChain m_chain;
};

} // namespace utter
