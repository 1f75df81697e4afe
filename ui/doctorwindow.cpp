#include "doctorwindow.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
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

void DoctorWindow::showChecks(const QList<DoctorCheck>& checks)
{
    m_checks = checks;
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
            if (fixIsInSettings(check)) {
                auto* fix = new QPushButton(tr("Fix…"), m_tree);
                fix->setAccessibleName(tr("Fix %1").arg(check.name));
                const QString section = check.section;
                connect(fix, &QPushButton::clicked, this, [this, section] { emit settingsRequested(section); });
                m_tree->setItemWidget(item, 0, nullptr);
                auto* holder = new QWidget(m_tree);
                auto* row = new QHBoxLayout(holder);
                row->setContentsMargins(0, 0, 0, 0);
                auto* name = new QLabel(check.name, holder);
                row->addWidget(name, 1);
                row->addWidget(fix);
                item->setText(0, QString());
                m_tree->setItemWidget(item, 0, holder);
            }
        }
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
