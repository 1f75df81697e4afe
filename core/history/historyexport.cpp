#include "historyexport.h"

#include "historystore.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

QString seconds(double value)
{
    return QString::number(value, 'f', 2);
}

} // namespace

std::optional<ExportFormat> exportFormatFromName(const QString& name)
{
    const QString lower = name.toLower();
    if (lower == u"json"_s)
        return ExportFormat::Json;
    if (lower == u"csv"_s)
        return ExportFormat::Csv;
    if (lower == u"md"_s || lower == u"markdown"_s)
        return ExportFormat::Markdown;
    return std::nullopt;
}

HistoryExporter::HistoryExporter(QIODevice& out, ExportFormat format)
    : m_out(out)
    , m_format(format)
{}

QString HistoryExporter::csvField(const QString& value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n') && !value.contains(u'\r'))
        return value;
    QString quoted = value;
    quoted.replace(u'"', u"\"\""_s);
    return u'"' + quoted + u'"';
}

QString HistoryExporter::markdownText(const QString& text)
{
    // Keep the words as spoken, but stop them from turning into markup: escape inline markers and anything at
    // the start of a line that would begin a heading, quote, list, table or HTML block.
    QStringList lines = text.split(u'\n');
    for (QString& line : lines) {
        QString escaped;
        escaped.reserve(line.size());
        for (const QChar c : std::as_const(line)) {
            if (QStringView(u"\\`*_[]<>|").contains(c))
                escaped += u'\\';
            escaped += c;
        }
        const QString trimmed = escaped.trimmed();
        if (!trimmed.isEmpty() && QStringView(u"#+-=~").contains(trimmed.front()))
            escaped.insert(escaped.indexOf(trimmed.front()), u'\\');
        // "1. item" would become a numbered list.
        static const QRegularExpression ordered(u"^(\\s*\\d+)([.)])"_s);
        if (const QRegularExpressionMatch m = ordered.match(escaped); m.hasMatch())
            escaped.insert(m.capturedStart(2), u'\\');
        line = escaped;
    }
    return lines.join(u"  \n"_s); // a hard line break keeps dictated line breaks
}

void HistoryExporter::begin()
{
    switch (m_format) {
    case ExportFormat::Json:
        m_out.write("[");
        break;
    case ExportFormat::Csv:
        m_out.write("id,timestamp,duration_s,spoken_s,billed_s,provider,endpoint,style,application,language,"
                    "raw_text,styled_text,audio_path,session_id\r\n");
        break;
    case ExportFormat::Markdown:
        m_out.write("# Utter history\n");
        break;
    }
}

void HistoryExporter::write(const HistoryEntry& e)
{
    switch (m_format) {
    case ExportFormat::Json:
        m_out.write(m_count == 0 ? "\n" : ",\n");
        m_out.write(QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact));
        break;
    case ExportFormat::Csv: {
        const QStringList fields{QString::number(e.id),      e.timestamp.toUTC().toString(Qt::ISODateWithMs),
                                 seconds(e.durationSeconds), seconds(e.spokenSeconds),
                                 seconds(e.billedSeconds),   csvField(e.provider),
                                 csvField(e.endpoint),       csvField(e.style),
                                 csvField(e.application),    csvField(e.language),
                                 csvField(e.rawText),        csvField(e.styledText),
                                 csvField(e.audioPath),      csvField(e.sessionId)};
        m_out.write((fields.join(u',') + u"\r\n"_s).toUtf8());
        break;
    }
    case ExportFormat::Markdown: {
        QStringList facts{e.timestamp.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)};
        if (!e.application.isEmpty())
            facts << markdownText(e.application);
        if (!e.style.isEmpty())
            facts << u"style "_s + markdownText(e.style);
        facts << seconds(e.durationSeconds) + u" s"_s;
        QString block = u"\n## "_s + facts.join(u" · "_s) + u"\n\n"_s + markdownText(e.text()) + u'\n';
        if (!e.styledText.isEmpty() && e.styledText != e.rawText)
            block +=
                u"\n<details><summary>Raw transcript</summary>\n\n"_s + markdownText(e.rawText) + u"\n\n</details>\n"_s;
        m_out.write(block.toUtf8());
        break;
    }
    }
    ++m_count;
}

void HistoryExporter::end()
{
    if (m_format == ExportFormat::Json)
        m_out.write(m_count == 0 ? "]\n" : "\n]\n");
}

Status exportHistory(const HistoryStore& store, QIODevice& out, ExportFormat format)
{
    HistoryExporter exporter(out, format);
    exporter.begin();
    if (Status s = store.forEach([&exporter](const HistoryEntry& entry) { exporter.write(entry); }); !s)
        return s;
    exporter.end();
    return {};
}

} // namespace utter
