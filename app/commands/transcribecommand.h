#pragma once

#include "command.h"

namespace utter
{

// `utter transcribe FILE... [--style S] [--language xx] [--json]`: audio files through the dictation pipeline
// (chunking, several uploads in flight, fallback, hallucination guard, word replacements, optional style)
// without a running instance.
class TranscribeCommand final : public Command
{
public:
    void describe(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, AppContext& context) override;
};

} // namespace utter
