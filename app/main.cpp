#include "cli.h"
#include "winconsole.h"

int main(int argc, char** argv)
{
    // Only for verbs and options: the bare desktop app must not tie its life to a console window.
    if (argc > 1)
        utter::attachParentConsole();
    utter::Cli cli(argc, argv);
    return cli.exec();
}
