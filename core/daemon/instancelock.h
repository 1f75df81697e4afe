#pragma once

#include "common/result.h"

#include <QString>

#include <memory>

class QLockFile;

namespace utter
{

// One serving instance per user: a QLockFile in the runtime folder (whose owner PID is checked, so a lock left
// by a crash is taken over) plus a pid file for supervisors and `utter --headless stop`.
class InstanceLock final
{
public:
    explicit InstanceLock(QString runtimeDir);
    ~InstanceLock();
    InstanceLock(const InstanceLock&) = delete;
    InstanceLock& operator=(const InstanceLock&) = delete;

    // ErrorCode::AlreadyRunning (message names the PID) when another live process holds it.
    Status acquire();
    void release();
    bool isHeld() const;

    QString lockPath() const;
    QString pidPath() const;

    // The PID in the pid file of a serving instance, or 0.
    static qint64 servingPid(const QString& runtimeDir);

private:
    QString m_runtimeDir;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace utter
