#include "textnormalize.h"

namespace utter
{

QStringList normalizedWords(const QString& text)
{
    QStringList words;
    QString current;
    for (const QChar c : text) {
        if (c.isLetterOrNumber() || c == u'\'') {
            current += c.toLower();
        } else if (!current.isEmpty()) {
            words << current;
            current.clear();
        }
    }
    if (!current.isEmpty())
        words << current;
    return words;
}

QString joinTranscript(const QString& left, const QString& right)
{
    const QString l = left.trimmed();
    const QString r = right.trimmed();
    if (l.isEmpty())
        return r;
    if (r.isEmpty())
        return l;
    return l + u' ' + r;
}

} // namespace utter
