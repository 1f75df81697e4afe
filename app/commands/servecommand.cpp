#include "servecommand.h"

#include "appcontext.h"
#include "console.h"
#include "daemon/daemon.h"
#include "exitcode.h"
#include "history/historystore.h"
#include "ipc/jsonrpc.h"
#include "pipeline/desktopintegration.h"
#include "pipeline/dictationservice.h"
#include "providers/clock.h"
#include "providers/httpclient.h"
#include "providers/providerconfig.h"
#include "providers/style.h"
#include "providers/transformer.h"
#include "settings/settings.h"
#include "settings/settingsfilewatcher.h"

#include <QJsonArray>

#include <QCoreApplication>
#include <QGuiApplication>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

void ServeCommand::describe(QCommandLineParser& parser) const
{
    parser.setApplicationDescription(
        u"Run the dictation service in the foreground, without windows: the JSON-RPC control socket for\n"
        "`utter toggle|begin|end|cancel|status` and scripts, and the HTTP API when asked for. This is what\n"
        "systemd, launchd, the Windows logon task or zinit runs; `utter --headless start` sets that up.\n"
        "Stops cleanly on SIGTERM/SIGINT (or `utter --headless stop`) within 10 seconds."_s);
    parser.addOption({u"listen"_s,
                      u"Also serve the HTTP API (OpenAI-compatible transcriptions, WebSocket streaming) on HOST:PORT, "
                      "e.g. 127.0.0.1:8765. Default: the http/enabled and http/listen settings."_s,
                      u"HOST:PORT"_s});
    parser.addOption({u"allow-remote"_s,
                      u"Permit a --listen address other machines can reach (a bearer token is always required)."_s});
    parser.addOption({u"allow-root"_s, u"Run even as root (containers only)."_s});
}

namespace
{

// transform.text: the style provider, built on first use from a snapshot of the settings.
struct StyleService
{
    SystemClock clock;
    HttpClient http;
    std::unique_ptr<Transformer> transformer;
    StyleLibrary styles;
};

} // namespace

int ServeCommand::run(const QCommandLineParser& parser, AppContext& context)
{
    // A service logs its decisions to stderr (journald, zinit's ring) as well as to the JSON-lines file.
    context.setUpLogging(!qEnvironmentVariableIsEmpty("UTTER_VERBOSE"), false);

    DaemonServices services;
    services.locations = context.locations();
    services.settings = &context.settings();
    services.secrets = &context.secrets();
    // history.search / history.last read the same SQLite history the `utter history` and `utter last` verbs
    // use; it is opened on first use, and a failure to open is the call's error.
    services.historySearch = [&context](const QJsonObject& params, const IpcResponder& responder) {
        const Result<HistoryStore*> store = context.history();
        if (!store.ok()) {
            responder.fail(store.error());
            return;
        }
        const int limit = qBound(1, params.value(u"limit"_s).toInt(20), 500);
        const QString query = params.value(u"query"_s).toString();
        const Result<QList<HistoryEntry>> found =
            query.isEmpty() ? store.value()->list(limit) : store.value()->search(query, limit);
        if (!found.ok()) {
            responder.fail(found.error());
            return;
        }
        QJsonArray entries;
        for (const HistoryEntry& entry : found.value())
            entries.append(entry.toJson());
        responder.reply(QJsonObject{{u"entries"_s, entries}});
    };
    std::unique_ptr<StyleService> styleService;
    services.transformText = [&context, &styleService](const QJsonObject& params, const IpcResponder& responder) {
        const QString text = params.value(u"text"_s).toString();
        if (text.trimmed().isEmpty()) {
            responder.fail(jsonrpc::InvalidParams, u"Pass {\"text\": \"...\", \"style\": \"name\"}."_s);
            return;
        }
        if (!styleService) {
            styleService = std::make_unique<StyleService>();
            styleService->transformer = std::make_unique<Transformer>(
                TransformerConfig::fromSettings(context.settings(), context.secrets(), context.locations().stylesDir()),
                styleService->http, styleService->clock);
            styleService->styles = StyleLibrary::load(context.locations().stylesDir());
        }
        const QString name =
            params.value(u"style"_s).toString(context.settings().stringValue(SettingKey::GeneralStyle));
        const std::optional<Style> style = styleService->styles.find(name);
        if (!style) {
            responder.fail(jsonrpc::InvalidParams, u"Unknown style \"%1\"; known styles: %2."_s.arg(
                                                       name, styleService->styles.names().join(u", "_s)));
            return;
        }
        styleService->transformer->transform(
            text, *style, styleService->transformer.get(),
            [responder](const QString& delta) {
                responder.notify(u"transform.delta"_s, {{u"delta"_s, delta}});
            },
            [responder](const TransformResult& result) {
                QJsonObject reply{{u"text"_s, result.text},
                                  {u"raw"_s, result.rawText},
                                  {u"style"_s, result.style},
                                  {u"transformed"_s, result.transformed}};
                if (!result.notice.isEmpty())
                    reply.insert(u"notice"_s, result.notice);
                if (result.error)
                    reply.insert(u"error"_s, errorCodeName(result.error->code));
                responder.reply(reply);
            });
    };
    services.lastResult = [&context](const QJsonObject&, const IpcResponder& responder) {
        const Result<HistoryStore*> store = context.history();
        if (!store.ok()) {
            responder.fail(store.error());
            return;
        }
        const Result<std::optional<HistoryEntry>> latest = store.value()->latest();
        if (!latest.ok())
            responder.fail(latest.error());
        else
            responder.reply(latest.value() ? QJsonValue(latest.value()->toJson()) : QJsonValue());
    };

    // The dictation service; it touches the journal only in start(), once this process holds the instance lock.
    const Result<HistoryStore*> history = context.history();
    if (!history.ok())
        console::err(u"utter --headless serve: "_s + history.error().message +
                     u" Dictations stay in the journal until the history can be opened."_s);
    DictationService dictation(context.locations(), context.settings(), context.secrets(),
                               history.ok() ? history.value() : nullptr);
    services.dictation = &dictation;

    DaemonOptions options;
    options.allowRoot = parser.isSet(u"allow-root"_s);
    options.allowRemote = parser.isSet(u"allow-remote"_s);
    options.listen = parser.value(u"listen"_s);

    Daemon daemon(std::move(services), std::move(options));
    if (const Status started = daemon.start(); !started.ok()) {
        console::err(u"utter --headless serve: "_s + started.error().message);
        return ExitFailed;
    }
    (void)dictation.start();
    // With a display (a QGuiApplication), hotkeys and text output work as in the desktop app.
    std::unique_ptr<DesktopIntegration> desktop;
    if (qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        desktop = std::make_unique<DesktopIntegration>(dictation, context.settings());
    // `utter config set` (another process) and hand edits reach the running service.
    SettingsFileWatcher settingsWatcher(context.settings());
    QObject::connect(&daemon, &Daemon::finished, QCoreApplication::instance(),
                     [](int code) { QCoreApplication::exit(code); });
    return QCoreApplication::exec();
}

} // namespace utter
