#pragma once

#include <QString>

namespace utter
{

// Where Utter keeps its files. Each directory can be overridden by an environment variable
// (UTTER_CONFIG_DIR, UTTER_DATA_DIR, UTTER_RUNTIME_DIR, UTTER_LOG_DIR) for tests and portable installs;
// otherwise it follows QStandardPaths / XDG. Values are read when the object is built: pass it down.
class Locations final
{
public:
    static Locations fromEnvironment();

    QString configDir() const { return m_configDir; }   // utter.ini, styles/, secrets file fallback
    QString dataDir() const { return m_dataDir; }       // history.sqlite, audio/, journal/
    QString runtimeDir() const { return m_runtimeDir; } // utter.sock, pid and lock files (0700)
    QString logDir() const { return m_logDir; }         // utter.log (JSON lines)

    QString settingsFile() const;
    QString stylesDir() const;
    QString secretsFile() const;
    QString historyDatabase() const;
    QString journalDir() const;
    QString audioArchiveDir() const;
    QString socketPath() const;
    QString logFile() const;
    QString remoteDesktopTokenFile() const; // the RemoteDesktop portal's restore token (consent asked once)

    // Creates a directory (and parents) with owner-only permissions when it does not exist yet.
    static bool ensurePrivateDir(const QString& path);

private:
    QString m_configDir;
    QString m_dataDir;
    QString m_runtimeDir;
    QString m_logDir;
};

} // namespace utter
