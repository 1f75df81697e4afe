#include "fdlimit.h"

#include <QDir>
#include <QtGlobal>

#ifdef Q_OS_UNIX
#include <climits>
#include <sys/resource.h>
#endif

namespace utter
{

FdLimits raiseFdLimit()
{
    FdLimits limits;
#ifdef Q_OS_UNIX
    rlimit current{};
    if (::getrlimit(RLIMIT_NOFILE, &current) != 0)
        return limits;
    rlim_t wanted = current.rlim_max;
#ifdef Q_OS_MACOS
    // macOS refuses a soft limit above OPEN_MAX even when the hard limit is "unlimited".
    if (wanted == RLIM_INFINITY || wanted > rlim_t(OPEN_MAX))
        wanted = OPEN_MAX;
#endif
    if (wanted != RLIM_INFINITY && current.rlim_cur < wanted) {
        rlimit raised = current;
        raised.rlim_cur = wanted;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0)
            current = raised;
    }
    const auto clamp = [](rlim_t value) {
        return value == RLIM_INFINITY || value > rlim_t(LONG_MAX) ? LONG_MAX : long(value);
    };
    limits.soft = clamp(current.rlim_cur);
    limits.hard = clamp(current.rlim_max);
#endif
    return limits;
}

long currentFdLimit()
{
#ifdef Q_OS_UNIX
    rlimit current{};
    if (::getrlimit(RLIMIT_NOFILE, &current) != 0 || current.rlim_cur == RLIM_INFINITY ||
        current.rlim_cur > rlim_t(LONG_MAX))
        return -1;
    return long(current.rlim_cur);
#else
    return -1;
#endif
}

int openFdCount()
{
#if defined(Q_OS_LINUX)
    return int(
        QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot).size());
#elif defined(Q_OS_UNIX)
    return int(QDir(QStringLiteral("/dev/fd")).entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot).size());
#else
    return -1;
#endif
}

} // namespace utter
