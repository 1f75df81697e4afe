#include "providersdoctor.h"

#include "endpointhealth.h"

#include <QPointer>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

QString targetName(const Endpoint& endpoint, Capability capability)
{
    return u"%1 %2 (%3)"_s.arg(capabilityNoun(capability), endpoint.name, endpoint.host());
}

QString prefixFor(Capability capability, const QString& endpointName)
{
    const QString base = capability == Capability::Transcription ? u"transcribe"_s
                         : capability == Capability::Transform   ? u"transform"_s
                                                                 : u"speech"_s;
    return endpointName == u"fallback"_s ? base + u"/fallbackUrl"_s : base + u"/url"_s;
}

} // namespace

ProvidersDoctor::ProvidersDoctor(TranscriberConfig transcriber, TransformerConfig transformer, SpeechConfig speech,
                                 QList<StyleProblem> styleProblems, HttpClient& http)
    : m_http(http)
{
    const QString section = u"providers"_s;
    for (const Endpoint& e : std::as_const(transcriber.endpoints))
        m_targets.append({e, Capability::Transcription});
    m_targets.append({transformer.endpoint, Capability::Transform});
    for (const Endpoint& e : std::as_const(speech.endpoints))
        m_targets.append({e, Capability::Speech});
    if (speech.endpoints.isEmpty())
        m_notes.append({section, u"read-back"_s, CheckStatus::Skip, u"no speech endpoint configured"_s,
                        u"optional: `utter config set speech/url http://HOST:8080/v1` (hal0, speaches, OpenAI)"_s,
                        std::nullopt});
    const QString replacement = retiredModelReplacement(transformer.endpoint.model);
    if (!replacement.isEmpty())
        m_notes.append({section, u"style model"_s, CheckStatus::Fail,
                        u"\"%1\" was retired by the provider; requests with it fail"_s.arg(transformer.endpoint.model),
                        u"`utter config set transform/model %1`"_s.arg(replacement), std::nullopt});
    for (const StyleProblem& problem : styleProblems)
        m_notes.append(
            {section, u"style file %1"_s.arg(problem.file), CheckStatus::Warn,
             problem.line > 0 ? u"line %1: %2"_s.arg(QString::number(problem.line), problem.message) : problem.message,
             u"edit the file (format: docs/providers.md, \"Style files\")"_s, std::nullopt});
}

QString ProvidersDoctor::retiredModelReplacement(const QString& model)
{
    if (model == u"deepseek-chat"_s)
        return u"deepseek-flash"_s;
    if (model == u"deepseek-reasoner"_s)
        return u"deepseek-v4-pro"_s;
    if (model == u"distil-whisper-large-v3-en"_s)
        return u"whisper-large-v3-turbo"_s;
    return {};
}

void ProvidersDoctor::run(QObject* context, std::function<void(QList<DoctorCheck>)> done)
{
    m_done = std::move(done);
    m_next = 0;
    m_checks.clear();
    probeNext(context);
}

void ProvidersDoctor::probeNext(QObject* context)
{
    if (m_next >= m_targets.size()) {
        m_done(m_checks + m_notes);
        return;
    }
    const Target target = m_targets.at(m_next++);
    const QString name = targetName(target.endpoint, target.capability);
    const QString section = u"providers"_s;
    if (!target.endpoint.isValid()) {
        m_checks.append({section, name, CheckStatus::Fail, u"the URL is not valid"_s,
                         u"`utter config set %1 URL`"_s.arg(prefixFor(target.capability, target.endpoint.name)),
                         std::nullopt});
        probeNext(context);
        return;
    }
    if (target.endpoint.requiresKey() && target.endpoint.apiKey.isEmpty()) {
        m_checks.append({section, name, CheckStatus::Fail, u"no API key named \"%1\""_s.arg(target.endpoint.keyName),
                         u"`utter secret set %1` (or export %2_API_KEY)"_s.arg(target.endpoint.keyName,
                                                                               target.endpoint.keyName.toUpper()),
                         std::nullopt});
        probeNext(context);
        return;
    }
    auto* health = new EndpointHealth(m_http, context);
    QPointer<QObject> guard(context);
    health->probe(target.endpoint, target.capability, context,
                  [this, health, target, name, section, context, guard](const HealthReport& report) {
                      DoctorCheck check{section, name, CheckStatus::Ok, report.summary, {}, report.latency.count()};
                      if (!report.reachable) {
                          check.status = CheckStatus::Fail;
                          check.fix = u"check the network and `utter config get %1`"_s.arg(
                              prefixFor(target.capability, target.endpoint.name));
                      } else if (!report.ok) {
                          check.status = CheckStatus::Fail;
                          if (report.error && report.error->code == ErrorCode::AuthFailed)
                              check.fix = u"`utter secret set %1`"_s.arg(target.endpoint.keyName);
                          else if (report.error && report.error->code == ErrorCode::OutOfCredit)
                              check.fix = u"top up the account with the provider"_s;
                          else
                              check.fix = u"check the server"_s;
                      } else if (report.warning) {
                          check.status = CheckStatus::Warn;
                          if (report.modelListed && !*report.modelListed)
                              check.fix = u"the model \"%1\" is not in the server's /models list; check "
                                          "`utter config get %2`"_s.arg(
                                              target.endpoint.model, prefixFor(target.capability, target.endpoint.name)
                                                                         .replace(u"url"_s, u"model"_s)
                                                                         .replace(u"Url"_s, u"Model"_s));
                          else
                              check.fix = u"the hal0 slot is not loaded; the first request will wait for it"_s;
                      }
                      m_checks.append(check);
                      health->deleteLater();
                      if (guard)
                          probeNext(context);
                  });
}

} // namespace utter
