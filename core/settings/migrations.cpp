#include "migrations.h"

#include "configcheck.h"
#include "settingsschema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

SettingsMigrator::SettingsMigrator(QString filePath, QList<SettingsMigration> migrations, int targetVersion)
    : m_filePath(std::move(filePath))
    , m_migrations(std::move(migrations))
    , m_targetVersion(targetVersion < 0 ? CurrentSchemaVersion : targetVersion)
{}

QList<SettingsMigration> SettingsMigrator::builtinMigrations()
{
    return {
        {0, 1, u"stamp the schema version on a file written before versioning (or by hand)"_s,
         [](QSettings& file) { file.setValue(SchemaVersionName, 1); }},
    };
}

int SettingsMigrator::fileVersion() const
{
    return ConfigCheck::inspect(m_filePath).schemaVersion;
}

QList<SettingsMigration> SettingsMigrator::plan() const
{
    QList<SettingsMigration> steps;
    if (!QFileInfo::exists(m_filePath))
        return steps;
    int version = fileVersion();
    while (version < m_targetVersion) {
        const auto next = std::find_if(m_migrations.cbegin(), m_migrations.cend(),
                                       [version](const SettingsMigration& m) { return m.fromVersion == version; });
        if (next == m_migrations.cend())
            break;
        steps.append(*next);
        version = next->toVersion;
    }
    return steps;
}

QStringList SettingsMigrator::backups() const
{
    const QFileInfo info(m_filePath);
    QDir dir = info.absoluteDir();
    QStringList names = dir.entryList({info.fileName() + u".bak-v*"_s}, QDir::Files, QDir::Time);
    for (QString& name : names)
        name = dir.filePath(name);
    return names; // newest first
}

Result<QString> SettingsMigrator::apply()
{
    const QList<SettingsMigration> steps = plan();
    if (steps.isEmpty())
        return Error(ErrorCode::NotFound,
                     u"Nothing to migrate: %1 is already at schema version %2."_s.arg(m_filePath).arg(fileVersion()));
    const QString backup = m_filePath + u".bak-v"_s + QString::number(steps.first().fromVersion);
    QFile::remove(backup);
    if (!QFile::copy(m_filePath, backup))
        return Error(ErrorCode::Io, u"Cannot back up %1 to %2; nothing was changed."_s.arg(m_filePath, backup));
    QFile::setPermissions(backup, QFile::ReadOwner | QFile::WriteOwner);
    {
        QSettings file(m_filePath, QSettings::IniFormat);
        for (const SettingsMigration& step : steps) {
            step.apply(file);
            file.setValue(SchemaVersionName, step.toVersion);
        }
        file.sync();
        if (file.status() != QSettings::NoError) {
            QFile::remove(m_filePath);
            QFile::copy(backup, m_filePath);
            return Error(ErrorCode::Io, u"Cannot write %1; the original was restored."_s.arg(m_filePath));
        }
    }
    return backup;
}

Result<QString> SettingsMigrator::rollback()
{
    const QStringList available = backups();
    if (available.isEmpty())
        return Error(ErrorCode::NotFound, u"No backup of %1 to roll back to."_s.arg(m_filePath));
    const QString newest = available.first();
    QFile::remove(m_filePath);
    if (!QFile::copy(newest, m_filePath))
        return Error(ErrorCode::Io, u"Cannot restore %1 from %2."_s.arg(m_filePath, newest));
    return newest;
}

} // namespace utter
