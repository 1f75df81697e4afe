#include "endpointprobe.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

EndpointProbe::EndpointProbe(QObject* parent)
    : QObject(parent)
{}

void EndpointProbe::probe(const QUrl& baseUrl, const QString& apiKey, std::function<void(const Outcome&)> done)
{
    QUrl url = baseUrl;
    url.setPath(url.path().endsWith(u'/') ? url.path() + u"models"_s : url.path() + u"/models"_s);
    QNetworkRequest request(url);
    request.setTransferTimeout(10000);
    if (!apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + apiKey.toUtf8());
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QNetworkReply* reply = m_network.get(request);
    connect(reply, &QNetworkReply::finished, this, [reply, timer, done = std::move(done)] {
        reply->deleteLater();
        Outcome outcome;
        outcome.latencyMs = timer->elapsed();
        outcome.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        QString providerMessage =
            QJsonDocument::fromJson(body).object().value(u"error"_s).toObject().value(u"message"_s).toString();
        if (providerMessage.isEmpty())
            providerMessage = QJsonDocument::fromJson(body).object().value(u"error"_s).toString();
        if (reply->error() == QNetworkReply::NoError) {
            outcome.ok = true;
            outcome.message = EndpointProbe::tr("Connected in %1 ms.").arg(outcome.latencyMs);
        } else if (outcome.httpStatus == 401 || outcome.httpStatus == 403) {
            outcome.message =
                EndpointProbe::tr("The key was refused (HTTP %1): %2")
                    .arg(outcome.httpStatus)
                    .arg(providerMessage.isEmpty() ? EndpointProbe::tr("check the API key.") : providerMessage);
        } else if (outcome.httpStatus > 0) {
            outcome.message = EndpointProbe::tr("The endpoint answered HTTP %1: %2")
                                  .arg(outcome.httpStatus)
                                  .arg(providerMessage.isEmpty() ? reply->errorString() : providerMessage);
        } else {
            outcome.message = EndpointProbe::tr("Could not reach the endpoint: %1").arg(reply->errorString());
        }
        done(outcome);
    });
}

} // namespace utter::ui
