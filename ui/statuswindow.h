#pragma once

#include <QWidget>

class QLabel;
class QMenu;
class QPushButton;

namespace utter::ui
{

class TrayController;

// Stands in for the tray on desktops without one (GNOME without the AppIndicator extension): the state, the
// main action and the full tray menu behind a button. Says once why it is there.
class StatusWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusWindow)

public:
    explicit StatusWindow(TrayController& tray, QWidget* parent = nullptr);

    void refresh();
    QString lastNotice() const;

private:
    TrayController& m_tray;
    QLabel* m_icon = nullptr;
    QLabel* m_state = nullptr;
    QLabel* m_notice = nullptr;
    QPushButton* m_startStop = nullptr;
};

} // namespace utter::ui
