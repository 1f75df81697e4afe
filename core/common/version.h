#pragma once

#include <QString>

namespace utter
{

QString utterVersion();
// "Qt 6.4.2 (built with 6.4.2), libopus 1.3.1" — for --version and diagnostics.
QString libraryVersions();

} // namespace utter
