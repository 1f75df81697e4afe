#pragma once

#include "common/result.h"

#include <QRect>
#include <QString>

#include <functional>

class QObject;

namespace utter
{

// The application that will receive the text.
struct TargetApp
{
    QString appId = QStringLiteral("unknown"); // WM_CLASS class, Wayland app_id, process name, bundle id
    QString title;
    bool isTerminal = false; // pastes with the terminal chord
    bool isElevated = false; // Windows: runs at a higher integrity level, synthetic input is blocked (UIPI)
    quint64 windowId = 0;    // platform window handle when known
    QRect geometry;          // the window on the screen, in native pixels, where the desktop tells (X11)
};

// Result of one insertion. Never Ok unless the method did what it says (DESIGN §7): a method that cannot tell
// says so in detail, and a failure keeps the text available to the user.
struct InsertResult
{
    enum Outcome
    {
        Ok,
        Retry,  // transient: the same method may work when probed again (daemon restarting, clipboard busy)
        Failed, // this method cannot deliver into this target; try the next one
    };
    Outcome outcome = Failed;
    Error error;
    QString method; // which method produced the result
    QString detail; // e.g. "typed 42 characters", "pasted with Ctrl+Shift+V"

    bool ok() const { return outcome == Ok; }
    static InsertResult success(QString method, QString detail = {})
    {
        return {Ok, {}, std::move(method), std::move(detail)};
    }
    static InsertResult retry(QString method, Error error) { return {Retry, std::move(error), std::move(method), {}}; }
    static InsertResult failed(QString method, Error error)
    {
        return {Failed, std::move(error), std::move(method), {}};
    }
};

using InsertCallback = std::function<void(const InsertResult&)>;

// Options every method honours.
struct InsertOptions
{
    bool pressEnter = false;      // press Enter after the text
    bool restoreClipboard = true; // paste methods: put the user's clipboard back if it is still ours
    int restoreDelayMs = 300;     // paste methods: wait this long for the target to read the clipboard
};

// One way of putting text into the focused application (XTest typing, clipboard + paste chord, wtype, ...).
class TextOutput
{
public:
    TextOutput() = default;
    virtual ~TextOutput() = default;
    TextOutput(const TextOutput&) = delete;
    TextOutput& operator=(const TextOutput&) = delete;

    // Stable name used in settings (output/methods) and doctor: "xtest", "x11-paste", "wtype", ...
    virtual QString name() const = 0;
    // Whether the method can work right now; the error says what to install or grant otherwise.
    // Cheap and harmless: it never types anything.
    virtual Status probe() = 0;
    // The same check without waiting (what the desktop app and the daemon use: the main thread never waits for a
    // helper program or a D-Bus service): done is called once, on this thread, possibly before probeAsync()
    // returns, and not after the method is destroyed. Methods whose check asks another process override it; the
    // default answers with probe() at once.
    virtual void probeAsync(std::function<void(const Status&)> done) { done(probe()); }
    // Inserts the text. done is called exactly once, possibly before insert() returns.
    virtual void insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                        InsertCallback done) = 0;
};

// Finds which application has focus (DESIGN §7: the target of the text and of per-application styles). Asked on
// the main thread at a key press, so it never waits there: request() sends the question and returns; the answer
// comes through `done`. A desktop without a way to ask answers appId "unknown".
class FocusProbe
{
public:
    using Answer = std::function<void(const TargetApp& app)>;

    FocusProbe() = default;
    virtual ~FocusProbe() = default;
    FocusProbe(const FocusProbe&) = delete;
    FocusProbe& operator=(const FocusProbe&) = delete;

    virtual QString name() const = 0;
    // done runs exactly once on the calling thread — before request() returns where the platform answers at once
    // (ImmediateFocusProbe), else from the event loop — unless context is destroyed first. A probe that asks
    // another process gives up after answerLimitMs and answers "unknown" then.
    virtual void request(QObject* context, Answer done) = 0;

    static constexpr int answerLimitMs = 2000;
};

// A probe whose platform answers at once, from this process's own connection (X11, Windows, macOS): request()
// calls done before it returns.
class ImmediateFocusProbe : public FocusProbe
{
public:
    virtual TargetApp focusedApp() = 0;
    void request(QObject* context, Answer done) final
    {
        Q_UNUSED(context)
        done(focusedApp());
    }
};

// Desktops that hide the focused app (GNOME and KDE on Wayland) and sessions without a display: no app is known,
// so per-application styles do not apply and paste uses Ctrl+V.
class UnknownFocusProbe final : public ImmediateFocusProbe
{
public:
    QString name() const override { return QStringLiteral("none"); }
    TargetApp focusedApp() override { return {}; }
};

// Window classes / app ids / process names of terminal emulators, which paste with Ctrl+Shift+V.
bool isTerminalAppId(const QString& appId);

} // namespace utter
