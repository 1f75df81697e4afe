#include "winoutput.h"

#include "logging/logging.h"
#include "platform/clipboardsnapshot.h"
#include "platform/guiapplication.h"
#include "platform/textchunking.h"

#include <QFileInfo>

#include <QGuiApplication>
#include <QThread>
#include <QTimer>
#include <algorithm>

#include <vector>

#include <windows.h>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

DWORD integrityOf(HANDLE token)
{
    DWORD size = 0;
    GetTokenInformation(token, TokenIntegrityLevel, nullptr, 0, &size);
    std::vector<char> buffer(size);
    if (size == 0 || !GetTokenInformation(token, TokenIntegrityLevel, buffer.data(), size, &size))
        return 0;
    const auto* label = reinterpret_cast<const TOKEN_MANDATORY_LABEL*>(buffer.data());
    const DWORD count = *GetSidSubAuthorityCount(label->Label.Sid);
    return *GetSidSubAuthority(label->Label.Sid, count - 1);
}

DWORD ownIntegrity()
{
    HANDLE token = nullptr;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
        return 0;
    const DWORD level = integrityOf(token);
    CloseHandle(token);
    return level;
}

// Waits for the user to let go of the hotkey's modifiers: SendInput does not reset the keyboard state, so a
// held Ctrl would turn the text into shortcuts.
void waitForModifiersReleased(int timeoutMs)
{
    const int keys[] = {VK_CONTROL, VK_MENU, VK_SHIFT, VK_LWIN, VK_RWIN};
    for (int waited = 0; waited < timeoutMs; waited += 10) {
        bool held = false;
        for (int vk : keys)
            held = held || (GetAsyncKeyState(vk) & 0x8000) != 0;
        if (!held)
            return;
        QThread::msleep(10);
    }
}

// One KEYBDINPUT (time 0 = system time stamp, no extra info). KEYEVENTF_UNICODE events must have wVk 0 and carry
// the UTF-16 unit in wScan; virtual-key events get their scan code too, which console programs read.
INPUT keyInput(WORD vk, WORD scan, DWORD flags)
{
    INPUT input{};
    input.type = INPUT_KEYBOARD;
    input.ki.wVk = vk;
    input.ki.wScan = (flags & KEYEVENTF_UNICODE) ? scan : WORD(MapVirtualKeyW(vk, MAPVK_VK_TO_VSC));
    input.ki.dwFlags = flags;
    return input;
}

Error elevatedError()
{
    return Error(ErrorCode::InjectionBlocked,
                 u"The focused window runs as administrator and Windows blocks input into it from a normal app "
                 "(UIPI); run Utter as administrator too, or paste the text yourself with Ctrl+V."_s);
}

} // namespace

Status SendInputOutput::probe()
{
    return {};
}

void SendInputOutput::insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                             InsertCallback done)
{
    if (target.isElevated) {
        done(InsertResult::failed(name(), elevatedError()));
        return;
    }
    waitForModifiersReleased(400);
    std::vector<INPUT> inputs;
    for (const UnicodeKeyEvent& e : windowsUnicodeEvents(options.pressEnter ? text + u'\n' : text)) {
        if (e.isVirtualKey)
            inputs.push_back(keyInput(e.unit, 0, e.keyUp ? KEYEVENTF_KEYUP : 0));
        else
            inputs.push_back(keyInput(0, e.unit, KEYEVENTF_UNICODE | (e.keyUp ? KEYEVENTF_KEYUP : 0)));
    }
    UINT sent = 0;
    if (!inputs.empty())
        sent = SendInput(UINT(inputs.size()), inputs.data(), sizeof(INPUT));
    if (sent != inputs.size()) {
        done(InsertResult::retry(
            name(), Error(ErrorCode::InjectionBlocked, u"Windows accepted %1 of %2 key events (another program may be "
                                                       "blocking input)."_s.arg(sent)
                                                           .arg(inputs.size()))));
        return;
    }
    done(InsertResult::success(name(), u"typed %1 UTF-16 units"_s.arg(text.size())));
}

WindowsPasteOutput::WindowsPasteOutput(QObject* parent)
    : QObject(parent)
{}

Status WindowsPasteOutput::probe()
{
    if (!guiApplication())
        return Error(ErrorCode::Unsupported, u"The clipboard paste needs the desktop app or `utter serve`."_s);
    return {};
}

void WindowsPasteOutput::insert(const QString& text, const TargetApp& target, const InsertOptions& options,
                                InsertCallback done)
{
    if (target.isElevated) {
        done(InsertResult::failed(name(), elevatedError()));
        return;
    }
    auto snapshot = std::make_shared<ClipboardSnapshot>();
    if (options.restoreClipboard)
        *snapshot = ClipboardSnapshot::take();
    QGuiApplication::clipboard()->setMimeData(transientTextMimeData(text).release());
    waitForModifiersReleased(400);
    // Terminals get Shift+Insert: the classic console (conhost) pastes with Ctrl+Shift+V only when "Use
    // Ctrl+Shift+C/V as Copy/Paste" is switched on, while conhost, Windows Terminal and mintty all paste with
    // Shift+Insert by default. Insert is the navigation-cluster key, an extended key.
    std::vector<INPUT> chord;
    const WORD modifier = target.isTerminal ? VK_SHIFT : VK_CONTROL;
    const WORD key = target.isTerminal ? VK_INSERT : 'V';
    const DWORD keyFlags = target.isTerminal ? KEYEVENTF_EXTENDEDKEY : 0;
    chord.push_back(keyInput(modifier, 0, 0));
    chord.push_back(keyInput(key, 0, keyFlags));
    chord.push_back(keyInput(key, 0, keyFlags | KEYEVENTF_KEYUP));
    chord.push_back(keyInput(modifier, 0, KEYEVENTF_KEYUP));
    if (options.pressEnter) {
        chord.push_back(keyInput(VK_RETURN, 0, 0));
        chord.push_back(keyInput(VK_RETURN, 0, KEYEVENTF_KEYUP));
    }
    if (SendInput(UINT(chord.size()), chord.data(), sizeof(INPUT)) != chord.size()) {
        done(InsertResult::retry(name(), Error(ErrorCode::InjectionBlocked, u"Windows refused the paste keys."_s)));
        return;
    }
    const QString chordName = target.isTerminal ? u"Shift+Insert"_s : u"Ctrl+V"_s;
    QTimer::singleShot(std::max(options.restoreDelayMs, 100), this, [=, this] {
        if (options.restoreClipboard && clipboardHoldsText(text))
            snapshot->restore();
        // Windows does not tell whether the window read the clipboard; the detail says so.
        done(InsertResult::success(name(), u"sent %1 (Windows cannot confirm the paste)"_s.arg(chordName)));
    });
}

TargetApp WinFocusProbe::focusedApp()
{
    TargetApp app;
    HWND window = GetForegroundWindow();
    if (!window)
        return app;
    app.windowId = quint64(reinterpret_cast<quintptr>(window));
    wchar_t title[512] = {};
    GetWindowTextW(window, title, 512);
    app.title = QString::fromWCharArray(title);
    wchar_t klass[256] = {};
    GetClassNameW(window, klass, 256);
    const QString windowClass = QString::fromWCharArray(klass);

    DWORD pid = 0;
    GetWindowThreadProcessId(window, &pid);
    HANDLE process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
    if (process) {
        wchar_t path[MAX_PATH] = {};
        DWORD size = MAX_PATH;
        if (QueryFullProcessImageNameW(process, 0, path, &size))
            app.appId = QFileInfo(QString::fromWCharArray(path, int(size))).completeBaseName();
        HANDLE token = nullptr;
        if (OpenProcessToken(process, TOKEN_QUERY, &token)) {
            app.isElevated = integrityOf(token) > ownIntegrity();
            CloseHandle(token);
        } else {
            app.isElevated = GetLastError() == ERROR_ACCESS_DENIED; // a higher-integrity process refuses us
        }
        CloseHandle(process);
    } else {
        app.isElevated = GetLastError() == ERROR_ACCESS_DENIED;
    }
    app.isTerminal = windowClass == u"ConsoleWindowClass"_s || windowClass == u"CASCADIA_HOSTING_WINDOW_CLASS"_s ||
                     isTerminalAppId(app.appId);
    return app;
}

} // namespace utter
