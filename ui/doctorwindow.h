#pragma once

#include "doctor/doctorcheck.h"

#include <QStringList>
#include <QUrl>
#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace utter::ui
{

// The `utter doctor` checks in a window: one row per check with its status, what was found and, for each
// problem, the exact fix — with a button that does it where Utter can (unlock or set up the keyring through the
// Secret Service, copy the install command) or goes to the settings page where the fix is.
class DoctorWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DoctorWindow)

public:
    // makeDoctor builds a fresh Doctor with every contributor for each run.
    explicit DoctorWindow(std::function<std::unique_ptr<Doctor>()> makeDoctor, QWidget* parent = nullptr);
    ~DoctorWindow() override;

    // Starts the checks without waiting: each row appears when its check is done, the rest show "Checking…".
    void run();
    bool isRunning() const { return m_doctor != nullptr; }
    // The checks done (all of them once finished) and, while running, the names of those still being checked
    // (a check's name, or the section of a contributor that has not said more; the rows show sectionTitle()).
    QList<DoctorCheck> checks() const { return m_checks; }
    QStringList pending() const { return m_pending; }
    QTreeWidget* tree() const { return m_tree; }
    // A plain-text report, as "Copy report" puts it on the clipboard.
    QString report() const;
    // A section's title as the user reads it ("providers" → "Providers", translated), for the rows of sections
    // not checked yet; anything else (a check's own name) as it is.
    static QString sectionTitle(const QString& section);
    // The command that installs a package here ("sudo apt install gnome-keyring"), empty when unknown.
    static QString installCommand(const QString& package);

    // Where the system's sound input settings open: a program with its arguments (Linux) or a URL (macOS,
    // Windows); empty when this system has none Utter knows, and then the Doctor offers no button for it.
    struct SoundSettings
    {
        QString program; // absolute path, found on PATH
        QStringList arguments;
        QUrl url;
        bool isEmpty() const { return program.isEmpty() && url.isEmpty(); }
    };
    // Linux: by the desktop (XDG_CURRENT_DESKTOP, colon-separated, e.g. "ubuntu:GNOME") and what is installed:
    // GNOME `gnome-control-center sound`, KDE `systemsettings kcm_pulseaudio`, else `pavucontrol -t 4` (its Input
    // Devices tab) where it is installed.
    static SoundSettings soundInputSettings(const QString& currentDesktop);
    static SoundSettings soundInputSettings();

signals:
    void finished();
    // A fix lives in the settings: open them at this section ("providers", "hotkeys", "audio", ...).
    void settingsRequested(const QString& section);

private:
    void showChecks(const QList<DoctorCheck>& checks, const QStringList& pending = {});
    // The button for a problem's fix: what Utter does itself (unlock or set up the keyring, copy an install
    // command) or the settings page where the fix is; null when the fix is the user's alone.
    QPushButton* actionButton(const DoctorCheck& check);
    // For an audio problem: opens the system's sound input settings; null where there are none.
    QPushButton* soundSettingsButton();

    std::function<std::unique_ptr<Doctor>()> m_makeDoctor;
    std::unique_ptr<Doctor> m_doctor;
    QList<DoctorCheck> m_checks;
    QStringList m_pending;
    QTreeWidget* m_tree = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_rerun = nullptr;
};

// Checks only the GUI can make, added to the doctor next to core's (providers, platform): a system tray, the
// settings file's problems and the keychain fallback. (Session, hotkeys and output are PlatformDoctor's.)
class DesktopDoctor final : public DoctorContributor
{
public:
    struct Facts
    {
        bool trayAvailable = false;
        QString platformName; // QGuiApplication::platformName()
        QString sessionType;  // XDG_SESSION_TYPE
        QStringList settingsProblems;
        QString keychainWarning;
    };
    explicit DesktopDoctor(Facts facts)
        : m_facts(std::move(facts))
    {}
    QString section() const override { return QStringLiteral("desktop"); }
    void run(QObject* context, std::function<void(QList<DoctorCheck>)> done) override;
    static QList<DoctorCheck> checksFor(const Facts& facts);

private:
    Facts m_facts;
};

} // namespace utter::ui
