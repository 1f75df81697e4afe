#include "platformfactory.h"

#include "clipboardsnapshot.h"
#include "guiapplication.h"
#if defined(UTTER_WITH_FAKE_PLATFORM)
#include "fake/fakehotkeys.h"
#include "fake/fakeoutput.h"
#endif

#include <QGuiApplication>
#include <QProcessEnvironment>

#if defined(UTTER_WITH_X11)
#include "linux/x11/x11hotkeys.h"
#include "linux/x11/x11output.h"
#endif
#if defined(UTTER_WITH_WAYLAND)
#include "linux/wayland/kglobalaccelhotkeys.h"
#include "linux/wayland/portalhotkeys.h"
#include "linux/wayland/portaloutput.h"
#include "linux/wayland/waylandfocus.h"
#include "linux/wayland/waylandpaste.h"
#include "linux/wayland/wtypeoutput.h"
#include "paths/locations.h"
#endif
#if defined(Q_OS_WIN)
#include "windows/winhotkeys.h"
#include "windows/winoutput.h"
#endif
#if defined(Q_OS_MACOS)
#include "macos/machotkeys.h"
#include "macos/macoutput.h"
#endif

using namespace Qt::Literals::StringLiterals;

namespace utter
{

#if defined(UTTER_WITH_FAKE_PLATFORM)
namespace
{
// The fakes exist only in test builds (UTTER_BUILD_TESTS), so a shipped binary never types into a fake.
bool fakeBackends()
{
    return qEnvironmentVariable("UTTER_PLATFORM_BACKEND") == u"fake"_s;
}
} // namespace
#endif

DesktopSession PlatformFactory::currentSession()
{
    return DesktopSession::detect(QProcessEnvironment::systemEnvironment(),
                                  guiApplication() ? QGuiApplication::platformName() : QString());
}

QString PlatformFactory::bindingAdvice(const DesktopSession& session)
{
    switch (session.compositor) {
    case DesktopSession::Sway:
    case DesktopSession::OtherWlroots:
        return u"add to ~/.config/sway/config:  bindsym --no-repeat F9 exec utter begin  and  bindsym --release F9 "
               u"exec utter "
               "end  (push-to-talk), then `swaymsg reload`"_s;
    case DesktopSession::Hyprland:
        return u"add to hyprland.conf:  bind = , F9, exec, utter begin  and  bindr = , F9, exec, utter end"_s;
    case DesktopSession::Gnome:
        return u"GNOME 43–47 has no global-shortcut portal: Settings → Keyboard → Custom Shortcuts → add one "
               "running `utter toggle` (toggle only; GNOME shortcuts have no key release)"_s;
    case DesktopSession::Kde:
        return u"Utter binds its push-to-talk key through KDE's kglobalaccel (it runs in every Plasma session); "
               "without it: System Settings → Shortcuts → Custom Shortcuts → new command `utter toggle`"_s;
    case DesktopSession::UnknownCompositor:
        break;
    }
    return u"bind a key in your desktop's shortcut settings to run `utter toggle` (or `utter begin` on press "
           "and `utter end` on release where the desktop supports release bindings)"_s;
}

std::unique_ptr<GlobalHotkeys> PlatformFactory::createHotkeys(const DesktopSession& session, QString* whyNot,
                                                              QObject* parent)
{
#if defined(UTTER_WITH_FAKE_PLATFORM)
    if (fakeBackends())
        return std::make_unique<FakeHotkeys>(parent);
#endif
    QString reason;
    switch (session.kind) {
    case DesktopSession::X11:
#if defined(UTTER_WITH_X11)
        if (auto hotkeys = X11Hotkeys::create(&reason, parent))
            return hotkeys;
#else
        reason = u"this build has no X11 support"_s;
#endif
        break;
    case DesktopSession::Wayland:
#if defined(UTTER_WITH_WAYLAND)
        // Plasma 5.27's GlobalShortcuts portal binds nothing; KDE's own kglobalaccel does (KGlobalAccelHotkeys).
        if (session.compositor == DesktopSession::Kde &&
            KGlobalAccelHotkeys::isAvailable(QDBusConnection::sessionBus(), &reason))
            return std::make_unique<KGlobalAccelHotkeys>(QDBusConnection::sessionBus(), parent);
        if (PortalHotkeys::isAvailable(&reason))
            return std::make_unique<PortalHotkeys>(parent);
#endif
        reason = u"no global-shortcut portal here (%1); %2"_s.arg(reason, bindingAdvice(session));
        break;
    case DesktopSession::Windows:
#if defined(Q_OS_WIN)
        return std::make_unique<WinHotkeys>(parent);
#else
        break;
#endif
    case DesktopSession::MacOS:
#if defined(Q_OS_MACOS)
        return std::make_unique<MacHotkeys>(parent);
#else
        break;
#endif
    case DesktopSession::None:
        reason = u"no display; drive dictation with `utter begin`/`utter end`/`utter toggle` over IPC"_s;
        break;
    }
    if (whyNot)
        *whyNot = reason;
    return {};
}

QStringList PlatformFactory::knownOutputMethods()
{
    QStringList names;
#if defined(UTTER_WITH_X11)
    names << u"xtest"_s << u"x11-paste"_s;
#endif
#if defined(UTTER_WITH_WAYLAND)
    names << u"wtype"_s << u"portal"_s << u"ydotool"_s << u"wayland-paste"_s;
#endif
#if defined(Q_OS_WIN)
    names << u"sendinput"_s << u"windows-paste"_s;
#endif
#if defined(Q_OS_MACOS)
    names << u"cgevent"_s << u"macos-paste"_s;
#endif
    return names;
}

std::unique_ptr<TextOutput> PlatformFactory::createOutput(const QString& name, const DesktopSession& session)
{
    Q_UNUSED(session)
#if defined(UTTER_WITH_FAKE_PLATFORM)
    if (fakeBackends())
        return std::make_unique<FakeTextOutput>(name);
#endif
#if defined(UTTER_WITH_X11)
    if (name == u"xtest"_s)
        return std::make_unique<XTestOutput>();
    if (name == u"x11-paste"_s)
        return std::make_unique<X11PasteOutput>();
#endif
#if defined(UTTER_WITH_WAYLAND)
    if (name == u"wtype"_s)
        return std::make_unique<WtypeOutput>();
    if (name == u"portal"_s)
        return std::make_unique<PortalOutput>(
            QDBusConnection::sessionBus(), Locations::fromEnvironment().remoteDesktopTokenFile(), session.compositor);
    if (name == u"ydotool"_s)
        return std::make_unique<YdotoolOutput>();
    if (name == u"wayland-paste"_s)
        return std::make_unique<WaylandPasteOutput>();
#endif
#if defined(Q_OS_WIN)
    if (name == u"sendinput"_s)
        return std::make_unique<SendInputOutput>();
    if (name == u"windows-paste"_s)
        return std::make_unique<WindowsPasteOutput>();
#endif
#if defined(Q_OS_MACOS)
    if (name == u"cgevent"_s)
        return std::make_unique<CGEventOutput>();
    if (name == u"macos-paste"_s)
        return std::make_unique<MacPasteOutput>();
#endif
    return {};
}

std::unique_ptr<FocusProbe> PlatformFactory::createFocusProbe(const DesktopSession& session)
{
#if defined(UTTER_WITH_FAKE_PLATFORM)
    if (fakeBackends())
        return std::make_unique<FakeFocusProbe>();
#endif
#if defined(UTTER_WITH_X11)
    if (session.kind == DesktopSession::X11)
        return std::make_unique<X11FocusProbe>();
#endif
#if defined(UTTER_WITH_WAYLAND)
    if (session.kind == DesktopSession::Wayland) {
        if (session.compositor == DesktopSession::Sway)
            return std::make_unique<SwayFocusProbe>();
        if (session.compositor == DesktopSession::Hyprland)
            return std::make_unique<HyprlandFocusProbe>();
        return std::make_unique<UnknownFocusProbe>();
    }
#endif
#if defined(Q_OS_WIN)
    if (session.kind == DesktopSession::Windows)
        return std::make_unique<WinFocusProbe>();
#endif
#if defined(Q_OS_MACOS)
    if (session.kind == DesktopSession::MacOS)
        return std::make_unique<MacFocusProbe>();
#endif
    Q_UNUSED(session)
    return std::make_unique<UnknownFocusProbe>();
}

std::unique_ptr<OutputChain> PlatformFactory::createOutputChain(const OutputConfig& config,
                                                                const DesktopSession& session,
                                                                QStringList* unknownMethods, QObject* parent)
{
    std::vector<std::unique_ptr<TextOutput>> methods;
    for (const QString& name : expandOutputMethods(config.methods, session)) {
        if (auto method = createOutput(name, session))
            methods.push_back(std::move(method));
        else if (unknownMethods)
            *unknownMethods << name;
    }
    auto chain = std::make_unique<OutputChain>(std::move(methods), createFocusProbe(session), parent);
    if (guiApplication() && QGuiApplication::platformName() != u"offscreen"_s &&
        QGuiApplication::platformName() != u"minimal"_s) {
        chain->setClipboardFallback([](const QString& text) {
            QGuiApplication::clipboard()->setText(text);
            return clipboardHoldsText(text);
        });
    }
    return chain;
}

} // namespace utter
