#include "ipcserver.h"

#include "ipcconnection.h"
#include "jsonrpc.h"
#include "logging/logcontext.h"
#include "logging/logging.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

IpcResponder::IpcResponder(IpcConnection* connection, QJsonValue id)
    : m_connection(connection)
    , m_id(std::move(id))
    , m_done(std::make_shared<bool>(false))
{}

void IpcResponder::reply(const QJsonValue& result) const
{
    if (*m_done)
        return;
    *m_done = true;
    if (m_connection && !m_id.isUndefined())
        m_connection->send(jsonrpc::response(m_id, result));
}

void IpcResponder::fail(const Error& error) const
{
    if (*m_done)
        return;
    *m_done = true;
    if (m_connection && !m_id.isUndefined())
        m_connection->send(jsonrpc::errorResponse(m_id, error));
}

void IpcResponder::fail(int code, const QString& message) const
{
    if (*m_done)
        return;
    *m_done = true;
    if (m_connection && !m_id.isUndefined())
        m_connection->send(jsonrpc::errorResponse(m_id, code, message));
}

void IpcResponder::notify(const QString& method, const QJsonObject& params) const
{
    if (m_connection)
        m_connection->send(jsonrpc::notification(method, params));
}

quint64 IpcResponder::clientId() const
{
    return m_connection ? m_connection->id() : 0;
}

bool IpcResponder::isConnected() const
{
    return !m_connection.isNull();
}

namespace
{

// -1 when a server answers at the endpoint, else why the connection failed.
QLocalSocket::LocalSocketError probe(const QString& endpoint)
{
    QLocalSocket socket;
    socket.connectToServer(endpoint);
    if (socket.waitForConnected(1000)) {
        socket.disconnectFromServer();
        return QLocalSocket::LocalSocketError(-1);
    }
    return socket.error();
}

} // namespace

IpcServer::IpcServer(IpcLimits limits, QObject* parent)
    : QObject(parent)
    , m_limits(limits)
{}

IpcServer::~IpcServer()
{
    stopListening();
}

Status IpcServer::listen(const QString& endpoint)
{
    stopListening();
    // Something at the path: a live server answers, a socket left by a crash does not (and is removed).
    if (probe(endpoint) == QLocalSocket::LocalSocketError(-1))
        return Error(ErrorCode::AlreadyRunning, u"Another process is serving on %1."_s.arg(endpoint));
    if (QFile::exists(endpoint)) {
        qCInfo(lcIpc) << "removing a stale socket left by a previous instance:" << endpoint;
        QLocalServer::removeServer(endpoint);
    }
    if (Status opened = open(endpoint); !opened.ok())
        return opened;
    m_endpoint = endpoint;
    m_removeSocketOnStop = true;
    qCInfo(lcIpc) << "listening on" << m_server->fullServerName();
    // Qt's QLocalServer closes itself (and deletes the socket file) when one accept fails, e.g. when the process
    // is out of file descriptors: check every second and re-create it, so the CLI reaches the service again as
    // soon as descriptors are free.
    if (!m_watchdog) {
        m_watchdog = new QTimer(this);
        m_watchdog->setInterval(1000);
        connect(m_watchdog, &QTimer::timeout, this, &IpcServer::checkListening);
    }
    m_watchdog->start();
    return {};
}

Status IpcServer::open(const QString& endpoint)
{
    m_server = new QLocalServer(this);
    // Owner-only access on top of the 0700 folder (and the per-user pipe ACL on Windows).
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    m_server->setMaxPendingConnections(m_limits.maxClients);
    if (!m_server->listen(endpoint)) {
        const QString why = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        return Error(ErrorCode::Io, u"Cannot listen on %1: %2."_s.arg(endpoint, why));
    }
    connect(m_server, &QLocalServer::newConnection, this, &IpcServer::acceptConnections);
    return {};
}

void IpcServer::checkListening()
{
    if (m_endpoint.isEmpty())
        return;
    bool healthy = m_server && m_server->isListening();
#ifdef Q_OS_UNIX
    healthy = healthy && QFileInfo::exists(m_endpoint);
#endif
    if (healthy)
        return;
    if (!m_recreating)
        qCWarning(lcIpc).noquote() << "the control socket" << m_endpoint << "stopped listening"
                                   << (m_server ? u"(" + m_server->errorString() + u")" : QString())
                                   << "; re-creating it";
    if (m_server) {
        m_server->close();
        delete m_server;
        m_server = nullptr;
    }
    // Only this process (it holds the instance lock) serves here: whatever is left at the path is its own.
    QLocalServer::removeServer(m_endpoint);
    if (Status opened = open(m_endpoint); !opened.ok()) {
        if (!m_recreating)
            qCWarning(lcIpc).noquote() << opened.error().message << "Trying again every second.";
        m_recreating = true;
        return;
    }
    m_recreating = false;
    qCInfo(lcIpc) << "control socket re-created:" << m_endpoint;
}

bool IpcServer::isListening() const
{
    return m_server && m_server->isListening();
}

void IpcServer::stopListening()
{
    if (m_watchdog)
        m_watchdog->stop();
    if (!m_server)
        return;
    m_server->close(); // QLocalServer::close() also removes the socket file on Unix
    delete m_server;
    m_server = nullptr;
    if (m_removeSocketOnStop && QFile::exists(m_endpoint))
        QFile::remove(m_endpoint);
    m_removeSocketOnStop = false;
}

void IpcServer::closeClients(const QString& reason)
{
    const QByteArray goodbye = jsonrpc::notification(u"service.stopping"_s, {{u"reason"_s, reason}});
    const QList<IpcConnection*> connections = m_connections.values();
    for (IpcConnection* connection : connections) {
        connection->send(goodbye);
        connection->close();
    }
}

void IpcServer::registerMethod(const QString& name, Handler handler)
{
    m_handlers.insert(name, std::move(handler));
}

void IpcServer::registerMethod(const QString& name, SyncHandler handler)
{
    m_handlers.insert(name, [handler = std::move(handler)](const QJsonObject& params, const IpcResponder& responder) {
        const Result<QJsonValue> result = handler(params, responder.clientId());
        if (result.ok())
            responder.reply(result.value());
        else
            responder.fail(result.error());
    });
}

void IpcServer::subscribe(quint64 clientId)
{
    if (IpcConnection* connection = m_connections.value(clientId))
        connection->setSubscribed(true);
}

void IpcServer::notifySubscribers(const QString& method, const QJsonObject& params)
{
    QByteArray bytes;
    const QList<IpcConnection*> connections = m_connections.values();
    for (IpcConnection* connection : connections) {
        if (!connection->subscribed())
            continue;
        if (bytes.isEmpty())
            bytes = jsonrpc::notification(method, params);
        connection->send(bytes);
    }
}

void IpcServer::dispatch(IpcConnection* connection, const QJsonValue& id, const QString& method,
                         const QJsonValue& params, bool isNotification)
{
    const QJsonValue replyId = isNotification ? QJsonValue(QJsonValue::Undefined) : id;
    IpcResponder responder(connection, replyId);
    const auto handler = m_handlers.constFind(method);
    if (handler == m_handlers.constEnd()) {
        qCDebug(lcIpc) << "unknown method" << method;
        responder.fail(jsonrpc::MethodNotFound, u"Unknown method \"%1\"; known methods: %2."_s.arg(
                                                    method, QStringList(m_handlers.keys()).join(u", "_s)));
        return;
    }
    if (params.isArray() && !params.toArray().isEmpty()) {
        responder.fail(jsonrpc::InvalidParams, u"Pass params as an object with named members."_s);
        return;
    }
    QElapsedTimer timer;
    timer.start();
    (*handler)(params.toObject(), responder);
    qCDebug(lcIpc) << method << "handled in" << timer.nsecsElapsed() / 1000 << "us";
}

void IpcServer::acceptConnections()
{
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        if (m_connections.size() >= m_limits.maxClients) {
            qCWarning(lcIpc) << "refusing a client: already" << m_connections.size() << "connected";
            socket->write(jsonrpc::errorResponse(
                QJsonValue::Null, jsonrpc::Busy,
                u"Too many clients are connected (%1); try again later."_s.arg(m_limits.maxClients)));
            socket->flush();
            socket->disconnectFromServer();
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            if (socket->state() == QLocalSocket::UnconnectedState)
                socket->deleteLater();
            continue;
        }
        const quint64 id = m_nextClientId++;
        auto* connection = new IpcConnection(id, socket, this);
        connect(connection, &IpcConnection::closed, this, &IpcServer::removeConnection);
        m_connections.insert(id, connection);
        LogScope scope(connection->label());
        qCDebug(lcIpc) << "client connected";
        emit clientCountChanged(int(m_connections.size()));
        // Bytes may already be waiting.
        if (socket->bytesAvailable() > 0)
            QMetaObject::invokeMethod(socket, &QLocalSocket::readyRead, Qt::QueuedConnection);
    }
}

void IpcServer::removeConnection(quint64 id)
{
    IpcConnection* connection = m_connections.take(id);
    if (!connection)
        return;
    connection->deleteLater();
    emit clientCountChanged(int(m_connections.size()));
}

} // namespace utter
