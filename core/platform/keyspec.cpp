#include "keyspec.h"

#include <QChar>

#include <array>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

enum KeyClass : std::uint8_t
{
    Typing,     // a key that types or edits: alone (or with Shift only) it would be taken from every app
    Standalone, // fine on its own (F-keys, Pause, ...)
    ModifierKey,
};

struct KeyInfo
{
    const char* name;    // canonical
    const char* aliases; // space-separated, lower case
    std::uint32_t x11;
    std::uint32_t x11Alt;
    std::uint16_t win;
    std::uint16_t mac;
    KeyClass kind;
    KeySpec::Modifier modifier; // for ModifierKey
};

constexpr std::uint16_t N = KeySpec::NoCode;

// X11 keysyms from X11/keysymdef.h, Windows VK_* from winuser.h, macOS kVK_* from HIToolbox/Events.h.
constexpr KeyInfo kFixedKeys[] = {
    {"Space", "space spc", 0x20, 0, 0x20, 0x31, Typing, KeySpec::NoModifier},
    {"Enter", "enter return ret", 0xff0d, 0, 0x0d, 0x24, Typing, KeySpec::NoModifier},
    {"Tab", "tab", 0xff09, 0, 0x09, 0x30, Typing, KeySpec::NoModifier},
    {"Escape", "escape esc", 0xff1b, 0, 0x1b, 0x35, Typing, KeySpec::NoModifier},
    {"Backspace", "backspace bksp", 0xff08, 0, 0x08, 0x33, Typing, KeySpec::NoModifier},
    {"Insert", "insert ins help", 0xff63, 0, 0x2d, 0x72, Standalone, KeySpec::NoModifier},
    {"Delete", "delete del", 0xffff, 0, 0x2e, 0x75, Typing, KeySpec::NoModifier},
    {"Home", "home", 0xff50, 0, 0x24, 0x73, Typing, KeySpec::NoModifier},
    {"End", "end", 0xff57, 0, 0x23, 0x77, Typing, KeySpec::NoModifier},
    {"PageUp", "pageup pgup prior", 0xff55, 0, 0x21, 0x74, Typing, KeySpec::NoModifier},
    {"PageDown", "pagedown pgdown pgdn next", 0xff56, 0, 0x22, 0x79, Typing, KeySpec::NoModifier},
    {"Left", "left", 0xff51, 0, 0x25, 0x7b, Typing, KeySpec::NoModifier},
    {"Up", "up", 0xff52, 0, 0x26, 0x7e, Typing, KeySpec::NoModifier},
    {"Right", "right", 0xff53, 0, 0x27, 0x7c, Typing, KeySpec::NoModifier},
    {"Down", "down", 0xff54, 0, 0x28, 0x7d, Typing, KeySpec::NoModifier},
    {"Pause", "pause break", 0xff13, 0, 0x13, N, Standalone, KeySpec::NoModifier},
    {"ScrollLock", "scrolllock scroll_lock scroll", 0xff14, 0, 0x91, N, Standalone, KeySpec::NoModifier},
    {"PrintScreen", "printscreen print prtsc sysrq", 0xff61, 0, 0x2c, N, Standalone, KeySpec::NoModifier},
    {"Menu", "menu apps application", 0xff67, 0, 0x5d, N, Standalone, KeySpec::NoModifier},
    {"CapsLock", "capslock caps_lock caps", 0xffe5, 0, 0x14, 0x39, Standalone, KeySpec::NoModifier},
    {"Minus", "minus -", 0x2d, 0, 0xbd, 0x1b, Typing, KeySpec::NoModifier},
    {"Equal", "equal equals =", 0x3d, 0, 0xbb, 0x18, Typing, KeySpec::NoModifier},
    {"Comma", "comma ,", 0x2c, 0, 0xbc, 0x2b, Typing, KeySpec::NoModifier},
    {"Period", "period dot .", 0x2e, 0, 0xbe, 0x2f, Typing, KeySpec::NoModifier},
    {"Slash", "slash /", 0x2f, 0, 0xbf, 0x2c, Typing, KeySpec::NoModifier},
    {"Semicolon", "semicolon ;", 0x3b, 0, 0xba, 0x29, Typing, KeySpec::NoModifier},
    {"Apostrophe", "apostrophe quote '", 0x27, 0, 0xde, 0x27, Typing, KeySpec::NoModifier},
    {"Grave", "grave backtick `", 0x60, 0, 0xc0, 0x32, Typing, KeySpec::NoModifier},
    {"LeftBracket", "leftbracket bracketleft [", 0x5b, 0, 0xdb, 0x21, Typing, KeySpec::NoModifier},
    {"RightBracket", "rightbracket bracketright ]", 0x5d, 0, 0xdd, 0x1e, Typing, KeySpec::NoModifier},
    {"Backslash", "backslash \\", 0x5c, 0, 0xdc, 0x2a, Typing, KeySpec::NoModifier},
    {"LeftCtrl", "leftctrl lctrl leftcontrol control_l", 0xffe3, 0, 0xa2, 0x3b, ModifierKey, KeySpec::Ctrl},
    {"RightCtrl", "rightctrl rctrl rightcontrol control_r", 0xffe4, 0, 0xa3, 0x3e, ModifierKey, KeySpec::Ctrl},
    {"LeftAlt", "leftalt lalt leftoption alt_l", 0xffe9, 0, 0xa4, 0x3a, ModifierKey, KeySpec::Alt},
    {"RightAlt", "rightalt ralt rightoption altgr alt_r", 0xffea, 0xfe03, 0xa5, 0x3d, ModifierKey, KeySpec::Alt},
    {"LeftShift", "leftshift lshift shift_l", 0xffe1, 0, 0xa0, 0x38, ModifierKey, KeySpec::Shift},
    {"RightShift", "rightshift rshift shift_r", 0xffe2, 0, 0xa1, 0x3c, ModifierKey, KeySpec::Shift},
    {"LeftMeta", "leftmeta lmeta leftsuper lsuper leftwin lwin leftcmd super_l", 0xffeb, 0, 0x5b, 0x37, ModifierKey,
     KeySpec::Meta},
    {"RightMeta", "rightmeta rmeta rightsuper rsuper rightwin rwin rightcmd super_r", 0xffec, 0, 0x5c, 0x36,
     ModifierKey, KeySpec::Meta},
};
constexpr int kFixedCount = int(sizeof(kFixedKeys) / sizeof(kFixedKeys[0]));

// Letters A–Z, digits 0–9 and F1–F24 follow the fixed table, in that order.
constexpr int kLetterBase = kFixedCount;
constexpr int kDigitBase = kLetterBase + 26;
constexpr int kFunctionBase = kDigitBase + 10;
constexpr int kKeyCount = kFunctionBase + 24;

constexpr std::array<std::uint16_t, 26> kMacLetters = {0x00, 0x0b, 0x08, 0x02, 0x0e, 0x03, 0x05, 0x04, 0x22,
                                                       0x26, 0x28, 0x25, 0x2e, 0x2d, 0x1f, 0x23, 0x0c, 0x0f,
                                                       0x01, 0x11, 0x20, 0x09, 0x0d, 0x07, 0x10, 0x06};
constexpr std::array<std::uint16_t, 10> kMacDigits = {0x1d, 0x12, 0x13, 0x14, 0x15, 0x17, 0x16, 0x1a, 0x1c, 0x19};
constexpr std::array<std::uint16_t, 24> kMacFunction = {0x7a, 0x78, 0x63, 0x76, 0x60, 0x61, 0x62, 0x64,
                                                        0x65, 0x6d, 0x67, 0x6f, 0x69, 0x6b, 0x71, 0x6a,
                                                        0x40, 0x4f, 0x50, 0x5a, N,    N,    N,    N};

struct Resolved
{
    QString name;
    std::uint32_t x11 = 0;
    std::uint32_t x11Alt = 0;
    std::uint16_t win = N;
    std::uint16_t mac = N;
    KeyClass kind = Typing;
    KeySpec::Modifier modifier = KeySpec::NoModifier;
};

Resolved resolve(int index)
{
    Resolved r;
    if (index < kFixedCount) {
        const KeyInfo& k = kFixedKeys[index];
        return {QString::fromLatin1(k.name), k.x11, k.x11Alt, k.win, k.mac, k.kind, k.modifier};
    }
    if (index < kDigitBase) {
        const int i = index - kLetterBase;
        r.name = QChar(u'A' + i);
        r.x11 = std::uint32_t(u'a' + i); // X11 grabs the unshifted keysym
        r.win = std::uint16_t(0x41 + i);
        r.mac = kMacLetters[std::size_t(i)];
        return r;
    }
    if (index < kFunctionBase) {
        const int i = index - kDigitBase;
        r.name = QChar(u'0' + i);
        r.x11 = std::uint32_t(0x30 + i);
        r.win = std::uint16_t(0x30 + i);
        r.mac = kMacDigits[std::size_t(i)];
        return r;
    }
    const int i = index - kFunctionBase;
    r.name = u"F"_s + QString::number(i + 1);
    r.x11 = std::uint32_t(0xffbe + i);
    r.win = std::uint16_t(0x70 + i);
    r.mac = kMacFunction[std::size_t(i)];
    r.kind = Standalone;
    return r;
}

int findKey(const QString& token)
{
    const QString lower = token.toLower();
    for (int i = 0; i < kFixedCount; ++i) {
        const QStringList aliases = QString::fromLatin1(kFixedKeys[i].aliases).split(u' ');
        if (aliases.contains(lower))
            return i;
    }
    if (lower.size() == 1) {
        const QChar c = lower.front();
        if (c >= u'a' && c <= u'z')
            return kLetterBase + (c.unicode() - u'a');
        if (c >= u'0' && c <= u'9')
            return kDigitBase + (c.unicode() - u'0');
    }
    if (lower.size() >= 2 && lower.front() == u'f') {
        bool ok = false;
        const int n = lower.mid(1).toInt(&ok);
        if (ok && n >= 1 && n <= 24 && !lower.mid(1).startsWith(u'0'))
            return kFunctionBase + n - 1;
    }
    return -1;
}

KeySpec::Modifier findModifier(const QString& token)
{
    const QString lower = token.toLower();
    if (lower == u"ctrl"_s || lower == u"control"_s || lower == u"ctl"_s)
        return KeySpec::Ctrl;
    if (lower == u"alt"_s || lower == u"option"_s || lower == u"opt"_s)
        return KeySpec::Alt;
    if (lower == u"shift"_s)
        return KeySpec::Shift;
    if (lower == u"meta"_s || lower == u"super"_s || lower == u"win"_s || lower == u"windows"_s || lower == u"cmd"_s ||
        lower == u"command"_s || lower == u"logo"_s)
        return KeySpec::Meta;
    return KeySpec::NoModifier;
}

Error invalid(const QString& message)
{
    return Error(ErrorCode::InvalidArgument, message);
}

} // namespace

Result<KeySpec> KeySpec::parse(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return invalid(tr("No key given; write a key such as F9 or RightCtrl, or a chord such as Ctrl+Alt+Space."));

    // "Ctrl++" would be ambiguous; Utter names the key "Equal"/"Plus"-free, so a bare '+' is an empty token.
    const QStringList tokens = trimmed.split(u'+');
    KeySpec spec;
    QString keyToken;
    for (const QString& raw : tokens) {
        const QString token = raw.trimmed();
        if (token.isEmpty())
            return invalid(
                tr("\"%1\" has an empty part; separate keys with a single + as in Ctrl+Alt+Space.").arg(text));
        const Modifier modifier = findModifier(token);
        if (modifier != NoModifier) {
            if (spec.m_modifiers & modifier)
                return invalid(tr("\"%1\" names %2 twice; list each modifier once.").arg(text, token));
            spec.m_modifiers |= modifier;
            continue;
        }
        const int index = findKey(token);
        if (index < 0)
            return invalid(tr("Unknown key \"%1\" in \"%2\"; use names such as Ctrl, Alt, Shift, Meta, Space, Enter, "
                              "F1–F24, A–Z, 0–9, Insert, Pause or RightCtrl.")
                               .arg(token, text));
        if (spec.m_index >= 0)
            return invalid(tr("\"%1\" has two keys (%2 and %3); a chord is modifiers plus exactly one key.")
                               .arg(text, keyToken, token));
        spec.m_index = index;
        keyToken = token;
    }

    if (spec.m_index < 0) {
        return invalid(tr("\"%1\" has only modifiers; add a key (Ctrl+Alt+Space), or use one side-specific "
                          "modifier key on its own such as RightCtrl or RightAlt.")
                           .arg(text));
    }
    const Resolved key = resolve(spec.m_index);
    if (key.kind == ModifierKey && spec.m_modifiers != NoModifier)
        return invalid(tr("\"%1\": a modifier key such as %2 works only on its own; write just %2, or pick a "
                          "chord such as Ctrl+Alt+Space.")
                           .arg(text, key.name));
    if (key.kind == Typing && (spec.m_modifiers & ~Shift) == 0)
        return invalid(tr("\"%1\" would take %2 away from typing in every application; add Ctrl, Alt or Meta "
                          "(e.g. Ctrl+Alt+%2) or use a key such as F9, Pause or RightCtrl.")
                           .arg(text, key.name));
    return spec;
}

QString KeySpec::keyName() const
{
    return isValid() ? resolve(m_index).name : QString();
}

QString KeySpec::toString() const
{
    if (!isValid())
        return {};
    QStringList parts;
    if (m_modifiers & Ctrl)
        parts << u"Ctrl"_s;
    if (m_modifiers & Alt)
        parts << u"Alt"_s;
    if (m_modifiers & Shift)
        parts << u"Shift"_s;
    if (m_modifiers & Meta)
        parts << u"Meta"_s;
    parts << keyName();
    return parts.join(u'+');
}

bool KeySpec::isModifierKey() const
{
    return isValid() && resolve(m_index).kind == ModifierKey;
}

KeySpec::Modifier KeySpec::modifierOfKey() const
{
    return isValid() ? resolve(m_index).modifier : NoModifier;
}

std::uint32_t KeySpec::x11Keysym() const
{
    return isValid() ? resolve(m_index).x11 : 0;
}

std::uint32_t KeySpec::x11AlternateKeysym() const
{
    return isValid() ? resolve(m_index).x11Alt : 0;
}

std::uint16_t KeySpec::windowsVirtualKey() const
{
    return isValid() ? resolve(m_index).win : NoCode;
}

std::uint16_t KeySpec::macKeyCode() const
{
    return isValid() ? resolve(m_index).mac : NoCode;
}

unsigned KeySpec::windowsModifierFlags() const
{
    // MOD_ALT 0x1, MOD_CONTROL 0x2, MOD_SHIFT 0x4, MOD_WIN 0x8
    unsigned flags = 0;
    if (m_modifiers & Alt)
        flags |= 0x1;
    if (m_modifiers & Ctrl)
        flags |= 0x2;
    if (m_modifiers & Shift)
        flags |= 0x4;
    if (m_modifiers & Meta)
        flags |= 0x8;
    return flags;
}

unsigned KeySpec::carbonModifierFlags() const
{
    // cmdKey 0x100, shiftKey 0x200, optionKey 0x800, controlKey 0x1000
    unsigned flags = 0;
    if (m_modifiers & Meta)
        flags |= 0x100;
    if (m_modifiers & Shift)
        flags |= 0x200;
    if (m_modifiers & Alt)
        flags |= 0x800;
    if (m_modifiers & Ctrl)
        flags |= 0x1000;
    return flags;
}

namespace
{

// Qt::Key of a key's X11 keysym: Latin-1 keysyms are Qt's key codes (upper case for letters), F-keys run in
// order, and the rest are named one by one.
int qtKeyOfKeysym(std::uint32_t keysym)
{
    constexpr std::uint32_t kF1 = 0xffbe, kF35 = 0xffe0;
    if (keysym >= kF1 && keysym <= kF35)
        return Qt::Key_F1 + int(keysym - kF1);
    if (keysym < 0x100)
        return QChar(char16_t(keysym)).toUpper().unicode();
    switch (keysym) {
    case 0xff0d:
        return Qt::Key_Return;
    case 0xff09:
        return Qt::Key_Tab;
    case 0xff1b:
        return Qt::Key_Escape;
    case 0xff08:
        return Qt::Key_Backspace;
    case 0xff63:
        return Qt::Key_Insert;
    case 0xffff:
        return Qt::Key_Delete;
    case 0xff50:
        return Qt::Key_Home;
    case 0xff57:
        return Qt::Key_End;
    case 0xff55:
        return Qt::Key_PageUp;
    case 0xff56:
        return Qt::Key_PageDown;
    case 0xff51:
        return Qt::Key_Left;
    case 0xff52:
        return Qt::Key_Up;
    case 0xff53:
        return Qt::Key_Right;
    case 0xff54:
        return Qt::Key_Down;
    case 0xff13:
        return Qt::Key_Pause;
    case 0xff14:
        return Qt::Key_ScrollLock;
    case 0xff61:
        return Qt::Key_Print;
    case 0xff67:
        return Qt::Key_Menu;
    case 0xffe5:
        return Qt::Key_CapsLock;
    default:
        return 0;
    }
}

} // namespace

int KeySpec::qtKey() const
{
    return isValid() && !isModifierKey() ? qtKeyOfKeysym(x11Keysym()) : 0;
}

QString KeySpec::nameForQtKey(int key)
{
    if (key == Qt::Key_Enter)
        key = Qt::Key_Return;
    else if (key == Qt::Key_Backtab)
        key = Qt::Key_Tab;
    for (int i = 0; i < kKeyCount && key != 0; ++i) {
        const Resolved r = resolve(i);
        if (r.kind != ModifierKey && qtKeyOfKeysym(r.x11) == key)
            return r.name;
    }
    return {};
}

QStringList KeySpec::keyNames()
{
    QStringList names;
    for (int i = 0; i < kKeyCount; ++i)
        names << resolve(i).name;
    return names;
}

} // namespace utter
