#include "fuzzsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace utter::fuzz
{

void ensureApplication()
{
    if (QCoreApplication::instance())
        return;
    static int argc = 1;
    static char name[] = "utter-fuzz";
    static char* argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
}

QString writeScratchFile(const QByteArray& bytes, const QString& suffix)
{
    static QTemporaryDir dir;
    if (!dir.isValid())
        fail("cannot create a temporary folder");
    const QString path = dir.filePath(QStringLiteral("input") + suffix);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        fail("cannot write the scratch file");
    return path;
}

void fail(const char* what, const QByteArray& detail)
{
    std::fprintf(stderr, "fuzz property failed: %s\n%.*s\n", what, static_cast<int>(detail.size()), detail.constData());
    std::abort();
}

std::pair<QByteArray, QByteArray> splitOnce(const QByteArray& input, const QByteArray& separator)
{
    const qsizetype at = input.indexOf(separator);
    if (at < 0)
        return {input, {}};
    return {input.left(at), input.mid(at + separator.size())};
}

} // namespace utter::fuzz
