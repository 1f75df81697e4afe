#pragma once

#include "command.h"

namespace utter
{

// `utter segment FILE [--json]`: the chunks Utter would upload for a file — how users tune the VAD settings.
class SegmentCommand final : public Command
{
public:
    void describe(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, AppContext& context) override;
};

} // namespace utter
