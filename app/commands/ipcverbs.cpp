#include "ipcverbs.h"

#include "appcontext.h"
#include "console.h"
#include "exitcode.h"
#include "ipc/ipcclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

int exitCodeFor(const Error& error)
{
    switch (error.code) {
    case ErrorCode::NotRunning:
        return ExitNotRunning;
    case ErrorCode::AuthFailed:
    case ErrorCode::OutOfCredit:
    case ErrorCode::RateLimited:
    case ErrorCode::ProviderError:
    case ErrorCode::SlotLoading:
    case ErrorCode::Network:
        return ExitProvider;
    case ErrorCode::NoSpeech:
        return ExitNothingToDo;
    case ErrorCode::InvalidArgument:
        return ExitUsage;
    default:
        return ExitFailed;
    }
}

namespace
{

QString compactJson(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString humanStatus(const QJsonObject& status)
{
    QString text = status.value(u"state"_s).toString();
    if (status.contains(u"reason"_s))
        text += u" — "_s + status.value(u"reason"_s).toString();
    if (status.contains(u"session"_s) && !status.value(u"session"_s).toString().isEmpty())
        text += u" (session "_s + status.value(u"session"_s).toString() + u')';
    return text;
}

} // namespace

ControlCommand::ControlCommand(QString action)
    : m_action(std::move(action))
{}

void ControlCommand::describe(QCommandLineParser& parser) const
{
    static const QHash<QString, QString> help{
        {u"toggle"_s, u"Start a dictation, or end the current one and deliver its text."_s},
        {u"begin"_s, u"Start a dictation (bind to a key press for push-to-talk)."_s},
        {u"end"_s, u"End the dictation and deliver its text (bind to the key release)."_s},
        {u"cancel"_s, u"Discard the current dictation."_s},
    };
    parser.setApplicationDescription(
        help.value(m_action) +
        u"\nTalks to the running instance (`utter` or `utter --headless serve`); exits 3 when none runs."_s);
    parser.addOption({u"json"_s, u"Print the resulting status as JSON."_s});
}

int ControlCommand::run(const QCommandLineParser& parser, AppContext& context)
{
    IpcClient client(ipcEndpointName(context.locations()));
    if (const Status connected = client.connectToServer(); !connected.ok()) {
        console::err(u"utter %1: "_s.arg(m_action) + connected.error().message);
        return ExitNotRunning;
    }
    const Result<QJsonValue> result = client.call(u"dictation."_s + m_action);
    if (!result.ok()) {
        console::err(u"utter %1: "_s.arg(m_action) + result.error().message);
        return exitCodeFor(result.error());
    }
    const QJsonObject status = result.value().toObject();
    console::out(parser.isSet(u"json"_s) ? compactJson(status) : humanStatus(status));
    return ExitOk;
}

void StatusCommand::describe(QCommandLineParser& parser) const
{
    parser.setApplicationDescription(
        u"The state of the running instance: idle, listening, finishing, transforming, delivering, queued or\n"
        "error. Exit code 0 when an instance answers, 3 when none runs.\n\n"
        "--follow prints one JSON object per line for every event (status.changed, transcript.partial,\n"
        "transcript.final, transform.delta, job.changed, error) until the instance stops — e.g. for Waybar."_s);
    parser.addOption({u"json"_s, u"Print the status as one JSON object."_s});
    parser.addOption({u"follow"_s, u"Stream events as JSON lines."_s});
    parser.addOption({{u"q"_s, u"quiet"_s}, u"Print nothing; only the exit code."_s});
}

int StatusCommand::run(const QCommandLineParser& parser, AppContext& context)
{
    const bool quiet = parser.isSet(u"quiet"_s);
    IpcClient client(ipcEndpointName(context.locations()));
    if (const Status connected = client.connectToServer(); !connected.ok()) {
        if (!quiet)
            console::err(u"utter status: "_s + connected.error().message);
        return ExitNotRunning;
    }
    const bool follow = parser.isSet(u"follow"_s);
    const Result<QJsonValue> result = client.call(follow ? u"status.subscribe"_s : u"status.get"_s);
    if (!result.ok()) {
        if (!quiet)
            console::err(u"utter status: "_s + result.error().message);
        return exitCodeFor(result.error());
    }
    const QJsonObject status = result.value().toObject();
    if (quiet)
        return ExitOk;
    if (follow) {
        QJsonObject first = status;
        first.insert(u"event"_s, u"status"_s);
        console::out(compactJson(first));
        while (true) {
            const std::optional<jsonrpc::Message> event = client.nextNotification(-1);
            if (!event)
                return client.isConnected() ? ExitOk : ExitNotRunning;
            QJsonObject line = event->params.toObject();
            line.insert(u"event"_s, event->method);
            console::out(compactJson(line));
            if (event->method == u"service.stopping"_s)
                return ExitOk;
        }
    }
    if (parser.isSet(u"json"_s)) {
        console::out(compactJson(status));
        return ExitOk;
    }
    console::out(u"state: "_s + humanStatus(status));
    console::out(u"service: utter %1, pid %2, up %3 s%4"_s.arg(status.value(u"version"_s).toString())
                     .arg(status.value(u"pid"_s).toInteger())
                     .arg(qint64(status.value(u"uptimeMs"_s).toDouble() / 1000))
                     .arg(status.value(u"http"_s).isString() ? u", HTTP on "_s + status.value(u"http"_s).toString()
                                                             : QString()));
    // What waits, and why: a user must always see what is pending.
    const QJsonArray jobs = status.value(u"jobs"_s).toArray();
    if (!jobs.isEmpty()) {
        console::out(u"waiting: %1 chunk(s) to transcribe, %2 needing you"_s.arg(status.value(u"pendingJobs"_s).toInt())
                         .arg(status.value(u"deadJobs"_s).toInt()));
        for (const QJsonValue& value : jobs) {
            const QJsonObject job = value.toObject();
            QString line = u"  %1 #%2 %3"_s.arg(job.value(u"session"_s).toString())
                               .arg(job.value(u"sequence"_s).toInt())
                               .arg(job.value(u"state"_s).toString());
            if (job.contains(u"retryAt"_s))
                line += u", next try "_s + job.value(u"retryAt"_s).toString();
            if (job.contains(u"reason"_s))
                line += u": "_s + job.value(u"reason"_s).toString();
            console::out(line);
        }
    }
    if (status.contains(u"lastError"_s))
        console::out(u"last error: "_s + status.value(u"lastError"_s).toObject().value(u"message"_s).toString());
    return ExitOk;
}

} // namespace utter
