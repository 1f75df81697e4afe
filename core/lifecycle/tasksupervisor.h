#pragma once

#include "supervisor.h"

namespace utter
{

// Windows: a per-user scheduled task triggered at logon, "run only when the user is logged on" (interactive,
// so the microphone, hotkeys and SendInput work — a Windows service in session 0 could not), with
// restart-on-failure settings; created from an XML definition with schtasks /Create /XML, then /Run, /End and
// /Query. Logs: Utter's JSON-lines file in %LOCALAPPDATA%.
class TaskSupervisor final : public Supervisor
{
public:
    using Supervisor::Supervisor;

    QString name() const override { return QStringLiteral("task"); }
    bool isAvailable(QString* why) const override;
    Result<QString> start() override;
    Result<QString> stop() override;
    Result<SupervisorStatus> status() override;
    Status logs(bool follow, const LineSink& sink) override;

    static QString taskName() { return QStringLiteral("Utter"); }
    static QString taskXml(const ServiceSpec& spec, const QString& userId);
};

} // namespace utter
