#pragma once

#include "clock.h"
#include "fallbackchain.h"
#include "providerconfig.h"
#include "style.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

namespace utter
{

class HttpClient;
class RequestRunner;
struct RunOutcome;

struct TransformResult
{
    QString text;    // the styled text — or the raw text when the style could not run
    QString rawText; // what went in
    QString style;
    bool transformed = false; // false: `text` is the raw text
    bool skipped = false;     // no call was made (raw style, text too short, empty)
    QString notice;           // for the user when the raw text came back because of a failure
    std::optional<Error> error;
    bool partialDeltasSent = false; // deltas were emitted before the failure: discard them, use `text`
    QString endpointName;
    std::chrono::milliseconds latency{0};
    int attempts = 0;
};

class TransformJob;

// Applies a style to text through /chat/completions (DeepSeek by default, any OpenAI-compatible server).
// Streaming deltas arrive as they come; the final result always carries text: on timeout or failure it is the
// raw text with a notice, so a style never loses the user's words.
class Transformer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Transformer)

public:
    using DeltaCallback = std::function<void(const QString& delta)>;
    using DoneCallback = std::function<void(const TransformResult& result)>;

    Transformer(TransformerConfig config, HttpClient& http, Clock& clock, QObject* parent = nullptr);
    ~Transformer() override;

    const TransformerConfig& config() const { return m_config; }
    void setRandom(std::function<double()> random) { m_random = std::move(random); }

    // Whether the style would make a call for this text (raw style and short texts do not).
    bool wouldCall(const QString& text, const Style& style) const;

    // Starts a job. onDelta (optional) gets the streamed pieces; done runs exactly once unless context dies.
    QPointer<TransformJob> transform(const QString& text, const Style& style, QObject* context, DeltaCallback onDelta,
                                     DoneCallback done, bool stream = true);

private:
    friend class TransformJob;

    TransformerConfig m_config;
    HttpClient& m_http;
    Clock& m_clock;
    FallbackChain m_chain;
    std::function<double()> m_random;
};

class TransformJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransformJob)

public:
    TransformJob(Transformer& owner, QString text, Style style, bool stream, Transformer::DeltaCallback onDelta,
                 Transformer::DoneCallback done, QObject* context);
    ~TransformJob() override;

    void cancel();

private:
    friend class Transformer;
    void start();
    void runnerDone(const RunOutcome& outcome);
    void deadline();
    void finishRaw(const Error& error, const QString& notice);
    void finish(TransformResult result);

    QPointer<Transformer> m_owner;
    QString m_text;
    Style m_style;
    bool m_stream;
    Transformer::DeltaCallback m_onDelta;
    Transformer::DoneCallback m_done;
    QPointer<RequestRunner> m_runner;
    QTimer m_deadline;
    QString m_streamed;    // content of the current attempt's stream
    bool m_sawEnd = false; // [DONE] or a finish_reason arrived
    bool m_deltasSent = false;
    std::optional<QString> m_streamError;
    bool m_finished = false;
};

} // namespace utter
