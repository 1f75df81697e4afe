#pragma once

#include <QString>

namespace utter
{

QString utterVersion();
// "dev.utter.Utter": the desktop file's name, icon name, AppStream id, autostart entry and bundle id.
QString appId();
// "Qt 6.4.2 (built with 6.4.2), libopus 1.3.1" — for --version and diagnostics.
QString libraryVersions();

} // namespace utter
