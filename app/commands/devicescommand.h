#pragma once

#include "command.h"

namespace utter
{

// `utter devices [--json]`: the audio inputs, marking the system default and the configured one.
class DevicesCommand final : public Command
{
public:
    void describe(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, AppContext& context) override;
};

} // namespace utter
