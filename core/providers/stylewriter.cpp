#include "stylewriter.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

// One line, quoted so that surrounding spaces and quotes survive the parser's trimming and unquoting.
QString quoted(QString value)
{
    value.replace(u'\r', u' ').replace(u'\n', u' ');
    return u'"' + value + u'"';
}

QString number(double value)
{
    return QString::number(value, 'g', 12);
}

} // namespace

QString StyleWriter::filePath(const QString& dir, const QString& name)
{
    return QDir(dir).filePath(name + u".md"_s);
}

QString StyleWriter::toMarkdown(const Style& style)
{
    QString text = u"---\n"_s;
    if (!style.description.isEmpty())
        text += u"description: "_s + quoted(style.description) + u'\n';
    if (!style.model.trimmed().isEmpty())
        text += u"model: "_s + quoted(style.model.trimmed()) + u'\n';
    if (style.temperature)
        text += u"temperature: "_s + number(*style.temperature) + u'\n';
    if (style.timeout)
        text += u"timeout: "_s + number(double(style.timeout->count()) / 1000.0) + u"s\n"_s;
    if (style.minimumWords)
        text += u"min-words: "_s + QString::number(*style.minimumWords) + u'\n';
    text += u"---\n"_s + style.systemPrompt.trimmed() + u'\n';
    return text;
}

Result<QString> StyleWriter::save(const QString& dir, const Style& style)
{
    if (const QList<StyleIssue> issues = validateStyle(style); !issues.isEmpty())
        return Error(ErrorCode::InvalidArgument, issues.constFirst().message);
    if (!QDir().mkpath(dir))
        return Error(ErrorCode::Io, u"Cannot create the styles folder %1."_s.arg(QDir::toNativeSeparators(dir)));
    const QString path = filePath(dir, style.name);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io, u"Cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString()));
    const QByteArray bytes = toMarkdown(style).toUtf8();
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Error(ErrorCode::Io, u"Cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString()));
    return path;
}

Status StyleWriter::remove(const QString& dir, const QString& name)
{
    if (const QString problem = styleNameProblem(name); !problem.isEmpty())
        return Error(ErrorCode::InvalidArgument, problem);
    const QString path = filePath(dir, name);
    QFile file(path);
    if (!file.exists())
        return Error(ErrorCode::NotFound, u"There is no style file %1."_s.arg(QDir::toNativeSeparators(path)));
    if (!file.remove())
        return Error(ErrorCode::Io, u"Cannot delete %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

} // namespace utter
