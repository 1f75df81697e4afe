#pragma once

#include <QDir>
#include <QFile>
#include <QString>

#ifdef Q_OS_LINUX
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#endif

namespace utter::test
{

// A small tmpfs mounted for the test's lifetime.
class SmallTmpfs final
{
public:
    explicit SmallTmpfs(const QString& path, const QByteArray& size = "1m")
        : m_path(path)
        , m_options("size=" + size + ",mode=0700")
    {
#ifdef Q_OS_LINUX
        QDir().mkpath(path);
        if (::mount("tmpfs", QFile::encodeName(path).constData(), "tmpfs", 0, m_options.constData()) == 0)
            m_mounted = true;
        else
            m_error = QString::fromLocal8Bit(std::strerror(errno));
#else
        m_error = u"tmpfs is Linux-only"_s;
#endif
    }
    ~SmallTmpfs()
    {
#ifdef Q_OS_LINUX
        if (m_mounted)
            ::umount2(QFile::encodeName(m_path).constData(), MNT_DETACH);
#endif
    }
    SmallTmpfs(const SmallTmpfs&) = delete;
    SmallTmpfs& operator=(const SmallTmpfs&) = delete;

    bool mounted() const
    {
        return m_mounted;
    }
    QString error() const
    {
        return m_error;
    }
    bool remount(bool readOnly)
    {
#ifdef Q_OS_LINUX
        const unsigned long flags = readOnly ? (MS_REMOUNT | MS_RDONLY) : static_cast<unsigned long>(MS_REMOUNT);
        return ::mount("tmpfs", QFile::encodeName(m_path).constData(), "tmpfs", flags, m_options.constData()) == 0;
#else
        Q_UNUSED(readOnly);
        return false;
#endif
    }

private:
    QString m_path;
    QByteArray m_options;
    bool m_mounted = false;
    QString m_error;
};

} // namespace utter::test
