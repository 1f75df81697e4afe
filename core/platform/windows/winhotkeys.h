#pragma once

#include "platform/globalhotkeys.h"

#include <QList>

#include <memory>
#include <mutex>
#include <thread>

namespace utter
{

// Windows global hotkeys with press and release: a WH_KEYBOARD_LL hook on a dedicated thread with its own
// message loop (the hook must return fast — Windows silently removes a hook that exceeds LowLevelHooksTimeout),
// forwarding matches to this object through queued calls. Utter's own SendInput events (LLKHF_INJECTED) are
// ignored. RegisterHotKey is used once per registration only to detect a chord another app already owns.
class WinHotkeys final : public GlobalHotkeys
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WinHotkeys)

public:
    explicit WinHotkeys(QObject* parent = nullptr);
    ~WinHotkeys() override;

    QString backendName() const override { return QStringLiteral("windows"); }
    bool supportsRelease() const override { return true; }
    Status registerHotkey(const QString& id, const KeySpec& spec) override;
    void unregisterHotkey(const QString& id) override;

    struct Grab
    {
        QString id;
        KeySpec spec;
        unsigned vk = 0;
        bool down = false;
    };

    // Called on the hook thread; returns true when the event belongs to a hotkey and must be swallowed.
    bool onHookEvent(unsigned vk, bool keyDown);

private:
    void startHookThread();

    std::mutex m_mutex; // guards m_grabs between the hook thread and this one
    QList<Grab> m_grabs;
    std::thread m_thread;
    unsigned long m_threadId = 0; // set before the constructor returns, read-only afterwards
    bool m_hookInstalled = false; // likewise
};

} // namespace utter
