#include "atomicfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>

#ifdef Q_OS_WIN
#include <io.h>
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace utter::atomicfile
{

namespace
{

Error ioError(const QString& what, const QString& path, const QString& cause)
{
    return Error(ErrorCode::Io, u"Could not %1 %2 (%3); check that the folder exists, is writable and the disk "
                                "has free space."_s.arg(what, QDir::toNativeSeparators(path), cause));
}

#ifndef Q_OS_WIN
// The file's data and size on stable storage. fdatasync skips the timestamps nobody needs after a crash;
// macOS's fsync leaves data in the drive cache, F_FULLFSYNC does not.
int syncFileData(int fd)
{
#if defined(Q_OS_MACOS)
    if (::fcntl(fd, F_FULLFSYNC) == 0)
        return 0;
    return ::fsync(fd);
#elif defined(Q_OS_LINUX)
    return ::fdatasync(fd);
#else
    return ::fsync(fd);
#endif
}

Status writeAllAndSync(int fd, const QByteArray& content, const QString& path)
{
    const char* data = content.constData();
    qsizetype left = content.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, static_cast<size_t>(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ioError(u"write"_s, path, describeOsError(errno));
        }
        data += n;
        left -= n;
    }
    if (syncFileData(fd) != 0)
        return ioError(u"flush"_s, path, describeOsError(errno));
    return {};
}
#endif

} // namespace

QString describeOsError(int err)
{
    if (err == ENOSPC)
        return u"the disk is full"_s;
    if (err == EACCES || err == EPERM)
        return u"permission denied"_s;
    if (err == EROFS)
        return u"the file system is read-only"_s;
#ifdef EDQUOT
    if (err == EDQUOT)
        return u"the disk quota is exhausted"_s;
#endif
    return QString::fromLocal8Bit(std::strerror(err));
}

QString tempPathFor(const QString& path)
{
    return path + tempSuffix;
}

Status writeTemp(const QString& path, const QByteArray& content)
{
    const QString temp = tempPathFor(path);
#ifdef Q_OS_WIN
    QFile file(temp);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return ioError(u"create"_s, temp, file.errorString());
    if (file.write(content) != content.size() || !file.flush())
        return ioError(u"write"_s, temp, file.errorString());
    // QFile::handle() is a C runtime descriptor on Windows too; FlushFileBuffers wants the HANDLE behind it.
    if (!FlushFileBuffers(reinterpret_cast<HANDLE>(_get_osfhandle(file.handle()))))
        return ioError(u"flush"_s, temp, u"error %1"_s.arg(GetLastError())); // QFile knows nothing of this failure
    return {};
#else
    const QByteArray native = QFile::encodeName(temp);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return ioError(u"create"_s, temp, describeOsError(errno));
    Status written = writeAllAndSync(fd, content, temp);
    if (::close(fd) != 0 && written.ok())
        written = ioError(u"close"_s, temp, describeOsError(errno));
    if (!written.ok())
        ::unlink(native.constData()); // never leave half a file behind
    return written;
#endif
}

AppendFile::AppendFile(QString path)
    : m_path(std::move(path))
    , m_file(m_path)
{}

AppendFile::~AppendFile() = default;

Status AppendFile::append(QByteArrayView bytes)
{
    if (!m_file.isOpen() && !m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered))
        return ioError(u"create"_s, m_path, m_file.errorString());
    if (m_file.write(bytes.data(), bytes.size()) != bytes.size())
        return ioError(u"write"_s, m_path, m_file.errorString());
    m_size += bytes.size();
    return {};
}

Status AppendFile::sync()
{
    if (!m_file.isOpen())
        return {};
#ifdef Q_OS_WIN
    if (!m_file.flush() || !FlushFileBuffers(reinterpret_cast<HANDLE>(_get_osfhandle(m_file.handle()))))
        return ioError(u"flush"_s, m_path, m_file.errorString());
#else
    if (!m_file.flush() || syncFileData(m_file.handle()) != 0)
        return ioError(u"flush"_s, m_path, describeOsError(errno));
#endif
    if (!m_named) {
        if (Status s = syncDirectory(QFileInfo(m_path).absolutePath()); !s)
            return s;
        m_named = true;
    }
    return {};
}

void AppendFile::remove()
{
    if (m_file.isOpen())
        m_file.close();
    QFile::remove(m_path);
    m_size = 0;
    m_named = false;
}

Status commitTemp(const QString& path, bool syncFolder)
{
    const QString temp = tempPathFor(path);
#ifdef Q_OS_WIN
    Q_UNUSED(syncFolder); // MOVEFILE_WRITE_THROUGH already waits for the rename to reach the disk
    if (!MoveFileExW(reinterpret_cast<LPCWSTR>(temp.utf16()), reinterpret_cast<LPCWSTR>(path.utf16()),
                     MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
        return ioError(u"replace"_s, path, u"error %1"_s.arg(GetLastError()));
    return {};
#else
    if (::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData()) != 0)
        return ioError(u"replace"_s, path, describeOsError(errno));
    return syncFolder ? syncDirectory(QFileInfo(path).absolutePath()) : Status();
#endif
}

Status writeFile(const QString& path, const QByteArray& content, bool syncFolder)
{
    if (Status s = writeTemp(path, content); !s)
        return s;
    Status committed = commitTemp(path, syncFolder);
    if (!committed)
        QFile::remove(tempPathFor(path));
    return committed;
}

Status syncDirectory(const QString& dirPath)
{
#ifdef Q_OS_WIN
    Q_UNUSED(dirPath);
    return {};
#else
    const int fd = ::open(QFile::encodeName(dirPath).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return ioError(u"open the folder"_s, dirPath, describeOsError(errno));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    // Some file systems (e.g. certain network mounts) refuse fsync on directories: that is not a failure of ours.
    if (rc != 0 && err != EINVAL && err != ENOTSUP)
        return ioError(u"flush the folder"_s, dirPath, describeOsError(err));
    return {};
#endif
}

Status moveFile(const QString& from, const QString& to)
{
#ifndef Q_OS_WIN
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0) {
        if (Status s = syncDirectory(QFileInfo(to).absolutePath()); !s)
            return s;
        return syncDirectory(QFileInfo(from).absolutePath());
    }
    if (errno != EXDEV)
        return ioError(u"move a file to"_s, to, describeOsError(errno));
#endif
    QFile source(from);
    if (!source.open(QIODevice::ReadOnly))
        return ioError(u"read"_s, from, source.errorString());
    if (Status s = writeFile(to, source.readAll()); !s)
        return s;
    source.close();
    if (!QFile::remove(from))
        return ioError(u"remove"_s, from, u"permission denied"_s);
    return {};
}

Status removeTree(const QString& dirPath)
{
    QDir dir(dirPath);
    if (!dir.exists())
        return {};
    if (!dir.removeRecursively())
        return ioError(u"remove"_s, dirPath, u"some files could not be deleted"_s);
    return syncDirectory(QFileInfo(dirPath).absolutePath());
}

} // namespace utter::atomicfile
