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
    // `utter transcribe`: the provider stayed away longer than --patience. What was transcribed is printed, the
    // gaps are listed on stderr, and running the same command again sends only what is missing.
    ExitIncomplete = 6,
};

} // namespace utter
