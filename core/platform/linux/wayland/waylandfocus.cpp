#include "waylandfocus.h"

#include "logging/logging.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocalSocket>

#include <cstring>

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

} // namespace

QJsonDocument SwayFocusProbe::request(quint32 type, const QByteArray& payload, QString* error)
{
    const QString path = qEnvironmentVariable("SWAYSOCK", qEnvironmentVariable("I3SOCK"));
    if (path.isEmpty()) {
        *error = u"SWAYSOCK is not set"_s;
        return {};
    }
    QLocalSocket socket;
    socket.connectToServer(path);
    if (!socket.waitForConnected(1000)) {
        *error = socket.errorString();
        return {};
    }
    QByteArray message = kMagic;
    const quint32 header[2] = {quint32(payload.size()), type}; // i3-ipc uses the host's byte order
    message.append(reinterpret_cast<const char*>(header), sizeof(header));
    message.append(payload);
    socket.write(message);
    QByteArray reply;
    const qsizetype headerSize = kMagic.size() + 8;
    while (true) {
        if (reply.size() >= headerSize) {
            quint32 length = 0;
            std::memcpy(&length, reply.constData() + kMagic.size(), 4);
            if (reply.size() >= headerSize + qsizetype(length))
                return QJsonDocument::fromJson(reply.mid(headerSize, length));
        }
        if (!socket.waitForReadyRead(2000)) {
            *error = u"sway did not answer"_s;
            return {};
        }
        reply += socket.readAll();
    }
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

TargetApp SwayFocusProbe::focusedApp()
{
    QString error;
    const QJsonDocument tree = request(kGetTree, {}, &error);
    if (!tree.isObject()) {
        qCDebug(lcInject) << "sway IPC:" << error;
        return {};
    }
    return focusedFromTree(tree.object());
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

TargetApp HyprlandFocusProbe::focusedApp()
{
    const QString signature = qEnvironmentVariable("HYPRLAND_INSTANCE_SIGNATURE");
    if (signature.isEmpty())
        return {};
    const QStringList candidates = {
        qEnvironmentVariable("XDG_RUNTIME_DIR") + u"/hypr/"_s + signature + u"/.socket.sock"_s,
        u"/tmp/hypr/"_s + signature + u"/.socket.sock"_s, // Hyprland before 0.40
    };
    for (const QString& path : candidates) {
        QLocalSocket socket;
        socket.connectToServer(path);
        if (!socket.waitForConnected(500))
            continue;
        socket.write("j/activewindow");
        QByteArray reply;
        while (socket.waitForReadyRead(1000))
            reply += socket.readAll();
        reply += socket.readAll();
        const QJsonDocument doc = QJsonDocument::fromJson(reply);
        if (doc.isObject())
            return fromActiveWindow(doc.object());
    }
    return {};
}

} // namespace utter
