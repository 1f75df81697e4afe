#include "audio/audiocapture.h"
#include "cli.h"
#include "winconsole.h"

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv)
{
    // Only for verbs and options: the bare desktop app must not tie its life to a console window.
    if (argc > 1)
        utter::attachParentConsole();
    utter::Cli cli(argc, argv);
    const int code = cli.exec();
    // A capture thread still inside a stalled audio server would make libpulse abort the process in Qt's teardown
    // at exit (pa_mutex_free): give it a moment, then end without that teardown (docs/audio.md).
    if (!utter::AudioCapture::settleLeftBehind(std::chrono::seconds(2))) {
        std::fflush(nullptr);
        std::_Exit(code);
    }
    return code;
}
