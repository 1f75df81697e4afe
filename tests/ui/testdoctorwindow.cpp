#include "doctor/secretservicedoctor.h"
#include "doctorwindow.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
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

// The microphone as core's AudioDoctor reports it when there is no input.
class AudioContributor final : public DoctorContributor
{
public:
    QString section() const override { return u"audio"_s; }
    void run(QObject* context, std::function<void(QList<DoctorCheck>)> done) override
    {
        QTimer::singleShot(0, context, [done = std::move(done)] {
            done({DoctorCheck{u"audio"_s,
                              u"microphone"_s,
                              CheckStatus::Fail,
                              u"no input device"_s,
                              u"Plug in a microphone or choose one in the system's sound settings."_s,
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

// A contributor (providers) whose checks end only when the test says so.
class GatedContributor final : public DoctorContributor
{
public:
    QString section() const override { return u"providers"_s; }
    void run(QObject*, std::function<void(QList<DoctorCheck>)> done) override { m_done = std::move(done); }
    bool started() const { return bool(m_done); }
    void release()
    {
        m_done({DoctorCheck{
            u"providers"_s, u"transcription primary (api.groq.com)"_s, CheckStatus::Ok, u"200"_s, {}, {}}});
    }

private:
    std::function<void(QList<DoctorCheck>)> m_done;
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

    // Sections not started yet are rows titled as the user reads them ("Providers", translated), never the raw
    // section name; a pending check's own name stays as its finished row shows it.
    void sectionsStillToCheckShowTheirTitle()
    {
        QCOMPARE(DoctorWindow::sectionTitle(u"providers"_s), DoctorWindow::tr("Providers"));
        QCOMPARE(DoctorWindow::sectionTitle(u"portal"_s), u"portal"_s);
        for (const QString& section :
             {u"providers"_s, u"audio"_s, u"hotkeys"_s, u"output"_s, u"keychain"_s, u"desktop"_s}) {
            const QString title = DoctorWindow::sectionTitle(section);
            QVERIFY2(!title.isEmpty() && title.at(0).isUpper(), qPrintable(section + u" → "_s + title));
        }
        auto* gate = new GatedContributor;
        DoctorWindow window([gate] {
            auto doctor = std::make_unique<Doctor>();
            doctor->add(std::make_unique<DesktopDoctor>(DesktopDoctor::Facts{true, u"xcb"_s, u"x11"_s, {}, {}}));
            doctor->add(std::unique_ptr<DoctorContributor>(gate));
            doctor->add(std::make_unique<AudioContributor>());
            return doctor;
        });
        window.show();
        QSignalSpy finished(&window, &DoctorWindow::finished);
        const auto rows = [&window] {
            QStringList out;
            for (int i = 0; i < window.tree()->topLevelItemCount(); ++i) {
                QTreeWidgetItem* item = window.tree()->topLevelItem(i);
                QString name = item->text(0);
                if (QWidget* holder = window.tree()->itemWidget(item, 0))
                    name = holder->findChild<QLabel*>()->text();
                out << name + u" | "_s + item->text(1);
            }
            return out;
        };
        const QString checking = DoctorWindow::tr("Checking…");
        window.run();
        QCOMPARE(window.pending(), QStringList({u"desktop"_s, u"providers"_s, u"audio"_s}));
        QCOMPARE(rows(), QStringList({DoctorWindow::tr("Desktop") + u" | "_s + checking,
                                      DoctorWindow::tr("Providers") + u" | "_s + checking,
                                      DoctorWindow::tr("Audio") + u" | "_s + checking}));
        QTRY_VERIFY(gate->started());
        QCOMPARE(window.pending(), QStringList({u"providers"_s, u"audio"_s}));
        QCOMPARE(rows(), QStringList({DoctorWindow::tr("System tray") + u" | "_s + DoctorWindow::tr("OK"),
                                      DoctorWindow::tr("Settings file") + u" | "_s + DoctorWindow::tr("OK"),
                                      DoctorWindow::tr("Providers") + u" | "_s + checking,
                                      DoctorWindow::tr("Audio") + u" | "_s + checking}));
        gate->release();
        QVERIFY(finished.wait(5000));
        QVERIFY(window.pending().isEmpty());
        QCOMPARE(rows(), QStringList({DoctorWindow::tr("System tray") + u" | "_s + DoctorWindow::tr("OK"),
                                      DoctorWindow::tr("Settings file") + u" | "_s + DoctorWindow::tr("OK"),
                                      u"transcription primary (api.groq.com) | "_s + DoctorWindow::tr("OK"),
                                      u"microphone | "_s + DoctorWindow::tr("Problem")}));
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

    // An audio problem's "Sound settings…" starts the desktop's own sound input settings, chosen by
    // XDG_CURRENT_DESKTOP and what is installed: fake settings programs on PATH record the argv they got.
    void audioProblemsOpenTheSystemSoundSettings()
    {
#if !defined(Q_OS_LINUX)
        QSKIP("the programs are Linux's; macOS and Windows open a settings URL");
#else
        QTemporaryDir bin;
        QVERIFY(bin.isValid());
        const QString record = bin.filePath(u"started.argv"_s);
        const QStringList programs = {u"gnome-control-center"_s, u"systemsettings"_s, u"pavucontrol"_s};
        const QByteArray oldPath = qgetenv("PATH");
        const QByteArray oldDesktop = qgetenv("XDG_CURRENT_DESKTOP");
        qputenv("PATH", bin.path().toLocal8Bit()); // only the fakes: a real settings program is never started
        struct Case
        {
            QString desktop;
            QStringList installed;
            QString expected; // the argv the fake recorded, one per line; empty = no button
        };
        const QList<Case> cases = {
            {u"ubuntu:GNOME"_s, programs, u"gnome-control-center\nsound\n"_s},
            {u"KDE"_s, programs, u"systemsettings\nkcm_pulseaudio\n"_s},
            {u"XFCE"_s, programs, u"pavucontrol\n-t\n4\n"_s},
            {u"GNOME"_s, {u"pavucontrol"_s}, u"pavucontrol\n-t\n4\n"_s},
            {u"KDE"_s, {u"gnome-control-center"_s}, QString()},
            {QString(), {}, QString()},
        };
        for (const Case& c : cases) {
            for (const QString& program : programs) {
                QFile::remove(bin.filePath(program));
                if (!c.installed.contains(program))
                    continue;
                QFile fake(bin.filePath(program));
                QVERIFY(fake.open(QIODevice::WriteOnly));
                fake.write("#!/bin/sh\nprintf '%s\\n' \"" + program.toUtf8() + "\" \"$@\" > '" + record.toUtf8() +
                           "'\n");
                fake.close();
                QVERIFY(fake.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
            }
            QFile::remove(record);
            qputenv("XDG_CURRENT_DESKTOP", c.desktop.toUtf8());

            DoctorWindow window([] {
                auto doctor = std::make_unique<Doctor>();
                doctor->add(std::make_unique<AudioContributor>());
                return doctor;
            });
            window.show();
            QSignalSpy finished(&window, &DoctorWindow::finished);
            window.run();
            QVERIFY(finished.wait(5000));
            QWidget* holder = window.tree()->itemWidget(window.tree()->topLevelItem(0), 0);
            QVERIFY(holder);
            QPushButton* sound = nullptr;
            QPushButton* fix = nullptr;
            for (QPushButton* button : holder->findChildren<QPushButton*>()) {
                if (button->text() == u"Sound settings…"_s)
                    sound = button;
                else if (button->text() == u"Fix…"_s)
                    fix = button;
            }
            QVERIFY2(fix, qPrintable(c.desktop)); // Utter's own microphone setting, always
            if (c.expected.isEmpty()) {
                QVERIFY2(!sound, qPrintable(c.desktop));
                continue;
            }
            QVERIFY2(sound, qPrintable(c.desktop));
            QVERIFY(!sound->accessibleName().isEmpty());
            sound->click();
            const auto recorded = [&record] {
                QFile file(record);
                return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
            };
            QTRY_COMPARE(recorded(), c.expected); // the shell writes the file as the fake runs, detached
        }
        qputenv("PATH", oldPath);
        qputenv("XDG_CURRENT_DESKTOP", oldDesktop);
#endif
    }
};

QTEST_MAIN(TestDoctorWindow)
#include "testdoctorwindow.moc"
