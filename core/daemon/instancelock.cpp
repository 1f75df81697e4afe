#include "instancelock.h"

#include "logging/logging.h"
#include "paths/locations.h"

#include <QCoreApplication>
#include <QFile>
#include <QLockFile>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

InstanceLock::InstanceLock(QString runtimeDir)
    : m_runtimeDir(std::move(runtimeDir))
{}

InstanceLock::~InstanceLock()
{
    release();
}

QString InstanceLock::lockPath() const
{
    return m_runtimeDir + u"/utter.lock"_s;
}

QString InstanceLock::pidPath() const
{
    return m_runtimeDir + u"/utter.pid"_s;
}

Status InstanceLock::acquire()
{
    if (!Locations::ensurePrivateDir(m_runtimeDir))
        return Error(ErrorCode::Io, u"Cannot create the runtime folder %1 (owner-only); check its parent's "
                                    "permissions or set UTTER_RUNTIME_DIR."_s.arg(m_runtimeDir));
    m_lock = std::make_unique<QLockFile>(lockPath());
    m_lock->setStaleLockTime(0); // stale only when its process is gone, never by age
    if (!m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host;
        QString app;
        const QLockFile::LockError error = m_lock->error();
        m_lock->getLockInfo(&pid, &host, &app);
        m_lock.reset();
        if (error == QLockFile::LockFailedError)
            return Error(ErrorCode::AlreadyRunning,
                         u"Utter is already serving for this user (pid %1); stop it with `utter --headless stop` or "
                         "talk to it with `utter status`."_s.arg(pid));
        return Error(ErrorCode::Io, u"Cannot create the lock file %1; check the runtime folder."_s.arg(lockPath()));
    }
    QSaveFile pidFile(pidPath());
    if (pidFile.open(QIODevice::WriteOnly)) {
        pidFile.write(QByteArray::number(QCoreApplication::applicationPid()) + '\n');
        if (!pidFile.commit())
            qCWarning(lcDaemon) << "cannot write the pid file" << pidPath();
    }
    return {};
}

void InstanceLock::release()
{
    if (!m_lock)
        return;
    QFile::remove(pidPath());
    m_lock->unlock();
    m_lock.reset();
}

bool InstanceLock::isHeld() const
{
    return m_lock && m_lock->isLocked();
}

qint64 InstanceLock::servingPid(const QString& runtimeDir)
{
    QFile file(runtimeDir + u"/utter.pid"_s);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readAll().trimmed().toLongLong();
}

} // namespace utter
