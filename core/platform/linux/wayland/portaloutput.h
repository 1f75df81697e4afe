#pragma once

#include "platform/platformconfig.h"
#include "platform/textoutput.h"
#include "portalkeyboard.h"

#include <QElapsedTimer>
#include <QObject>

#include <deque>
#include <optional>

namespace utter
{

// "portal": types through the xdg-desktop-portal RemoteDesktop interface (GNOME and KDE on Wayland, which
// lack wtype's virtual-keyboard protocol). Characters are sent as keysyms (keysymPlan()), not pasted, so
// native-Wayland Chromium/Electron on KDE — which ignore a portal Ctrl+V — get the text too. The desktop asks
// for consent when the first session starts; the restore token (RestoreTokenStore) spares that dialog later
// where the portal supports it (interface version 2). Insertions are typed one after another; success means
// the portal accepted every key event.
class PortalOutput final : public QObject, public TextOutput
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PortalOutput)

public:
    PortalOutput(QDBusConnection bus, const QString& tokenFile, DesktopSession::Compositor compositor,
                 QObject* parent = nullptr);

    // How long a portal that did not answer the probe is left alone (the chain re-probes before every insertion).
    static constexpr int unansweredRetryMs = 60000;

    QString name() const override { return QStringLiteral("portal"); }
    // Reads the portal's RemoteDesktop properties (no session, no dialog). A portal that did not answer blocked
    // this thread for the probe's timeout; for unansweredRetryMs after that the same error comes back at once.
    Status probe() override;
    // The same without blocking: the answer comes from the D-Bus reply (what the desktop app and the daemon use).
    void probeAsync(std::function<void(const Status&)> done) override;
    void insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                InsertCallback done) override;

    // The exact fix for a probe or insert error on this desktop (what to install, or what to do instead).
    static QString fixFor(const Error& error, DesktopSession::Compositor compositor);
    // Whether the desktop's back end types every key event of a plan. GNOME's types through Mutter, which presses
    // a keysym only when the current keyboard layout has it and silently drops the others (Mutter 43: "No keycode
    // found for keyval"), although the portal accepted the event; KDE's (5.27, through KWin's fake input) drops
    // them the same way (testkdeportals). Utter cannot see that layout, so on GNOME and KDE it types only what
    // Latin layouts share: printable ASCII, line breaks and tabs; anything else fails (Unsupported, naming the
    // character) before a key is sent. Pure, unit-tested.
    static Status checkTypable(const QList<KeysymEvent>& events, DesktopSession::Compositor compositor);

private:
    // A probe's answer known without asking: declined, or unanswered less than unansweredRetryMs ago.
    std::optional<Status> knownAnswer() const;
    Status verdict(const Result<PortalKeyboard::Availability>& available);

    struct Job
    {
        QList<KeysymEvent> events;
        qsizetype characters = 0;
        InsertCallback done;
    };
    void runNext();
    void finishJob(const InsertResult& result);

    PortalKeyboard m_keyboard;
    DesktopSession::Compositor m_compositor;
    std::deque<Job> m_queue;
    bool m_busy = false;
    bool m_declined = false; // the user said no: not asked again until Utter restarts
    QElapsedTimer m_unansweredSince;
    Error m_unanswered;
};

} // namespace utter
