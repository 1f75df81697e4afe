#include "traycontroller.h"

#include "logging/logging.h"
#include "pipeline/dictationcontrol.h"
#include "queuednotice.h"
#include "settings/settings.h"
#include "settings/settingsschema.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QGuiApplication>
#include <QMenu>
#include <QSystemTrayIcon>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

namespace
{

QString stateText(TrayState state)
{
    switch (state) {
    case TrayState::Idle:
        return TrayController::tr("Ready");
    case TrayState::Listening:
        return TrayController::tr("Listening");
    case TrayState::Processing:
        return TrayController::tr("Transcribing");
    case TrayState::Styling:
        return TrayController::tr("Applying style");
    case TrayState::Queued:
        return TrayController::tr("Queued"); // what for: queuedNotice()
    case TrayState::Error:
        return TrayController::tr("Error");
    }
    return {};
}

QString modeText(const QString& mode)
{
    if (mode == u"push-to-talk"_s)
        return TrayController::tr("Push to talk (hold the key)");
    if (mode == u"toggle"_s)
        return TrayController::tr("Toggle (press to start and stop)");
    if (mode == u"hands-free"_s)
        return TrayController::tr("Hands-free (stops when you pause)");
    return mode;
}

QString elide(const QString& text, int length)
{
    const QString simple = text.simplified();
    return simple.size() <= length ? simple : simple.left(length - 1) + u'…';
}

} // namespace

TrayController::TrayController(DictationControl* dictation, Settings& settings, QObject* parent)
    : QObject(parent)
    , m_dictation(dictation)
    , m_settings(settings)
    , m_menu(std::make_unique<QMenu>())
{
    m_panel = guessPanelScheme(colorSchemeOf(QGuiApplication::palette()));
    buildMenu();
    connect(&m_settings, &Settings::changed, this, [this](SettingKey key) {
        if (key == SettingKey::GeneralMode || key == SettingKey::GeneralStyle)
            syncFromSettings();
        else if (key == SettingKey::HotkeyDictate)
            refresh(); // the key shown next to "Start dictation"
    });
    if (m_dictation) {
        connect(m_dictation, &DictationControl::stateChanged, this, &TrayController::onStateChanged);
        connect(m_dictation, &DictationControl::errorOccurred, this, &TrayController::onError);
        connect(m_dictation, &DictationControl::finalTranscript, this,
                [this](const QString& sessionId, const QString& text) {
                    m_lastResult = text;
                    remember(text);
                    if (m_queuedSessions.remove(sessionId))
                        notify(tr("Queued dictation delivered"), elide(text, 120), false);
                    refresh();
                });
        connect(m_dictation, &DictationControl::transformDelta, this,
                [this](const QString& sessionId, const QString& delta) {
                    if (sessionId != m_currentSession) {
                        m_currentSession = sessionId;
                        m_styledText.clear();
                    }
                    m_styledText += delta;
                });
    }
    refresh();
}

TrayController::~TrayController() = default;

void TrayController::buildMenu()
{
    m_menu->setObjectName(u"trayMenu"_s);
    const auto add = [this](Action id, const QString& text, auto slot) {
        QAction* action = m_menu->addAction(text);
        connect(action, &QAction::triggered, this, slot);
        m_actions.insert(int(id), action);
        return action;
    };
    // Every entry has a mnemonic: with the menu open (the tray's, or the status window's without a tray), one
    // letter picks it.
    add(Action::StartStop, tr("&Start dictation"), [this] { runDictation([this] { return m_dictation->toggle(); }); });
    add(Action::Cancel, tr("&Cancel dictation"), [this] { runDictation([this] { return m_dictation->cancel(); }); });
    m_menu->addSeparator();

    m_modeMenu = m_menu->addMenu(tr("&Mode"));
    m_modeGroup = new QActionGroup(m_modeMenu);
    for (const QString& mode : settingSpec(SettingKey::GeneralMode).choices) {
        QAction* action = m_modeMenu->addAction(modeText(mode));
        action->setCheckable(true);
        action->setData(mode);
        m_modeGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, mode] {
            if (Status s = m_settings.setValue(SettingKey::GeneralMode, mode); !s.ok())
                notify(tr("Could not change the mode"), s.error().message, true);
        });
    }
    m_styleMenu = m_menu->addMenu(tr("St&yle"));
    m_styleGroup = new QActionGroup(m_styleMenu);
    rebuildStyleMenu();
    m_menu->addSeparator();

    add(Action::CopyLast, tr("C&opy last result"), [this] {
        if (!m_lastResult.isEmpty())
            QGuiApplication::clipboard()->setText(m_lastResult);
    });
    m_recentMenu = m_menu->addMenu(tr("&Recent dictations"));
    m_recentMenu->setObjectName(u"recentMenu"_s);
    connect(m_recentMenu, &QMenu::aboutToShow, this, &TrayController::fillRecentMenu);
    add(Action::ReadBack, tr("Read &back last result"), [this] { emit readBackRequested(m_lastResult); });
    m_actions.value(int(Action::ReadBack))->setVisible(false);
    m_menu->addSeparator();
    add(Action::History, tr("&History…"), [this] { emit historyRequested(); });
    add(Action::Settings, tr("Se&ttings…"), [this] { emit settingsRequested(); });
    add(Action::Doctor, tr("&Doctor…"), [this] { emit doctorRequested(); });
    m_menu->addSeparator();
    QAction* pause =
        add(Action::PauseHotkeys, tr("&Pause hotkeys"), [this](bool checked) { emit hotkeysPausedChanged(checked); });
    pause->setCheckable(true);
    add(Action::Quit, tr("&Quit Utter"), [this] { emit quitRequested(); });
    m_menuBuilt = true;
    syncFromSettings();
}

void TrayController::rebuildStyleMenu()
{
    m_styleMenu->clear();
    for (QAction* action : m_styleGroup->actions())
        m_styleGroup->removeAction(action);
    for (const QString& style : std::as_const(m_styles)) {
        QAction* action = m_styleMenu->addAction(style == u"raw"_s ? tr("None (raw transcript)") : style);
        action->setCheckable(true);
        action->setData(style);
        m_styleGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, style] {
            if (Status s = m_settings.setValue(SettingKey::GeneralStyle, style); !s.ok())
                notify(tr("Could not change the style"), s.error().message, true);
        });
    }
    syncFromSettings();
}

void TrayController::remember(const QString& text)
{
    if (text.trimmed().isEmpty())
        return;
    m_recent.removeAll(text);
    m_recent.prepend(text);
    while (m_recent.size() > kRecentCount)
        m_recent.removeLast();
}

void TrayController::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList texts = m_recentSource ? m_recentSource(kRecentCount) : m_recent;
    if (texts.isEmpty()) {
        m_recentMenu->addAction(tr("Nothing dictated yet"))->setEnabled(false);
        return;
    }
    int number = 0;
    for (const QString& text : texts) {
        // "&1 …" to "&5 …": a digit picks one from the keyboard.
        QAction* action =
            m_recentMenu->addAction(u"&%1  %2"_s.arg(++number).arg(elide(text, 50).replace(u'&', u"&&"_s)));
        action->setToolTip(tr("Copy: %1").arg(elide(text, 300)));
        action->setStatusTip(action->toolTip());
        connect(action, &QAction::triggered, this, [text] { QGuiApplication::clipboard()->setText(text); });
    }
}

void TrayController::setStyles(const QStringList& styles)
{
    m_styles = QStringList{u"raw"_s};
    for (const QString& style : styles) {
        if (!m_styles.contains(style))
            m_styles << style;
    }
    rebuildStyleMenu();
}

void TrayController::syncFromSettings()
{
    const QString mode = m_settings.stringValue(SettingKey::GeneralMode);
    for (QAction* action : m_modeGroup->actions())
        action->setChecked(action->data().toString() == mode);
    const QString style = m_settings.stringValue(SettingKey::GeneralStyle);
    for (QAction* action : m_styleGroup->actions())
        action->setChecked(action->data().toString() == style);
    refresh();
}

void TrayController::setReadBackAvailable(bool available)
{
    m_actions.value(int(Action::ReadBack))->setVisible(available);
    refresh();
}

QAction* TrayController::action(Action which) const
{
    return m_actions.value(int(which));
}

bool TrayController::show()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        qCInfo(lcUi) << "no system tray on this desktop; using the status window";
        return false;
    }
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setContextMenu(m_menu.get());
        // A left click toggles dictation where the panel delivers it; the menu has the same action.
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger && m_dictation)
                runDictation([this] { return m_dictation->toggle(); });
            else if (reason == QSystemTrayIcon::DoubleClick)
                emit settingsRequested();
        });
    }
    refresh();
    m_tray->show();
    return true;
}

bool TrayController::isTrayVisible() const
{
    return m_tray && m_tray->isVisible();
}

void TrayController::followPalette()
{
    m_panel = guessPanelScheme(colorSchemeOf(QGuiApplication::palette()));
    if (m_tray)
        m_tray->setIcon(currentIcon());
}

QIcon TrayController::currentIcon() const
{
    return trayIcon(m_state, m_panel);
}

QString TrayController::toolTip() const
{
    QString text =
        u"Utter — "_s + (m_state == TrayState::Queued && m_dictation ? queuedNotice(m_dictation->statusJson()).state
                                                                     : stateText(m_state));
    const QString style = m_settings.stringValue(SettingKey::GeneralStyle);
    text += u'\n' + tr("Style: %1").arg(style == u"raw"_s ? tr("none") : style);
    if (!m_lastResult.isEmpty())
        text += u'\n' + tr("Last: %1").arg(elide(m_lastResult, 60));
    return text;
}

void TrayController::runDictation(const std::function<Status()>& call)
{
    if (!m_dictation)
        return;
    if (Status s = call(); !s.ok())
        notify(tr("Dictation"), s.error().message, true);
}

void TrayController::onStateChanged(const QString& state, const QString& sessionId)
{
    const bool wasBusy = m_state != TrayState::Idle && m_state != TrayState::Error;
    m_serviceState = state;
    m_state = trayStateFromService(state);
    if (m_state == TrayState::Listening && sessionId != m_currentSession) {
        m_currentSession = sessionId;
        m_styledText.clear();
    }
    if (m_state == TrayState::Queued && !m_queuedSessions.contains(sessionId)) {
        m_queuedSessions.insert(sessionId);
        notify(tr("Dictation queued"), queuedNotice(m_dictation->statusJson()).message, false);
    }
    if (m_state == TrayState::Idle && wasBusy && sessionId == m_currentSession && !m_styledText.isEmpty()) {
        m_lastResult = m_styledText;
        remember(m_styledText);
    }
    refresh();
}

void TrayController::onError(const QString& sessionId, const QJsonObject& error)
{
    Q_UNUSED(sessionId)
    const QString message = error.value(u"message"_s).toString();
    notify(tr("Dictation failed"), message.isEmpty() ? tr("Something went wrong; see the log.") : message, true);
}

void TrayController::notify(const QString& title, const QString& message, bool isError)
{
    const QString key = title + u'\n' + message;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto last = m_recentNotifications.constFind(key);
    if (last != m_recentNotifications.constEnd() && last->secsTo(now) < 60)
        return;
    m_recentNotifications.insert(key, now);
    qCInfo(lcUi).noquote() << "notification:" << title << "-" << message;
    if (m_tray && m_tray->isVisible() && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, message, isError ? QSystemTrayIcon::Critical : QSystemTrayIcon::Information, 6000);
    emit notified(title, message, isError);
}

void TrayController::refresh()
{
    if (!m_menuBuilt)
        return;
    const bool busy = m_state == TrayState::Listening;
    QAction* startStop = m_actions.value(int(Action::StartStop));
    // The dictation key in the shortcut column ("Start dictation    Ctrl+Alt+Space"), as configured now.
    const QString key = m_settings.stringValue(SettingKey::HotkeyDictate);
    startStop->setText((busy ? tr("&Stop dictation") : tr("&Start dictation")) +
                       (key.isEmpty() ? QString() : u'\t' + key));
    startStop->setEnabled(m_dictation);
    m_actions.value(int(Action::Cancel))->setEnabled(m_dictation && m_state != TrayState::Idle);
    if (!m_dictation) {
        startStop->setToolTip(tr("The dictation pipeline is not part of this build."));
    }
    m_actions.value(int(Action::CopyLast))->setEnabled(!m_lastResult.isEmpty());
    m_actions.value(int(Action::ReadBack))->setEnabled(!m_lastResult.isEmpty());
    if (m_tray) {
        m_tray->setIcon(currentIcon());
        m_tray->setToolTip(toolTip());
    }
    emit changed();
}

} // namespace utter::ui
