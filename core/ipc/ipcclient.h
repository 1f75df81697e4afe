#pragma once

#include "common/result.h"
#include "jsonrpc.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>

#include <memory>
#include <optional>

class QLocalSocket;

namespace utter
{

class Locations;

// The IPC endpoint of the running instance for these locations: the socket path on Unix, a per-user pipe name
// on Windows.
QString ipcEndpointName(const Locations& locations);

// A blocking JSON-RPC client for short-lived processes (the CLI verbs, scripts' helpers, tests). Notifications
// that arrive while waiting for a reply are kept for nextNotification().
class IpcClient final
{
public:
    explicit IpcClient(QString endpoint);
    ~IpcClient();
    IpcClient(const IpcClient&) = delete;
    IpcClient& operator=(const IpcClient&) = delete;

    // ErrorCode::NotRunning when nothing listens at the endpoint.
    Status connectToServer(int timeoutMs = 2000);
    bool isConnected() const;

    Result<QJsonValue> call(const QString& method, const QJsonObject& params = {}, int timeoutMs = 30000);
    // Waits for the next notification; std::nullopt on timeout (-1 = forever) or when the server left.
    std::optional<jsonrpc::Message> nextNotification(int timeoutMs = -1);

private:
    bool readMessages(int timeoutMs);

    QString m_endpoint;
    std::unique_ptr<QLocalSocket> m_socket;
    QByteArray m_buffer;
    QList<jsonrpc::Message> m_pending; // responses and notifications not consumed yet
    qint64 m_nextId = 1;
};

} // namespace utter
