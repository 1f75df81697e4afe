#pragma once

#include "settingkey.h"

#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace utter
{

enum class SettingType
{
    Bool,
    Int,
    Double,
    String,
    Choice, // a string from a fixed list
    Url,    // http(s) URL or empty when optional
    StringList,
};

// One declared setting: its INI name ("group/name"), type, default and the rule a value must satisfy.
struct SettingSpec
{
    SettingKey key{};
    QString name;
    SettingType type = SettingType::String;
    QVariant defaultValue;
    QString description;
    double minimum = 0;     // Int and Double
    double maximum = 0;     // Int and Double
    QStringList choices;    // Choice
    bool allowEmpty = true; // String, Url

    // What the value must be beyond its type (a hotkey that parses, HOST:PORT, "appid=style" lines). Gets the value
    // the type check produced and may normalise it (a hotkey is stored in its canonical spelling); returns an
    // error sentence, or an empty string when the value is valid. Every check uses it: loading the file,
    // `utter config set`, `utter config check` and the settings dialog (settingrules.h).
    using Rule = QString (*)(QVariant& value);
    Rule rule = nullptr;
    const char* accepts = nullptr; // what the rule accepts, for expected() (QT_TRANSLATE_NOOP in "utter::Settings")

    // A running Utter applies every setting at once (docs/configuration.md, "A running Utter follows the file"),
    // except the few that only take effect when it starts again: for those, why (QT_TRANSLATE_NOOP in
    // "utter::Settings"), shown under the field in the settings window and by `utter config set`.
    const char* restartReason = nullptr;
    bool needsRestart() const { return restartReason != nullptr; }
    QString restartNotice() const; // the translated reason, empty when the setting applies live

    // Converts a raw value (as QSettings read it from the file, or as a user typed it) to the setting's type.
    // Returns the normalised value, or an error sentence that names what was expected.
    struct Checked
    {
        QVariant value;
        QString error; // empty when valid
    };
    Checked check(const QVariant& raw) const;

    // Human description of what is accepted, e.g. "a whole number from 0 to 3000".
    QString expected() const;

private:
    Checked checkType(const QVariant& raw) const;
};

} // namespace utter
