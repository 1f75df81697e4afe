#include "settingrules.h"

#include "http/httpendpoint.h"
#include "pipeline/wordreplacements.h"
#include "platform/appstyles.h"
#include "platform/keyspec.h"
#include "settingsschema.h"

#include <QCoreApplication>
#include <QStringList>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace utter::settingrules
{

namespace
{

QString withoutFullStop(QString sentence)
{
    if (sentence.endsWith(u'.'))
        sentence.chop(1);
    return sentence;
}

} // namespace

QString language(QVariant& value)
{
    const QString code = value.toString().toLower();
    const bool ok = code.isEmpty() || (code.size() == 2 && code.at(0) >= u'a' && code.at(0) <= u'z' &&
                                       code.at(1) >= u'a' && code.at(1) <= u'z');
    if (!ok)
        return QCoreApplication::translate("utter::Settings",
                                           "\"%1\" is not a two-letter language code such as en, de or fr (leave it "
                                           "empty to detect the language)")
            .arg(value.toString());
    value = code;
    return {};
}

QString hotkey(QVariant& value)
{
    const QString text = value.toString();
    if (text.isEmpty())
        return {}; // only hotkey/cancel allows it (hotkey/dictate is non-empty text)
    const Result<KeySpec> parsed = KeySpec::parse(text);
    if (!parsed.ok())
        return withoutFullStop(parsed.error().message);
    const QString canonical = parsed->toString();
    // Shortcuts every application uses: grabbing them globally would take them away everywhere.
    static const QStringList reserved = {u"Alt+Tab"_s, u"Alt+F4"_s, u"Ctrl+A"_s, u"Ctrl+C"_s,
                                         u"Ctrl+S"_s,  u"Ctrl+V"_s, u"Ctrl+X"_s, u"Ctrl+Z"_s};
    if (reserved.contains(canonical))
        return QCoreApplication::translate("utter::Settings",
                                           "%1 is used by most applications; pick a key you do not type with, such as "
                                           "F9, Pause, RightCtrl or Ctrl+Alt+Space")
            .arg(canonical);
    value = canonical;
    return {};
}

QString listenAddress(QVariant& value)
{
    const Result<HttpEndpoint> endpoint = HttpEndpoint::parse(value.toString());
    if (!endpoint.ok())
        return withoutFullStop(endpoint.error().message);
    if (endpoint->port == 0)
        return QCoreApplication::translate("utter::Settings",
                                           "\"%1\" has no fixed port; use a port from 1 to 65535, e.g. 127.0.0.1:8765")
            .arg(value.toString());
    return {};
}

QString appStyles(QVariant& value)
{
    const QStringList invalid = AppStyleRules(value.toStringList()).invalidRules();
    if (!invalid.isEmpty())
        return QCoreApplication::translate("utter::Settings",
                                           "\"%1\" is not application=style (e.g. thunderbird=email)")
            .arg(invalid.first());
    return {};
}

QString replacements(QVariant& value)
{
    const QStringList invalid = WordReplacements(value.toStringList()).invalidRules();
    if (!invalid.isEmpty())
        return QCoreApplication::translate("utter::Settings", "\"%1\" is not from=>to (e.g. utter=>Utter)")
            .arg(invalid.first());
    return {};
}

QString minBilledSeconds(QVariant& value)
{
    const QString text = value.toString().trimmed().toLower();
    if (text == u"auto"_s) {
        value = text;
        return {};
    }
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds < 0 || seconds > 600)
        return QCoreApplication::translate("utter::Settings",
                                           "\"%1\" is neither auto nor a number of seconds from 0 to 600")
            .arg(value.toString());
    value = QString::number(seconds);
    return {};
}

} // namespace utter::settingrules

namespace utter
{

QString settingConflict(SettingKey key, const QVariant& value, const SettingLookup& valueOf)
{
    struct Distinct
    {
        SettingKey first;
        SettingKey second;
    };
    static constexpr Distinct distinct[] = {{SettingKey::HotkeyDictate, SettingKey::HotkeyCancel}};
    for (const Distinct& pair : distinct) {
        if (key != pair.first && key != pair.second)
            continue;
        const SettingKey other = key == pair.first ? pair.second : pair.first;
        const QString text = value.toString();
        if (!text.isEmpty() && text == valueOf(other).toString())
            return QCoreApplication::translate("utter::Settings", "%1 is already %2; the two must differ")
                .arg(text, settingSpec(other).name);
    }
    return {};
}

} // namespace utter
