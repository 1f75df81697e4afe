#pragma once

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace utter
{

class Settings;

// Per-application styles (settings transform/appStyles): rules "appid=style", first match wins. The app id
// is compared case-insensitively with what the focus probe reports (WM_CLASS, Wayland app_id, process name,
// bundle id); '*' and '?' are wildcards ("*term*=plain", "org.mozilla.*=email").
class AppStyleRules final
{
public:
    explicit AppStyleRules(const QStringList& rules = {});
    static AppStyleRules fromSettings(const Settings& settings);

    // The style for an app id, or an empty string when no rule matches.
    QString styleFor(const QString& appId) const;
    QStringList invalidRules() const { return m_invalid; }
    int size() const { return int(m_rules.size()); }

private:
    struct Rule
    {
        QRegularExpression pattern;
        QString style;
    };
    QList<Rule> m_rules;
    QStringList m_invalid;
};

} // namespace utter
