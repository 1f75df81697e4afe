#include "ipcconnection.h"

#include "ipcserver.h"
#include "jsonrpc.h"
#include "logging/logcontext.h"
#include "logging/logging.h"

#include <QLocalSocket>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

IpcConnection::IpcConnection(quint64 id, QLocalSocket* socket, IpcServer* server)
    : QObject(server)
    , m_id(id)
    , m_socket(socket)
    , m_server(server)
{
    m_socket->setParent(this);
    connect(m_socket, &QLocalSocket::readyRead, this, &IpcConnection::readLines);
    connect(m_socket, &QLocalSocket::disconnected, this, [this] {
        if (!m_closed) {
            m_closed = true;
            LogScope scope(label());
            qCDebug(lcIpc) << "client disconnected";
            emit closed(m_id);
        }
    });
}

IpcConnection::~IpcConnection() = default;

QString IpcConnection::label() const
{
    return u"ipc#"_s + QString::number(m_id);
}

void IpcConnection::send(const QByteArray& bytes)
{
    if (m_closed || m_socket->state() != QLocalSocket::ConnectedState)
        return;
    if (m_socket->bytesToWrite() + bytes.size() > m_server->limits().maxPendingWriteBytes) {
        LogScope scope(label());
        qCWarning(lcIpc) << "client stopped reading (" << m_socket->bytesToWrite() << "bytes queued); disconnecting it";
        close();
        return;
    }
    m_socket->write(bytes);
}

void IpcConnection::close()
{
    if (m_closed)
        return;
    m_socket->flush();
    m_socket->disconnectFromServer();
    if (m_socket->state() == QLocalSocket::UnconnectedState && !m_closed) {
        m_closed = true;
        emit closed(m_id);
    }
}

void IpcConnection::readLines()
{
    const qsizetype limit = m_server->limits().maxLineBytes;
    m_buffer += m_socket->readAll();
    while (!m_closed) {
        const qsizetype newline = m_buffer.indexOf('\n');
        if (m_discarding) {
            if (newline < 0) {
                m_buffer.clear();
                return;
            }
            m_buffer.remove(0, newline + 1);
            m_discarding = false;
            continue;
        }
        if (newline < 0) {
            if (m_buffer.size() > limit) {
                LogScope scope(label());
                qCWarning(lcIpc) << "request over" << limit << "bytes rejected";
                send(jsonrpc::errorResponse(QJsonValue::Null, jsonrpc::InvalidRequest,
                                            u"The request is larger than %1 bytes; send smaller requests "
                                            "(pass files by path, not by content)."_s.arg(limit)));
                m_buffer.clear();
                m_discarding = true;
            }
            return;
        }
        QByteArray line = m_buffer.left(newline);
        m_buffer.remove(0, newline + 1);
        if (line.size() > limit) {
            send(jsonrpc::errorResponse(QJsonValue::Null, jsonrpc::InvalidRequest,
                                        u"The request is larger than %1 bytes."_s.arg(limit)));
            continue;
        }
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue; // blank lines are keep-alives from hand-typed sessions (socat, nc)
        handleLine(line);
    }
}

void IpcConnection::handleLine(const QByteArray& line)
{
    LogScope scope(label());
    bool parseError = false;
    const jsonrpc::Message message = jsonrpc::parse(line, &parseError);
    switch (message.kind) {
    case jsonrpc::Message::Kind::Invalid:
        qCDebug(lcIpc) << "invalid message:" << message.problem;
        send(jsonrpc::errorResponse(message.id.isUndefined() ? QJsonValue() : message.id,
                                    parseError ? jsonrpc::ParseError : jsonrpc::InvalidRequest, message.problem));
        return;
    case jsonrpc::Message::Kind::Response:
        qCDebug(lcIpc) << "ignoring a response sent to the server";
        return;
    case jsonrpc::Message::Kind::Request:
    case jsonrpc::Message::Kind::Notification:
        m_server->dispatch(this, message.id, message.method, message.params,
                           message.kind == jsonrpc::Message::Kind::Notification);
        return;
    }
}

} // namespace utter
