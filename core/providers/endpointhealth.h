#pragma once

#include "common/result.h"
#include "endpoint.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace utter
{

class HttpClient;

struct HealthReport
{
    QString endpointName;
    QString host;
    Capability capability = Capability::Transcription;
    bool reachable = false;               // some HTTP answer came back
    bool ok = false;                      // usable for requests now
    bool warning = false;                 // usable, but something looks off (model not listed, slot idle)
    std::chrono::milliseconds latency{0}; // of the first probe
    QString serverKind;                   // "hal0" or "openai-compatible"
    QString model;                        // the configured model
    QStringList models;
    std::optional<bool> modelListed;
    QString slotState; // hal0 only
    std::optional<Error> error;
    QString summary; // one line for `utter doctor`
};

// Probes an endpoint the way `utter doctor` and the "Test" buttons of the settings dialog and the first-run
// assistant need: GET {base}/models (with the key, so a bad key shows), and, for self-hosted servers, hal0's
// GET /api/health plus /api/slots/{stt|tts|chat}/state. Never guesses the server type from the port: hal0 is
// recognised by its health answer. All requests go through HttpClient (timeouts, TLS, redaction).
class EndpointHealth final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointHealth)

public:
    using Callback = std::function<void(const HealthReport&)>;

    explicit EndpointHealth(HttpClient& http, QObject* parent = nullptr);

    void probe(const Endpoint& endpoint, Capability capability, QObject* context, Callback done);
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // Parses {"object":"list","data":[{"id":...}]} (and a bare array of ids).
    static QStringList parseModelList(const QByteArray& body);
    static QString slotFor(Capability capability);
    // One sentence for the user: "Connected in 84 ms.", what looks off, or the error (translated in the UI).
    static QString describe(const HealthReport& report);

private:
    HttpClient& m_http;
    std::chrono::milliseconds m_timeout{8000};
};

} // namespace utter
