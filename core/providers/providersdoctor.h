#pragma once

#include "doctor/doctorcheck.h"
#include "providerconfig.h"
#include "style.h"

namespace utter
{

class HttpClient;

// The providers section of `utter doctor`: for every configured endpoint, whether its key is there, whether it
// answers (with latency), whether it knows the model, hal0 slot state, retired model names; style file problems.
class ProvidersDoctor final : public DoctorContributor
{
public:
    ProvidersDoctor(TranscriberConfig transcriber, TransformerConfig transformer, SpeechConfig speech,
                    QList<StyleProblem> styleProblems, HttpClient& http);

    QString section() const override { return QStringLiteral("providers"); }
    void run(QObject* context, std::function<void(QList<DoctorCheck>)> done) override;

    // Model names a provider retired, with the replacement (DeepSeek retired deepseek-chat/-reasoner 2026-07-24).
    static QString retiredModelReplacement(const QString& model);

private:
    struct Target
    {
        Endpoint endpoint;
        Capability capability;
    };
    void probeNext(QObject* context);

    QList<Target> m_targets;
    QList<DoctorCheck> m_checks; // probe results, in configuration order
    QList<DoctorCheck> m_notes;  // static findings (retired models, style files, unconfigured parts)
    HttpClient& m_http;
    qsizetype m_next = 0;
    std::function<void(QList<DoctorCheck>)> m_done;
};

} // namespace utter
