#pragma once

#include "command.h"

namespace utter
{

// `utter last [--raw] [--json]`: the newest dictation in the history (styled text unless --raw).
class LastCommand final : public Command
{
public:
    void describe(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, AppContext& context) override;
};

} // namespace utter
