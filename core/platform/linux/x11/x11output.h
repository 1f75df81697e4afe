#pragma once

#include "platform/textoutput.h"
#include "xcbkeyboard.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace utter
{

namespace x11
{
class XTestKeyboard;
class SelectionRequestWatcher;
} // namespace x11

// "xtest": types the text with XTest, layout-aware, with temporary keysyms for characters the layout lacks.
class XTestOutput final : public TextOutput
{
public:
    XTestOutput();
    ~XTestOutput() override;

    QString name() const override { return QStringLiteral("xtest"); }
    Status probe() override;
    void insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                InsertCallback done) override;

private:
    std::unique_ptr<x11::XTestKeyboard> m_keyboard;
    QTimer m_restoreTimer; // puts borrowed keycodes back once typing is idle
};

// "x11-paste": snapshot the clipboard, put the text there, send the paste chord (Ctrl+V; Ctrl+Shift+V in
// terminals; Shift+Insert with PRIMARY for xterm-likes), wait until the target has read the selection, then
// restore the snapshot if the clipboard still holds Utter's text. The paste counts as done only when the
// target really requested the clipboard (verified through the X selection requests Utter serves); otherwise
// the result is Failed and the text stays on the clipboard. Needs a QGuiApplication on the xcb platform.
class X11PasteOutput final : public QObject, public TextOutput
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(X11PasteOutput)

public:
    explicit X11PasteOutput(QObject* parent = nullptr);
    ~X11PasteOutput() override;

    QString name() const override { return QStringLiteral("x11-paste"); }
    Status probe() override;
    void insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                InsertCallback done) override;

private:
    std::unique_ptr<x11::XTestKeyboard> m_keyboard;
    std::unique_ptr<x11::SelectionRequestWatcher> m_watcher;
};

// The focused X11 window's WM_CLASS (class part), title and whether it is a terminal.
class X11FocusProbe final : public ImmediateFocusProbe
{
public:
    X11FocusProbe();
    ~X11FocusProbe() override;
    QString name() const override { return QStringLiteral("x11"); }
    TargetApp focusedApp() override;

private:
    x11::ConnectionPtr m_connection;
};

} // namespace utter
