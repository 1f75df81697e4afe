#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>

namespace utter::test
{

struct UtterRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool finished = false;

    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }
};

// The utter binary under test (UTTER_BINARY, set by utter_add_test).
QString utterBinary();

// Runs `utter ARGS` to completion with the given environment and stdin, within timeoutMs.
UtterRun runUtter(const QStringList& args, const QProcessEnvironment& env, const QByteArray& stdinData = {},
                  int timeoutMs = 30000);
// Same, but this thread's event loop keeps running meanwhile, so servers in the test process (the provider
// double) answer the child.
UtterRun runUtterServing(const QStringList& args, const QProcessEnvironment& env, const QByteArray& stdinData = {},
                         int timeoutMs = 30000);

} // namespace utter::test
