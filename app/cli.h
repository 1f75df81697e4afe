#pragma once

#include <QStringList>

namespace utter
{

// The front of the binary: reads the arguments before any Q*Application exists, decides the mode (desktop,
// headless service, or a short-lived verb), builds the application object that mode needs and runs it.
class Cli final
{
public:
    Cli(int& argc, char** argv);
    int exec();

private:
    int runVerb(const QString& verbName, bool headless, const QStringList& verbArgs);
    int runDesktop();
#ifdef UTTER_HAVE_UI
    int runDesktopApp();
#endif
    void printHelp(bool headless) const;

    int& m_argc;
    char** m_argv;
    QStringList m_args;
};

} // namespace utter
