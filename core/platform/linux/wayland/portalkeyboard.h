#pragma once

#include "common/result.h"
#include "platform/keysymplan.h"
#include "portalrequest.h"
#include "restoretokenstore.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QObject>

#include <functional>
#include <memory>

namespace utter
{

// A keyboard-only session of the org.freedesktop.portal.RemoteDesktop portal (GNOME, KDE): CreateSession →
// SelectDevices (keyboard; persist_mode 2 with the stored restore token from interface version 2 on) → Start
// (the desktop's consent dialog, skipped when the token restores an earlier grant) → NotifyKeyboardKeysym.
// The session stays open between dictations; when the desktop closes it (Session::Closed) the next open()
// starts a new one.
class PortalKeyboard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortalKeyboard)

public:
    enum class State
    {
        Closed,
        Opening,
        Open,
    };

    static constexpr uint keyboardDevice = 1; // AvailableDeviceTypes / types bit
    static constexpr uint persistUntilRevoked = 2;
    static constexpr int consentTimeoutMs = 120000; // how long Start waits for the user to answer the dialog

    // What the session bus offers, read without creating a session (so without any dialog).
    struct Availability
    {
        uint version = 0;
        uint deviceTypes = 0;
    };
    // NotFound: no portal on the bus; Unsupported: a portal without RemoteDesktop or without a keyboard.
    // Waits for the answer (up to 5 s: the portal may be started by D-Bus activation); `utter doctor` uses it.
    static Result<Availability> probe(const QDBusConnection& bus);
    // The same without waiting: done follows on context's thread (at once when there is no bus), unless context is
    // gone by then.
    static void probeAsync(const QDBusConnection& bus, QObject* context,
                           std::function<void(const Result<Availability>&)> done);

    // The SelectDevices options for an interface version: keyboard only, and from version 2 on persist_mode 2
    // plus the restore token when there is one. Pure, unit-tested.
    static QVariantMap selectDevicesOptions(uint version, const QString& handleToken, const QString& restoreToken);

    PortalKeyboard(QDBusConnection bus, RestoreTokenStore tokens, QObject* parent = nullptr);
    ~PortalKeyboard() override; // closes the session

    State state() const { return m_state; }
    QString sessionHandle() const { return m_session; }

    // Opens the session, or reuses the open one. The first open may show the consent dialog. A refusal fails
    // with ErrorCode::Cancelled; done is called once, possibly before open() returns.
    void open(std::function<void(const Status&)> done);
    // Sends the events in order, each after the portal accepted the previous one. done(accepted, status):
    // accepted counts the events the portal accepted before the first refusal.
    void send(const QList<KeysymEvent>& events, std::function<void(int accepted, const Status&)> done);
    void close();

signals:
    void closed(); // the desktop (or close()) ended the session

public slots: // QtDBus delivers signals only to slots
    void onSessionClosed(const QDBusMessage& message);

private:
    static Result<Availability> availabilityFrom(const QDBusMessage& reply);
    struct Sending;
    void createSession(uint version);
    void selectDevices(uint version);
    void start(bool restoring);
    void opened();
    void failOpen(const Error& error);
    void sendNext(const std::shared_ptr<Sending>& job);
    QDBusMessage portalCall(const QString& method) const;
    void watchSession(const QString& path, bool watch);

    QDBusConnection m_bus;
    RestoreTokenStore m_tokens;
    State m_state = State::Closed;
    QString m_session;
    uint m_version = 0;
    QList<std::function<void(const Status&)>> m_waiting; // open() callers while the session is opening
};

} // namespace utter
