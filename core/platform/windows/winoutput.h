#pragma once

#include "platform/textoutput.h"

#include <QObject>

namespace utter
{

// "sendinput": SendInput with KEYEVENTF_UNICODE (layout-independent; surrogate pairs as two units). Windows
// silently drops input into windows of a higher integrity level (UIPI), so an elevated target is detected
// first and reported instead of pretending.
class SendInputOutput final : public TextOutput
{
public:
    QString name() const override { return QStringLiteral("sendinput"); }
    Status probe() override;
    void insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                InsertCallback done) override;
};

// "windows-paste": clipboard snapshot, Ctrl+V (Shift+Insert in terminals), restore if still Utter's text.
class WindowsPasteOutput final : public QObject, public TextOutput
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowsPasteOutput)

public:
    explicit WindowsPasteOutput(QObject* parent = nullptr);
    QString name() const override { return QStringLiteral("windows-paste"); }
    Status probe() override;
    void insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                InsertCallback done) override;
};

// The foreground window's process name ("notepad"), title, terminal-ness and elevation.
class WinFocusProbe final : public ImmediateFocusProbe
{
public:
    QString name() const override { return QStringLiteral("windows"); }
    TargetApp focusedApp() override;
};

} // namespace utter
