#include "appstyles.h"

#include "settings/settings.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

AppStyleRules::AppStyleRules(const QStringList& rules)
{
    for (const QString& rule : rules) {
        const qsizetype eq = rule.indexOf(u'=');
        const QString app = eq > 0 ? rule.left(eq).trimmed() : QString();
        const QString style = eq > 0 ? rule.mid(eq + 1).trimmed() : QString();
        if (app.isEmpty() || style.isEmpty()) {
            m_invalid << rule;
            continue;
        }
        const QString regex =
            QRegularExpression::wildcardToRegularExpression(app, QRegularExpression::UnanchoredWildcardConversion);
        m_rules.append(
            {QRegularExpression(u"^(?:"_s + regex + u")$"_s, QRegularExpression::CaseInsensitiveOption), style});
    }
}

AppStyleRules AppStyleRules::fromSettings(const Settings& settings)
{
    return AppStyleRules(settings.stringListValue(SettingKey::TransformAppStyles));
}

QString AppStyleRules::styleFor(const QString& appId) const
{
    if (appId.isEmpty())
        return {};
    for (const Rule& rule : m_rules) {
        if (rule.pattern.match(appId).hasMatch())
            return rule.style;
    }
    return {};
}

} // namespace utter
