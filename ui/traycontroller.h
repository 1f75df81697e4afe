#pragma once

#include "common/result.h"
#include "trayicons.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <functional>
#include <memory>

class QAction;
class QActionGroup;
class QMenu;
class QSystemTrayIcon;

namespace utter
{
class DictationControl;
class Settings;
} // namespace utter

namespace utter::ui
{

// The tray icon and its menu (DESIGN §4 GUI mode). Every action is in the menu, because GNOME and several panels
// never deliver a left click. It drives a DictationControl (the service seam the daemon uses too) and the
// settings registry; windows are opened by whoever listens to the *Requested signals. Without a system tray the
// same menu is shown by the small status window instead.
class TrayController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayController)

public:
    enum class Action
    {
        StartStop,
        Cancel,
        CopyLast,
        ReadBack,
        History,
        Settings,
        Doctor,
        PauseHotkeys,
        Quit,
    };

    // dictation may be null (a build without the pipeline): the dictation actions are then disabled with a
    // tooltip that says why.
    TrayController(DictationControl* dictation, Settings& settings, QObject* parent = nullptr);
    ~TrayController() override;

    // Shows the icon when the platform has a tray; returns false (and shows nothing) otherwise.
    bool show();
    bool isTrayVisible() const;
    // Guesses the panel's colour again from the application palette (after the desktop's dark mode was learnt
    // once the tray was already up) and redraws the icon.
    void followPalette();

    QMenu* menu() const { return m_menu.get(); }
    QAction* action(Action which) const;
    QMenu* modeMenu() const { return m_modeMenu; }
    QMenu* styleMenu() const { return m_styleMenu; }
    // The last dictations, newest first; choosing one copies its text. Filled when it opens.
    QMenu* recentMenu() const { return m_recentMenu; }
    static constexpr int kRecentCount = 5;

    TrayState state() const { return m_state; }
    QString toolTip() const;
    QString lastResult() const { return m_lastResult; }
    QIcon currentIcon() const;

    // Style names for the style submenu ("raw" is always first).
    void setStyles(const QStringList& styles);
    // Where "Recent dictations" comes from (the history: the texts delivered, newest first), asked each time the
    // submenu opens. Without one, the results of this run.
    void setRecentSource(std::function<QStringList(int count)> source) { m_recentSource = std::move(source); }
    // Enables "Read back last result" (speech read-back is an optional provider).
    void setReadBackAvailable(bool available);
    // A desktop notification, rate-limited: the same text is not repeated within a minute.
    void notify(const QString& title, const QString& message, bool isError);

signals:
    void settingsRequested();
    void historyRequested();
    void doctorRequested();
    void readBackRequested(const QString& text);
    void hotkeysPausedChanged(bool paused);
    void quitRequested();
    // Emitted for every notification that was not suppressed (the status window shows it without a tray).
    void notified(const QString& title, const QString& message, bool isError);
    // State, tooltip or enabled actions changed.
    void changed();

private:
    void buildMenu();
    void rebuildStyleMenu();
    void fillRecentMenu();
    void remember(const QString& text);
    void syncFromSettings();
    void onStateChanged(const QString& state, const QString& sessionId);
    void onError(const QString& sessionId, const QJsonObject& error);
    void refresh();
    void runDictation(const std::function<Status()>& call);

    QPointer<DictationControl> m_dictation;
    Settings& m_settings;
    std::unique_ptr<QMenu> m_menu;
    QSystemTrayIcon* m_tray = nullptr;
    QMenu* m_modeMenu = nullptr;
    QMenu* m_styleMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    std::function<QStringList(int)> m_recentSource;
    QStringList m_recent; // this run's results, newest first
    QActionGroup* m_modeGroup = nullptr;
    QActionGroup* m_styleGroup = nullptr;
    QHash<int, QAction*> m_actions;
    QStringList m_styles{QStringLiteral("raw")};
    TrayState m_state = TrayState::Idle;
    QString m_serviceState = QStringLiteral("idle");
    QString m_lastResult;
    QString m_currentSession;
    QString m_styledText;
    QSet<QString> m_queuedSessions;
    QHash<QString, QDateTime> m_recentNotifications;
    ColorScheme m_panel = ColorScheme::Dark;
    bool m_menuBuilt = false;
};

} // namespace utter::ui
