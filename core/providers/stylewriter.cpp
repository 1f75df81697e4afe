#include "stylewriter.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
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

QString StyleWriter::nameProblem(const QString& name)
{
    static const QRegularExpression validName(u"^[A-Za-z0-9][A-Za-z0-9_.-]*$"_s);
    if (name.isEmpty())
        return u"The style needs a name."_s;
    if (!validName.match(name).hasMatch())
        return u"Use letters, digits, \"-\", \"_\" and \".\" only, starting with a letter or digit."_s;
    if (name.size() > 64)
        return u"Use at most 64 characters."_s;
    return {};
}

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
    if (const QString problem = nameProblem(style.name); !problem.isEmpty())
        return Error(ErrorCode::InvalidArgument, problem);
    if (style.temperature && !(*style.temperature >= 0 && *style.temperature <= 2))
        return Error(ErrorCode::InvalidArgument, u"The temperature must be a number from 0 to 2."_s);
    if (style.timeout && (style.timeout->count() <= 0 || style.timeout->count() > 600 * 1000))
        return Error(ErrorCode::InvalidArgument, u"The timeout must be more than 0 and at most 600 seconds."_s);
    if (style.minimumWords && *style.minimumWords < 0)
        return Error(ErrorCode::InvalidArgument, u"The minimum number of words cannot be negative."_s);
    if (style.systemPrompt.trimmed().isEmpty())
        return Error(ErrorCode::InvalidArgument, u"The style needs a prompt; without one it works like raw."_s);
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
    if (const QString problem = nameProblem(name); !problem.isEmpty())
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
