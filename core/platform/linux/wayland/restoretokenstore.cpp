#include "restoretokenstore.h"

#include "paths/locations.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

RestoreTokenStore::RestoreTokenStore(QString filePath)
    : m_filePath(std::move(filePath))
{}

bool RestoreTokenStore::isValidToken(const QString& token)
{
    if (token.size() != 36)
        return false;
    for (qsizetype i = 0; i < token.size(); ++i) {
        const char16_t c = token.at(i).unicode();
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != u'-')
                return false;
        } else if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F'))) {
            return false;
        }
    }
    return true;
}

QString RestoreTokenStore::load() const
{
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString token = QString::fromUtf8(file.read(128)).trimmed();
    return isValidToken(token) ? token : QString();
}

Status RestoreTokenStore::save(const QString& token) const
{
    if (token.isEmpty())
        return clear();
    if (!isValidToken(token))
        return Error(ErrorCode::InvalidArgument, u"not a portal restore token: \"%1\""_s.arg(token.left(40)));
    if (!Locations::ensurePrivateDir(QFileInfo(m_filePath).absolutePath()))
        return Error(ErrorCode::Io, u"cannot create %1"_s.arg(QFileInfo(m_filePath).absolutePath()));
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io, u"cannot write %1: %2"_s.arg(m_filePath, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(token.toUtf8() + '\n');
    if (!file.commit())
        return Error(ErrorCode::Io, u"cannot write %1: %2"_s.arg(m_filePath, file.errorString()));
    return {};
}

Status RestoreTokenStore::clear() const
{
    if (QFile::exists(m_filePath) && !QFile::remove(m_filePath))
        return Error(ErrorCode::Io, u"cannot remove %1"_s.arg(m_filePath));
    return {};
}

} // namespace utter
