#pragma once

#include "supervisor.h"

namespace utter
{

// The systemd user manager (Linux desktops): a generated user unit with Type=notify (serve sends READY=1,
// STOPPING=1 and WATCHDOG=1 itself), Restart=on-failure, bound to graphical-session.target when there is a
// desktop; driven with `systemctl --user`, logs from `journalctl --user -u utter.service`.
class SystemdSupervisor final : public Supervisor
{
public:
    using Supervisor::Supervisor;

    QString name() const override { return QStringLiteral("systemd"); }
    bool isAvailable(QString* why) const override;
    Result<QString> start() override;
    Result<QString> stop() override;
    Result<SupervisorStatus> status() override;
    Status logs(bool follow, const LineSink& sink) override;

    QString unitName() const { return m_spec.name + QStringLiteral(".service"); }
    QString unitPath() const;
    // The unit file's text (pure; tested with systemd-analyze verify).
    static QString unitText(const ServiceSpec& spec);
};

} // namespace utter
