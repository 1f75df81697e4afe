#include "utterprocess.h"

#include <QProcess>

namespace utter::test
{

QString utterBinary()
{
    return qEnvironmentVariable("UTTER_BINARY");
}

UtterRun runUtter(const QStringList& args, const QProcessEnvironment& env, const QByteArray& stdinData, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(utterBinary(), args);
    UtterRun run;
    if (!process.waitForStarted(timeoutMs))
        return run;
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    run.finished = process.waitForFinished(timeoutMs);
    if (!run.finished) {
        process.kill();
        process.waitForFinished();
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace utter::test
