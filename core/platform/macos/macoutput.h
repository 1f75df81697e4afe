#pragma once

#include "platform/textoutput.h"

#include <QObject>

namespace utter
{

// "cgevent": CGEvent keyboard events carrying Unicode strings, at most 20 UTF-16 units each (longer strings
// are truncated by macOS), a short pause between chunks. Needs the Accessibility permission: without it
// macOS drops the events silently, so probe() checks AXIsProcessTrusted() and asks for it once.
class CGEventOutput final : public TextOutput
{
public:
    QString name() const override { return QStringLiteral("cgevent"); }
    Status probe() override;
    void insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                InsertCallback done) override;
};

// "macos-paste": clipboard snapshot, ⌘V through CGEvent (also needs Accessibility), restore if unchanged.
class MacPasteOutput final : public QObject, public TextOutput
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MacPasteOutput)

public:
    explicit MacPasteOutput(QObject* parent = nullptr);
    QString name() const override { return QStringLiteral("macos-paste"); }
    Status probe() override;
    void insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                InsertCallback done) override;
};

// The frontmost application's bundle id (com.apple.Terminal), from the window list and its bundle.
class MacFocusProbe final : public ImmediateFocusProbe
{
public:
    QString name() const override { return QStringLiteral("macos"); }
    TargetApp focusedApp() override;
};

} // namespace utter
