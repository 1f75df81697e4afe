#include "doctorwindow.h"

#include "doctor/secretservicedoctor.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QStyle>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

namespace
{

QString statusText(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Ok:
        return DoctorWindow::tr("OK");
    case CheckStatus::Warn:
        return DoctorWindow::tr("Warning");
    case CheckStatus::Fail:
        return DoctorWindow::tr("Problem");
    case CheckStatus::Skip:
        return DoctorWindow::tr("Skipped");
    }
    return {};
}

QIcon statusIcon(CheckStatus status, const QStyle* style)
{
    switch (status) {
    case CheckStatus::Ok:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case CheckStatus::Warn:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case CheckStatus::Fail:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case CheckStatus::Skip:
        return style->standardIcon(QStyle::SP_MessageBoxInformation);
    }
    return {};
}

// Sections whose fixes are made in the settings window.
bool fixIsInSettings(const DoctorCheck& check)
{
    return check.section == u"providers"_s || check.section == u"hotkeys"_s || check.section == u"audio"_s;
}

} // namespace

QString DoctorWindow::sectionTitle(const QString& section)
{
    // The settings window's page names, where a section has one.
    if (section == u"providers"_s)
        return tr("Providers");
    if (section == u"audio"_s)
        return tr("Audio");
    if (section == u"hotkeys"_s)
        return tr("Hotkeys");
    if (section == u"output"_s)
        return tr("Output");
    if (section == u"keychain"_s)
        return tr("Keychain");
    if (section == u"desktop"_s)
        return tr("Desktop");
    return section;
}

QString DoctorWindow::installCommand(const QString& package)
{
    // The package manager this system has; nothing when Utter cannot tell.
    const QList<std::pair<QString, QString>> managers{{u"apt"_s, u"sudo apt install %1"_s},
                                                      {u"dnf"_s, u"sudo dnf install %1"_s},
                                                      {u"zypper"_s, u"sudo zypper install %1"_s},
                                                      {u"pacman"_s, u"sudo pacman -S %1"_s}};
    for (const auto& [tool, command] : managers) {
        if (!QStandardPaths::findExecutable(tool).isEmpty())
            return command.arg(package);
    }
    return {};
}

DoctorWindow::SoundSettings DoctorWindow::soundInputSettings(const QString& currentDesktop)
{
    SoundSettings settings;
#if defined(Q_OS_MACOS)
    Q_UNUSED(currentDesktop)
    settings.url = QUrl(u"x-apple.systempreferences:com.apple.preference.sound?input"_s);
#elif defined(Q_OS_WIN)
    Q_UNUSED(currentDesktop)
    settings.url = QUrl(u"ms-settings:sound"_s);
#else
    const QStringList desktops = currentDesktop.toLower().split(u':', Qt::SkipEmptyParts);
    const auto use = [&settings](const QString& program, const QStringList& arguments) {
        const QString path = QStandardPaths::findExecutable(program);
        if (path.isEmpty())
            return false;
        settings.program = path;
        settings.arguments = arguments;
        return true;
    };
    if (desktops.contains(u"gnome"_s) && use(u"gnome-control-center"_s, {u"sound"_s}))
        return settings;
    if (desktops.contains(u"kde"_s) && use(u"systemsettings"_s, {u"kcm_pulseaudio"_s}))
        return settings;
    use(u"pavucontrol"_s, {u"-t"_s, u"4"_s});
#endif
    return settings;
}

DoctorWindow::SoundSettings DoctorWindow::soundInputSettings()
{
    return soundInputSettings(qEnvironmentVariable("XDG_CURRENT_DESKTOP"));
}

QPushButton* DoctorWindow::soundSettingsButton()
{
    const SoundSettings target = soundInputSettings();
    if (target.isEmpty())
        return nullptr;
    auto* button = new QPushButton(tr("Sound settings…"), m_tree);
    button->setAccessibleName(tr("Open the system's sound input settings"));
    connect(button, &QPushButton::clicked, this, [this, target] {
        // Detached: the settings application outlives the Doctor and never blocks the GUI thread.
        const bool started = target.program.isEmpty() ? QDesktopServices::openUrl(target.url)
                                                      : QProcess::startDetached(target.program, target.arguments);
        if (!started)
            m_summary->setText(tr("The system's sound settings did not open."));
    });
    return button;
}

QPushButton* DoctorWindow::actionButton(const DoctorCheck& check)
{
    if (check.action == QLatin1String(SecretServiceDoctor::kUnlockAction) ||
        check.action == QLatin1String(SecretServiceDoctor::kSetupAction)) {
        const bool unlock = check.action == QLatin1String(SecretServiceDoctor::kUnlockAction);
        auto* button = new QPushButton(unlock ? tr("Unlock…") : tr("Set up…"), m_tree);
        button->setAccessibleName(unlock ? tr("Unlock the keyring") : tr("Set up a keyring"));
        connect(button, &QPushButton::clicked, this, [this, unlock] {
            m_summary->setText(tr("Waiting for the keyring's password prompt…"));
            const auto done = [this](const QString& error) {
                if (!error.isEmpty())
                    m_summary->setText(tr("The keyring was not set up: %1").arg(error));
                run(); // shows the keyring as it is now
            };
            if (unlock)
                SecretServiceFix::unlockDefault(this, done);
            else
                SecretServiceFix::createDefault(this, done);
        });
        return button;
    }
    if (check.action == QLatin1String(SecretServiceDoctor::kInstallAction)) {
        const QString command = installCommand(u"gnome-keyring"_s);
        if (command.isEmpty())
            return nullptr;
        auto* button = new QPushButton(tr("Copy command"), m_tree);
        button->setAccessibleName(tr("Copy the install command: %1").arg(command));
        button->setToolTip(command);
        connect(button, &QPushButton::clicked, this, [this, command] {
            QApplication::clipboard()->setText(command);
            m_summary->setText(
                tr("“%1” is on the clipboard: paste it into a terminal, then log in again.").arg(command));
        });
        return button;
    }
    if (fixIsInSettings(check)) {
        auto* button = new QPushButton(tr("Fix…"), m_tree);
        button->setAccessibleName(tr("Fix %1").arg(check.name));
        const QString section = check.section;
        connect(button, &QPushButton::clicked, this, [this, section] { emit settingsRequested(section); });
        return button;
    }
    return nullptr;
}

DoctorWindow::DoctorWindow(std::function<std::unique_ptr<Doctor>()> makeDoctor, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_makeDoctor(std::move(makeDoctor))
{
    setObjectName(u"doctorWindow"_s);
    setWindowTitle(tr("Utter Doctor"));
    setWindowIcon(QIcon(u":/icons/utter.svg"_s));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_tree = new QTreeWidget(this);
    m_tree->setAccessibleName(tr("Checks"));
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Check"), tr("Result"), tr("Details")});
    m_tree->setRootIsDecorated(false);
    m_tree->setWordWrap(true);
    m_tree->setUniformRowHeights(false);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(0, 260);
    m_tree->setColumnWidth(1, 110);
    layout->addWidget(m_tree, 1);
    auto* buttons = new QHBoxLayout;
    m_rerun = new QPushButton(tr("&Run again"), this);
    auto* copy = new QPushButton(tr("&Copy report"), this);
    buttons->addWidget(m_rerun);
    buttons->addStretch();
    buttons->addWidget(copy);
    layout->addLayout(buttons);
    connect(m_rerun, &QPushButton::clicked, this, &DoctorWindow::run);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(report()); });
    resize(860, 520);
}

DoctorWindow::~DoctorWindow() = default;

void DoctorWindow::run()
{
    if (m_doctor)
        return;
    m_doctor = m_makeDoctor();
    m_rerun->setEnabled(false);
    m_summary->setText(tr("Checking…"));
    m_tree->clear();
    m_checks.clear();
    m_pending.clear();
    connect(m_doctor.get(), &Doctor::progress, this,
            [this](const QList<DoctorCheck>& done, const QStringList& pending) { showChecks(done, pending); });
    m_doctor->run([this](QList<DoctorCheck> checks) {
        // Let the doctor unwind before it is destroyed.
        QTimer::singleShot(0, this, [this, checks = std::move(checks)] {
            m_doctor.reset();
            m_rerun->setEnabled(true);
            showChecks(checks);
            emit finished();
        });
    });
}

void DoctorWindow::showChecks(const QList<DoctorCheck>& checks, const QStringList& pending)
{
    m_checks = checks;
    m_pending = pending;
    m_pending.removeDuplicates();
    m_tree->clear();
    int problems = 0;
    for (const DoctorCheck& check : checks) {
        auto* item = new QTreeWidgetItem(m_tree);
        item->setText(0, check.name);
        item->setIcon(1, statusIcon(check.status, style()));
        item->setText(1, statusText(check.status));
        QString detail = check.detail;
        if (check.latencyMs)
            detail += u" (%1 ms)"_s.arg(*check.latencyMs);
        if (!check.fix.isEmpty() && check.status != CheckStatus::Ok)
            detail += u"\n"_s + tr("Fix: %1").arg(check.fix);
        item->setText(2, detail);
        item->setToolTip(2, detail);
        if (check.status == CheckStatus::Fail || check.status == CheckStatus::Warn) {
            ++problems;
            QList<QPushButton*> buttons;
            if (QPushButton* fix = actionButton(check))
                buttons << fix;
            if (check.section == u"audio"_s) {
                if (QPushButton* sound = soundSettingsButton())
                    buttons << sound;
            }
            if (!buttons.isEmpty()) {
                m_tree->setItemWidget(item, 0, nullptr);
                auto* holder = new QWidget(m_tree);
                auto* row = new QHBoxLayout(holder);
                row->setContentsMargins(0, 0, 0, 0);
                auto* name = new QLabel(check.name, holder);
                row->addWidget(name, 1);
                for (QPushButton* button : std::as_const(buttons))
                    row->addWidget(button);
                item->setText(0, QString());
                m_tree->setItemWidget(item, 0, holder);
            }
        }
    }
    for (const QString& name : std::as_const(m_pending)) {
        auto* item = new QTreeWidgetItem(m_tree);
        item->setText(0, sectionTitle(name));
        item->setText(1, tr("Checking…"));
    }
    if (!m_pending.isEmpty()) {
        m_summary->setText(tr("Checking…"));
        return;
    }
    m_summary->setText(problems == 0   ? tr("Everything Utter needs is in place.")
                       : problems == 1 ? tr("1 problem found. It says how to fix it.")
                                       : tr("%1 problems found. Each one says how to fix it.").arg(problems));
}

QString DoctorWindow::report() const
{
    return Doctor::toText(m_checks);
}

QList<DoctorCheck> DesktopDoctor::checksFor(const Facts& facts)
{
    QList<DoctorCheck> checks;
    DoctorCheck tray{u"desktop"_s, DoctorWindow::tr("System tray"), CheckStatus::Ok, {}, {}, {}};
    if (facts.trayAvailable) {
        tray.detail = DoctorWindow::tr("The tray icon is shown.");
    } else {
        tray.status = CheckStatus::Warn;
        tray.detail = DoctorWindow::tr("This desktop has no system tray; Utter shows a small window instead.");
        tray.fix = DoctorWindow::tr("On GNOME, install and enable the “AppIndicator and KStatusNotifierItem "
                                    "Support” extension, then restart Utter.");
    }
    checks << tray;

    DoctorCheck settings{u"desktop"_s, DoctorWindow::tr("Settings file"), CheckStatus::Ok, {}, {}, {}};
    if (facts.settingsProblems.isEmpty()) {
        settings.detail = DoctorWindow::tr("No problems.");
    } else {
        settings.status = CheckStatus::Warn;
        settings.detail = facts.settingsProblems.join(u"; "_s);
        settings.fix = DoctorWindow::tr("Run “utter config check” for line numbers, or set the values again in "
                                        "the settings window.");
    }
    checks << settings;

    if (!facts.keychainWarning.isEmpty()) {
        checks << DoctorCheck{u"keychain"_s,
                              DoctorWindow::tr("Keychain"),
                              CheckStatus::Warn,
                              facts.keychainWarning,
                              DoctorWindow::tr("Install and unlock a Secret Service keychain (GNOME Keyring, "
                                               "KWallet) so API keys are not kept in a file."),
                              {}};
    }
    return checks;
}

void DesktopDoctor::run(QObject* context, std::function<void(QList<DoctorCheck>)> done)
{
    QTimer::singleShot(0, context, [facts = m_facts, done = std::move(done)] { done(checksFor(facts)); });
}

} // namespace utter::ui
