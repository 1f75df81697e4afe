#include "macoutput.h"

#include "logging/logging.h"
#include "platform/clipboardsnapshot.h"
#include "platform/guiapplication.h"
#include "platform/textchunking.h"

#include <QGuiApplication>
#include <QThread>
#include <QTimer>

#include <algorithm>

#include <ApplicationServices/ApplicationServices.h>
#include <libproc.h>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

constexpr CGKeyCode kReturnKey = 0x24; // kVK_Return
constexpr CGKeyCode kVKey = 0x09;      // kVK_ANSI_V

Status accessibilityStatus()
{
    if (AXIsProcessTrusted())
        return {};
    // Ask once per process: macOS shows its own prompt pointing at the right settings pane.
    static bool asked = false;
    if (!asked) {
        asked = true;
        const void* keys[] = {kAXTrustedCheckOptionPrompt};
        const void* values[] = {kCFBooleanTrue};
        CFDictionaryRef options = CFDictionaryCreate(kCFAllocatorDefault, keys, values, 1,
                                                     &kCFTypeDictionaryKeyCallBacks, &kCFTypeDictionaryValueCallBacks);
        AXIsProcessTrustedWithOptions(options);
        CFRelease(options);
    }
    return Error(ErrorCode::InjectionBlocked,
                 u"Utter may not send keystrokes yet: allow it in System Settings → Privacy & Security → "
                 "Accessibility, then try again."_s);
}

void postKey(CGKeyCode key, CGEventFlags flags)
{
    for (bool down : {true, false}) {
        CGEventRef event = CGEventCreateKeyboardEvent(nullptr, key, down);
        CGEventSetFlags(event, flags);
        CGEventPost(kCGHIDEventTap, event);
        CFRelease(event);
    }
}

QString stringValue(CFDictionaryRef dict, CFStringRef key)
{
    const auto value = static_cast<CFStringRef>(CFDictionaryGetValue(dict, key));
    return value ? QString::fromCFString(value) : QString();
}

QString bundleIdOfPid(pid_t pid)
{
    char path[PROC_PIDPATHINFO_MAXSIZE] = {};
    if (proc_pidpath(pid, path, sizeof(path)) <= 0)
        return {};
    const QString full = QString::fromUtf8(path);
    const qsizetype app = full.indexOf(u".app/"_s);
    if (app < 0)
        return {};
    const QByteArray bundlePath = full.left(app + 4).toUtf8();
    CFURLRef url = CFURLCreateFromFileSystemRepresentation(
        kCFAllocatorDefault, reinterpret_cast<const UInt8*>(bundlePath.constData()), bundlePath.size(), true);
    if (!url)
        return {};
    QString id;
    if (CFBundleRef bundle = CFBundleCreate(kCFAllocatorDefault, url)) {
        if (CFStringRef identifier = CFBundleGetIdentifier(bundle))
            id = QString::fromCFString(identifier);
        CFRelease(bundle);
    }
    CFRelease(url);
    return id;
}

} // namespace

Status CGEventOutput::probe()
{
    return accessibilityStatus();
}

void CGEventOutput::insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                           InsertCallback done)
{
    Q_UNUSED(target)
    if (Status s = accessibilityStatus(); !s.ok()) {
        done(InsertResult::failed(name(), s.error()));
        return;
    }
    for (const QString& chunk : utf16Chunks(options.pressEnter ? text + u'\n' : text, 20)) {
        if (chunk == u"\n"_s) {
            postKey(kReturnKey, 0);
        } else {
            for (bool down : {true, false}) {
                CGEventRef event = CGEventCreateKeyboardEvent(nullptr, 0, down);
                // No modifier flags: a still-held hotkey modifier would turn keycode 0 into a shortcut (⌃A).
                CGEventSetFlags(event, 0);
                CGEventKeyboardSetUnicodeString(event, UniCharCount(chunk.size()),
                                                reinterpret_cast<const UniChar*>(chunk.utf16()));
                CGEventPost(kCGHIDEventTap, event);
                CFRelease(event);
            }
        }
        QThread::msleep(3); // apps drop events that arrive in one burst
    }
    done(InsertResult::success(name(), u"typed %1 UTF-16 units"_s.arg(text.size())));
}

MacPasteOutput::MacPasteOutput(QObject* parent)
    : QObject(parent)
{}

Status MacPasteOutput::probe()
{
    if (!guiApplication())
        return Error(ErrorCode::Unsupported, u"The clipboard paste needs the desktop app or `utter serve`."_s);
    return accessibilityStatus();
}

void MacPasteOutput::insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                            InsertCallback done)
{
    Q_UNUSED(target)
    if (Status s = probe(); !s.ok()) {
        done(InsertResult::failed(name(), s.error()));
        return;
    }
    auto snapshot = std::make_shared<ClipboardSnapshot>();
    if (options.restoreClipboard)
        *snapshot = ClipboardSnapshot::take();
    QGuiApplication::clipboard()->setMimeData(transientTextMimeData(text).release());
    postKey(kVKey, kCGEventFlagMaskCommand);
    if (options.pressEnter)
        postKey(kReturnKey, 0);
    QTimer::singleShot(std::max(options.restoreDelayMs, 100), this, [=, this] {
        if (options.restoreClipboard && clipboardHoldsText(text))
            snapshot->restore();
        done(InsertResult::success(name(), u"sent ⌘V (macOS cannot confirm the paste)"_s));
    });
}

TargetApp MacFocusProbe::focusedApp()
{
    TargetApp app;
    CFArrayRef windows = CGWindowListCopyWindowInfo(
        kCGWindowListOptionOnScreenOnly | kCGWindowListExcludeDesktopElements, kCGNullWindowID);
    if (!windows)
        return app;
    for (CFIndex i = 0; i < CFArrayGetCount(windows); ++i) {
        const auto info = static_cast<CFDictionaryRef>(CFArrayGetValueAtIndex(windows, i));
        int layer = -1;
        if (const auto n = static_cast<CFNumberRef>(CFDictionaryGetValue(info, kCGWindowLayer)))
            CFNumberGetValue(n, kCFNumberIntType, &layer);
        if (layer != 0)
            continue;
        int pid = 0;
        if (const auto n = static_cast<CFNumberRef>(CFDictionaryGetValue(info, kCGWindowOwnerPID)))
            CFNumberGetValue(n, kCFNumberIntType, &pid);
        const QString bundle = bundleIdOfPid(pid_t(pid));
        const QString owner = stringValue(info, kCGWindowOwnerName);
        app.appId = !bundle.isEmpty() ? bundle : (!owner.isEmpty() ? owner : app.appId);
        app.title = stringValue(info, kCGWindowName);
        app.isTerminal = isTerminalAppId(app.appId);
        break;
    }
    CFRelease(windows);
    return app;
}

} // namespace utter
