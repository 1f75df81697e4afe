#include "locations.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

QString fromEnvOr(const char* variable, const QString& fallback)
{
    const QString value = qEnvironmentVariable(variable);
    return value.isEmpty() ? fallback : QDir::cleanPath(QDir(value).absolutePath());
}

QString standardDir(QStandardPaths::StandardLocation location)
{
    // AppConfigLocation and friends depend on QCoreApplication's names, which may not be set yet:
    // compose "<generic>/utter" ourselves so the answer is the same before and after.
    QStandardPaths::StandardLocation generic = location;
    switch (location) {
    case QStandardPaths::AppConfigLocation:
        generic = QStandardPaths::GenericConfigLocation;
        break;
    case QStandardPaths::AppLocalDataLocation:
        generic = QStandardPaths::GenericDataLocation;
        break;
    default:
        break;
    }
    return QStandardPaths::writableLocation(generic) + u"/utter"_s;
}

QString defaultRuntimeDir()
{
#ifdef Q_OS_UNIX
    // Without XDG_RUNTIME_DIR (cron, ssh without a session) QStandardPaths warns and invents a folder;
    // use a per-user folder in /tmp instead, made 0700 by ensurePrivateDir().
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
        return QDir::tempPath() + u"/utter-"_s + QString::number(::getuid());
#endif
    QString base = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (base.isEmpty())
        base = QDir::tempPath();
    return base + u"/utter"_s;
}

} // namespace

Locations Locations::fromEnvironment()
{
    Locations l;
    l.m_configDir = fromEnvOr("UTTER_CONFIG_DIR", standardDir(QStandardPaths::AppConfigLocation));
    l.m_dataDir = fromEnvOr("UTTER_DATA_DIR", standardDir(QStandardPaths::AppLocalDataLocation));
    l.m_runtimeDir = fromEnvOr("UTTER_RUNTIME_DIR", defaultRuntimeDir());
    l.m_logDir = fromEnvOr("UTTER_LOG_DIR", l.m_dataDir + u"/logs"_s);
    return l;
}

QString Locations::settingsFile() const
{
    return m_configDir + u"/utter.ini"_s;
}

QString Locations::stylesDir() const
{
    return m_configDir + u"/styles"_s;
}

QString Locations::secretsFile() const
{
    return m_configDir + u"/secrets.ini"_s;
}

QString Locations::historyDatabase() const
{
    return m_dataDir + u"/history.sqlite"_s;
}

QString Locations::journalDir() const
{
    return m_dataDir + u"/journal"_s;
}

QString Locations::audioArchiveDir() const
{
    return m_dataDir + u"/audio"_s;
}

QString Locations::socketPath() const
{
    return m_runtimeDir + u"/utter.sock"_s;
}

QString Locations::logFile() const
{
    return m_logDir + u"/utter.log"_s;
}

QString Locations::remoteDesktopTokenFile() const
{
    return m_dataDir + u"/remotedesktop-restore-token"_s;
}

bool Locations::ensurePrivateDir(const QString& path)
{
    QDir dir(path);
    if (!dir.exists() && !QDir().mkpath(path))
        return false;
    return QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

} // namespace utter
