#pragma once

namespace utter
{

// Exit codes shared by every verb (DESIGN §4).
enum ExitCode : int
{
    ExitOk = 0,
    ExitFailed = 1,
    ExitUsage = 2,
    ExitNotRunning = 3,
    ExitProvider = 4,
    ExitNothingToDo = 5,
};

} // namespace utter
