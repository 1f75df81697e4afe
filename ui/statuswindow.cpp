#include "statuswindow.h"

#include "traycontroller.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

StatusWindow::StatusWindow(TrayController& tray, QWidget* parent)
    : QWidget(parent)
    , m_tray(tray)
{
    setObjectName(u"statusWindow"_s);
    setWindowTitle(tr("Utter"));
    setWindowIcon(QIcon(u":/icons/utter.svg"_s));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(12);

    auto* row = new QHBoxLayout;
    row->setSpacing(10);
    m_icon = new QLabel(this);
    m_icon->setFixedSize(32, 32);
    m_state = new QLabel(this);
    QFont big = m_state->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    big.setBold(true);
    m_state->setFont(big);
    row->addWidget(m_icon);
    row->addWidget(m_state, 1);
    layout->addLayout(row);

    m_notice = new QLabel(tr("Your desktop has no system tray (on GNOME, install the AppIndicator extension to get "
                             "one). Utter keeps working through its hotkey, this window and the command line "
                             "(<code>utter toggle</code>)."),
                          this);
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::RichText);
    QPalette muted = m_notice->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_notice->setPalette(muted);
    layout->addWidget(m_notice);

    auto* buttons = new QHBoxLayout;
    m_startStop = new QPushButton(this);
    m_startStop->setDefault(true);
    connect(m_startStop, &QPushButton::clicked, this,
            [this] { m_tray.action(TrayController::Action::StartStop)->trigger(); });
    auto* settings = new QPushButton(tr("Settings…"), this);
    connect(settings, &QPushButton::clicked, this,
            [this] { m_tray.action(TrayController::Action::Settings)->trigger(); });
    auto* more = new QPushButton(tr("More"), this);
    more->setAccessibleName(tr("More actions"));
    more->setMenu(m_tray.menu());
    buttons->addWidget(m_startStop);
    buttons->addStretch();
    buttons->addWidget(settings);
    buttons->addWidget(more);
    layout->addLayout(buttons);

    connect(&m_tray, &TrayController::changed, this, &StatusWindow::refresh);
    connect(&m_tray, &TrayController::notified, this, [this](const QString& title, const QString& message, bool) {
        m_notice->setText(u"<b>%1</b><br>%2"_s.arg(title.toHtmlEscaped(), message.toHtmlEscaped()));
    });
    setMinimumWidth(420);
    refresh();
}

void StatusWindow::refresh()
{
    m_icon->setPixmap(m_tray.currentIcon().pixmap(QSize(32, 32), devicePixelRatioF()));
    m_state->setText(m_tray.toolTip().section(u'\n', 0, 0));
    m_state->setToolTip(m_tray.toolTip());
    QAction* action = m_tray.action(TrayController::Action::StartStop);
    m_startStop->setText(action->text().section(u'\t', 0, 0)); // a button has no shortcut column
    m_startStop->setEnabled(action->isEnabled());
    m_startStop->setToolTip(action->toolTip());
}

QString StatusWindow::lastNotice() const
{
    return m_notice->text();
}

} // namespace utter::ui
