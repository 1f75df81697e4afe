#include "filesecretbackend.h"

#include "paths/locations.h"

#include <QFile>
#include <QFileInfo>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

FileSecretBackend::FileSecretBackend(QString path)
    : m_path(std::move(path))
{}

QString FileSecretBackend::description() const
{
    return u"file %1"_s.arg(m_path);
}

Result<std::optional<QString>> FileSecretBackend::read(const QString& name)
{
    if (!QFileInfo::exists(m_path))
        return std::optional<QString>();
    QSettings file(m_path, QSettings::IniFormat);
    const QString key = u"keys/"_s + name;
    if (!file.contains(key))
        return std::optional<QString>();
    return std::optional<QString>(file.value(key).toString());
}

Status FileSecretBackend::write(const QString& name, const QString& value)
{
    if (!Locations::ensurePrivateDir(QFileInfo(m_path).absolutePath()))
        return Error(ErrorCode::Io, u"Cannot create the folder for %1."_s.arg(m_path));
    // Create the file with owner-only permissions before any secret is written into it.
    if (!QFileInfo::exists(m_path)) {
        QFile create(m_path);
        if (!create.open(QIODevice::WriteOnly))
            return Error(ErrorCode::Io, u"Cannot create %1: %2."_s.arg(m_path, create.errorString()));
        create.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
    QSettings file(m_path, QSettings::IniFormat);
    file.setValue(u"keys/"_s + name, value);
    file.sync();
    if (file.status() != QSettings::NoError)
        return Error(ErrorCode::Io, u"Cannot write %1: check its permissions and free disk space."_s.arg(m_path));
    QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
    return {};
}

Status FileSecretBackend::remove(const QString& name)
{
    if (!QFileInfo::exists(m_path))
        return {};
    QSettings file(m_path, QSettings::IniFormat);
    file.remove(u"keys/"_s + name);
    file.sync();
    if (file.status() != QSettings::NoError)
        return Error(ErrorCode::Io, u"Cannot write %1."_s.arg(m_path));
    return {};
}

QStringList FileSecretBackend::names() const
{
    if (!QFileInfo::exists(m_path))
        return {};
    QSettings file(m_path, QSettings::IniFormat);
    file.beginGroup(u"keys"_s);
    return file.childKeys();
}

} // namespace utter
