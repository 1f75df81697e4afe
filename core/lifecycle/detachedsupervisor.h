#pragma once

#include "supervisor.h"

namespace utter
{

// `--supervisor none`: no supervisor at all. start runs `utter --headless serve` as a detached process
// (QProcess::startDetached, never fork/daemon()), which writes its pid file and JSON-lines log; stop asks it
// over IPC (service.shutdown) and falls back to SIGTERM on the pid file; logs reads (and -f follows) the log.
// Nothing restarts it after a crash — say so, and point at a real supervisor.
class DetachedSupervisor final : public Supervisor
{
public:
    using Supervisor::Supervisor;

    QString name() const override { return QStringLiteral("none"); }
    bool isAvailable(QString* why) const override;
    Result<QString> start() override;
    Result<QString> stop() override;
    Result<SupervisorStatus> status() override;
    Status logs(bool follow, const LineSink& sink) override;

    QString stderrFile() const;
};

} // namespace utter
