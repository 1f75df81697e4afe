#include "waylandfocus.h"

#include "logging/logging.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocalSocket>
#include <QTimer>

#include <cstring>
#include <optional>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

constexpr quint32 kGetTree = 4;
const QByteArray kMagic = "i3-ipc";

QString processName(qint64 pid)
{
    if (pid <= 0)
        return {};
    QFile comm(u"/proc/%1/comm"_s.arg(pid));
    if (!comm.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLocal8Bit(comm.readAll()).trimmed();
}

bool findFocused(const QJsonObject& node, QJsonObject* found)
{
    if (node.value(u"focused"_s).toBool() && node.value(u"type"_s).toString() != u"workspace"_s) {
        *found = node;
        return true;
    }
    for (const QString& key : {u"nodes"_s, u"floating_nodes"_s}) {
        for (const QJsonValue& child : node.value(key).toArray()) {
            if (findFocused(child.toObject(), found))
                return true;
        }
    }
    return false;
}

// One question to a compositor's socket, asked without waiting: the sockets in `paths` are tried in turn; the
// request is written once connected, and every byte received goes to `parse` until it gives an answer. A socket
// that closes unanswered passes to the next one; errors, the last socket closing and the answer limit end the
// query with "unknown". The query is a child of the asker's context: a context destroyed first takes it along, and
// done is not called then.
class FocusQuery final : public QObject
{
public:
    // (received so far, whether the socket has closed) → the answer, or nullopt to read on (or try the next socket).
    using Parse = std::function<std::optional<TargetApp>(const QByteArray& received, bool closed)>;

    FocusQuery(QString probe, QStringList paths, QByteArray request, QObject* context, FocusProbe::Answer done)
        : QObject(context)
        , m_probe(std::move(probe))
        , m_paths(std::move(paths))
        , m_request(std::move(request))
        , m_done(std::move(done))
    {
        m_limit.setSingleShot(true);
        m_limit.setInterval(FocusProbe::answerLimitMs);
        connect(&m_limit, &QTimer::timeout, this, [this] {
            qCInfo(lcInject).noquote() << m_probe << "did not tell the focused application within"
                                       << FocusProbe::answerLimitMs << "ms; the target is unknown";
            finish({});
        });
    }

    void start(Parse parse)
    {
        m_parse = std::move(parse);
        m_limit.start();
        tryNext();
    }

private:
    void tryNext()
    {
        if (m_socket) {
            m_socket->disconnect(this);
            m_socket->abort();
            m_socket->deleteLater();
            m_socket = nullptr;
        }
        if (m_paths.isEmpty()) {
            finish({});
            return;
        }
        m_received.clear();
        m_socket = new QLocalSocket(this);
        connect(m_socket, &QLocalSocket::connected, this, [this] { m_socket->write(m_request); });
        connect(m_socket, &QLocalSocket::readyRead, this, [this] {
            m_received += m_socket->readAll();
            if (const std::optional<TargetApp> app = m_parse(m_received, false))
                finish(*app);
        });
        connect(m_socket, &QLocalSocket::disconnected, this, [this] { closed(); });
        connect(m_socket, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError error) {
            if (error == QLocalSocket::PeerClosedError) {
                closed();
                return;
            }
            m_socket->disconnect(this);
            qCDebug(lcInject).noquote() << m_probe << m_paths.first() << m_socket->errorString();
            m_paths.removeFirst();
            QMetaObject::invokeMethod(
                this, [this] { tryNext(); }, Qt::QueuedConnection);
        });
        m_socket->connectToServer(m_paths.first());
    }

    void closed()
    {
        if (m_finished || !m_socket)
            return;
        m_socket->disconnect(this); // disconnected() and PeerClosedError both lead here: once per socket
        m_received += m_socket->readAll();
        if (const std::optional<TargetApp> app = m_parse(m_received, true)) {
            finish(*app);
            return;
        }
        qCDebug(lcInject).noquote() << m_probe << m_paths.first() << "closed without an answer";
        m_paths.removeFirst();
        QMetaObject::invokeMethod(
            this, [this] { tryNext(); }, Qt::QueuedConnection);
    }

    void finish(const TargetApp& app)
    {
        if (std::exchange(m_finished, true))
            return;
        m_limit.stop();
        if (m_socket) {
            m_socket->disconnect(this);
            m_socket->abort();
        }
        deleteLater();
        if (m_done)
            std::exchange(m_done, {})(app);
    }

    QString m_probe;
    QStringList m_paths;
    QByteArray m_request;
    FocusProbe::Answer m_done;
    Parse m_parse;
    QLocalSocket* m_socket = nullptr;
    QByteArray m_received;
    QTimer m_limit;
    bool m_finished = false;
};

} // namespace

QByteArray SwayFocusProbe::message(quint32 type, const QByteArray& payload)
{
    QByteArray message = kMagic;
    const quint32 header[2] = {quint32(payload.size()), type}; // i3-ipc uses the host's byte order
    message.append(reinterpret_cast<const char*>(header), sizeof(header));
    message.append(payload);
    return message;
}

std::optional<QByteArray> SwayFocusProbe::replyPayload(const QByteArray& received)
{
    const qsizetype headerSize = kMagic.size() + 8;
    if (received.size() < headerSize)
        return std::nullopt;
    quint32 length = 0;
    std::memcpy(&length, received.constData() + kMagic.size(), 4);
    if (received.size() < headerSize + qsizetype(length))
        return std::nullopt;
    return received.mid(headerSize, length);
}

TargetApp SwayFocusProbe::focusedFromTree(const QJsonObject& tree)
{
    TargetApp app;
    QJsonObject node;
    if (!findFocused(tree, &node))
        return app;
    QString id = node.value(u"app_id"_s).toString();
    if (id.isEmpty()) // XWayland windows
        id = node.value(u"window_properties"_s).toObject().value(u"class"_s).toString();
    if (id.isEmpty())
        id = processName(node.value(u"pid"_s).toInteger());
    if (!id.isEmpty())
        app.appId = id;
    app.title = node.value(u"name"_s).toString();
    app.windowId = quint64(node.value(u"id"_s).toInteger());
    app.isTerminal = isTerminalAppId(app.appId);
    return app;
}

void SwayFocusProbe::request(QObject* context, Answer done)
{
    const QString path = qEnvironmentVariable("SWAYSOCK", qEnvironmentVariable("I3SOCK"));
    if (path.isEmpty()) {
        qCDebug(lcInject) << "sway IPC: SWAYSOCK is not set";
        done({});
        return;
    }
    (new FocusQuery(name(), {path}, message(kGetTree, {}), context, std::move(done)))
        ->start([](const QByteArray& received, bool closed) -> std::optional<TargetApp> {
            const std::optional<QByteArray> payload = replyPayload(received);
            if (!payload)
                return closed ? std::optional<TargetApp>(TargetApp{}) : std::nullopt;
            const QJsonDocument tree = QJsonDocument::fromJson(*payload);
            if (!tree.isObject()) {
                qCDebug(lcInject) << "sway IPC: the get_tree reply is not a JSON object";
                return TargetApp{};
            }
            return focusedFromTree(tree.object());
        });
}

TargetApp HyprlandFocusProbe::fromActiveWindow(const QJsonObject& window)
{
    TargetApp app;
    QString id = window.value(u"class"_s).toString();
    if (id.isEmpty())
        id = window.value(u"initialClass"_s).toString();
    if (id.isEmpty())
        id = processName(window.value(u"pid"_s).toInteger());
    if (!id.isEmpty())
        app.appId = id;
    app.title = window.value(u"title"_s).toString();
    app.isTerminal = isTerminalAppId(app.appId);
    app.windowId = window.value(u"address"_s).toString().toULongLong(nullptr, 16);
    return app;
}

QStringList HyprlandFocusProbe::socketPaths()
{
    const QString signature = qEnvironmentVariable("HYPRLAND_INSTANCE_SIGNATURE");
    if (signature.isEmpty())
        return {};
    return {
        qEnvironmentVariable("XDG_RUNTIME_DIR") + u"/hypr/"_s + signature + u"/.socket.sock"_s,
        u"/tmp/hypr/"_s + signature + u"/.socket.sock"_s, // Hyprland before 0.40
    };
}

void HyprlandFocusProbe::request(QObject* context, Answer done)
{
    const QStringList paths = socketPaths();
    if (paths.isEmpty()) {
        done({});
        return;
    }
    // Hyprland answers and closes the connection; the reply is complete once it parses.
    (new FocusQuery(name(), paths, "j/activewindow", context, std::move(done)))
        ->start([](const QByteArray& received, bool closed) -> std::optional<TargetApp> {
            const QJsonDocument doc = QJsonDocument::fromJson(received);
            Q_UNUSED(closed) // a socket that closed unanswered passes to the next one
            if (doc.isObject())
                return fromActiveWindow(doc.object());
            return std::nullopt;
        });
}

} // namespace utter
