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
    virtual ~Command() = default;

    virtual void describe(QCommandLineParser& parser) const = 0;
    virtual int run(const QCommandLineParser& parser, AppContext& context) = 0;
};

} // namespace utter
