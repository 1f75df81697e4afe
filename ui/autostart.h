#pragma once

#include "common/result.h"

#include <QString>

#include <memory>

namespace utter::ui
{

// Start at login, one interface per platform: an XDG autostart entry on Linux/BSD
// ($XDG_CONFIG_HOME/autostart/dev.utter.Utter.desktop), a LaunchAgent on macOS (~/Library/LaunchAgents/), the HKCU Run
// key on Windows. The desktop app keeps it in step with the general/startAtLogin setting.
class AutoStart
{
public:
    virtual ~AutoStart() = default;
    virtual bool isEnabled() const = 0;
    virtual Status setEnabled(bool enabled) = 0;
    // Where the entry lives (a file path or a registry value), for the docs and diagnostics.
    virtual QString location() const = 0;

    // The platform's implementation, starting `executable` (the running binary by default).
    static std::unique_ptr<AutoStart> create(const QString& executable = {});
};

} // namespace utter::ui
