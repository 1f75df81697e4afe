#include "desktopapp.h"

#include "audio/audiodoctor.h"
#include "autostart.h"
#include "daemon/daemon.h"
#include "doctor/doctorcheck.h"
#include "doctor/secretservicedoctor.h"
#include "doctorwindow.h"
#include "history/historystore.h"
#include "historywindow.h"
#include "ipc/ipcclient.h"
#include "ipc/jsonrpc.h"
#include "logging/logging.h"
#include "onboardingwizard.h"
#include "pipeline/desktopintegration.h"
#include "pipeline/dictationcontrol.h"
#include "platform/platformdoctor.h"
#include "platform/platformfactory.h"
#include "providers/httpclient.h"
#include "providers/providerconfig.h"
#include "providers/providersdoctor.h"
#include "providers/style.h"
#include "recordingoverlay.h"
#include "secrets/secretsdoctor.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"
#include "settingsdialog.h"
#include "soundcues.h"
#include "statuswindow.h"
#include "theme.h"
#include "traycontroller.h"
#include "wheelguard.h"

#include <QApplication>
#include <QFile>
#include <QSystemTrayIcon>
#include <QThreadPool>
#include <QTimer>

#if defined(Q_OS_LINUX)
#include <unistd.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

namespace
{

void raise(QWidget* window)
{
    window->show();
    window->setWindowState((window->windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    window->raise();
    window->activateWindow();
}

// Milliseconds since this process was created (Linux: /proc, 10 ms resolution), -1 when unknown. Used for the
// "process start → tray icon shown" measurement in the log.
qint64 processAgeMs()
{
#if defined(Q_OS_LINUX)
    QFile stat(u"/proc/self/stat"_s);
    QFile uptime(u"/proc/uptime"_s);
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // Fields after the parenthesised command name; starttime is field 22 (index 19 after the name).
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    const long ticks = ::sysconf(_SC_CLK_TCK);
    if (fields.size() < 20 || ticks <= 0)
        return -1;
    const double startS = fields.at(19).toDouble() / double(ticks);
    const double nowS = uptime.readAll().split(' ').value(0).toDouble();
    return qint64((nowS - startS) * 1000.0);
#else
    return -1;
#endif
}

} // namespace

DesktopApp::DesktopApp(ServiceHost& host, QObject* parent)
    : QObject(parent)
    , m_host(host)
    , m_services(host.parts())
    , m_dictation(&host.dictation())
{
    qApp->installEventFilter(new WheelGuard(this));
}

DesktopApp::~DesktopApp()
{
    delete m_onboarding;
    delete m_historyWindow;
    delete m_doctorWindow;
    delete m_statusWindow;
    delete m_overlay;
    delete m_settingsDialog;
}

Status DesktopApp::start()
{
    // Registered before the socket listens: once it answers, ui.show does too.
    registerUiMethods();
    if (Status started = m_host.start(); !started.ok())
        return started;
    connect(&m_host, &ServiceHost::finished, this, &DesktopApp::finished);
    m_integration = m_host.desktopIntegration();
    buildWidgets();
    connect(m_tray, &TrayController::hotkeysPausedChanged, this, [this](bool paused) {
        m_trayPausedHotkeys = paused;
        m_host.setHotkeysPaused(paused || m_checkingHotkey);
    });
    return {};
}

void DesktopApp::buildWidgets()
{
    m_tray = new TrayController(m_dictation, *m_services.settings, this);
    m_tray->setStyles(StyleLibrary::load(m_services.locations.stylesDir()).names());
    if (m_services.history) {
        // "Recent dictations" in the tray: read from history only when the submenu opens (a few rows).
        m_tray->setRecentSource([this](int count) {
            QStringList texts;
            if (const Result<HistoryStore*> store = m_services.history(); store.ok()) {
                if (const Result<QList<HistoryEntry>> entries = store.value()->list(count); entries.ok()) {
                    for (const HistoryEntry& entry : entries.value())
                        texts << entry.text();
                }
            }
            return texts;
        });
    }
    m_overlay = new RecordingOverlay;
    m_overlay->attach(m_dictation);
    m_focusProbe = PlatformFactory::createFocusProbe(PlatformFactory::currentSession());
    m_overlay->setFocusProbe(m_focusProbe.get());
    applyOverlaySettings();
    m_sounds = new SoundCues(this);
    applySoundSettings();
    m_autoStart = AutoStart::create();
    syncAutoStart(true);
    connect(m_services.settings, &Settings::changed, this, [this](SettingKey key) {
        if (key == SettingKey::UiOverlayPosition)
            applyOverlaySettings();
        else if (key == SettingKey::UiSounds || key == SettingKey::UiSoundVolume)
            applySoundSettings();
        else if (key == SettingKey::GeneralStartAtLogin)
            syncAutoStart(true);
    });
    connect(m_dictation, &DictationControl::stateChanged, this,
            [this](const QString& state, const QString&) { onServiceState(state); });
    connect(m_tray, &TrayController::settingsRequested, this, &DesktopApp::showSettings);
    connect(m_tray, &TrayController::historyRequested, this, &DesktopApp::showHistory);
    connect(m_tray, &TrayController::doctorRequested, this, &DesktopApp::showDoctor);
    connect(m_tray, &TrayController::quitRequested, this, [this] { m_host.shutdown(u"quit from the tray menu"_s); });
    if (m_tray->show()) {
        qCInfo(lcUi) << "tray icon shown";
    } else {
        m_statusWindow = new StatusWindow(*m_tray);
        m_statusWindow->show();
    }
    // Without a visible window, closing a dialog must not end the app.
    QApplication::setQuitOnLastWindowClosed(false);
    QTimer::singleShot(0, this, [this] {
        qCInfo(lcUi).noquote() << (m_statusWindow ? "status window" : "tray icon") << "shown" << processAgeMs()
                               << "ms after process start";
        emit presented();
        followDesktopColorScheme();
        if (!m_services.settings->boolValue(SettingKey::UiOnboardingDone))
            showOnboarding();
    });
}

void DesktopApp::followDesktopColorScheme()
{
    // Qt 6.4's GTK theme does not follow GNOME's dark style; its setting is asked only now, after the tray is up:
    // a gsettings child process on the way to the tray cost 30–200 ms of the start (issue 18).
    if (!qEnvironmentVariableIsEmpty("UTTER_COLOR_SCHEME") ||
        colorSchemeOf(QApplication::palette()) == ColorScheme::Dark)
        return;
    askGnomeColorScheme(this, [this](ColorScheme scheme) {
        if (scheme != ColorScheme::Dark)
            return;
        qCInfo(lcUi) << "the desktop prefers a dark style: switching to the dark palette";
        applyColorScheme(*qApp, ColorScheme::Dark);
        m_tray->followPalette();
    });
}

void DesktopApp::applyOverlaySettings()
{
    m_overlay->setPosition(
        RecordingOverlay::positionFromSetting(m_services.settings->stringValue(SettingKey::UiOverlayPosition)));
}

void DesktopApp::applySoundSettings()
{
    m_sounds->setEnabled(m_services.settings->boolValue(SettingKey::UiSounds));
    m_sounds->setVolume(m_services.settings->intValue(SettingKey::UiSoundVolume));
}

void DesktopApp::syncAutoStart(bool atStart)
{
    const bool wanted = m_services.settings->boolValue(SettingKey::GeneralStartAtLogin);
    if (m_autoStart->isEnabled() == wanted || (atStart && !wanted))
        return;
    if (Status changed = m_autoStart->setEnabled(wanted); !changed.ok())
        m_tray->notify(tr("Start at login"), changed.error().message, true);
    else
        qCInfo(lcUi).noquote() << "start at login" << (wanted ? "on:" : "off:") << m_autoStart->location();
}

void DesktopApp::onServiceState(const QString& state)
{
    if (state == u"listening"_s && m_lastServiceState != state)
        m_sounds->play(SoundCues::Cue::Start);
    else if (m_lastServiceState == u"listening"_s && state != u"error"_s)
        m_sounds->play(SoundCues::Cue::Stop);
    if (state == u"error"_s && m_lastServiceState != state)
        m_sounds->play(SoundCues::Cue::Error);
    if (state == u"idle"_s && m_lastServiceState != state)
        scheduleHeapTrim();
    m_lastServiceState = state;
}

void DesktopApp::scheduleHeapTrim()
{
#if defined(__GLIBC__)
    // glibc keeps the memory a dictation or a closed window freed for the next allocation instead of giving it
    // back, so idle RSS only grows (issue 18). Once things settle (2 s after the last dictation ended or window
    // closed), malloc_trim returns the free pages of every arena; on a pool thread, off the GUI thread.
    if (!m_trimTimer) {
        m_trimTimer = new QTimer(this);
        m_trimTimer->setSingleShot(true);
        m_trimTimer->setInterval(2000);
        connect(m_trimTimer, &QTimer::timeout, this,
                [] { QThreadPool::globalInstance()->start([] { ::malloc_trim(0); }); });
    }
    m_trimTimer->start();
#endif
}

void DesktopApp::registerUiMethods()
{
    m_host.ipc().registerMethod(
        u"ui.show"_s, IpcServer::SyncHandler([this](const QJsonObject& params, quint64) -> Result<QJsonValue> {
            const QString window = params.value(u"window"_s).toString(u"settings"_s);
            if (window != u"settings"_s && window != u"history"_s && window != u"doctor"_s && window != u"setup"_s)
                return Error(ErrorCode::InvalidArgument,
                             u"Unknown window \"%1\": use settings, history, doctor or setup."_s.arg(window));
            QTimer::singleShot(0, this, [this, window] { showWindow(window); });
            return QJsonValue(QJsonObject{{u"shown"_s, window}});
        }));
}

Status DesktopApp::raiseRunningInstance(const Locations& locations, const QString& window)
{
    IpcClient client(ipcEndpointName(locations));
    if (Status connected = client.connectToServer(); !connected.ok())
        return connected;
    const Result<QJsonValue> shown = client.call(u"ui.show"_s, QJsonObject{{u"window"_s, window}}, 5000);
    if (!shown.ok()) {
        if (shown.error().message.contains(u"ui.show"_s) || shown.error().code == ErrorCode::Unsupported)
            return Error(ErrorCode::Unsupported,
                         u"Utter is already running as a background service without windows. Stop it with "
                         "`utter --headless stop` to use the desktop app, or keep using the command-line verbs."_s);
        return shown.error();
    }
    return {};
}

void DesktopApp::showWindow(const QString& window)
{
    if (window == u"history"_s)
        showHistory();
    else if (window == u"doctor"_s)
        showDoctor();
    else if (window == u"setup"_s)
        runSetupAgain();
    else
        showSettings();
}

void DesktopApp::showSettings()
{
    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(*m_services.settings, m_services.secrets);
        m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_settingsDialog, &QObject::destroyed, this, &DesktopApp::scheduleHeapTrim);
        m_settingsDialog->setStylesDir(m_services.locations.stylesDir());
        m_settingsDialog->watchHotkeys(m_integration);
        connect(m_settingsDialog, &SettingsDialog::stylesChanged, this,
                [this] { m_tray->setStyles(StyleLibrary::load(m_services.locations.stylesDir()).names()); });
        connect(m_settingsDialog, &SettingsDialog::setupRequested, this, &DesktopApp::runSetupAgain);
    }
    raise(m_settingsDialog);
}

void DesktopApp::showSettingsAt(const QString& section)
{
    showSettings();
    if (section == u"providers"_s)
        m_settingsDialog->showPage(SettingsDialog::Page::Providers);
    else if (section == u"hotkeys"_s || section == u"audio"_s)
        m_settingsDialog->showPage(SettingsDialog::Page::General); // the dictation key and the microphone
}

void DesktopApp::showHistory()
{
    if (!m_historyWindow) {
        if (!m_services.history) {
            m_tray->notify(tr("History"), tr("History is not part of this build."), false);
            return;
        }
        const Result<HistoryStore*> store = m_services.history();
        if (!store.ok()) {
            m_tray->notify(tr("History"), store.error().message, true);
            return;
        }
        m_historyWindow = new HistoryWindow(**store);
        m_historyWindow->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_historyWindow, &QObject::destroyed, this, &DesktopApp::scheduleHeapTrim);
        m_historyWindow->setDictation(m_dictation, m_services.locations.stylesDir());
    } else {
        m_historyWindow->reload();
    }
    raise(m_historyWindow);
}

std::unique_ptr<Doctor> DesktopApp::makeDoctor()
{
    auto doctor = std::make_unique<Doctor>();
    DesktopDoctor::Facts facts;
    facts.trayAvailable = QSystemTrayIcon::isSystemTrayAvailable();
    facts.platformName = QGuiApplication::platformName();
    facts.sessionType = qEnvironmentVariable("XDG_SESSION_TYPE");
    for (const SettingsProblem& problem : m_services.settings->problems())
        facts.settingsProblems << (problem.key.isEmpty() ? problem.message : problem.key + u": "_s + problem.message);
    if (m_services.secrets)
        facts.keychainWarning = m_services.secrets->fallbackWarning();
    doctor->add(std::make_unique<DesktopDoctor>(std::move(facts)));
    doctor->add(AudioDoctor::fromSettings(*m_services.settings)); // the same sections as `utter doctor`
    std::unique_ptr<PlatformDoctor> platform = PlatformDoctor::fromSettings(*m_services.settings);
    if (const DesktopIntegration* desktop = m_host.desktopIntegration()) {
        // This process holds the dictation key: grabbing it again would report it "taken by another application".
        const DesktopIntegration::HotkeyStatus dictate = desktop->hotkeyStatus(u"dictate"_s);
        platform->setRunningHotkey(desktop->hotkeys(), dictate.key, dictate.error);
    }
    doctor->add(std::move(platform));
    if (m_services.secrets) {
        if (!m_http)
            m_http = new HttpClient(this);
        const StyleLibrary styles = StyleLibrary::load(m_services.locations.stylesDir());
        // The keys as cached: the GUI thread never waits for the keychain (a key still being read shows as
        // missing; the check is run again from the menu).
        const KeyValue keys = cachedKeys(*m_services.secrets);
        doctor->add(std::make_unique<ProvidersDoctor>(
            TranscriberConfig::fromSettings(*m_services.settings, keys),
            TransformerConfig::fromSettings(*m_services.settings, keys, m_services.locations.stylesDir()),
            SpeechConfig::fromSettings(*m_services.settings, keys), styles.problems(), *m_http));
        // The keychain as `utter doctor` checks it: the Secret Service (running, answering, a default keyring,
        // locked), then a read through it, and this process's HTTP API token. Both ask without blocking.
        doctor->add(std::make_unique<SecretServiceDoctor>());
        doctor->add(std::make_unique<SecretsDoctor>(m_services.secrets->keychain(),
                                                    m_services.settings->stringValue(SettingKey::TranscribeKeyName),
                                                    m_host.daemon().status()));
    }
    return doctor;
}

void DesktopApp::showOnboarding()
{
    if (!m_onboarding) {
        m_onboarding = new OnboardingWizard(*m_services.settings, m_services.secrets);
        m_onboarding->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_onboarding, &QObject::destroyed, this, &DesktopApp::scheduleHeapTrim);
        m_onboarding->watchHotkeys(m_integration);
        // While the key page shows, a press of the dictation key is a check, not a dictation.
        connect(m_onboarding, &OnboardingWizard::hotkeyCheckActive, this, [this](bool active) {
            m_checkingHotkey = active;
            m_host.setHotkeysPaused(active || m_trayPausedHotkeys);
        });
    }
    raise(m_onboarding);
}

void DesktopApp::runSetupAgain()
{
    const bool existed = m_onboarding;
    showOnboarding();
    if (existed || m_onboarding->currentId() != OnboardingWizard::Welcome)
        m_onboarding->runAgain();
}

void DesktopApp::showDoctor()
{
    if (!m_doctorWindow) {
        m_doctorWindow = new DoctorWindow([this] { return makeDoctor(); });
        m_doctorWindow->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_doctorWindow, &QObject::destroyed, this, &DesktopApp::scheduleHeapTrim);
        connect(m_doctorWindow, &DoctorWindow::settingsRequested, this, &DesktopApp::showSettingsAt);
    }
    raise(m_doctorWindow);
    m_doctorWindow->run();
}

} // namespace utter::ui
