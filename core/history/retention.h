#pragma once

#include <QString>

namespace utter
{

class Settings;

// Which dictations history keeps (settings history/retention, history/retentionValue, history/keepAudio).
struct RetentionPolicy
{
    enum class Mode
    {
        All,     // keep everything
        Days,    // keep entries younger than `value` days
        Entries, // keep the newest `value` entries
        None,    // keep nothing: history stays empty
    };
    Mode mode = Mode::All;
    int value = 90;
    bool keepAudio = true; // false: archived audio is deleted and no new audio is archived

    static RetentionPolicy fromSettings(const Settings& settings);
    // "all", "days", "entries", "none"
    static Mode modeFromName(const QString& name);
    QString describe() const; // "the newest 500 entries", for status and docs
};

// What applyRetention() removed.
struct RetentionReport
{
    int entriesRemoved = 0;
    int audioRemoved = 0; // archived audio folders deleted
};

} // namespace utter
