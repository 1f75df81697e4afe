#pragma once

#include "globalhotkeys.h"
#include "outputchain.h"
#include "platformconfig.h"

#include <memory>

namespace utter
{

// Chooses the desktop-integration backends at run time (DESIGN §2: QGuiApplication::platformName(),
// XDG_SESSION_TYPE; never #ifdef in the logic that uses them). In test builds (UTTER_BUILD_TESTS),
// UTTER_PLATFORM_BACKEND=fake selects the fake backends (for tests of the layers above); other builds have none.
class PlatformFactory final
{
public:
    static DesktopSession currentSession();

    // The hotkey backend for this session, or nullptr with *whyNot explaining what to do instead (e.g. the
    // compositor bindings on sway and GNOME).
    static std::unique_ptr<GlobalHotkeys> createHotkeys(const DesktopSession& session, QString* whyNot,
                                                        QObject* parent = nullptr);
    // One output method by name; nullptr when this build or platform has no such method.
    static std::unique_ptr<TextOutput> createOutput(const QString& name, const DesktopSession& session);
    static std::unique_ptr<FocusProbe> createFocusProbe(const DesktopSession& session);
    // The ranked chain from settings, with the clipboard fallback wired when a QGuiApplication exists.
    static std::unique_ptr<OutputChain> createOutputChain(const OutputConfig& config, const DesktopSession& session,
                                                          QStringList* unknownMethods = nullptr,
                                                          QObject* parent = nullptr);
    // Every output method name this build knows, for settings validation and doctor.
    static QStringList knownOutputMethods();
    // Compositor-binding guidance for sessions without a hotkey backend with release.
    static QString bindingAdvice(const DesktopSession& session);
};

} // namespace utter
