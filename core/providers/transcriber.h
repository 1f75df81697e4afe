#pragma once

#include "clock.h"
#include "common/result.h"
#include "fallbackchain.h"
#include "providerconfig.h"
#include "transcription.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <memory>

namespace utter
{

class HttpClient;
class RequestRunner;
struct RunOutcome;

// One chunk of audio to transcribe. The pipeline fills it from the journal; audio is Ogg Opus unless fileName
// and mimeType say otherwise (the provider checks the file name's extension, so it must match the bytes).
struct TranscriptionRequest
{
    QByteArray audio;
    double durationS = 0;
    QString fileName = QStringLiteral("audio.ogg");
    QByteArray mimeType = "audio/ogg";
    QString language;              // empty = the configured language
    std::optional<QString> prompt; // nullopt = the configured vocabulary
    QString sessionId;             // for log lines
    int sequence = 0;              // the chunk's number, echoed in the result
};

struct TranscriptionResult
{
    QString text;
    QList<TranscriptSegment> segments; // times relative to the request's audio
    QString language;
    int sequence = 0;
    QString endpointName; // "primary" / "fallback"
    QUrl endpointUrl;
    double billedSeconds = 0; // what the provider charges (Groq: at least 10 s per request)
    std::chrono::milliseconds latency{0};
    int attempts = 0;
    int parts = 1; // > 1 when a 413 made Utter split the audio
    QString providerRequestId;
};

// Splits audio a provider refused as too large into consecutive parts (each with its own durationS). Returning
// fewer than two parts means it cannot be split further.
using AudioSplitter = std::function<QList<TranscriptionRequest>(const TranscriptionRequest&)>;

class TranscriptionJob;

// Speech-to-text over any OpenAI-compatible /audio/transcriptions endpoint (Groq, OpenAI, hal0, speaches,
// LocalAI, whisper.cpp), with retries and the primary → fallback chain. Asynchronous: results arrive through
// the callback on the context object's thread; a destroyed context cancels the job.
class Transcriber final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Transcriber)

public:
    using Callback = std::function<void(const Result<TranscriptionResult>&)>;
    // The same, with how the provider layer judged a failure: `failure.retryable` says whether sending the audio
    // again later may succeed (network, timeout, 429, 5xx, a loading model) — the one place that decides it.
    // On success `failure` is empty.
    using DetailedCallback = std::function<void(const Result<TranscriptionResult>&, const ProviderError& failure)>;

    Transcriber(TranscriberConfig config, HttpClient& http, Clock& clock, QObject* parent = nullptr);
    ~Transcriber() override;

    // Called on a 413 (or audio over maxUploadBytes) to split the chunk; without one the job fails TooLarge.
    void setSplitter(AudioSplitter splitter) { m_splitter = std::move(splitter); }
    void setRandom(std::function<double()> random) { m_random = std::move(random); }

    const TranscriberConfig& config() const { return m_config; }
    FallbackChain& chain() { return m_chain; }

    // Starts a job; `done` runs exactly once unless the context dies first. The returned job can cancel().
    QPointer<TranscriptionJob> transcribe(TranscriptionRequest request, QObject* context, Callback done);
    QPointer<TranscriptionJob> transcribeDetailed(TranscriptionRequest request, QObject* context,
                                                  DetailedCallback done);

private:
    friend class TranscriptionJob;
    RequestRunner* startRunner(const TranscriptionRequest& request, QObject* parent);

    TranscriberConfig m_config;
    HttpClient& m_http;
    Clock& m_clock;
    FallbackChain m_chain;
    AudioSplitter m_splitter;
    std::function<double()> m_random;
};

// One transcription, possibly split into parts. Lives as a child of the context object.
class TranscriptionJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TranscriptionJob)

public:
    TranscriptionJob(Transcriber& owner, TranscriptionRequest request, Transcriber::DetailedCallback done,
                     QObject* context);
    ~TranscriptionJob() override;

    void cancel();

private:
    friend class Transcriber;
    void start();
    void runPart();
    void partDone(const RunOutcome& outcome);
    void finish(const Result<TranscriptionResult>& result, const ProviderError& failure = {});

    QPointer<Transcriber> m_owner;
    TranscriptionRequest m_request;
    Transcriber::DetailedCallback m_done;
    QList<TranscriptionRequest> m_parts;
    int m_part = 0;
    double m_offsetS = 0;
    TranscriptionResult m_result;
    QPointer<RequestRunner> m_runner;
    bool m_finished = false;
};

} // namespace utter
