#pragma once

#include "command.h"

namespace utter
{

// `utter config get|set|list|check|path|migrate`: the settings registry from the shell.
class ConfigCommand final : public Command
{
public:
    void describe(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, AppContext& context) override;

private:
    int get(const QStringList& args, AppContext& context);
    int set(const QStringList& args, AppContext& context);
    int list(bool json, AppContext& context);
    int check(bool json, AppContext& context);
    int path(bool all, AppContext& context);
    int migrate(const QCommandLineParser& parser, AppContext& context);
};

} // namespace utter
