#include "winconsole.h"

#include <QtGlobal>

#ifdef Q_OS_WIN
#include <windows.h>

#include <cstdio>
#include <io.h>
#endif

namespace utter
{

void attachParentConsole()
{
#ifdef Q_OS_WIN
    // Redirected handles are inherited even by a GUI process; only the missing ones go to the console.
    const auto missing = [](DWORD which) {
        const HANDLE handle = GetStdHandle(which);
        return handle == nullptr || handle == INVALID_HANDLE_VALUE || GetFileType(handle) == FILE_TYPE_UNKNOWN;
    };
    const bool in = missing(STD_INPUT_HANDLE);
    const bool out = missing(STD_OUTPUT_HANDLE);
    const bool err = missing(STD_ERROR_HANDLE);
    if (!(in || out || err) || !AttachConsole(ATTACH_PARENT_PROCESS))
        return; // everything redirected, or started from Explorer (no parent console)
    FILE* stream = nullptr;
    if (in && freopen_s(&stream, "CONIN$", "r", stdin) == 0)
        SetStdHandle(STD_INPUT_HANDLE, reinterpret_cast<HANDLE>(_get_osfhandle(_fileno(stdin))));
    if (out && freopen_s(&stream, "CONOUT$", "w", stdout) == 0)
        SetStdHandle(STD_OUTPUT_HANDLE, reinterpret_cast<HANDLE>(_get_osfhandle(_fileno(stdout))));
    if (err && freopen_s(&stream, "CONOUT$", "w", stderr) == 0)
        SetStdHandle(STD_ERROR_HANDLE, reinterpret_cast<HANDLE>(_get_osfhandle(_fileno(stderr))));
#endif
}

} // namespace utter
