#pragma once

#include <QString>

namespace utter
{

// Who holds a TCP port, for the "port in use" message: asks `ss -ltnp` on Linux (lsof on macOS, netstat on
// Windows) when the tool exists. Empty when it cannot tell.
QString describePortHolder(quint16 port);

} // namespace utter
