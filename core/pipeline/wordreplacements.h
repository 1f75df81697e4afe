#pragma once

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace utter
{

// The user's word replacements ("from=>to" rules from settings), applied to the assembled text: whole words
// or phrases, case-insensitive, in the order given. Rules that cannot be parsed are reported, not guessed.
class WordReplacements final
{
public:
    explicit WordReplacements(const QStringList& rules = {});

    QString apply(QString text) const;
    QStringList invalidRules() const { return m_invalid; }
    bool isEmpty() const { return m_rules.isEmpty(); }

private:
    struct Rule
    {
        QRegularExpression pattern;
        QString replacement;
    };
    QList<Rule> m_rules;
    QStringList m_invalid;
};

} // namespace utter
