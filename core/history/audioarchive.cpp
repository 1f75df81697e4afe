#include "audioarchive.h"

#include "journal/atomicfile.h"
#include "paths/locations.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

AudioArchive::AudioArchive(QString directory)
    : m_dir(QDir::cleanPath(directory))
{}

QString AudioArchive::sessionPath(const QString& sessionId) const
{
    return m_dir + u'/' + sessionId;
}

Status AudioArchive::moveIn(const QString& sessionId, const QStringList& files)
{
    if (files.isEmpty())
        return {};
    const QString target = sessionPath(sessionId);
    if (!Locations::ensurePrivateDir(m_dir) || !Locations::ensurePrivateDir(target))
        return Error(ErrorCode::Io, u"Could not create the audio archive folder %1; check its permissions and "
                                    "free disk space."_s.arg(QDir::toNativeSeparators(target)));
    for (const QString& file : files) {
        if (!QFileInfo::exists(file))
            continue; // moved by an earlier, interrupted attempt
        if (Status s = atomicfile::moveFile(file, target + u'/' + QFileInfo(file).fileName()); !s)
            return s;
    }
    return {};
}

bool AudioArchive::contains(const QString& path) const
{
    if (path.isEmpty())
        return false;
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    return clean.startsWith(m_dir + u'/') && !clean.contains(u"/../"_s);
}

Status AudioArchive::remove(const QString& path)
{
    if (!contains(path))
        return Error(ErrorCode::InvalidArgument, u"Refusing to delete %1: it is not inside the audio archive."_s.arg(
                                                     QDir::toNativeSeparators(path)));
    const QFileInfo info(path);
    if (!info.exists())
        return {};
    if (info.isDir())
        return atomicfile::removeTree(path);
    if (!QFile::remove(path))
        return Error(ErrorCode::Io,
                     u"Could not delete %1; check its permissions."_s.arg(QDir::toNativeSeparators(path)));
    return {};
}

} // namespace utter
