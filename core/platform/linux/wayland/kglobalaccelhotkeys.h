#pragma once

#include "platform/globalhotkeys.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QHash>
#include <QSet>

namespace utter
{

// KDE Plasma's own global shortcuts: kglobalaccel on the session bus (org.kde.kglobalaccel, hosted by KWin on
// Wayland), the service every KDE application binds through. Used on KDE instead of the GlobalShortcuts portal,
// because Plasma 5.27's portal back end binds nothing (it reads shortcuts only from a CreateSession option that
// xdg-desktop-portal 1.16 does not forward, answers BindShortcuts with an empty list and opens System Settings
// instead). Keys are set from Utter's settings (not the user's kglobalshortcutsrc edits), under the component
// "utter" (shown as "Utter" in System Settings → Shortcuts). The component's globalShortcutPressed (repeated
// while the key auto-repeats) and globalShortcutReleased give press and release; repeats are filtered here.
class KGlobalAccelHotkeys final : public GlobalHotkeys
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KGlobalAccelHotkeys)

public:
    static const QString component; // "utter"

    explicit KGlobalAccelHotkeys(QDBusConnection bus, QObject* parent = nullptr);
    ~KGlobalAccelHotkeys() override; // marks the shortcuts inactive, as KDE applications do when they quit

    // Whether kglobalaccel runs on the bus now (without D-Bus-activating kglobalaccel5); *why says why not.
    static bool isAvailable(const QDBusConnection& bus, QString* why);
    // The key as kglobalaccel stores it: Qt::Key | Qt::KeyboardModifiers as an int; 0 when kglobalaccel cannot
    // bind the key (a modifier key on its own). Pure, unit-tested.
    static int qtKeyCode(const KeySpec& spec);

    QString backendName() const override { return QStringLiteral("kglobalaccel"); }
    bool supportsRelease() const override { return true; }
    Status registerHotkey(const QString& id, const KeySpec& spec) override;
    void unregisterHotkey(const QString& id) override;

public slots: // QtDBus delivers signals only to public slots
    void onPressed(const QDBusMessage& message);
    void onReleased(const QDBusMessage& message);

private:
    QDBusMessage call(const QString& method) const;
    Status listen();
    void unregisterAction(const QString& id); // forgets the id here and in kglobalaccel

    QDBusConnection m_bus;
    QString m_componentPath; // set once the component exists and its signals are connected
    QHash<QString, KeySpec> m_registered;
    QSet<QString> m_down;
};

} // namespace utter
