#pragma once

#include "common/result.h"

#include <QRect>
#include <QString>

#include <functional>

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
    // Inserts the text. done is called exactly once, possibly before insert() returns.
    virtual void insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                        InsertCallback done) = 0;
};

// Finds which application has focus. Returns appId "unknown" where the desktop hides it.
class FocusProbe
{
public:
    FocusProbe() = default;
    virtual ~FocusProbe() = default;
    FocusProbe(const FocusProbe&) = delete;
    FocusProbe& operator=(const FocusProbe&) = delete;

    virtual QString name() const = 0;
    virtual TargetApp focusedApp() = 0;
};

// Desktops that hide the focused app (GNOME and KDE on Wayland) and sessions without a display: no app is known,
// so per-application styles do not apply and paste uses Ctrl+V.
class UnknownFocusProbe final : public FocusProbe
{
public:
    QString name() const override { return QStringLiteral("none"); }
    TargetApp focusedApp() override { return {}; }
};

// Window classes / app ids / process names of terminal emulators, which paste with Ctrl+Shift+V.
bool isTerminalAppId(const QString& appId);

} // namespace utter
