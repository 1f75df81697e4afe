#pragma once

#include <QMutex>
#include <QSet>
#include <QString>

namespace utter
{

// Removes secrets from text before it is logged or printed: every registered secret value, Authorization
// headers, bearer tokens and strings shaped like provider API keys. Thread-safe; one per process, owned by
// the log handler and fed by the secret store whenever it learns a value.
class Redactor final
{
public:
    static constexpr int MinimumSecretLength = 6; // shorter values would redact ordinary words
    static inline const QString Mask = QStringLiteral("[redacted]");

    void addSecret(const QString& value);
    void clear();
    QString redact(QString text) const;

private:
    mutable QMutex m_mutex;
    QSet<QString> m_secrets;
};

// The process-wide redactor used by the log handler and by everything that prints to the user.
Redactor& processRedactor();

// Shorthand for processRedactor().redact(text).
QString redact(const QString& text);

} // namespace utter
