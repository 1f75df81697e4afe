#include "cli.h"

int main(int argc, char** argv)
{
    utter::Cli cli(argc, argv);
    return cli.exec();
}
