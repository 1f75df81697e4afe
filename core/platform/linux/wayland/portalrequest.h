#pragma once

#include <QDBusConnection>
#include <QDBusMessage>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QVariantMap>

#include <functional>

namespace utter
{

// What an org.freedesktop.portal.Request answered: the Response signal's code and results, or why there was
// no Response (the method call itself failed, or nobody answered in time).
struct PortalResponse
{
    enum Code : uint
    {
        Success = 0,
        Cancelled = 1, // the user dismissed the dialog or said no
        Ended = 2,     // the portal or the desktop ended the interaction another way
    };
    uint code = Ended;
    QVariantMap results;
    QString error; // set when no Response arrived: the D-Bus error message, or the timeout

    bool ok() const { return code == Success && error.isEmpty(); }
};

// One portal request (xdg-desktop-portal's Request/Response pattern, shared by GlobalShortcuts and
// RemoteDesktop): subscribes to Response on the request path predicted from our unique bus name and the
// handle_token *before* calling (so a fast answer is not missed), calls the method asynchronously, follows the
// returned handle when an old portal answers with another path, and reports exactly once. It lives as a child
// of a context object and dies with it (then nothing is reported).
class PortalRequest final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortalRequest)

public:
    using Callback = std::function<void(const PortalResponse&)>;

    static const QString service;     // org.freedesktop.portal.Desktop
    static const QString desktopPath; // /org/freedesktop/portal/desktop

    // ":1.42" → "1_42", the sender part of request and session paths.
    static QString senderPart(const QString& uniqueName);
    // /org/freedesktop/portal/desktop/request/SENDER/TOKEN
    static QString requestPath(const QString& uniqueName, const QString& token);
    // /org/freedesktop/portal/desktop/session/SENDER/TOKEN
    static QString sessionPath(const QString& uniqueName, const QString& token);
    // "utter_<purpose>_<serial>": a valid object-path element ([A-Za-z0-9_]) for handle_token and
    // session_handle_token; anything else in purpose becomes '_'.
    static QString handleToken(const QString& purpose, quint32 serial);
    // handleToken() with a process-wide serial, so requests of different users on one connection never collide.
    static QString nextToken(const QString& purpose);
    // A session_handle result: typed "s" by xdg-desktop-portal (kept for compatibility), "o" by the spec.
    static QString objectPathValue(const QVariant& value);

    // Calls `call` on `bus`; its options must carry handle_token = token. done gets the Response (or the error)
    // once, unless context is destroyed first. With timeoutMs > 0 an unanswered request is closed then and
    // reported as an error (a consent dialog nobody answers).
    static void send(const QDBusConnection& bus, const QDBusMessage& call, const QString& token, QObject* context,
                     Callback done, int timeoutMs = 0);

public slots: // QtDBus delivers signals only to slots
    void onResponse(uint response, const QVariantMap& results);

private:
    PortalRequest(const QDBusConnection& bus, Callback done, QObject* context);
    void listen(const QString& path);
    void finish(PortalResponse response);

    QDBusConnection m_bus;
    Callback m_done;
    QStringList m_paths; // request paths whose Response we listen to
    QTimer m_timeout;
    bool m_finished = false;
};

} // namespace utter
