#include "wordreplacements.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

WordReplacements::WordReplacements(const QStringList& rules)
{
    for (const QString& rule : rules) {
        const qsizetype arrow = rule.indexOf(u"=>"_s);
        const QString from = arrow > 0 ? rule.left(arrow).trimmed() : QString();
        if (from.isEmpty()) {
            m_invalid << rule;
            continue;
        }
        const QString to = rule.mid(arrow + 2).trimmed();
        // \b only works next to word characters; a phrase that starts or ends with punctuation is matched as is.
        const QString start = from.front().isLetterOrNumber() ? u"\\b"_s : QString();
        const QString end = from.back().isLetterOrNumber() ? u"\\b"_s : QString();
        QRegularExpression pattern(start + QRegularExpression::escape(from) + end,
                                   QRegularExpression::CaseInsensitiveOption |
                                       QRegularExpression::UseUnicodePropertiesOption);
        m_rules.append({pattern, to});
    }
}

QString WordReplacements::apply(QString text) const
{
    for (const Rule& rule : m_rules) {
        QString result;
        qsizetype last = 0;
        auto it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            result += QStringView(text).mid(last, m.capturedStart() - last);
            result += rule.replacement;
            last = m.capturedEnd();
        }
        result += QStringView(text).mid(last);
        text = result;
    }
    // Removing a word can leave doubled spaces.
    return text.simplified();
}

} // namespace utter
