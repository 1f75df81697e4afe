#pragma once

#include "platform/globalhotkeys.h"

#include <QHash>

namespace utter
{

// Hotkeys for tests and for sessions without any hotkey path: registration can be made to fail, and press /
// release are triggered by the caller (e.g. the pipeline's tests, or IPC begin/end in a headless service).
class FakeHotkeys final : public GlobalHotkeys
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeHotkeys)

public:
    explicit FakeHotkeys(QObject* parent = nullptr);

    QString backendName() const override { return QStringLiteral("fake"); }
    bool supportsRelease() const override { return true; }
    Status registerHotkey(const QString& id, const KeySpec& spec) override;
    void unregisterHotkey(const QString& id) override;

    // The next registration of this spec fails with this error (as a grab taken by another app would).
    void failNextRegistration(const KeySpec& spec, Error error);
    QHash<QString, KeySpec> registered() const { return m_registered; }

    // Simulate the user; a press of an unregistered id or a second press without release is ignored, as the
    // real backends do.
    void press(const QString& id);
    void release(const QString& id);

private:
    QHash<QString, KeySpec> m_registered;
    QList<QString> m_down;
    std::optional<std::pair<KeySpec, Error>> m_failure;
};

} // namespace utter
