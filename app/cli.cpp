#include "cli.h"

#include "appcontext.h"
#include "commands/verbs.h"
#include "common/version.h"
#include "console.h"
#include "exitcode.h"
#include "service/servicehost.h"

#ifdef UTTER_HAVE_UI
#include "desktopapp.h"
#include "settings/settings.h"
#include "theme.h"
#include "uilanguage.h"

#include <QApplication>
#endif

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QGuiApplication>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

void nameApplication()
{
    QCoreApplication::setApplicationName(u"utter"_s);
    QCoreApplication::setOrganizationName(u"utter"_s);
    QCoreApplication::setApplicationVersion(utterVersion());
}

bool hasDisplay()
{
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
    return true;
#else
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#endif
}

QString closestVerb(const QString& typed)
{
    QString best;
    int bestScore = 3; // suggest only close matches
    for (const Verb& verb : verbs()) {
        // Levenshtein distance, small strings only.
        const QString& a = typed;
        const QString& b = verb.name;
        QList<int> previous(b.size() + 1);
        for (int j = 0; j <= b.size(); ++j)
            previous[j] = j;
        for (int i = 1; i <= a.size(); ++i) {
            QList<int> current(b.size() + 1);
            current[0] = i;
            for (int j = 1; j <= b.size(); ++j)
                current[j] = std::min(
                    {previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a.at(i - 1) == b.at(j - 1) ? 0 : 1)});
            previous = current;
        }
        if (previous[b.size()] < bestScore) {
            bestScore = previous[b.size()];
            best = verb.name;
        }
    }
    return best;
}

} // namespace

Cli::Cli(int& argc, char** argv)
    : m_argc(argc)
    , m_argv(argv)
{
    for (int i = 1; i < argc; ++i)
        m_args << QString::fromLocal8Bit(argv[i]);
}

void Cli::printHelp(bool headless) const
{
    QString text = u"Utter %1 — hold a key, speak, and the words land where you type.\n\n"_s.arg(utterVersion());
    text += u"Usage:\n  utter                       start the desktop app (tray, overlay, hotkeys)\n"
            "  utter VERB [options]        talk to the running instance or do one job\n"
            "  utter --headless VERB       run or manage the background service\n\n"_s;
    const auto section = [&](bool lifecycle) {
        for (const Verb& verb : verbs()) {
            if (verb.headless != lifecycle)
                continue;
            QString line = u"  "_s + (lifecycle ? u"--headless "_s : QString()) + verb.name;
            line = line.leftJustified(24, u' ') + u' ' + verb.summary;
            text += line + u'\n';
        }
    };
    text += u"Verbs:\n"_s;
    if (!headless)
        section(false);
    text += u"\nService lifecycle:\n"_s;
    section(true);
    text += u"\nGlobal options:\n"
            "  --headless      service and lifecycle mode (no windows)\n"
            "  --verbose       debug logging on stderr (also QT_LOGGING_RULES=\"utter.*.debug=true\")\n"
            "  --version       print the version of Utter, Qt and libopus\n"
            "  --help          this text; `utter VERB --help` describes one verb\n\n"
            "Exit codes: 0 ok, 1 failed, 2 usage, 3 no running instance, 4 provider or authentication error,\n"
            "5 nothing to do.\n"_s;
    console::outRaw(text.toUtf8());
}

int Cli::exec()
{
    bool headless = false;
    bool verbose = false;
    qsizetype index = 0;
    for (; index < m_args.size(); ++index) {
        const QString& arg = m_args.at(index);
        if (arg == u"--headless"_s) {
            headless = true;
        } else if (arg == u"--verbose"_s || arg == u"-v"_s) {
            verbose = true;
        } else if (arg == u"--version"_s || arg == u"-V"_s) {
            console::out(u"utter "_s + utterVersion());
            console::out(libraryVersions());
            return ExitOk;
        } else if (arg == u"--help"_s || arg == u"-h"_s || arg == u"help"_s) {
            printHelp(false);
            return ExitOk;
        } else if (arg.startsWith(u'-')) {
            console::err(u"utter: unknown option %1; see `utter --help`."_s.arg(arg));
            return ExitUsage;
        } else {
            break;
        }
    }
    if (verbose)
        qputenv("UTTER_VERBOSE", "1");
    if (index >= m_args.size()) {
        if (headless) {
            console::err(u"utter --headless: say what to do, e.g. `utter --headless serve`; see `utter --help`."_s);
            return ExitUsage;
        }
        return runDesktop();
    }
    return runVerb(m_args.at(index), headless, m_args.mid(index + 1));
}

int Cli::runDesktop()
{
#ifdef UTTER_HAVE_UI
    if (!hasDisplay()) {
        console::err(u"utter: no display found (DISPLAY and WAYLAND_DISPLAY are unset). On a server, run the "
                     "service with `utter --headless serve` and drive it with `utter toggle`, `utter status` or its "
                     "HTTP API; see `utter --help`."_s);
        return ExitUsage;
    }
    return runDesktopApp();
#else
    console::err(u"utter: this is a headless build without the desktop app. Run `utter --headless serve` and "
                 "drive it with the command-line verbs; see `utter --help`."_s);
    return ExitUsage;
#endif
}

#ifdef UTTER_HAVE_UI
int Cli::runDesktopApp()
{
    QApplication app(m_argc, m_argv);
    nameApplication();
    QGuiApplication::setDesktopFileName(appId()); // dev.utter.Utter: portals, notifications, Wayland app id
    AppContext context(Locations::fromEnvironment());
    context.setUpLogging(!qEnvironmentVariableIsEmpty("UTTER_VERBOSE"), false);
    ui::installTranslations(context.settings().stringValue(SettingKey::GeneralUiLanguage), &app);
    ui::applyColorScheme(app, ui::preferredColorScheme(QApplication::palette()));

    DaemonOptions options;
    // The root refusal protects a background service; a desktop session run as root is the user's own choice.
    options.allowRoot = true;
    // The same service as `utter --headless serve` (ServiceHost); the desktop app attaches its widgets to it.
    ServiceHost host(context.serviceParts(), std::move(options));
    ui::DesktopApp desktop(host);
    if (const Status started = desktop.start(); !started.ok()) {
        if (started.error().code != ErrorCode::AlreadyRunning) {
            console::err(u"utter: "_s + started.error().message);
            return ExitFailed;
        }
        // Single instance: the running one shows its settings instead.
        const Status raised = ui::DesktopApp::raiseRunningInstance(context.locations(), u"settings"_s);
        if (!raised.ok()) {
            console::err(u"utter: "_s + raised.error().message);
            return ExitFailed;
        }
        console::out(u"Utter is already running; its settings window is now shown."_s);
        return ExitOk;
    }
    QObject::connect(&desktop, &ui::DesktopApp::finished, &app, [](int code) { QCoreApplication::exit(code); });
    return QApplication::exec();
}
#endif

int Cli::runVerb(const QString& verbName, bool headless, const QStringList& verbArgs)
{
    const Verb* verb = findVerb(verbName, headless);
    if (!verb) {
        if (findVerb(verbName, !headless)) {
            console::err(headless ? u"utter: \"%1\" is not a --headless verb; run `utter %1`."_s.arg(verbName)
                                  : u"utter: \"%1\" manages the service; run `utter --headless %1`."_s.arg(verbName));
            return ExitUsage;
        }
        QString message = u"utter: unknown verb \"%1\"."_s.arg(verbName);
        const QString suggestion = closestVerb(verbName);
        if (!suggestion.isEmpty())
            message += u" Did you mean `utter %1`?"_s.arg(suggestion);
        console::err(message + u" See `utter --help`."_s);
        return ExitUsage;
    }

    const QString fullName = (headless ? u"--headless "_s : QString()) + verb->name;
    std::unique_ptr<Command> command = verb->create();
    std::unique_ptr<QCoreApplication> app;
    if (command->application() == Command::Application::GuiWhenDisplay && hasDisplay()) {
#if !defined(Q_OS_WIN) && !defined(Q_OS_MACOS)
        // A daemon must survive a stale DISPLAY (a unit started before the session exported it): fall back to the
        // offscreen platform instead of aborting when the display cannot be opened.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM",
                    qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ? "xcb;offscreen" : "wayland;xcb;offscreen");
#endif
        app = std::make_unique<QGuiApplication>(m_argc, m_argv);
    } else {
        app = std::make_unique<QCoreApplication>(m_argc, m_argv);
    }
    nameApplication();
    AppContext context(Locations::fromEnvironment());
    context.setUpLogging(!qEnvironmentVariableIsEmpty("UTTER_VERBOSE"), true);

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Describe this verb."_s);
    parser.addOption(help);
    command->describe(parser);
    if (!parser.parse(QStringList{u"utter"_s} + verbArgs)) {
        QString hint;
        for (const QString& arg : verbArgs) {
            bool isNumber = false;
            arg.toDouble(&isNumber);
            if (isNumber && arg.startsWith(u'-'))
                hint = u" (put -- before a negative number: `utter %1 ... -- %2`)"_s.arg(fullName, arg);
        }
        console::err(u"utter %1: %2%3; see `utter %1 --help`."_s.arg(fullName, parser.errorText(), hint));
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        const qsizetype usageEnd = text.indexOf(u'\n');
        const QString usageLine = text.left(usageEnd);
        text.replace(0, usageEnd, u"Usage: utter "_s + fullName + u' ' + usageLine.section(u' ', 2));
        console::outRaw(text.toUtf8());
        return ExitOk;
    }
    return command->run(parser, context);
}

} // namespace utter
