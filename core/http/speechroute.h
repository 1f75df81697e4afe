#pragma once

#include "httpconnection.h"
#include "providers/providerconfig.h"

#include <functional>
#include <memory>

namespace utter
{

class HttpClient;
class SpeechClient;
class SystemClock;

// POST /v1/audio/speech: OpenAI's request shape ({"model","input","voice","response_format","speed"}) read back
// through Utter's speech client, with its primary + fallback endpoints and health guards. OpenAI's voice names
// ("alloy", …) mean "the voice configured for each endpoint"; any other name is sent as it is.
class SpeechRoute final
{
    Q_DISABLE_COPY_MOVE(SpeechRoute)

public:
    using Reply = std::function<void(const HttpResponse&)>;

    // config: the read-back settings of the moment; empty: the route answers 501 "not built".
    explicit SpeechRoute(std::function<SpeechConfig()> config);
    ~SpeechRoute();

    // Answers through reply: at once for a request it refuses, else when the audio (or the provider's error) is
    // there. The provider call lasts as long as context.
    void handle(const QByteArray& body, QObject* context, Reply reply);

private:
    SpeechClient* client(const SpeechConfig& config);

    std::function<SpeechConfig()> m_config;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<SystemClock> m_clock;
    std::unique_ptr<SpeechClient> m_client;
    QString m_fingerprint;
};

} // namespace utter
