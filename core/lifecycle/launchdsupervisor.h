#pragma once

#include "supervisor.h"

namespace utter
{

// macOS: a LaunchAgent in ~/Library/LaunchAgents (runs in the user's GUI session, so microphone, hotkeys and
// text output work), RunAtLoad, KeepAlive {SuccessfulExit: false} (restart after a crash only), driven with
// `launchctl bootstrap / kickstart / bootout / print gui/UID`. Logs: Utter's JSON-lines file and the
// StandardError file of the agent.
class LaunchdSupervisor final : public Supervisor
{
public:
    using Supervisor::Supervisor;

    QString name() const override { return QStringLiteral("launchd"); }
    bool isAvailable(QString* why) const override;
    Result<QString> start() override;
    Result<QString> stop() override;
    Result<SupervisorStatus> status() override;
    Status logs(bool follow, const LineSink& sink) override;

    static QString label() { return QStringLiteral("app.utter.daemon"); }
    QString plistPath() const;
    static QString plistText(const ServiceSpec& spec);

private:
    QString domain() const;
};

} // namespace utter
