#pragma once

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTcpSocket>
#include <QTest>

#include <optional>

namespace utter::test
{

// One HTTP response as it came over the wire.
struct RawResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-case
    QByteArray body;

    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [key, value] : headers) {
            if (key == name)
                return value;
        }
        return {};
    }
    int count(const QByteArray& name) const
    {
        int n = 0;
        for (const auto& [key, value] : headers)
            n += key == name ? 1 : 0;
        return n;
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonObject error() const { return json().value(QStringLiteral("error")).toObject(); }
};

// A hand-made HTTP/1.x client over QTcpSocket for what QNetworkAccessManager cannot do: send exact bytes, leave a
// request unfinished, see whether the server closed the connection. Every wait runs the event loop, so servers
// in the test process (the provider double) keep answering.
class RawClient final
{
public:
    explicit RawClient(quint16 port)
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { m_in += m_socket.readAll(); });
        QObject::connect(&m_socket, &QTcpSocket::disconnected, &m_socket, [this] { m_closed = true; });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }

    bool waitConnected(int timeoutMs = 5000)
    {
        return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState || m_closed; },
                               timeoutMs) &&
               m_socket.state() == QAbstractSocket::ConnectedState;
    }
    void send(const QByteArray& bytes) { m_socket.write(bytes); }
    QTcpSocket& socket() { return m_socket; }
    bool isClosed() const { return m_closed; }
    QByteArray received() const { return m_in; }

    // The next complete response (a HEAD request's has no body), taken from what arrived.
    std::optional<RawResponse> response(int timeoutMs = 10000, bool headRequest = false)
    {
        std::optional<RawResponse> parsed;
        (void)QTest::qWaitFor([&] { return (parsed = take(headRequest)).has_value() || m_closed; }, timeoutMs);
        if (!parsed)
            parsed = take(headRequest);
        return parsed;
    }
    bool waitClosed(int timeoutMs)
    {
        return QTest::qWaitFor([this] { return m_closed; }, timeoutMs);
    }

private:
    std::optional<RawResponse> take(bool headRequest)
    {
        const qsizetype end = m_in.indexOf("\r\n\r\n");
        if (end < 0)
            return std::nullopt;
        RawResponse response;
        const QList<QByteArray> lines = m_in.left(end).split('\n');
        response.status = lines.value(0).split(' ').value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                response.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
        }
        const qint64 length = headRequest ? 0 : response.header("content-length").toLongLong();
        if (m_in.size() < end + 4 + length)
            return std::nullopt;
        response.body = m_in.mid(end + 4, length);
        m_in.remove(0, end + 4 + length);
        if (response.status == 100)
            return take(headRequest);
        return response;
    }

    QTcpSocket m_socket;
    QByteArray m_in;
    bool m_closed = false;
};

// What /proc says about a process (Linux): a "kB" field of /proc/PID/status, and its open descriptors.
inline qint64 procStatusKb(qint64 pid, const QByteArray& field)
{
    QFile file(QStringLiteral("/proc/%1/status").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// "socket: 12, /dev/null: 2, ..." — what the descriptors are, for failure messages.
inline QString procFdSummary(qint64 pid)
{
    QMap<QString, int> kinds;
    const QString dir = QStringLiteral("/proc/%1/fd").arg(pid);
    const QStringList entries = QDir(dir).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot);
    for (const QString& entry : entries)
        ++kinds[QFile::symLinkTarget(dir + u'/' + entry).section(u':', 0, 0)];
    QStringList parts;
    for (auto it = kinds.cbegin(); it != kinds.cend(); ++it)
        parts << QStringLiteral("%1: %2").arg(it.key()).arg(it.value());
    return parts.join(QStringLiteral(", "));
}

// The TCP connections (not the listening socket) a process holds open on its local port `port`: what a server
// keeps of its clients. Read from /proc/PID/net/tcp{,6}, matched to the process's descriptors by inode, so
// sockets the process opens for other reasons (D-Bus, the sound server) do not count.
inline int procTcpConnectionCount(qint64 pid, quint16 port)
{
    QSet<QByteArray> inodes;
    const QString dir = QStringLiteral("/proc/%1/fd").arg(pid);
    const QStringList entries = QDir(dir).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        const QString target = QFile::symLinkTarget(dir + u'/' + entry);
        if (target.contains(QStringLiteral("socket:[")))
            inodes.insert(target.section(u'[', 1).chopped(1).toLatin1());
    }
    constexpr QByteArrayView listening = "0A";
    int connections = 0;
    for (const char* table : {"tcp", "tcp6"}) {
        QFile file(QStringLiteral("/proc/%1/net/%2").arg(pid).arg(QLatin1StringView(table)));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) { // the first line names the columns
            const QList<QByteArray> fields = lines[i].simplified().split(' ');
            if (fields.size() < 10)
                continue;
            // fields: sl, local "ADDR:PORT" (hex), remote, state (hex), queues, timer, retransmits, uid, timeout, inode
            const bool onPort = fields[1].mid(fields[1].lastIndexOf(':') + 1).toUInt(nullptr, 16) == port;
            if (onPort && fields[3] != listening && inodes.contains(fields[9]))
                ++connections;
        }
    }
    return connections;
}

inline int procFdCount(qint64 pid)
{
    return int(QDir(QStringLiteral("/proc/%1/fd").arg(pid))
                   .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)
                   .size());
}

} // namespace utter::test
