#pragma once

namespace utter
{

// Windows: the app is a GUI-subsystem executable (no console window for the tray app), so a CLI verb run from
// cmd or PowerShell re-attaches to the parent's console to print there and read from it. Streams the parent
// redirected (a pipe or a file) are left alone. Elsewhere does nothing.
void attachParentConsole();

} // namespace utter
