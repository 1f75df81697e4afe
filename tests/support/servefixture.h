#pragma once

#include "testenv.h"
#include "utterprocess.h"

#include <QElapsedTimer>
#include <QLocalSocket>
#include <QProcess>
#include <QTest>

#include <memory>

#ifdef Q_OS_UNIX
#include <signal.h>
#include <unistd.h>
#endif

namespace utter::test
{

// `utter --headless serve` as a child process of a test, in a private home.
class ServeProcess final
{
public:
    explicit ServeProcess(const TestHome& home, QProcessEnvironment env = {})
        : m_home(home)
        , m_env(env.isEmpty() ? home.environment() : env)
    {}
    ~ServeProcess() { kill(); }

    static QStringList rootArgs()
    {
#ifdef Q_OS_UNIX
        if (::geteuid() == 0)
            return {QStringLiteral("--allow-root")};
#endif
        return {};
    }

    // Starts serve and waits until its socket answers. extra: options after `serve`.
    bool start(const QStringList& extra = {}, int timeoutMs = 10000)
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessEnvironment(m_env);
        m_process->start(utterBinary(),
                         QStringList{QStringLiteral("--headless"), QStringLiteral("serve")} + rootArgs() + extra);
        if (!m_process->waitForStarted(timeoutMs))
            return false;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (m_process->state() != QProcess::Running)
                return false;
            QLocalSocket probe;
            probe.connectToServer(socketPath());
            if (probe.waitForConnected(100))
                return true;
            QTest::qWait(20);
        }
        return false;
    }

    QString socketPath() const
    {
        return m_home.runtimeDir() + QStringLiteral("/utter.sock");
    }
    QProcess* process() const
    {
        return m_process.get();
    }
    qint64 pid() const
    {
        return m_process ? m_process->processId() : 0;
    }

    void signal(int number)
    {
#ifdef Q_OS_UNIX
        if (m_process && m_process->state() == QProcess::Running)
            ::kill(pid_t(pid()), number);
#else
        Q_UNUSED(number);
        m_process->terminate();
#endif
    }

    bool waitForExit(int timeoutMs)
    {
        return m_process->waitForFinished(timeoutMs);
    }

    QByteArray stderrText()
    {
        if (m_process)
            m_err += m_process->readAllStandardError();
        return m_err;
    }

    void kill()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }

private:
    const TestHome& m_home;
    QProcessEnvironment m_env;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_err;
};

} // namespace utter::test
