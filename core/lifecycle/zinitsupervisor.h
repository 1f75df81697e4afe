#pragma once

#include "supervisor.h"

#include <QJsonValue>

namespace utter
{

// zinit (headless and container setups): the service is registered through zinit's JSON-RPC 2.0 API on its
// Unix socket — service_create {exec, test, log: ring, env, shutdown_timeout}, service_monitor/service_start,
// service_stop, service_status, stream_currentLogs. The socket is $UTTER_ZINIT_SOCKET, else the first of
// /var/run/zinit.sock and /tmp/zinit.sock that answers rpc.discover.
class ZinitSupervisor final : public Supervisor
{
public:
    using Supervisor::Supervisor;

    QString name() const override { return QStringLiteral("zinit"); }
    bool isAvailable(QString* why) const override;
    Result<QString> start() override;
    Result<QString> stop() override;
    Result<SupervisorStatus> status() override;
    Status logs(bool follow, const LineSink& sink) override;

    // The service definition sent to service_create (the same fields as the YAML file).
    QJsonObject serviceContent() const;
    // The equivalent <name>.yaml, for people who manage zinit's config folder by hand.
    static QString serviceYaml(const ServiceSpec& spec);

    // One JSON-RPC call on zinit's socket; the framing is tolerant (with or without a trailing newline).
    static Result<QJsonValue> call(const QString& socketPath, const QString& method, const QJsonValue& params,
                                   int timeoutMs = 10000);

private:
    QString socketPath() const;
    mutable QString m_socket;
};

} // namespace utter
