#include "redactor.h"

#include <QMutexLocker>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

void Redactor::addSecret(const QString& value)
{
    const QString trimmed = value.trimmed();
    if (trimmed.size() < MinimumSecretLength)
        return;
    QMutexLocker lock(&m_mutex);
    m_secrets.insert(trimmed);
}

void Redactor::clear()
{
    QMutexLocker lock(&m_mutex);
    m_secrets.clear();
}

QString Redactor::redact(QString text) const
{
    {
        QMutexLocker lock(&m_mutex);
        for (const QString& secret : m_secrets)
            text.replace(secret, Mask);
    }
    // Header values and tokens that never went through the secret store (typed by a user, echoed by a server).
    static const QRegularExpression authorization(
        u"(authorization\\s*[:=]\\s*\"?)(?:bearer\\s+|basic\\s+)?[^\\s\",}]+"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression bearer(u"(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression keyShaped(u"\\b(?:gsk_|sk-|xai-|hal0_)[A-Za-z0-9_-]{16,}"_s);
    text.replace(authorization, u"\\1"_s + Mask);
    text.replace(bearer, u"\\1"_s + Mask);
    text.replace(keyShaped, Mask);
    return text;
}

Redactor& processRedactor()
{
    static Redactor redactor;
    return redactor;
}

QString redact(const QString& text)
{
    return processRedactor().redact(text);
}

} // namespace utter
