#pragma once

#include "common/result.h"
#include "historyentry.h"

#include <QIODevice>

#include <optional>

namespace utter
{

class HistoryStore;

enum class ExportFormat
{
    Json,     // an array of entry objects (the same fields as `utter history --json`)
    Csv,      // RFC 4180: header row, CRLF, fields quoted when they hold , " CR or LF, UTF-8 without BOM
    Markdown, // a heading per dictation with its text, readable as is
};

std::optional<ExportFormat> exportFormatFromName(const QString& name); // json, csv, md|markdown

// Streams entries to a device one at a time, so exporting 100 000 dictations needs no more memory than one.
class HistoryExporter final
{
public:
    HistoryExporter(QIODevice& out, ExportFormat format);
    void begin();
    void write(const HistoryEntry& entry);
    void end();
    int written() const { return m_count; }

    static QString csvField(const QString& value);
    static QString markdownText(const QString& text);

private:
    QIODevice& m_out;
    ExportFormat m_format;
    int m_count = 0;
};

// Every entry of the store, oldest first.
Status exportHistory(const HistoryStore& store, QIODevice& out, ExportFormat format);

} // namespace utter
