#pragma once

#include "settings.h"

#include <QHash>
#include <QList>
#include <QVariant>

namespace utter
{

struct ConfigReport
{
    QHash<int, QVariant> values;     // valid values present in the file, by SettingKey
    QList<SettingsProblem> problems; // invalid values, unknown keys, syntax errors
    int schemaVersion = 0;           // 0 = the file has no version (or does not exist)
    bool exists = false;
};

// Reads a settings file without ever failing: valid values are returned, everything else becomes a problem
// that names the key and the line. Used by Settings when loading and by `utter config check`.
class ConfigCheck final
{
public:
    static ConfigReport inspect(const QString& path);
    static bool hasSyntaxErrors(const QString& path);
};

} // namespace utter
