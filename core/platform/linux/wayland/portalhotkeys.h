#pragma once

#include "platform/globalhotkeys.h"
#include "portalrequest.h"

#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QHash>
#include <QVariantMap>

namespace utter
{

// Wayland global shortcuts through org.freedesktop.portal.GlobalShortcuts (KDE Plasma 5.27+, Hyprland,
// GNOME 48+): Activated/Deactivated give press and release, so push-to-talk works. Binding is asynchronous
// (the desktop may show a dialog) and allowed once per session, so registrations made in one event-loop turn
// are bound together; failures arrive as registrationFailed().
class PortalHotkeys final : public GlobalHotkeys
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortalHotkeys)

public:
    explicit PortalHotkeys(QObject* parent = nullptr);
    ~PortalHotkeys() override;

    // Whether the session bus offers the GlobalShortcuts portal; *why says why not.
    static bool isAvailable(QString* why);
    // The XDG shortcuts-spec trigger for a key spec ("CTRL+ALT+space"), pure and unit-tested.
    static QString preferredTrigger(const KeySpec& spec);

    QString backendName() const override { return QStringLiteral("portal"); }
    bool supportsRelease() const override { return true; }
    Status registerHotkey(const QString& id, const KeySpec& spec) override;
    void unregisterHotkey(const QString& id) override;

public slots: // QtDBus delivers signals only to public slots
    void onActivated(const QDBusMessage& message);
    void onDeactivated(const QDBusMessage& message);

private:
    void bindPending();
    void onSessionCreated(const PortalResponse& response);
    void onBound(const PortalResponse& response);
    void failAll(const QString& message);

    QHash<QString, KeySpec> m_wanted;
    QSet<QString> m_down;
    QString m_session;
    bool m_bindScheduled = false;
    bool m_bound = false;
};

} // namespace utter
