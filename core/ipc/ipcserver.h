#pragma once

#include "common/result.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QLocalServer;
class QTimer;

namespace utter
{

class IpcConnection;
class IpcServer;

struct IpcLimits
{
    qsizetype maxLineBytes = 1024 * 1024;          // one request; longer lines get InvalidRequest
    int maxClients = 64;                           // more are told "busy" and closed
    qint64 maxPendingWriteBytes = 8 * 1024 * 1024; // a client that stops reading is dropped past this
};

// The reply channel of one request. Handlers that finish later keep a copy; replying twice, or after the
// client left, does nothing.
class IpcResponder final
{
public:
    IpcResponder(IpcConnection* connection, QJsonValue id);

    void reply(const QJsonValue& result) const;
    void fail(const Error& error) const;
    void fail(int code, const QString& message) const;
    // A notification to this client only (progress of a long call, e.g. transform.delta).
    void notify(const QString& method, const QJsonObject& params) const;

    quint64 clientId() const;
    bool isConnected() const;

private:
    QPointer<IpcConnection> m_connection;
    QJsonValue m_id;
    std::shared_ptr<bool> m_done;
};

// The JSON-RPC 2.0 control socket (DESIGN §5): one JSON object per line over QLocalServer (a Unix socket in the
// 0700 runtime folder, a per-user named pipe on Windows). Methods are registered by the host (the daemon, later
// the GUI); malformed, oversized or unknown requests get JSON-RPC errors on their own connection and never
// disturb other clients. Clients that call status.subscribe receive every notifySubscribers() message.
class IpcServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IpcServer)

public:
    using Handler = std::function<void(const QJsonObject& params, const IpcResponder& responder)>;
    using SyncHandler = std::function<Result<QJsonValue>(const QJsonObject& params, quint64 clientId)>;

    explicit IpcServer(IpcLimits limits = {}, QObject* parent = nullptr);
    ~IpcServer() override;

    // Listens on the endpoint (ipcEndpointName()). A socket left behind by a crashed process is removed; a live
    // one gives ErrorCode::AlreadyRunning.
    Status listen(const QString& endpoint);
    bool isListening() const;
    QString endpoint() const { return m_endpoint; }
    // Stops accepting connections and removes the socket file; connected clients stay until closeClients().
    void stopListening();
    // Sends `service.stopping` {reason} to every client, flushes and disconnects them.
    void closeClients(const QString& reason);

    void registerMethod(const QString& name, Handler handler);
    void registerMethod(const QString& name, SyncHandler handler);
    QStringList methods() const { return m_handlers.keys(); }

    void subscribe(quint64 clientId);
    void notifySubscribers(const QString& method, const QJsonObject& params);

    int clientCount() const { return int(m_connections.size()); }
    const IpcLimits& limits() const { return m_limits; }

    // Called by IpcConnection.
    void dispatch(IpcConnection* connection, const QJsonValue& id, const QString& method, const QJsonValue& params,
                  bool isNotification);

signals:
    void clientCountChanged(int count);

private:
    Status open(const QString& endpoint);
    void checkListening();
    void acceptConnections();
    void removeConnection(quint64 id);

    IpcLimits m_limits;
    QLocalServer* m_server = nullptr;
    QString m_endpoint;
    QHash<QString, Handler> m_handlers;
    QHash<quint64, IpcConnection*> m_connections;
    quint64 m_nextClientId = 1;
    bool m_removeSocketOnStop = false;
    QTimer* m_watchdog = nullptr;
    bool m_recreating = false; // re-creating the socket failed; said once, retried every second
};

} // namespace utter
