#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>

class QLocalSocket;

namespace utter
{

class IpcServer;
struct Error;

// One client of the IPC server: splits the byte stream into lines, enforces the line limit, and writes replies.
// Owned by the server; deletes itself (deleteLater) when the client disconnects.
class IpcConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IpcConnection)

public:
    IpcConnection(quint64 id, QLocalSocket* socket, IpcServer* server);
    ~IpcConnection() override;

    quint64 id() const { return m_id; }
    QString label() const; // "ipc#7" for log lines
    bool subscribed() const { return m_subscribed; }
    void setSubscribed(bool on) { m_subscribed = on; }

    // Queues bytes; a client that stopped reading (backlog over the limit) is disconnected.
    void send(const QByteArray& bytes);
    void close();

signals:
    void closed(quint64 id);

private:
    void readLines();
    void handleLine(const QByteArray& line);

    quint64 m_id;
    QLocalSocket* m_socket;
    IpcServer* m_server;
    QByteArray m_buffer;
    bool m_discarding = false; // inside an oversized line: drop bytes until its newline
    bool m_subscribed = false;
    bool m_closed = false;
};

} // namespace utter
