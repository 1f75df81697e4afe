#include "rotatingfile.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

RotatingFile::RotatingFile(QString path, qint64 maxBytes, int keepFiles)
    : m_path(std::move(path))
    , m_maxBytes(maxBytes)
    , m_keepFiles(keepFiles)
{}

bool RotatingFile::openIfNeeded()
{
    if (m_file.isOpen())
        return true;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    m_file.setFileName(m_path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append))
        return false;
    m_file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return true;
}

void RotatingFile::rotate()
{
    m_file.close();
    QFile::remove(m_path + u'.' + QString::number(m_keepFiles));
    for (int i = m_keepFiles - 1; i >= 1; --i)
        QFile::rename(m_path + u'.' + QString::number(i), m_path + u'.' + QString::number(i + 1));
    QFile::rename(m_path, m_path + u".1"_s);
}

bool RotatingFile::append(const QByteArray& line)
{
    if (!openIfNeeded())
        return false;
    if (m_file.size() > 0 && m_file.size() + line.size() > m_maxBytes) {
        rotate();
        if (!openIfNeeded())
            return false;
    }
    const bool written = m_file.write(line) == line.size();
    m_file.flush();
    return written;
}

} // namespace utter
