#pragma once

#include "common/result.h"

#include <QList>
#include <QSettings>
#include <QString>

#include <functional>

namespace utter
{

// One step that moves a settings file from one schema version to the next.
struct SettingsMigration
{
    int fromVersion;
    int toVersion;
    QString description;
    std::function<void(QSettings&)> apply;
};

// Moves a settings file to the current schema, the hal0 way: a dry run by default, --apply backs the file up
// first, --rollback restores the newest backup.
class SettingsMigrator final
{
public:
    explicit SettingsMigrator(QString filePath, QList<SettingsMigration> migrations = builtinMigrations(),
                              int targetVersion = -1);

    static QList<SettingsMigration> builtinMigrations();

    int fileVersion() const;
    // The steps apply() would run, in order; empty when the file is current.
    QList<SettingsMigration> plan() const;
    // Runs the plan after copying the file to <file>.bak-v<N>; returns the backup path.
    Result<QString> apply();
    // Restores the newest backup; returns its path.
    Result<QString> rollback();
    QStringList backups() const;

private:
    QString m_filePath;
    QList<SettingsMigration> m_migrations;
    int m_targetVersion;
};

} // namespace utter
