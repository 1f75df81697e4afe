#pragma once

#include <QCommandLineParser>
#include <QStringList>

namespace utter
{

class AppContext;

// One verb of the command line (`utter config`, `utter secret`, ...). describe() declares its options and
// positional arguments; run() gets the parsed result. Help and usage errors are handled by the caller.
class Command
{
public:
    // The application object a verb needs. Most verbs are short-lived QCoreApplication clients; `serve` wants a
    // QGuiApplication (without windows) when a display exists, so hotkeys and text output work.
    enum class Application
    {
        Core,
        GuiWhenDisplay,
    };

    virtual ~Command() = default;

    // Asked before any application object exists: must not touch Qt objects.
    virtual Application application() const { return Application::Core; }

    virtual void describe(QCommandLineParser& parser) const = 0;
    virtual int run(const QCommandLineParser& parser, AppContext& context) = 0;
};

} // namespace utter
