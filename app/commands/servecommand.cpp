#include "servecommand.h"

#include "appcontext.h"
#include "console.h"
#include "exitcode.h"
#include "service/servicehost.h"

#include <QCoreApplication>

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

int ServeCommand::run(const QCommandLineParser& parser, AppContext& context)
{
    // A service logs its decisions to stderr (journald, zinit's ring) as well as to the JSON-lines file.
    context.setUpLogging(!qEnvironmentVariableIsEmpty("UTTER_VERBOSE"), false);

    DaemonOptions options;
    options.allowRoot = parser.isSet(u"allow-root"_s);
    options.allowRemote = parser.isSet(u"allow-remote"_s);
    options.listen = parser.value(u"listen"_s);

    // The same service as the desktop app's (ServiceHost); serve attaches nothing of its own beyond the options.
    ServiceHost host(context.serviceParts(), std::move(options));
    if (const Status started = host.start(); !started.ok()) {
        console::err(u"utter --headless serve: "_s + started.error().message);
        return ExitFailed;
    }
    QObject::connect(&host, &ServiceHost::finished, QCoreApplication::instance(),
                     [](int code) { QCoreApplication::exit(code); });
    return QCoreApplication::exec();
}

} // namespace utter
