#pragma once

#include <QObject>

namespace utter::ui
{

// Spin boxes and combo boxes take the mouse wheel only while they have the keyboard focus (clicked or tabbed
// into): scrolling a page with the pointer over a field scrolls the page and never changes a setting. Installed
// once on the application (DesktopApp), it covers every window: such fields get Qt::StrongFocus when they are
// polished (the wheel no longer focuses them), and a wheel event over one without focus is passed on to its
// parent, the page's scroll area.
class WheelGuard final : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace utter::ui
