#include "utterprocess.h"

#include <QProcess>
#include <QTest>

namespace utter::test
{

QString utterBinary()
{
    return qEnvironmentVariable("UTTER_BINARY");
}

namespace
{

UtterRun run(const QStringList& args, const QProcessEnvironment& env, const QByteArray& stdinData, int timeoutMs,
             bool serving)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(utterBinary(), args);
    UtterRun result;
    if (!process.waitForStarted(timeoutMs))
        return result;
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    result.finished = serving ? QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, timeoutMs)
                              : process.waitForFinished(timeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished();
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace

UtterRun runUtter(const QStringList& args, const QProcessEnvironment& env, const QByteArray& stdinData, int timeoutMs)
{
    return run(args, env, stdinData, timeoutMs, false);
}

UtterRun runUtterServing(const QStringList& args, const QProcessEnvironment& env, const QByteArray& stdinData,
                         int timeoutMs)
{
    return run(args, env, stdinData, timeoutMs, true);
}

} // namespace utter::test
