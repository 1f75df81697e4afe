#pragma once

#include "command.h"

namespace utter
{

// `utter --headless serve`: the daemon in the foreground — what a supervisor runs (see core/daemon).
class ServeCommand final : public Command
{
public:
    Application application() const override { return Application::GuiWhenDisplay; }
    void describe(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, AppContext& context) override;
};

} // namespace utter
