#pragma once

#include "command.h"
#include "common/error.h"

namespace utter
{

// The exit code for an error from the running instance (DESIGN §4).
int exitCodeFor(const Error& error);

// `utter toggle|begin|end|cancel`: one dictation.* call to the running instance (GUI or daemon) over IPC.
class ControlCommand final : public Command
{
public:
    explicit ControlCommand(QString action);
    void describe(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, AppContext& context) override;

private:
    QString m_action;
};

// `utter status [--json] [--follow] [--quiet]`: the running instance's state; --follow streams its events as
// JSON lines until it stops (for Waybar and scripts).
class StatusCommand final : public Command
{
public:
    void describe(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, AppContext& context) override;
};

} // namespace utter
