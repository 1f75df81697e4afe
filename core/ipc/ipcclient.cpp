#include "ipcclient.h"

#include "paths/locations.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QLocalSocket>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

QString ipcEndpointName(const Locations& locations)
{
#ifdef Q_OS_WIN
    // Named pipes live in one flat namespace: derive a per-user, per-runtime-folder name.
    const QByteArray hash =
        QCryptographicHash::hash(locations.runtimeDir().toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return u"utter-"_s + qEnvironmentVariable("USERNAME") + u'-' + QString::fromLatin1(hash);
#else
    return locations.socketPath();
#endif
}

IpcClient::IpcClient(QString endpoint)
    : m_endpoint(std::move(endpoint))
{}

IpcClient::~IpcClient() = default;

Status IpcClient::connectToServer(int timeoutMs)
{
    m_socket = std::make_unique<QLocalSocket>();
    m_socket->connectToServer(m_endpoint);
    if (!m_socket->waitForConnected(timeoutMs)) {
        const QString why = m_socket->errorString();
        m_socket.reset();
        return Error(ErrorCode::NotRunning, u"No Utter instance is running (nothing answers at %1: %2). Start one "
                                            "with `utter` or `utter --headless start`."_s.arg(m_endpoint, why));
    }
    return {};
}

bool IpcClient::isConnected() const
{
    return m_socket && m_socket->state() == QLocalSocket::ConnectedState;
}

bool IpcClient::readMessages(int timeoutMs)
{
    if (!m_socket)
        return false;
    if (m_socket->bytesAvailable() <= 0) {
        if (m_socket->state() != QLocalSocket::ConnectedState)
            return false;
        if (!m_socket->waitForReadyRead(timeoutMs))
            return false;
    }
    m_buffer += m_socket->readAll();
    qsizetype newline = 0;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(newline);
        m_buffer.remove(0, newline + 1);
        if (line.trimmed().isEmpty())
            continue;
        m_pending.append(jsonrpc::parse(line));
    }
    return true;
}

Result<QJsonValue> IpcClient::call(const QString& method, const QJsonObject& params, int timeoutMs)
{
    if (!isConnected())
        return Error(ErrorCode::NotRunning, u"Not connected to the running instance."_s);
    const qint64 id = m_nextId++;
    m_socket->write(jsonrpc::request(id, method, params));
    if (!m_socket->waitForBytesWritten(timeoutMs) && m_socket->bytesToWrite() > 0)
        return Error(ErrorCode::Timeout, u"The running instance did not accept the request in time."_s);
    QDeadlineTimer deadline(timeoutMs);
    while (true) {
        for (qsizetype i = 0; i < m_pending.size(); ++i) {
            const jsonrpc::Message& message = m_pending.at(i);
            if (message.kind == jsonrpc::Message::Kind::Response && message.id.toInteger(-1) == id) {
                const jsonrpc::Message taken = m_pending.takeAt(i);
                if (!taken.error.isEmpty())
                    return jsonrpc::toError(taken.error);
                return taken.result;
            }
            // A server-side error not tied to our id (oversized line, busy) answers this call too.
            if (message.kind == jsonrpc::Message::Kind::Response && message.id.isNull() && !message.error.isEmpty())
                return jsonrpc::toError(m_pending.takeAt(i).error);
        }
        if (deadline.hasExpired())
            return Error(ErrorCode::Timeout,
                         u"The running instance did not answer %1 within %2 s."_s.arg(method).arg(timeoutMs / 1000.0));
        if (!readMessages(int(qMax<qint64>(1, deadline.remainingTime())))) {
            if (!isConnected())
                return Error(ErrorCode::NotRunning, u"The running instance closed the connection."_s);
        }
    }
}

std::optional<jsonrpc::Message> IpcClient::nextNotification(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(timeoutMs));
    while (true) {
        for (qsizetype i = 0; i < m_pending.size(); ++i) {
            if (m_pending.at(i).kind == jsonrpc::Message::Kind::Notification)
                return m_pending.takeAt(i);
        }
        if (deadline.hasExpired())
            return std::nullopt;
        const int wait = deadline.isForever() ? -1 : int(qMax<qint64>(1, deadline.remainingTime()));
        if (!readMessages(wait) && !isConnected())
            return std::nullopt;
    }
}

} // namespace utter
