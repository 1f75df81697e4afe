#include "retention.h"

#include "settings/settings.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

RetentionPolicy RetentionPolicy::fromSettings(const Settings& settings)
{
    RetentionPolicy policy;
    policy.mode = modeFromName(settings.stringValue(SettingKey::HistoryRetention));
    policy.value = std::max(1, settings.intValue(SettingKey::HistoryRetentionValue));
    policy.keepAudio = settings.boolValue(SettingKey::HistoryKeepAudio);
    return policy;
}

RetentionPolicy::Mode RetentionPolicy::modeFromName(const QString& name)
{
    if (name == u"days"_s)
        return Mode::Days;
    if (name == u"entries"_s)
        return Mode::Entries;
    if (name == u"none"_s)
        return Mode::None;
    return Mode::All;
}

QString RetentionPolicy::describe() const
{
    switch (mode) {
    case Mode::All:
        return u"every dictation"_s;
    case Mode::Days:
        return u"dictations of the last %1 days"_s.arg(value);
    case Mode::Entries:
        return u"the newest %1 dictations"_s.arg(value);
    case Mode::None:
        return u"no dictations"_s;
    }
    return {};
}

} // namespace utter
