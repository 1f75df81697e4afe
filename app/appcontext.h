#pragma once

#include "common/result.h"
#include "paths/locations.h"
#include "service/servicehost.h"

#include <memory>

namespace utter
{

class Settings;
class SecretStore;
class HistoryStore;

// The composition root for one process: builds each core service once, on first use, and hands it down.
// Commands receive it by reference; nothing in core reaches for globals.
class AppContext final
{
public:
    explicit AppContext(Locations locations);
    ~AppContext();
    AppContext(const AppContext&) = delete;
    AppContext& operator=(const AppContext&) = delete;

    const Locations& locations() const { return m_locations; }
    Settings& settings();
    SecretStore& secrets();
    // The history database, opened (and migrated) on first use; the error says why it cannot be opened.
    Result<HistoryStore*> history();
    // What the dictation service is built from (ServiceHost): these folders, settings, secrets and history.
    ServiceParts serviceParts();

    // Installs the log handler: JSON lines in the log folder, stderr at the given minimum level.
    void setUpLogging(bool verbose, bool quietStderr);

private:
    Locations m_locations;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<HistoryStore> m_history;
};

} // namespace utter
