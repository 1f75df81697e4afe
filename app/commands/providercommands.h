#pragma once

#include "command.h"
#include "common/error.h"

namespace utter
{

// `utter transform [--style S] [--list] [--no-stream] [TEXT|-]`: applies a style, streaming the result to
// stdout as it arrives. On a provider failure the raw text is still printed, the reason goes to stderr and the
// exit code is 4.
class TransformCommand final : public Command
{
public:
    void describe(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, AppContext& context) override;
};

// `utter speak [--output FILE] [--voice V] [--last | TEXT|-]`: reads text aloud through the read-back endpoint
// (primary, then fallback), or saves the audio.
class SpeakCommand final : public Command
{
public:
    void describe(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, AppContext& context) override;
};

// `utter doctor [--json]`: every part's self-checks (DoctorContributor), with fixes.
class DoctorCommand final : public Command
{
public:
    void describe(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, AppContext& context) override;
};

// Exit code for a provider error: 4 for everything the provider or its configuration caused (timeouts, 400s and
// unknown models included — unlike IPC errors, where InvalidArgument is a usage error).
int providerExitCode(const Error& error);

} // namespace utter
