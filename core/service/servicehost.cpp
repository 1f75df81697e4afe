#include "servicehost.h"

#include "historymethods.h"
#include "logging/logging.h"
#include "pipeline/desktopintegration.h"
#include "pipeline/dictationservice.h"
#include "secrets/secretstore.h"
#include "settings/settingsfilewatcher.h"
#include "textstyler.h"

#include <QCoreApplication>
#include <QGuiApplication>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

ServiceHost::ServiceHost(ServiceParts parts, DaemonOptions options, QObject* parent)
    : ServiceHost(std::move(parts), std::move(options), nullptr, parent)
{}

ServiceHost::ServiceHost(ServiceParts parts, DaemonOptions options, DictationControl& standIn, QObject* parent)
    : ServiceHost(std::move(parts), std::move(options), &standIn, parent)
{}

ServiceHost::ServiceHost(ServiceParts parts, DaemonOptions options, DictationControl* standIn, QObject* parent)
    : QObject(parent)
    , m_parts(std::move(parts))
{
    Q_ASSERT(m_parts.settings && m_parts.secrets && m_parts.history);
    Settings& settings = *m_parts.settings;
    SecretStore& secrets = *m_parts.secrets;
    // Both hosts never wait for the keychain: keys are read in the background (SecretStore's cache), and the
    // store's blocking calls answer from that cache here.
    secrets.setBlockingAllowed(false);

    if (standIn) {
        m_control = standIn;
    } else {
        // The service touches the journal only in start(), once this process holds the instance lock.
        const Result<HistoryStore*> history = m_parts.history();
        if (!history.ok())
            qCWarning(lcDaemon).noquote()
                << history.error().message << "Dictations stay in the journal until the history can be opened.";
        m_service = std::make_unique<DictationService>(m_parts.locations, settings, secrets,
                                                       history.ok() ? history.value() : nullptr);
        m_control = m_service.get();
    }
    m_styler = std::make_unique<TextStyler>(settings, secrets, m_parts.locations.stylesDir());

    DaemonServices services;
    services.locations = m_parts.locations;
    services.settings = &settings;
    services.secrets = &secrets;
    services.dictation = m_control;
    services.transformText = m_styler->handler();
    services.historySearch = historymethods::search(m_parts.history);
    services.lastResult = historymethods::last(m_parts.history);
    m_daemon = std::make_unique<Daemon>(std::move(services), std::move(options));
    connect(m_daemon.get(), &Daemon::finished, this, &ServiceHost::finished);
}

ServiceHost::~ServiceHost() = default;

Status ServiceHost::start()
{
    if (Status started = m_daemon->start(); !started.ok())
        return started;
    if (m_service) {
        // Only the instance that holds the lock owns the journal.
        (void)m_service->start();
        // With a display (a QGuiApplication, also the desktop app's QApplication), the dictation keys and the text
        // output work in both hosts.
        if (qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
            m_desktop = std::make_unique<DesktopIntegration>(*m_service, *m_parts.settings);
    }
    // `utter config set` (another process) and hand edits reach the running service.
    m_settingsWatcher = std::make_unique<SettingsFileWatcher>(*m_parts.settings);
    return {};
}

void ServiceHost::shutdown(const QString& reason)
{
    m_daemon->shutdown(reason);
}

void ServiceHost::setHotkeysPaused(bool paused)
{
    if (m_service)
        m_service->setHotkeysPaused(paused);
}

} // namespace utter
