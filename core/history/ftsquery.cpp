#include "ftsquery.h"

#include <QStringList>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

QString ftsMatchExpression(const QString& userInput)
{
    QStringList phrases;
    // Control characters (a NUL from an IPC client, say) separate words like spaces do: inside a phrase, SQLite's
    // FTS5 parser would stop at a NUL and report a syntax error for the rest of the query.
    QString cleaned = userInput;
    std::replace_if(
        cleaned.begin(), cleaned.end(), [](QChar c) { return c.category() == QChar::Other_Control; }, u' ');
    const QStringList words = cleaned.simplified().split(u' ', Qt::SkipEmptyParts);
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
