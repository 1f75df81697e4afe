#include "endpoint.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

const QStringList& apiSuffixes()
{
    static const QStringList suffixes{u"/audio/transcriptions"_s, u"/audio/translations"_s, u"/inference"_s,
                                      u"/chat/completions"_s,     u"/audio/speech"_s,       u"/models"_s};
    return suffixes;
}

QString suffixFor(Capability capability)
{
    switch (capability) {
    case Capability::Transcription:
        return u"/audio/transcriptions"_s;
    case Capability::Transform:
        return u"/chat/completions"_s;
    case Capability::Speech:
        return u"/audio/speech"_s;
    }
    return {};
}

QString basePath(const QUrl& url)
{
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    for (const QString& suffix : apiSuffixes()) {
        if (path.endsWith(suffix))
            return path.left(path.size() - suffix.size());
    }
    return path;
}

} // namespace

QString Endpoint::host() const
{
    if (url.port() > 0)
        return u"%1:%2"_s.arg(url.host(), QString::number(url.port()));
    return url.host();
}

bool Endpoint::requiresKey() const
{
    const QString h = url.host().toLower();
    return h == u"api.groq.com"_s || h.endsWith(u"deepseek.com"_s) || h == u"api.openai.com"_s;
}

bool Endpoint::isDeepSeek() const
{
    return url.host().toLower().endsWith(u"deepseek.com"_s) || model.startsWith(u"deepseek"_s, Qt::CaseInsensitive);
}

QUrl Endpoint::requestUrl(Capability capability) const
{
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    const QString suffix = suffixFor(capability);
    const bool complete =
        capability == Capability::Transcription
            ? (path.endsWith(suffix) || path.endsWith(u"/inference"_s) || path.endsWith(u"/audio/translations"_s))
            : path.endsWith(suffix);
    QUrl out = url;
    out.setPath(complete ? path : basePath(url) + suffix);
    return out;
}

QUrl Endpoint::modelsUrl() const
{
    QUrl out = url;
    out.setPath(basePath(url) + u"/models"_s);
    out.setQuery(QString());
    return out;
}

QUrl Endpoint::originUrl(const QString& path) const
{
    QUrl out = url;
    out.setPath(path);
    out.setQuery(QString());
    return out;
}

ErrorContext Endpoint::errorContext(Capability capability) const
{
    return ErrorContext{capability, host(), keyName, model};
}

Endpoint makeEndpoint(const QString& name, const QString& url, const QString& model, const QString& keyName,
                      const QString& apiKey)
{
    Endpoint e;
    e.name = name;
    e.url = QUrl(url.trimmed());
    e.model = model;
    e.keyName = keyName;
    e.apiKey = apiKey;
    e.minimumBilledS = knownMinimumBilledSeconds(e.url);
    return e;
}

double knownMinimumBilledSeconds(const QUrl& url)
{
    const QString host = url.host().toLower();
    return host == u"groq.com"_s || host.endsWith(u".groq.com"_s) ? 10.0 : 0.0;
}

} // namespace utter
