#include "desktopapp.h"

#include "autostart.h"
#include "daemon/daemon.h"
#include "daemon/dictationcontrol.h"
#include "ipc/ipcclient.h"
#include "ipc/jsonrpc.h"
#include "logging/logging.h"
#include "recordingoverlay.h"
#include "settings/settings.h"
#include "settingsdialog.h"
#include "soundcues.h"
#include "statuswindow.h"
#include "traycontroller.h"

#include <QApplication>
#include <QTimer>

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

} // namespace

DesktopApp::DesktopApp(DesktopServices services, QObject* parent)
    : QObject(parent)
    , m_services(std::move(services))
{}

DesktopApp::~DesktopApp()
{
    delete m_statusWindow;
    delete m_overlay;
    delete m_settingsDialog;
}

Status DesktopApp::start()
{
    DaemonServices daemonServices;
    daemonServices.locations = m_services.locations;
    daemonServices.settings = m_services.settings;
    daemonServices.secrets = m_services.secrets;
    daemonServices.dictation = m_services.dictation;
    DaemonOptions options;
    // The root refusal protects a background service; a desktop session run as root is the user's own choice.
    options.allowRoot = true;
    m_daemon = std::make_unique<Daemon>(std::move(daemonServices), std::move(options));
    if (Status started = m_daemon->start(); !started.ok()) {
        m_daemon.reset();
        return started;
    }
    connect(m_daemon.get(), &Daemon::finished, this, &DesktopApp::finished);
    registerUiMethods();
    buildWidgets();
    return {};
}

void DesktopApp::buildWidgets()
{
    m_tray = new TrayController(m_services.dictation, *m_services.settings, this);
    m_overlay = new RecordingOverlay;
    m_overlay->attach(m_services.dictation);
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
    if (m_services.dictation) {
        connect(m_services.dictation, &DictationControl::stateChanged, this,
                [this](const QString& state, const QString&) { onServiceState(state); });
    }
    connect(m_tray, &TrayController::settingsRequested, this, &DesktopApp::showSettings);
    connect(m_tray, &TrayController::historyRequested, this, &DesktopApp::showHistory);
    connect(m_tray, &TrayController::doctorRequested, this, &DesktopApp::showDoctor);
    connect(m_tray, &TrayController::quitRequested, this, [this] {
        if (m_daemon)
            m_daemon->shutdown(u"quit from the tray menu"_s);
        else
            emit finished(0);
    });
    if (m_tray->show()) {
        qCInfo(lcUi) << "tray icon shown";
    } else {
        m_statusWindow = new StatusWindow(*m_tray);
        m_statusWindow->show();
    }
    // Without a visible window, closing a dialog must not end the app.
    QApplication::setQuitOnLastWindowClosed(false);
    QTimer::singleShot(0, this, &DesktopApp::presented);
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
    m_lastServiceState = state;
}

void DesktopApp::registerUiMethods()
{
    m_daemon->ipc().registerMethod(
        u"ui.show"_s, IpcServer::SyncHandler([this](const QJsonObject& params, quint64) -> Result<QJsonValue> {
            const QString window = params.value(u"window"_s).toString(u"settings"_s);
            if (window != u"settings"_s && window != u"history"_s && window != u"doctor"_s)
                return Error(ErrorCode::InvalidArgument,
                             u"Unknown window \"%1\": use settings, history or doctor."_s.arg(window));
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
    else
        showSettings();
}

void DesktopApp::showSettings()
{
    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(*m_services.settings, m_services.secrets);
        m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    raise(m_settingsDialog);
}

void DesktopApp::showHistory()
{
    // The history window arrives with core/history; until then say so where the user asked.
    m_tray->notify(tr("History"), tr("The history window is not part of this build yet; use `utter history`."), false);
}

void DesktopApp::showDoctor()
{
    m_tray->notify(tr("Doctor"), tr("Run `utter doctor` in a terminal for the checks."), false);
}

} // namespace utter::ui
