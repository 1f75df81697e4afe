#include "winhotkeys.h"

#include "common/handoff.h"
#include "logging/logging.h"

#include <QMetaObject>

#include <atomic>
#include <future>

#include <windows.h>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

// A low-level hook procedure has no user pointer, so the one active instance is reachable through this.
std::atomic<WinHotkeys*> g_active{nullptr};

LRESULT CALLBACK keyboardHook(int code, WPARAM wParam, LPARAM lParam)
{
    if (code == HC_ACTION) {
        const auto* info = reinterpret_cast<const KBDLLHOOKSTRUCT*>(lParam);
        const bool injected = (info->flags & LLKHF_INJECTED) != 0;
        const bool down = wParam == WM_KEYDOWN || wParam == WM_SYSKEYDOWN;
        const bool up = wParam == WM_KEYUP || wParam == WM_SYSKEYUP;
        if (WinHotkeys* self = g_active.load(); self && !injected && (down || up)) {
            if (self->onHookEvent(info->vkCode, down))
                return 1;
        }
    }
    return CallNextHookEx(nullptr, code, wParam, lParam);
}

bool held(int vk)
{
    return (GetAsyncKeyState(vk) & 0x8000) != 0;
}

bool modifiersMatch(const KeySpec& spec)
{
    return held(VK_CONTROL) == spec.hasModifier(KeySpec::Ctrl) && held(VK_MENU) == spec.hasModifier(KeySpec::Alt) &&
           held(VK_SHIFT) == spec.hasModifier(KeySpec::Shift) &&
           (held(VK_LWIN) || held(VK_RWIN)) == spec.hasModifier(KeySpec::Meta);
}

} // namespace

WinHotkeys::WinHotkeys(QObject* parent)
    : GlobalHotkeys(parent)
{
    startHookThread();
}

WinHotkeys::~WinHotkeys()
{
    g_active.store(nullptr);
    if (m_thread.joinable()) {
        // The thread's queue exists (created before startHookThread() returned), so WM_QUIT cannot get lost.
        if (m_hookInstalled)
            PostThreadMessageW(m_threadId, WM_QUIT, 0, 0);
        m_thread.join();
    }
}

void WinHotkeys::startHookThread()
{
    std::promise<bool> installed;
    std::future<bool> result = installed.get_future();
    m_thread = std::thread([this, &installed] {
        MSG msg;
        // PostThreadMessage() fails until the thread has a message queue; PeekMessage creates it.
        PeekMessageW(&msg, nullptr, WM_USER, WM_USER, PM_NOREMOVE);
        m_threadId = GetCurrentThreadId();
        HHOOK hook = SetWindowsHookExW(WH_KEYBOARD_LL, keyboardHook, GetModuleHandleW(nullptr), 0);
        if (!hook) {
            qCWarning(lcHotkey) << "SetWindowsHookEx(WH_KEYBOARD_LL) failed:" << GetLastError();
            installed.set_value(false);
            return;
        }
        installed.set_value(true); // `installed` dies with startHookThread(): not touched after this
        // The hook procedure runs inside this thread's GetMessage(); the loop must keep pumping.
        while (GetMessageW(&msg, nullptr, 0, 0) > 0) {
            TranslateMessage(&msg);
            DispatchMessageW(&msg);
        }
        UnhookWindowsHookEx(hook);
    });
    m_hookInstalled = result.get();
    if (m_hookInstalled)
        g_active.store(this);
}

bool WinHotkeys::onHookEvent(unsigned vk, bool keyDown)
{
    std::lock_guard lock(m_mutex);
    for (Grab& g : m_grabs) {
        if (g.vk != vk)
            continue;
        if (keyDown) {
            if (g.down)
                return !g.spec.isModifierKey(); // auto-repeat: swallow, no second press
            if (!g.spec.isModifierKey() && !modifiersMatch(g.spec))
                continue;
            g.down = true;
            const QString id = g.id;
            postTo(this, [this, id] { emit pressed(id); }); // from the hook's thread to this object's
            return !g.spec.isModifierKey();
        }
        if (g.down) {
            g.down = false;
            const QString id = g.id;
            postTo(this, [this, id] { emit released(id); });
            return !g.spec.isModifierKey();
        }
    }
    return false;
}

Status WinHotkeys::registerHotkey(const QString& id, const KeySpec& spec)
{
    if (!spec.isValid() || spec.windowsVirtualKey() == KeySpec::NoCode)
        return Error(ErrorCode::Unsupported,
                     u"%1 has no key on Windows; choose another hotkey."_s.arg(spec.toString()));
    if (!m_hookInstalled)
        return Error(ErrorCode::Failed,
                     u"Windows refused the keyboard hook (SetWindowsHookEx), so global hotkeys cannot "
                     "work in this session; start dictation with `utter toggle` instead."_s);
    unregisterHotkey(id);
    if (!spec.isModifierKey()) {
        // Ask Windows whether another application owns the chord (the hook would steal it silently otherwise).
        constexpr int probeId = 0xBFFF;
        if (!RegisterHotKey(nullptr, probeId, spec.windowsModifierFlags() | MOD_NOREPEAT, spec.windowsVirtualKey())) {
            if (GetLastError() == ERROR_HOTKEY_ALREADY_REGISTERED)
                return Error(
                    ErrorCode::Failed,
                    u"%1 is already taken by another application; free it there or "
                    "choose another hotkey with `utter config set hotkey/dictate KEY`."_s.arg(spec.toString()));
        } else {
            UnregisterHotKey(nullptr, probeId);
        }
    }
    std::lock_guard lock(m_mutex);
    for (const Grab& other : std::as_const(m_grabs)) {
        if (other.spec == spec)
            return Error(ErrorCode::InvalidArgument,
                         u"%1 is already used for %2; give %3 a different key."_s.arg(spec.toString(), other.id, id));
    }
    m_grabs.append({id, spec, spec.windowsVirtualKey(), false});
    return {};
}

void WinHotkeys::unregisterHotkey(const QString& id)
{
    std::lock_guard lock(m_mutex);
    m_grabs.removeIf([&](const Grab& g) { return g.id == id; });
}

} // namespace utter
