#pragma once

#include <QList>
#include <QString>

namespace utter
{

class Settings;

// One line of `utter doctor`: what was checked, whether it works, what was seen, and the exact fix.
struct DoctorCheck
{
    enum Level
    {
        Ok,
        Warning, // works partly or with a limitation (e.g. toggle only)
        Failed,
        Skipped, // does not apply here
    };
    QString section; // "hotkeys", "output", "desktop"
    QString name;
    Level level = Ok;
    QString detail;
    QString fix; // empty when nothing needs doing
};

QString doctorLevelName(DoctorCheck::Level level);

// Desktop-integration checks: the session, the configured hotkeys (validated, and really grabbed and let go
// where the backend allows), each output method of the chain (probed for real; probes type nothing), the
// focused-app probe and the per-app style rules. With a QGuiApplication the clipboard methods are checked too.
QList<DoctorCheck> runPlatformChecks(const Settings& settings);

} // namespace utter
