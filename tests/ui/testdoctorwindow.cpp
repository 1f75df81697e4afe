#include "doctor/secretservicedoctor.h"
#include "doctorwindow.h"

#include <QApplication>
#include <QClipboard>

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using namespace utter::ui;

namespace
{

// A contributor standing in for a core part (providers) with one failing check.
class CannedContributor final : public DoctorContributor
{
public:
    QString section() const override { return u"providers"_s; }
    void run(QObject* context, std::function<void(QList<DoctorCheck>)> done) override
    {
        QTimer::singleShot(0, context, [done = std::move(done)] {
            done({DoctorCheck{u"providers"_s,
                              u"transcription primary (api.groq.com)"_s,
                              CheckStatus::Fail,
                              u"no API key"_s,
                              u"Paste your Groq key in Settings → Providers."_s,
                              {}}});
        });
    }
};

// The keychain as core's SecretServiceDoctor reports it when Utter can fix it itself.
class KeychainContributor final : public DoctorContributor
{
public:
    QString section() const override { return u"keychain"_s; }
    void run(QObject* context, std::function<void(QList<DoctorCheck>)> done) override
    {
        QTimer::singleShot(0, context, [done = std::move(done)] {
            DoctorCheck locked{u"keychain"_s,     u"Secret Service"_s,
                               CheckStatus::Warn, u"the default keyring is locked"_s,
                               u"unlock it"_s,    {}};
            locked.action = QString::fromLatin1(SecretServiceDoctor::kUnlockAction);
            DoctorCheck missing{u"keychain"_s,
                                u"Secret Service (other)"_s,
                                CheckStatus::Warn,
                                u"no Secret Service is running or installed"_s,
                                u"install gnome-keyring"_s,
                                {}};
            missing.action = QString::fromLatin1(SecretServiceDoctor::kInstallAction);
            done({locked, missing});
        });
    }
};

} // namespace

class TestDoctorWindow final : public QObject
{
    Q_OBJECT

private slots:
    void desktopChecksExplainTheFix()
    {
        DesktopDoctor::Facts facts;
        facts.trayAvailable = false;
        facts.platformName = u"xcb"_s;
        facts.sessionType = u"wayland"_s;
        const QList<DoctorCheck> checks = DesktopDoctor::checksFor(facts);
        facts.settingsProblems = {u"audio/preRollMs: not a number"_s};
        QCOMPARE(checks.size(), 2);
        QCOMPARE(checks.at(0).status, CheckStatus::Warn);
        QVERIFY(checks.at(0).fix.contains(u"AppIndicator"_s));
        QCOMPARE(checks.at(1).status, CheckStatus::Ok);
        const QList<DoctorCheck> broken = DesktopDoctor::checksFor(facts);
        QCOMPARE(broken.at(1).status, CheckStatus::Warn);
        QVERIFY(broken.at(1).fix.contains(u"utter config check"_s));
        facts.trayAvailable = true;
        facts.settingsProblems.clear();
        facts.keychainWarning = u"no keychain"_s;
        const QList<DoctorCheck> fine = DesktopDoctor::checksFor(facts);
        QCOMPARE(fine.at(0).status, CheckStatus::Ok);
        QCOMPARE(fine.last().section, u"keychain"_s);
    }

    void windowRunsChecksAndOffersFixes()
    {
        DoctorWindow window([] {
            auto doctor = std::make_unique<Doctor>();
            doctor->add(std::make_unique<DesktopDoctor>(DesktopDoctor::Facts{true, u"xcb"_s, u"x11"_s, {}, {}}));
            doctor->add(std::make_unique<CannedContributor>());
            return doctor;
        });
        window.show();
        QSignalSpy finished(&window, &DoctorWindow::finished);
        window.run();
        QVERIFY(window.isRunning());
        QVERIFY(finished.wait(5000));
        QCOMPARE(window.checks().size(), 3);
        QCOMPARE(window.tree()->topLevelItemCount(), 3);
        QVERIFY(window.report().contains(u"no API key"_s));
        QTreeWidgetItem* failed = window.tree()->topLevelItem(2);
        QVERIFY(failed->text(2).contains(u"Fix: Paste your Groq key"_s));
        auto* fix = window.tree()->itemWidget(failed, 0)->findChild<QPushButton*>();
        QVERIFY(fix);
        QSignalSpy settings(&window, &DoctorWindow::settingsRequested);
        fix->click();
        QCOMPARE(settings.size(), 1);
        QCOMPARE(settings.at(0).at(0).toString(), u"providers"_s);
    }

    void fixesUtterCanDoItselfHaveTheirOwnButtons()
    {
        DoctorWindow window([] {
            auto doctor = std::make_unique<Doctor>();
            doctor->add(std::make_unique<KeychainContributor>());
            return doctor;
        });
        window.show();
        QSignalSpy finished(&window, &DoctorWindow::finished);
        window.run();
        QVERIFY(finished.wait(5000));
        QCOMPARE(window.tree()->topLevelItemCount(), 2);

        auto* unlock = window.tree()->itemWidget(window.tree()->topLevelItem(0), 0)->findChild<QPushButton*>();
        QVERIFY(unlock);
        QCOMPARE(unlock->text(), u"Unlock…"_s);
        QCOMPARE(unlock->accessibleName(), u"Unlock the keyring"_s);

        // The install hint: the command for this system's package manager, copied with a click.
        const QString command = DoctorWindow::installCommand(u"gnome-keyring"_s);
        QWidget* holder = window.tree()->itemWidget(window.tree()->topLevelItem(1), 0);
        if (command.isEmpty()) {
            QVERIFY(!holder); // no package manager Utter knows: the fix text alone
        } else {
            QVERIFY(command.endsWith(u" gnome-keyring"_s));
            auto* copy = holder->findChild<QPushButton*>();
            QVERIFY(copy);
            QVERIFY(copy->accessibleName().contains(command));
            copy->click();
            QCOMPARE(QApplication::clipboard()->text(), command);
        }

        // Unlock asks the session's Secret Service (the real gnome-keyring under tests/with-services.sh, already
        // unlocked: no prompt) and then checks again.
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("no D-Bus session bus: run under tests/with-services.sh");
        unlock->click();
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.size(), 2);
    }
};

QTEST_MAIN(TestDoctorWindow)
#include "testdoctorwindow.moc"
