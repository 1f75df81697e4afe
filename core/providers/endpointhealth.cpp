#include "endpointhealth.h"

#include "httpclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

EndpointHealth::EndpointHealth(HttpClient& http, QObject* parent)
    : QObject(parent)
    , m_http(http)
{}

QStringList EndpointHealth::parseModelList(const QByteArray& body)
{
    QStringList out;
    const QJsonDocument doc = QJsonDocument::fromJson(body.trimmed());
    const QJsonArray data =
        doc.isObject() ? doc.object().value(u"data"_s).toArray() : (doc.isArray() ? doc.array() : QJsonArray());
    for (const QJsonValue& value : data) {
        const QString id = value.isString() ? value.toString() : value.toObject().value(u"id"_s).toString();
        if (!id.isEmpty())
            out << id;
    }
    return out;
}

QString EndpointHealth::slotFor(Capability capability)
{
    switch (capability) {
    case Capability::Transcription:
        return u"stt"_s;
    case Capability::Speech:
        return u"tts"_s;
    case Capability::Transform:
        return u"chat"_s;
    }
    return {};
}

QString EndpointHealth::describe(const HealthReport& report)
{
    if (report.error)
        return report.error->message;
    QString text = tr("Connected in %1 ms.").arg(report.latency.count());
    if (report.modelListed && !*report.modelListed)
        text += u' ' + tr("The server does not list the model “%1”; check the model name.").arg(report.model);
    const bool slotLoading = !report.slotState.isEmpty() && report.slotState != u"ready"_s &&
                             report.slotState != u"serving"_s; // a failed slot is an error above
    if (slotLoading)
        text +=
            u' ' + tr("The hal0 slot is %1, so the first request waits for the model to load.").arg(report.slotState);
    return text;
}

void EndpointHealth::probe(const Endpoint& endpoint, Capability capability, QObject* context, Callback done)
{
    auto report = std::make_shared<HealthReport>();
    report->endpointName = endpoint.name;
    report->model = endpoint.model;
    report->host = endpoint.host();
    report->capability = capability;
    report->serverKind = u"openai-compatible"_s;
    const ErrorContext errorContext = endpoint.errorContext(capability);
    const std::chrono::milliseconds timeout = m_timeout;

    auto makeRequest = [timeout](const QUrl& url, const QString& key, const QString& label) {
        HttpRequest r;
        r.url = url;
        r.bearerToken = key;
        r.connectTimeout = timeout;
        r.readTimeout = timeout;
        r.totalTimeout = timeout;
        r.label = label;
        return r;
    };

    auto finish = [report, done] {
        if (report->summary.isEmpty()) {
            QStringList parts;
            parts << u"%1 ms"_s.arg(report->latency.count());
            if (report->serverKind == u"hal0"_s)
                parts << u"hal0 slot %1"_s.arg(report->slotState.isEmpty() ? u"unknown"_s : report->slotState);
            if (report->modelListed)
                parts << (*report->modelListed ? u"model listed"_s : u"model not in /models"_s);
            report->summary = parts.join(u", "_s);
        }
        done(*report);
    };

    // Step 3 (hal0 only): the slot serving this capability.
    auto slotStep = [this, endpoint, capability, report, finish, makeRequest, context] {
        HttpCall* call = m_http.send(
            makeRequest(endpoint.originUrl(u"/api/slots/%1/state"_s.arg(slotFor(capability))), {}, u"health slot"_s));
        connect(call, &HttpCall::finished, context, [report, finish](const HttpResult& r) {
            if (r.success()) {
                report->slotState = QJsonDocument::fromJson(r.body).object().value(u"state"_s).toString();
                const QString s = report->slotState;
                if (s == u"ready"_s || s == u"serving"_s) {
                    // fine
                } else if (s == u"idle"_s || s == u"warming"_s || s == u"starting"_s || s == u"pulling"_s) {
                    report->warning = true; // the first request will wait for a load (503 slot.loading)
                } else {
                    report->ok = false;
                    report->error =
                        Error(ErrorCode::ProviderError,
                              u"the hal0 slot is %1, so requests will fail"_s.arg(s.isEmpty() ? u"unknown"_s : s));
                }
            }
            finish();
        });
    };

    // Step 2: hal0's liveness endpoint, skipped for the hosted services.
    auto hal0Step = [this, endpoint, report, finish, slotStep, makeRequest, context] {
        if (endpoint.requiresKey()) {
            finish();
            return;
        }
        HttpCall* call = m_http.send(makeRequest(endpoint.originUrl(u"/api/health"_s), {}, u"health hal0"_s));
        connect(call, &HttpCall::finished, context, [report, finish, slotStep](const HttpResult& r) {
            const QJsonObject health = QJsonDocument::fromJson(r.body).object();
            if (r.success() && health.value(u"name"_s).toString() == u"hal0"_s) {
                report->serverKind = u"hal0"_s;
                slotStep();
                return;
            }
            finish();
        });
    };

    // Step 1: the models list, with the key.
    HttpCall* call = m_http.send(makeRequest(endpoint.modelsUrl(), endpoint.apiKey, u"health models"_s));
    connect(
        call, &HttpCall::finished, context, [report, endpoint, errorContext, finish, hal0Step](const HttpResult& r) {
            report->latency = r.elapsed;
            if (!r.complete()) {
                report->error = transportError(errorContext, r).error;
                report->summary = report->error->message;
                finish();
                return;
            }
            report->reachable = true;
            if (r.success()) {
                report->ok = true;
                report->models = parseModelList(r.body);
                if (!report->models.isEmpty() && !endpoint.model.isEmpty()) {
                    report->modelListed = report->models.contains(endpoint.model);
                    if (!*report->modelListed)
                        report->warning = true;
                }
            } else if (r.status == 404 || r.status == 405) {
                report->ok = true; // whisper.cpp and some proxies have no /models
            } else {
                report->error =
                    classifyHttpError(errorContext, r.status, r.body, r.headers, QDateTime::currentDateTimeUtc()).error;
                report->ok = false;
                report->summary = report->error->message;
                finish();
                return;
            }
            hal0Step();
        });
}

} // namespace utter
