#include "lastcommand.h"

#include "appcontext.h"
#include "console.h"
#include "exitcode.h"
#include "history/historystore.h"
#include "journal/journal.h"

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

namespace
{

// A dictation newer than the newest history entry that is not in history yet (still recording, transcribing,
// waiting for the provider, or transcribed while the disk refused the history): one sentence saying so, or empty.
QString unrecordedNewerDictation(const QString& journalDir, const std::optional<HistoryEntry>& newest)
{
    Journal journal(journalDir, Journal::Mode::ReadOnly);
    if (!journal.open().ok())
        return {};
    const QList<SessionStatus> statuses = journal.statuses();
    for (auto it = statuses.crbegin(); it != statuses.crend(); ++it) { // newest first
        const SessionStatus& status = *it;
        if (newest && (status.meta.id == newest->sessionId || status.meta.startedAt <= newest->timestamp))
            break;
        QString state;
        if (!status.meta.sealed) {
            state = u"it is still being recorded"_s;
        } else if (status.complete()) {
            state = u"it is transcribed but history could not store it yet (it is saved as soon as the disk "
                    "allows)"_s;
        } else if (status.dead > 0) {
            state = u"it needs you — see `utter status`"_s;
        } else {
            state = u"it is still being transcribed"_s;
            for (const ChunkJob& job : journal.jobs(status.meta.id)) {
                if (job.state == JobState::Failed && !job.reason.isEmpty()) {
                    state = u"it waits for the provider (%1)"_s.arg(job.reason);
                    break;
                }
            }
        }
        return u"the newest dictation (started %1) is not in history yet: %2. `utter history --limit 2` lists the "
               "ones before it."_s.arg(status.meta.startedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s), state);
    }
    return {};
}

} // namespace

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
        const QString newer = unrecordedNewerDictation(context.locations().journalDir(), std::nullopt);
        console::err(newer.isEmpty()
                         ? u"The history is empty: no dictation has finished yet (or history/retention is \"none\")."_s
                         : u"utter last: "_s + newer);
        return ExitNothingToDo;
    }
    const HistoryEntry& entry = *latest.value();
    if (const QString newer = unrecordedNewerDictation(context.locations().journalDir(), entry); !newer.isEmpty()) {
        // Printing the entry before it would pass an older text off as the newest one.
        console::err(u"utter last: "_s + newer);
        return ExitNothingToDo;
    }
    if (parser.isSet(u"json"_s)) {
        console::outRaw(QJsonDocument(entry.toJson()).toJson(QJsonDocument::Indented));
        return ExitOk;
    }
    console::out(parser.isSet(u"raw"_s) ? entry.rawText : entry.text());
    // What was held back, on stderr: stdout stays the text (docs/storage.md, "What Utter holds back").
    for (const QString& line : describeHeldBack(entry.heldBack))
        console::err(u"utter last: "_s + line);
    return ExitOk;
}

} // namespace utter
