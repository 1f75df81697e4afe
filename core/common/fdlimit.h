#pragma once

namespace utter
{

struct FdLimits
{
    long soft = -1; // -1: unknown (the platform has no such limit, e.g. Windows)
    long hard = -1;
};

// Raises this process's soft limit on open file descriptors to its hard limit (RLIMIT_NOFILE; on macOS at most
// OPEN_MAX), so a busy daemon runs out as late as the system allows. Returns the limits in force afterwards.
// Windows has no such limit: returns {-1, -1}.
FdLimits raiseFdLimit();

// The soft limit in force now (another process may have lowered it: prlimit), or -1 when there is none.
long currentFdLimit();

// Descriptors this process has open now (/proc/self/fd, /dev/fd), or -1 when the platform cannot tell.
int openFdCount();

} // namespace utter
