#pragma once

#include "settingkey.h"

#include <QString>
#include <QVariant>

#include <functional>

namespace utter
{

// The rules a setting's value must satisfy beyond its type (SettingSpec::rule), kept in core so that loading
// the file, `utter config set`, `utter config check` and the settings dialog refuse the same values. Each gets
// the type-checked value, may normalise it, and returns an error phrase (no final full stop) or empty.
namespace settingrules
{

// general/language: empty (detect) or a two-letter ISO-639-1 code; stored in lower case.
QString language(QVariant& value);
// hotkey/dictate, hotkey/cancel: a KeySpec that parses (an empty cancel key means none), not a shortcut every
// application uses (Ctrl+C, Alt+Tab, ...); stored in KeySpec's canonical spelling.
QString hotkey(QVariant& value);
// http/listen: HOST:PORT with a numeric address (or localhost) and a port from 1 to 65535.
QString listenAddress(QVariant& value);
// transform/appStyles: every entry is application=style (AppStyleRules).
QString appStyles(QVariant& value);
// output/replacements: every entry is from=>to with a non-empty "from" (WordReplacements).
QString replacements(QVariant& value);
// transcribe/minBilledSeconds: "auto" or a number of seconds from 0 to 600; stored as "auto" or the number.
QString minBilledSeconds(QVariant& value);

} // namespace settingrules

// Rules between two settings (the cancel key must differ from the dictation key). Returns the error phrase for
// key holding value when the other settings hold what valueOf returns, or empty.
using SettingLookup = std::function<QVariant(SettingKey)>;
QString settingConflict(SettingKey key, const QVariant& value, const SettingLookup& valueOf);

} // namespace utter
