// testaccessibility (issue 18): every window the desktop app opens, read through AT-SPI. Shows the windows one at
// a time — each settings page, History, Doctor, every page of the first-run assistant, the status window and the
// recording overlay with text — real widgets on a real X server with Qt's AT-SPI bridge on, and has
// tests/ui/a11ytree.py (pyatspi, as a screen reader reads the tree) check each: it writes "SHOW <name>" to the
// checker, which answers "next"; after "DONE" the checker's exit code is the test's (77 = skipped).
#include "doctor/doctorcheck.h"
#include "doctorwindow.h"
#include "fakedictationcontrol.h"
#include "history/historystore.h"
#include "historywindow.h"
#include "onboardingwizard.h"
#include "recordingoverlay.h"
#include "settings/settings.h"
#include "settingsdialog.h"
#include "statuswindow.h"
#include "testenv.h"
#include "traycontroller.h"

#include <QApplication>
#include <QProcess>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using namespace utter::ui;

namespace
{

struct Step
{
    QString name;
    std::function<QWidget*()> show; // returns the window to show
};

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_LINUX_ACCESSIBILITY_ALWAYS_ON", "1"); // Qt registers with AT-SPI without a screen reader running
    QApplication app(argc, argv);
    app.setApplicationName(u"utter-a11y"_s);
    QApplication::setQuitOnLastWindowClosed(false); // the windows are replaced one by one
    test::TestHome home;
    home.applyToCurrentProcess();
    Settings settings(home.configDir() + u"/utter.ini"_s);
    HistoryStore store(home.dataDir() + u"/a11y.sqlite"_s);
    if (!store.open().ok())
        return 1;
    HistoryEntry entry;
    entry.timestamp = QDateTime::currentDateTimeUtc();
    entry.durationSeconds = 4;
    entry.rawText = u"Remind me to call the dentist tomorrow morning."_s;
    entry.sessionId = u"a11y-1"_s;
    (void)store.add(entry);
    FakeDictationControl fake;
    TrayController tray(&fake, settings);

    std::unique_ptr<QWidget> current;
    OnboardingWizard* wizard = nullptr;
    std::vector<Step> steps;
    const QStringList pages = {u"general"_s, u"hotkeys"_s, u"audio"_s,   u"providers"_s,
                               u"styles"_s,  u"output"_s,  u"history"_s, u"advanced"_s};
    for (int i = 0; i < pages.size(); ++i) {
        steps.push_back({u"settings-"_s + pages.at(i), [&, i] {
                             auto* dialog = new SettingsDialog(settings, nullptr);
                             dialog->setStylesDir(home.configDir() + u"/styles"_s);
                             dialog->showPage(SettingsDialog::Page(i));
                             return dialog;
                         }});
    }
    steps.push_back({u"history"_s, [&] {
                         auto* w = new HistoryWindow(store);
                         w->selectRow(0);
                         return w;
                     }});
    steps.push_back(
        {u"doctor"_s, [&] {
             auto* w = new DoctorWindow([] {
                 auto d = std::make_unique<Doctor>();
                 d->add(std::make_unique<DesktopDoctor>(DesktopDoctor::Facts{false, u"xcb"_s, u"x11"_s, {}, {}}));
                 return d;
             });
             w->run();
             return w;
         }});
    const QStringList wizardPages = {u"welcome"_s,     u"provider"_s, u"microphone"_s, u"hotkey"_s,
                                     u"permissions"_s, u"output"_s,   u"finished"_s};
    for (int i = 0; i < wizardPages.size(); ++i) {
        steps.push_back({u"setup-"_s + wizardPages.at(i), [&, i]() -> QWidget* {
                             if (i == 0) {
                                 wizard = new OnboardingWizard(settings, nullptr);
                                 return wizard;
                             }
                             wizard->next();
                             return nullptr; // the same window, next page
                         }});
    }
    steps.push_back({u"status-window"_s, [&] { return new StatusWindow(tray); }});
    steps.push_back({u"overlay"_s, [&] {
                         auto* overlay = new RecordingOverlay;
                         overlay->setReducedMotion(true);
                         overlay->attach(&fake);
                         fake.setState(u"listening"_s);
                         emit fake.partialTranscript(u"s1"_s, 0, u"Let's meet on Thursday at ten."_s);
                         return overlay;
                     }});

    if (QGuiApplication::platformName() != u"xcb"_s) {
        std::fprintf(stderr, "needs an X server (DISPLAY); run under tests/with-services.sh\n");
        return qEnvironmentVariableIntValue("UTTER_TEST_SERVICES") == 1 ? 1 : 77;
    }
    QProcess checker;
    checker.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    std::size_t at = 0;
    const auto showNext = [&] {
        if (at >= steps.size()) {
            checker.write("DONE\n");
            checker.closeWriteChannel();
            return;
        }
        const Step& step = steps.at(at++);
        if (QWidget* w = step.show()) {
            current.reset(w);
            w->show();
            w->raise();
            w->activateWindow();
        }
        checker.write("SHOW " + step.name.toUtf8() + "\n");
    };
    QObject::connect(&checker, &QProcess::readyReadStandardOutput, &app, [&] {
        while (checker.canReadLine()) {
            if (checker.readLine().trimmed() == "next")
                showNext();
        }
    });
    QObject::connect(&checker, &QProcess::finished, &app, [&](int code, QProcess::ExitStatus status) {
        current.reset();
        QCoreApplication::exit(status == QProcess::NormalExit ? code : 1);
    });
    QObject::connect(&checker, &QProcess::started, &app, showNext);
    checker.start(u"/usr/bin/python3"_s, {qEnvironmentVariable("UTTER_SOURCE_DIR") + u"/tests/ui/a11ytree.py"_s,
                                          QString::number(QCoreApplication::applicationPid())});
    return app.exec();
}
