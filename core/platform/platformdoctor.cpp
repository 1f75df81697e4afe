#include "platformdoctor.h"

#include "appstyles.h"
#include "platformfactory.h"
#include "settings/settings.h"

#include <QGuiApplication>

#if defined(UTTER_WITH_WAYLAND)
#include "linux/wayland/portaloutput.h"
#endif

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

QString fixForOutputError(const QString& method, const Error& error, const DesktopSession& session)
{
    const QString& message = error.message;
    if (method == u"x11-paste"_s || method == u"wayland-paste"_s)
        if (message.contains(u"desktop app"_s))
            return u"nothing to do: the running desktop app or `utter serve` does the paste"_s;
#if defined(UTTER_WITH_WAYLAND)
    if (method == u"portal"_s)
        return PortalOutput::fixFor(error, session.compositor);
#else
    Q_UNUSED(session)
#endif
    // The probe messages already say what to install or grant; repeat their instruction.
    return message;
}

DoctorCheck makeCheck(const QString& section, const QString& name, CheckStatus status, const QString& detail,
                      const QString& fix)
{
    DoctorCheck check;
    check.section = section;
    check.name = name;
    check.status = status;
    check.detail = detail;
    check.fix = fix;
    return check;
}

} // namespace

PlatformDoctor::PlatformDoctor(HotkeyConfig hotkeys, OutputConfig output, QStringList appStyleRules)
    : m_hotkeys(std::move(hotkeys))
    , m_output(std::move(output))
    , m_appStyles(std::move(appStyleRules))
{}

std::unique_ptr<PlatformDoctor> PlatformDoctor::fromSettings(const Settings& settings)
{
    return std::make_unique<PlatformDoctor>(HotkeyConfig::fromSettings(settings), OutputConfig::fromSettings(settings),
                                            settings.stringListValue(SettingKey::TransformAppStyles));
}

void PlatformDoctor::run(QObject* context, std::function<void(QList<DoctorCheck>)> done)
{
    std::shared_ptr<FocusProbe> focus = PlatformFactory::createFocusProbe(PlatformFactory::currentSession());
    focus->request(context, [focus, checks = checks(), done = std::move(done)](const TargetApp& app) mutable {
        const bool known = app.appId != u"unknown"_s;
        checks.append(makeCheck(
            u"output"_s, u"focused app"_s, known ? CheckStatus::Ok : CheckStatus::Warn,
            known ? u"%1%2 (via %3)"_s.arg(app.appId, app.isTerminal ? u", a terminal"_s : QString(), focus->name())
                  : u"this desktop does not tell which application has focus"_s,
            known ? QString() : u"per-application styles fall back to the default style here"_s));
        done(checks);
    });
}

void PlatformDoctor::setRunningHotkey(const GlobalHotkeys* backend, QString key, QString error)
{
    m_running = RunningHotkey{backend, std::move(key), std::move(error)};
}

DoctorCheck PlatformDoctor::runningHotkeyCheck(const RunningHotkey& running) const
{
    if (running.key.isEmpty())
        return makeCheck(u"hotkeys"_s, u"global hotkey"_s, CheckStatus::Warn, u"no dictation key is set"_s,
                         u"utter config set hotkey/dictate Ctrl+Alt+Space"_s);
    if (!running.backend)
        return makeCheck(u"hotkeys"_s, u"global hotkey"_s, CheckStatus::Warn,
                         u"Utter cannot grab keys itself here: "_s + running.error,
                         PlatformFactory::bindingAdvice(PlatformFactory::currentSession()));
    if (!running.error.isEmpty())
        return makeCheck(u"hotkeys"_s, u"global hotkey"_s, CheckStatus::Fail, running.error,
                         u"utter config set hotkey/dictate F9   (or free the key in the other application)"_s);
    return makeCheck(u"hotkeys"_s, u"global hotkey"_s, CheckStatus::Ok,
                     u"%1 is held by this Utter through %2 (press and release: %3)"_s.arg(
                         running.key, running.backend->backendName(),
                         running.backend->supportsRelease() ? u"yes, push-to-talk works"_s : u"press only"_s),
                     QString());
}

QList<DoctorCheck> PlatformDoctor::checks() const
{
    QList<DoctorCheck> checks;
    const DesktopSession session = PlatformFactory::currentSession();
    checks.append(makeCheck(
        u"desktop"_s, u"session"_s, session.kind == DesktopSession::None ? CheckStatus::Warn : CheckStatus::Ok,
        session.describe() + (session.xwayland ? u" — running through XWayland"_s : QString()),
        session.kind == DesktopSession::None
            ? u"run Utter inside your desktop session (DISPLAY or WAYLAND_DISPLAY), or drive a headless "
              "service with `utter begin`/`utter end`"_s
            : QString()));

    // --- hotkeys
    const HotkeyConfig& hotkeys = m_hotkeys;
    if (!hotkeys.dictate.ok()) {
        checks.append(makeCheck(u"hotkeys"_s, u"dictation key"_s, CheckStatus::Fail,
                                u"\"%1\": %2"_s.arg(hotkeys.dictateText, hotkeys.dictate.error().message),
                                u"utter config set hotkey/dictate Ctrl+Alt+Space"_s));
    }
    if (hotkeys.cancel && !hotkeys.cancel->ok()) {
        checks.append(makeCheck(u"hotkeys"_s, u"cancel key"_s, CheckStatus::Fail,
                                u"\"%1\": %2"_s.arg(hotkeys.cancelText, hotkeys.cancel->error().message),
                                u"utter config set hotkey/cancel Ctrl+Alt+Escape"_s));
    }
    QString whyNot;
    std::unique_ptr<GlobalHotkeys> backend = m_running ? nullptr : PlatformFactory::createHotkeys(session, &whyNot);
    if (m_running) {
        checks.append(runningHotkeyCheck(*m_running));
    } else if (!backend) {
        checks.append(makeCheck(u"hotkeys"_s, u"global hotkey"_s, CheckStatus::Warn,
                                u"Utter cannot grab keys itself here: "_s + whyNot,
                                PlatformFactory::bindingAdvice(session)));
    } else if (hotkeys.dictate.ok()) {
        // Really grab and let go: this is what fails when another app holds the key.
        const Status grabbed = backend->registerHotkey(u"doctor"_s, *hotkeys.dictate);
        if (grabbed.ok()) {
            backend->unregisterHotkey(u"doctor"_s);
            checks.append(makeCheck(u"hotkeys"_s, u"global hotkey"_s, CheckStatus::Ok,
                                    u"%1 can be grabbed through %2 (press and release: %3)"_s.arg(
                                        hotkeys.dictate->toString(), backend->backendName(),
                                        backend->supportsRelease() ? u"yes, push-to-talk works"_s : u"press only"_s),
                                    QString()));
        } else {
            checks.append(makeCheck(
                u"hotkeys"_s, u"global hotkey"_s, CheckStatus::Fail,
                grabbed.error().message + u" (if Utter itself is running, it holds the key — then this is fine)"_s,
                u"utter config set hotkey/dictate F9   (or free the key in the other application)"_s));
        }
    }
    if (session.kind == DesktopSession::Wayland) {
        checks.append(makeCheck(u"hotkeys"_s, u"compositor binding"_s, CheckStatus::Ok,
                                u"usable everywhere on Wayland: a key bound in the compositor runs the CLI"_s,
                                PlatformFactory::bindingAdvice(session)));
    }

    // --- output
    const OutputConfig& output = m_output;
    const QStringList names = expandOutputMethods(output.methods, session);
    if (names.isEmpty()) {
        checks.append(makeCheck(u"output"_s, u"methods"_s, CheckStatus::Fail,
                                u"no output method for "_s + session.describe(),
                                u"`utter last` and the clipboard still give you the text"_s));
    }
    int working = 0;
    for (const QString& name : names) {
        std::unique_ptr<TextOutput> method = PlatformFactory::createOutput(name, session);
        if (!method) {
            checks.append(makeCheck(u"output"_s, name, CheckStatus::Fail, u"unknown or not built in this version"_s,
                                    u"utter config set output/methods auto   (known: %1)"_s.arg(
                                        PlatformFactory::knownOutputMethods().join(u", "_s))));
            continue;
        }
        const Status probe = method->probe();
        if (probe.ok())
            ++working;
        // A clipboard method probed from a short-lived CLI process (no display connection of its own) is not a
        // failure: the running app or service does the paste.
        const bool needsApp = !probe.ok() && probe.error().message.contains(u"desktop app"_s);
        checks.append(makeCheck(u"output"_s, name,
                                probe.ok() ? CheckStatus::Ok : (needsApp ? CheckStatus::Skip : CheckStatus::Fail),
                                probe.ok() ? u"available"_s : probe.error().message,
                                probe.ok() ? QString() : fixForOutputError(name, probe.error(), session)));
    }
    if (!names.isEmpty() && working == 0) {
        checks.append(
            makeCheck(u"output"_s, u"chain"_s, CheckStatus::Fail,
                      u"no output method works; dictated text would only reach the clipboard and `utter last`"_s,
                      u"fix one of the methods above"_s));
    }
    checks.append(
        makeCheck(u"output"_s, u"options"_s, CheckStatus::Ok,
                  u"restore clipboard: %1, press Enter: %2"_s.arg(output.options.restoreClipboard ? u"yes"_s : u"no"_s,
                                                                  output.options.pressEnter ? u"yes"_s : u"no"_s),
                  QString()));

    // --- per-app styles (the focused application is run()'s: it asks the compositor without waiting)
    const AppStyleRules rules(m_appStyles);
    if (!rules.invalidRules().isEmpty()) {
        checks.append(makeCheck(
            u"output"_s, u"app styles"_s, CheckStatus::Fail, u"cannot read: "_s + rules.invalidRules().join(u", "_s),
            u"write each rule as appid=style, e.g. utter config set transform/appStyles \"Slack=casual\""_s));
    }
    return checks;
}

} // namespace utter
