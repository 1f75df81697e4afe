#pragma once

#include "platform/globalhotkeys.h"
#include "xcbkeyboard.h"

#include <QList>

#include <memory>

class QSocketNotifier;

namespace utter
{

// X11 global hotkeys: XGrabKey (via xcb) on the root window with the NumLock/CapsLock variants, on a private
// connection so it works in any process (GUI, headless service with DISPLAY, tests). Holding a key gives one
// press and one release: the XKB per-client "detectable auto-repeat" flag is set, and where the server lacks
// it the synthetic release/press pairs (same timestamp) are dropped.
class X11Hotkeys final : public GlobalHotkeys
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(X11Hotkeys)

public:
    // nullptr with *error set when there is no X server.
    static std::unique_ptr<X11Hotkeys> create(QString* error, QObject* parent = nullptr);
    ~X11Hotkeys() override;

    QString backendName() const override { return QStringLiteral("x11"); }
    bool supportsRelease() const override { return true; }
    Status registerHotkey(const QString& id, const KeySpec& spec) override;
    void unregisterHotkey(const QString& id) override;

    bool detectableAutoRepeat() const { return m_detectableAutoRepeat; }

private:
    struct Grab
    {
        QString id;
        KeySpec spec;
        xcb_keycode_t keycode = 0;
        std::uint16_t modifiers = 0;
        bool down = false;
        xcb_timestamp_t lastRelease = 0;
    };

    X11Hotkeys(x11::ConnectionPtr connection, QObject* parent);
    Status grab(Grab& grab);
    void ungrab(const Grab& grab);
    std::vector<std::uint16_t> grabMasks(const Grab& grab) const;
    std::uint16_t maskFor(const KeySpec& spec) const;
    xcb_keycode_t keycodeFor(const KeySpec& spec) const;
    void readEvents();
    void handleEvent(const xcb_generic_event_t* event, const xcb_generic_event_t* next);

    x11::ConnectionPtr m_connection;
    x11::KeyboardMap m_keyboard;
    xcb_window_t m_root = 0;
    QSocketNotifier* m_notifier = nullptr;
    QList<Grab> m_grabs;
    bool m_detectableAutoRepeat = false;
};

} // namespace utter
