#include "portaloutput.h"

#include "logging/logging.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{
const QString kDeclined = u"you declined the desktop's request to let Utter type (RemoteDesktop portal); Utter "
                          "will not ask again until it restarts"_s;
} // namespace

PortalOutput::PortalOutput(QDBusConnection bus, const QString& tokenFile, DesktopSession::Compositor compositor,
                           QObject* parent)
    : QObject(parent)
    , m_keyboard(std::move(bus), RestoreTokenStore(tokenFile))
    , m_compositor(compositor)
{}

QString PortalOutput::fixFor(const Error& error, DesktopSession::Compositor compositor)
{
    if (error.code == ErrorCode::Cancelled)
        return u"quit and start Utter again to be asked again, and allow it in the dialog (or remove `portal` "
               "from output/methods)"_s;
    if (error.code == ErrorCode::Timeout)
        return u"check that xdg-desktop-portal runs (`systemctl --user status xdg-desktop-portal`) and answer "
               "the desktop's remote-control dialog"_s;
    switch (compositor) {
    case DesktopSession::Gnome:
        return u"install the portal and GNOME's back end (Debian/Ubuntu: apt install xdg-desktop-portal "
               "xdg-desktop-portal-gnome), then log out and in"_s;
    case DesktopSession::Kde:
        return u"install the portal and KDE's back end (Debian/Ubuntu: apt install xdg-desktop-portal "
               "xdg-desktop-portal-kde), then log out and in"_s;
    case DesktopSession::Sway:
    case DesktopSession::Hyprland:
    case DesktopSession::OtherWlroots:
        return u"nothing to install: wlroots portals have no RemoteDesktop keyboard; Utter types with wtype here "
               "(apt install wtype)"_s;
    case DesktopSession::UnknownCompositor:
        break;
    }
    return u"on GNOME or KDE install xdg-desktop-portal with xdg-desktop-portal-gnome or xdg-desktop-portal-kde "
           "and log in again; elsewhere use another output method (`utter config set output/methods auto`)"_s;
}

Status PortalOutput::checkTypable(const QList<KeysymEvent>& events, DesktopSession::Compositor compositor)
{
    if (compositor != DesktopSession::Gnome && compositor != DesktopSession::Kde)
        return {};
    for (const KeysymEvent& event : events) {
        const quint32 keysym = event.keysym;
        if ((keysym >= 0x20 && keysym <= 0x7e) || keysym == keysyms::Return || keysym == keysyms::Tab)
            continue;
        const char32_t cp = keysym >= keysyms::UnicodeBase ? char32_t(keysym - keysyms::UnicodeBase) : char32_t(keysym);
        return Error(ErrorCode::Unsupported,
                     u"%1's portal types only the characters of the current keyboard layout and silently drops "
                     "the others, so Utter types ASCII only there: %2 (U+%3) is not"_s.arg(
                         compositor == DesktopSession::Gnome ? u"GNOME"_s : u"KDE"_s, QString::fromUcs4(&cp, 1),
                         QString::number(quint32(cp), 16).toUpper().rightJustified(4, u'0')));
    }
    return {};
}

std::optional<Status> PortalOutput::knownAnswer() const
{
    if (m_declined)
        return Status(Error(ErrorCode::Cancelled, kDeclined));
    if (m_unansweredSince.isValid() && m_unansweredSince.elapsed() < unansweredRetryMs)
        return Status(m_unanswered);
    return std::nullopt;
}

Status PortalOutput::verdict(const Result<PortalKeyboard::Availability>& available)
{
    if (!available.ok()) {
        const Error& e = available.error();
        Error error(e.code, u"The RemoteDesktop portal is not available: %1."_s.arg(e.message));
        if (e.code == ErrorCode::Timeout) {
            m_unansweredSince.start();
            m_unanswered = Error(e.code, error.message + u" Utter asks it again in a minute."_s);
            return m_unanswered;
        }
        return error;
    }
    m_unansweredSince.invalidate();
    return {};
}

Status PortalOutput::probe()
{
    if (std::optional<Status> known = knownAnswer())
        return *known;
    return verdict(PortalKeyboard::probe(QDBusConnection::sessionBus()));
}

void PortalOutput::probeAsync(std::function<void(const Status&)> done)
{
    if (std::optional<Status> known = knownAnswer()) {
        done(*known);
        return;
    }
    PortalKeyboard::probeAsync(QDBusConnection::sessionBus(), this,
                               [this, done = std::move(done)](const Result<PortalKeyboard::Availability>& available) {
                                   done(verdict(available));
                               });
}

void PortalOutput::insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                          InsertCallback done)
{
    Q_UNUSED(target) // the desktop types into whatever has focus; it does not tell which window that is
    Result<QList<KeysymEvent>> plan = keysymPlan(text, options.pressEnter);
    if (!plan.ok()) {
        done(InsertResult::failed(name(), Error(ErrorCode::Unsupported, u"The portal cannot type this text: "_s +
                                                                            plan.error().message + u'.')));
        return;
    }
    if (const Status typable = checkTypable(*plan, m_compositor); !typable.ok()) {
        done(InsertResult::failed(name(), Error(ErrorCode::Unsupported, typable.error().message + u'.')));
        return;
    }
    m_queue.push_back({std::move(plan).value(), text.size(), std::move(done)});
    if (!m_busy)
        runNext();
}

void PortalOutput::finishJob(const InsertResult& result)
{
    Job job = std::move(m_queue.front());
    m_queue.pop_front();
    // The next insertion starts outside this call stack (and after the caller has seen this result).
    QMetaObject::invokeMethod(this, &PortalOutput::runNext, Qt::QueuedConnection);
    job.done(result);
}

void PortalOutput::runNext()
{
    if (m_queue.empty()) {
        m_busy = false;
        return;
    }
    m_busy = true;
    if (m_declined) {
        finishJob(InsertResult::failed(name(), Error(ErrorCode::InjectionBlocked, kDeclined + u'.')));
        return;
    }
    m_keyboard.open([this](const Status& opened) {
        if (!opened.ok()) {
            const Error& e = opened.error();
            if (e.code == ErrorCode::Cancelled) {
                m_declined = true;
                finishJob(InsertResult::failed(
                    name(), Error(ErrorCode::InjectionBlocked,
                                  u"You declined the desktop's request to let Utter type (RemoteDesktop portal): "
                                  "the text goes to the next output method, and Utter will not ask again until it "
                                  "restarts."_s)));
                return;
            }
            const QString message = u"The RemoteDesktop portal could not open a keyboard session: %1; %2."_s.arg(
                e.message, fixFor(e, m_compositor));
            // A portal that is there but failed this time may work when asked again; a missing one will not.
            const bool transient = e.code == ErrorCode::Failed;
            finishJob(transient ? InsertResult::retry(name(), Error(ErrorCode::InjectionBlocked, message))
                                : InsertResult::failed(name(), Error(ErrorCode::InjectionBlocked, message)));
            return;
        }
        const Job& job = m_queue.front();
        m_keyboard.send(job.events, [this](int accepted, const Status& sent) {
            const Job& current = m_queue.front();
            if (!sent.ok())
                m_keyboard.close(); // a session that refuses events is spent: the next insertion opens a new one
            if (sent.ok()) {
                finishJob(InsertResult::success(
                    name(), u"typed %1 characters through the RemoteDesktop portal"_s.arg(current.characters)));
                return;
            }
            if (accepted == 0) {
                // Nothing was typed (typically the desktop closed the session): reopening may work.
                finishJob(InsertResult::retry(
                    name(), Error(ErrorCode::InjectionBlocked,
                                  u"The RemoteDesktop portal typed nothing: %1."_s.arg(sent.error().message))));
                return;
            }
            finishJob(InsertResult::failed(
                name(), Error(ErrorCode::InjectionBlocked,
                              u"The RemoteDesktop portal stopped after %1 of %2 key events: %3; the text may be "
                              "partly typed."_s.arg(accepted)
                                  .arg(current.events.size())
                                  .arg(sent.error().message))));
        });
    });
}

} // namespace utter
