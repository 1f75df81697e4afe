#include "lastcommand.h"

#include "appcontext.h"
#include "console.h"
#include "exitcode.h"
#include "history/historystore.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

void LastCommand::describe(QCommandLineParser& parser) const
{
    parser.setApplicationDescription(
        u"Print the newest dictation from the history: the styled text when a style ran, else the raw\n"
        "transcript. A dictation finished late (after an outage) counts as newest when it arrives.\n\n"
        "Example: utter last | wl-copy"_s);
    parser.addOption({u"raw"_s, u"Print the raw transcript, before any style."_s});
    parser.addOption({u"json"_s, u"Print the whole entry as JSON."_s});
}

int LastCommand::run(const QCommandLineParser& parser, AppContext& context)
{
    if (!parser.positionalArguments().isEmpty()) {
        console::err(u"utter last: takes no arguments; see `utter last --help`."_s);
        return ExitUsage;
    }
    Result<HistoryStore*> store = context.history();
    if (!store) {
        console::err(u"utter last: "_s + store.error().message);
        return ExitFailed;
    }
    const Result<std::optional<HistoryEntry>> latest = store.value()->latest();
    if (!latest) {
        console::err(u"utter last: "_s + latest.error().message);
        return ExitFailed;
    }
    if (!latest.value()) {
        console::err(u"The history is empty: no dictation has finished yet (or history/retention is \"none\")."_s);
        return ExitNothingToDo;
    }
    const HistoryEntry& entry = *latest.value();
    if (parser.isSet(u"json"_s)) {
        console::outRaw(QJsonDocument(entry.toJson()).toJson(QJsonDocument::Indented));
        return ExitOk;
    }
    console::out(parser.isSet(u"raw"_s) ? entry.rawText : entry.text());
    return ExitOk;
}

} // namespace utter
