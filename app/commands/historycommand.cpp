#include "historycommand.h"

#include "appcontext.h"
#include "console.h"
#include "exitcode.h"
#include "history/historyexport.h"
#include "history/historystore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

constexpr int kDefaultLimit = 20;

QString fit(const QString& text, int width)
{
    if (text.size() <= width)
        return text.leftJustified(width);
    return text.left(width - 1) + u'…';
}

QString formatDuration(double seconds)
{
    const int total = qRound(seconds);
    if (total < 60)
        return u"%1s"_s.arg(total);
    return u"%1m%2s"_s.arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}

QString listLine(const HistoryEntry& e)
{
    QString firstLine = e.text().trimmed().section(u'\n', 0, 0).trimmed();
    if (firstLine.isEmpty() && !e.heldBack.isEmpty())
        firstLine = u"(nothing typed: everything was held back)"_s;
    if (firstLine.size() > 72)
        firstLine = firstLine.left(71) + u'…';
    return u"%1  %2  %3  %4  %5  %6"_s.arg(
        QString::number(e.id).rightJustified(5), e.timestamp.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s),
        fit(e.application.isEmpty() ? u"-"_s : e.application, 14), fit(e.style.isEmpty() ? u"-"_s : e.style, 10),
        formatDuration(e.durationSeconds).rightJustified(6), firstLine);
}

} // namespace

void HistoryCommand::describe(QCommandLineParser& parser) const
{
    parser.setApplicationDescription(
        u"Search and export past dictations (newest first).\n\n"
        "  history                 list the newest dictations\n"
        "  history search WORDS    dictations containing every word (each a prefix: \"meet tom\" finds\n"
        "                          \"meeting tomorrow\"); also matches the application name\n"
        "  history export          every dictation, oldest first, as JSON, CSV or Markdown\n"
        "  history delete ID       delete one dictation and its audio (ID from the first column)\n\n"
        "Examples: utter history search invoice --limit 5\n"
        "          utter history export --format csv --output dictations.csv"_s);
    parser.addPositionalArgument(u"action"_s, u"search, export or delete (default: list)"_s,
                                 u"[search WORDS...|export|delete ID]"_s);
    parser.addOption({u"limit"_s, u"Show at most N dictations (default 20; 0 = all)."_s, u"N"_s});
    parser.addOption({u"offset"_s, u"Skip the newest N matches (paging)."_s, u"N"_s});
    parser.addOption({u"json"_s, u"Print the entries as a JSON array."_s});
    parser.addOption({u"format"_s, u"Export format: json (default), csv or md."_s, u"FORMAT"_s});
    parser.addOption({u"output"_s, u"Write the export to FILE instead of stdout."_s, u"FILE"_s});
}

int HistoryCommand::run(const QCommandLineParser& parser, AppContext& context)
{
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    if (!action.isEmpty() && action != u"search"_s && action != u"export"_s && action != u"delete"_s) {
        console::err(
            u"utter history: \"%1\" is not an action; to search, use `utter history search %1`."_s.arg(action));
        return ExitUsage;
    }
    if (action == u"search"_s && positional.size() < 2) {
        console::err(u"utter history search: give the words to look for, e.g. `utter history search invoice`."_s);
        return ExitUsage;
    }
    if (action != u"export"_s && (parser.isSet(u"format"_s) || parser.isSet(u"output"_s))) {
        console::err(u"utter history: --format and --output belong to `utter history export`."_s);
        return ExitUsage;
    }
    if (action == u"export"_s && positional.size() > 1) {
        console::err(u"utter history export: takes no arguments besides --format and --output."_s);
        return ExitUsage;
    }
    Result<HistoryStore*> store = context.history();
    if (!store) {
        console::err(u"utter history: "_s + store.error().message);
        return ExitFailed;
    }
    if (action == u"export"_s)
        return exportAll(parser, *store.value());
    if (action == u"delete"_s)
        return remove(positional.mid(1), *store.value());
    return list(parser, *store.value(), positional.mid(1).join(u' '));
}

int HistoryCommand::list(const QCommandLineParser& parser, HistoryStore& store, const QString& query)
{
    bool ok = true;
    int limit = kDefaultLimit;
    if (parser.isSet(u"limit"_s))
        limit = parser.value(u"limit"_s).toInt(&ok);
    if (!ok || limit < 0) {
        console::err(u"utter history: --limit takes a whole number ≥ 0, e.g. --limit 50."_s);
        return ExitUsage;
    }
    int offset = 0;
    if (parser.isSet(u"offset"_s))
        offset = parser.value(u"offset"_s).toInt(&ok);
    if (!ok || offset < 0) {
        console::err(u"utter history: --offset takes a whole number ≥ 0."_s);
        return ExitUsage;
    }
    const int effectiveLimit = limit == 0 ? -1 : limit;
    const Result<QList<HistoryEntry>> entries =
        query.isEmpty() ? store.list(effectiveLimit, offset) : store.search(query, effectiveLimit, offset);
    if (!entries) {
        console::err(u"utter history: "_s + entries.error().message);
        return ExitFailed;
    }
    if (parser.isSet(u"json"_s)) {
        QJsonArray array;
        for (const HistoryEntry& e : entries.value())
            array.append(e.toJson());
        console::outRaw(QJsonDocument(array).toJson(QJsonDocument::Indented));
    } else {
        for (const HistoryEntry& e : entries.value()) {
            console::out(listLine(e));
            // What was held back, under its entry (docs/storage.md, "What Utter holds back").
            for (const QString& line : describeHeldBack(e.heldBack))
                console::out(u"       "_s + line);
        }
    }
    if (entries.value().isEmpty()) {
        if (!query.isEmpty())
            console::err(u"No dictation matches \"%1\"."_s.arg(query));
        else if (offset > 0)
            console::err(u"No dictations beyond the newest %1."_s.arg(offset));
        else
            console::err(u"The history is empty: no dictation has finished yet."_s);
        return ExitNothingToDo;
    }
    return ExitOk;
}

int HistoryCommand::exportAll(const QCommandLineParser& parser, HistoryStore& store)
{
    const QString formatName = parser.isSet(u"format"_s) ? parser.value(u"format"_s) : u"json"_s;
    const std::optional<ExportFormat> format = exportFormatFromName(formatName);
    if (!format) {
        console::err(u"utter history export: \"%1\" is not a format; use json, csv or md."_s.arg(formatName));
        return ExitUsage;
    }
    const Result<qint64> total = store.count();
    if (!total) {
        console::err(u"utter history export: "_s + total.error().message);
        return ExitFailed;
    }
    if (!parser.isSet(u"output"_s)) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly)) {
            console::err(u"utter history export: cannot write to stdout."_s);
            return ExitFailed;
        }
        if (Status s = exportHistory(store, out, *format); !s) {
            console::err(u"utter history export: "_s + s.error().message);
            return ExitFailed;
        }
        out.flush();
        return ExitOk;
    }
    // QSaveFile: the target appears complete or not at all, never half-written after a full disk.
    const QString path = parser.value(u"output"_s);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        console::err(
            u"utter history export: cannot write %1 (%2)."_s.arg(QDir::toNativeSeparators(path), file.errorString()));
        return ExitFailed;
    }
    if (Status s = exportHistory(store, file, *format); !s) {
        file.cancelWriting();
        console::err(u"utter history export: "_s + s.error().message);
        return ExitFailed;
    }
    if (!file.commit()) {
        console::err(u"utter history export: could not finish %1 (%2); nothing was written."_s.arg(
            QDir::toNativeSeparators(path), file.errorString()));
        return ExitFailed;
    }
    console::err(u"Exported %1 dictations to %2."_s.arg(total.value()).arg(QDir::toNativeSeparators(path)));
    return ExitOk;
}

int HistoryCommand::remove(const QStringList& args, HistoryStore& store)
{
    bool ok = false;
    const qint64 id = args.size() == 1 ? args.first().toLongLong(&ok) : 0;
    if (!ok || id <= 0) {
        console::err(u"utter history delete: give one ID from the first column of `utter history`."_s);
        return ExitUsage;
    }
    if (Status s = store.remove(id); !s) {
        console::err(u"utter history delete: "_s + s.error().message);
        return s.error().code == ErrorCode::NotFound ? ExitNothingToDo : ExitFailed;
    }
    console::out(u"Deleted dictation %1."_s.arg(id));
    return ExitOk;
}

} // namespace utter
