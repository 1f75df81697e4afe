#pragma once

#include "settingspec.h"

#include <QList>

namespace utter
{

// The one table of every setting (DESIGN §6). Order is the order `utter config list` prints.
const QList<SettingSpec>& settingsSchema();
const SettingSpec& settingSpec(SettingKey key);
const SettingSpec* findSettingSpec(const QString& name);

// QSettings treats an INI section named [General] (any case) as the top level, so the "general/..." settings
// are stored as top-level keys (which QSettings writes under [General]). These convert between the two.
QString iniKeyFor(const QString& settingName);
QString settingNameForIniKey(const QString& iniKey);

// The schema version this build writes; older files are migrated (see migrations.h).
inline constexpr int CurrentSchemaVersion = 1;
inline const QString SchemaVersionName = QStringLiteral("meta/schemaVersion");

} // namespace utter
