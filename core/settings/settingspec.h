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

    // Converts a raw value (as QSettings read it from the file, or as a user typed it) to the setting's type.
    // Returns the normalised value, or an error sentence that names what was expected.
    struct Checked
    {
        QVariant value;
        QString error; // empty when valid
    };
    Checked check(const QVariant& raw) const;

    // Human description of what is accepted, e.g. "an integer from 0 to 3000".
    QString expected() const;
};

} // namespace utter
