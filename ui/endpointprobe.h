#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

namespace utter::ui
{

// The settings "Test" button: asks an OpenAI-compatible endpoint for GET {base}/models with the key and reports
// the latency, or the exact HTTP status and the provider's own error message.
class EndpointProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointProbe)

public:
    struct Outcome
    {
        bool ok = false;
        int httpStatus = 0;
        qint64 latencyMs = 0;
        QString message; // one sentence for the user
    };

    explicit EndpointProbe(QObject* parent = nullptr);
    void probe(const QUrl& baseUrl, const QString& apiKey, std::function<void(const Outcome&)> done);

private:
    QNetworkAccessManager m_network;
};

} // namespace utter::ui
