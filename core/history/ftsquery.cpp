#include "ftsquery.h"

#include <QStringList>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

QString ftsMatchExpression(const QString& userInput)
{
    QStringList phrases;
    const QStringList words = userInput.simplified().split(u' ', Qt::SkipEmptyParts);
    for (QString word : words) {
        word = word.trimmed();
        const bool searchable = std::any_of(word.cbegin(), word.cend(), [](QChar c) { return c.isLetterOrNumber(); });
        if (!searchable)
            continue;
        word.replace(u'"', u"\"\""_s);
        phrases << u'"' + word + u"\"*"_s;
    }
    return phrases.join(u' ');
}

QString likeContainsPattern(const QString& userInput)
{
    QString escaped = userInput;
    escaped.replace(u'\\', u"\\\\"_s);
    escaped.replace(u'%', u"\\%"_s);
    escaped.replace(u'_', u"\\_"_s);
    return u'%' + escaped + u'%';
}

} // namespace utter
