#include "appcontext.h"

#include "history/historystore.h"
#include "logging/loghandler.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"

#include <QLoggingCategory>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

AppContext::AppContext(Locations locations)
    : m_locations(std::move(locations))
{}

AppContext::~AppContext() = default;

Settings& AppContext::settings()
{
    if (!m_settings)
        m_settings = std::make_unique<Settings>(m_locations.settingsFile());
    return *m_settings;
}

SecretStore& AppContext::secrets()
{
    if (!m_secrets)
        m_secrets = SecretStore::create(m_locations.secretsFile());
    return *m_secrets;
}

Result<HistoryStore*> AppContext::history()
{
    if (!m_history) {
        auto store = std::make_unique<HistoryStore>(m_locations.historyDatabase(), m_locations.audioArchiveDir());
        if (Status opened = store->open(); !opened)
            return opened.error(); // not cached: a later call may succeed (e.g. the lock went away)
        m_history = std::move(store);
    }
    return m_history.get();
}

ServiceParts AppContext::serviceParts()
{
    ServiceParts parts;
    parts.locations = m_locations;
    parts.settings = &settings();
    parts.secrets = &secrets();
    parts.history = [this] { return history(); };
    return parts;
}

void AppContext::setUpLogging(bool verbose, bool quietStderr)
{
    LogConfig config;
    if (Locations::ensurePrivateDir(m_locations.logDir()))
        config.filePath = m_locations.logFile();
    config.stderrMinimum = verbose ? QtDebugMsg : (quietStderr ? QtWarningMsg : QtInfoMsg);
    if (verbose)
        QLoggingCategory::setFilterRules(u"utter.*.debug=true"_s);
    LogHandler::install(config);
}

} // namespace utter
