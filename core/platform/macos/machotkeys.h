#pragma once

#include "platform/globalhotkeys.h"

#include <QHash>

namespace utter
{

// macOS global hotkeys through Carbon RegisterEventHotKey: kEventHotKeyPressed and kEventHotKeyReleased give
// push-to-talk without any permission. A modifier key on its own (RightCtrl) would need an event tap and the
// Input Monitoring permission; it is reported as unsupported.
class MacHotkeys final : public GlobalHotkeys
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MacHotkeys)

public:
    explicit MacHotkeys(QObject* parent = nullptr);
    ~MacHotkeys() override;

    QString backendName() const override { return QStringLiteral("macos"); }
    bool supportsRelease() const override { return true; }
    Status registerHotkey(const QString& id, const KeySpec& spec) override;
    void unregisterHotkey(const QString& id) override;

    // Called by the Carbon event handler.
    void onHotKey(unsigned number, bool pressed);

private:
    struct Registration
    {
        QString id;
        KeySpec spec;
        void* ref = nullptr; // EventHotKeyRef
        bool down = false;
    };
    QHash<unsigned, Registration> m_registrations;
    unsigned m_next = 1;
    void* m_handler = nullptr; // EventHandlerRef
};

} // namespace utter
