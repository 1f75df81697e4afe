#include "platformdoctor.h"

#include "appstyles.h"
#include "platformfactory.h"
#include "settings/settings.h"

#include <QGuiApplication>
#include <QPointer>

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

// One output method's check from its probe (nullopt: the method is unknown or not built).
DoctorCheck outputCheck(const QString& name, const std::optional<Status>& probe, const DesktopSession& session)
{
    if (!probe) {
        return makeCheck(u"output"_s, name, CheckStatus::Fail, u"unknown or not built in this version"_s,
                         u"utter config set output/methods auto   (known: %1)"_s.arg(
                             PlatformFactory::knownOutputMethods().join(u", "_s)));
    }
    if (probe->ok())
        return makeCheck(u"output"_s, name, CheckStatus::Ok, u"available"_s, QString());
    const Error& error = probe->error();
    // A method that did not answer in time may work on the next try: a warning that says so, not a failure.
    if (error.code == ErrorCode::Timeout)
        return makeCheck(u"output"_s, name, CheckStatus::Warn, u"timed out: "_s + error.message,
                         fixForOutputError(name, error, session));
    // A clipboard method probed from a short-lived CLI process (no display connection of its own) is not a
    // failure: the running app or service does the paste.
    const bool needsApp = error.message.contains(u"desktop app"_s);
    return makeCheck(u"output"_s, name, needsApp ? CheckStatus::Skip : CheckStatus::Fail, error.message,
                     fixForOutputError(name, error, session));
}

// The output section from every method's probe, in chain order.
QList<DoctorCheck> outputChecks(const QStringList& names, const QList<std::optional<Status>>& probes,
                                const DesktopSession& session)
{
    QList<DoctorCheck> checks;
    if (names.isEmpty()) {
        checks.append(makeCheck(u"output"_s, u"methods"_s, CheckStatus::Fail,
                                u"no output method for "_s + session.describe(),
                                u"`utter last` and the clipboard still give you the text"_s));
        return checks;
    }
    int working = 0;
    for (qsizetype i = 0; i < names.size(); ++i) {
        const std::optional<Status>& probe = probes.value(i);
        working += probe && probe->ok();
        checks.append(outputCheck(names[i], probe, session));
    }
    if (working == 0) {
        checks.append(
            makeCheck(u"output"_s, u"chain"_s, CheckStatus::Fail,
                      u"no output method works; dictated text would only reach the clipboard and `utter last`"_s,
                      u"fix one of the methods above"_s));
    }
    return checks;
}

// One asynchronous run: the methods being probed (kept until they answer), their answers and the focused app.
// A child of run()'s context, so that nothing answers after the context is gone.
class PlatformDoctorRun final : public QObject
{
public:
    explicit PlatformDoctorRun(QObject* context)
        : QObject(context)
    {}
    DesktopSession session;
    QList<DoctorCheck> before;
    QList<DoctorCheck> after;
    QStringList names;
    std::vector<std::unique_ptr<TextOutput>> methods; // null where the method is unknown
    QList<std::optional<Status>> probes;
    std::vector<bool> answered;
    std::shared_ptr<FocusProbe> focus;
    std::optional<DoctorCheck> focusCheck;
    std::function<void(const QList<DoctorCheck>& done, const QStringList& pending)> progress;
    std::function<void(QList<DoctorCheck>)> done;
    bool finished = false;

    void update()
    {
        if (finished)
            return;
        QList<DoctorCheck> checks = before;
        QStringList pending;
        bool all = true;
        for (qsizetype i = 0; i < names.size(); ++i) {
            if (answered[std::size_t(i)]) {
                checks.append(outputCheck(names[i], probes[i], session));
            } else {
                pending.append(names[i]);
                all = false;
            }
        }
        if (!focusCheck) {
            pending.append(u"focused app"_s);
            all = false;
        }
        if (!all) {
            checks += after;
            if (progress)
                progress(checks, pending);
            return;
        }
        finished = true;
        checks = before + outputChecks(names, probes, session) + after;
        checks.append(*focusCheck);
        // Delete the methods once their probe callbacks have unwound.
        deleteLater();
        done(checks);
    }
};

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
    auto* state = new PlatformDoctorRun(context);
    state->session = PlatformFactory::currentSession();
    state->before = checksBeforeOutput(state->session);
    state->after = checksAfterOutput();
    state->names = expandOutputMethods(m_output.methods, state->session);
    state->progress = [this](const QList<DoctorCheck>& checks, const QStringList& pending) {
        reportProgress(checks, pending);
    };
    state->done = std::move(done);
    for (const QString& name : std::as_const(state->names)) {
        state->methods.push_back(PlatformFactory::createOutput(name, state->session));
        state->probes.append(std::nullopt);
        state->answered.push_back(!state->methods.back()); // an unknown method has nothing to wait for
    }
    state->update(); // what is known before any answer: the window shows it at once
    const QPointer<PlatformDoctorRun> guard(state);
    for (std::size_t i = 0; i < state->methods.size(); ++i) {
        if (!state->methods[i])
            continue;
        // done may come before probeAsync() returns, and never after the method (owned by state) is destroyed.
        state->methods[i]->probeAsync([guard, i](const Status& status) {
            if (!guard)
                return;
            guard->probes[qsizetype(i)] = status;
            guard->answered[i] = true;
            guard->update();
        });
        if (!guard)
            return;
    }
    state->focus = PlatformFactory::createFocusProbe(state->session);
    state->focus->request(state, [guard](const TargetApp& app) {
        if (!guard)
            return;
        const bool known = app.appId != u"unknown"_s;
        guard->focusCheck =
            makeCheck(u"output"_s, u"focused app"_s, known ? CheckStatus::Ok : CheckStatus::Warn,
                      known ? u"%1%2 (via %3)"_s.arg(app.appId, app.isTerminal ? u", a terminal"_s : QString(),
                                                     guard->focus->name())
                            : u"this desktop does not tell which application has focus"_s,
                      known ? QString() : u"per-application styles fall back to the default style here"_s);
        guard->update();
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
    const DesktopSession session = PlatformFactory::currentSession();
    const QStringList names = expandOutputMethods(m_output.methods, session);
    QList<std::optional<Status>> probes;
    for (const QString& name : names) {
        std::unique_ptr<TextOutput> method = PlatformFactory::createOutput(name, session);
        probes.append(method ? std::optional<Status>(method->probe()) : std::nullopt);
    }
    return checksBeforeOutput(session) + outputChecks(names, probes, session) + checksAfterOutput();
}

QList<DoctorCheck> PlatformDoctor::checksBeforeOutput(const DesktopSession& session) const
{
    QList<DoctorCheck> checks;
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

    return checks;
}

QList<DoctorCheck> PlatformDoctor::checksAfterOutput() const
{
    QList<DoctorCheck> checks;
    const OutputConfig& output = m_output;
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
