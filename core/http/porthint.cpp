#include "porthint.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

QString describePortHolder(quint16 port)
{
    QString program;
    QStringList arguments;
#if defined(Q_OS_LINUX)
    program = QStandardPaths::findExecutable(u"ss"_s);
    arguments = {u"-H"_s, u"-ltnp"_s, u"sport = :%1"_s.arg(port)};
#elif defined(Q_OS_MACOS)
    program = QStandardPaths::findExecutable(u"lsof"_s);
    arguments = {u"-nP"_s, u"-iTCP:%1"_s.arg(port), u"-sTCP:LISTEN"_s};
#elif defined(Q_OS_WIN)
    program = QStandardPaths::findExecutable(u"netstat"_s);
    arguments = {u"-ano"_s, u"-p"_s, u"TCP"_s};
#endif
    if (program.isEmpty())
        return {};
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(2000))
        return {};
    const QString output = QString::fromLocal8Bit(process.readAllStandardOutput());
#if defined(Q_OS_LINUX)
    // users:(("python3",pid=1234,fd=3))
    static const QRegularExpression users(u"users:\\(\\(\"([^\"]+)\",pid=(\\d+)"_s);
    const QRegularExpressionMatch match = users.match(output);
    if (match.hasMatch())
        return u"%1 (pid %2)"_s.arg(match.captured(1), match.captured(2));
    return output.trimmed().isEmpty() ? QString() : u"another process (run `ss -ltnp` as root to see which)"_s;
#else
    const QStringList lines = output.split(u'\n');
    for (const QString& line : lines) {
        if (line.contains(u":%1 "_s.arg(port)) && (line.contains(u"LISTEN"_s)))
            return line.simplified();
    }
    return {};
#endif
}

} // namespace utter
