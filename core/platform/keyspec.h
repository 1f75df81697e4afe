#pragma once

#include "common/result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace utter
{

// A hotkey as the user writes it in settings: "Ctrl+Alt+Space", "F9", "RightCtrl", "Meta+Shift+D".
// QtCore only, shared by every backend: it knows each key's X11 keysym, Windows virtual-key code and macOS
// virtual keycode, so the per-platform code never parses names itself.
class KeySpec final
{
    // Parse errors reach the settings dialog and the key-capture button, so they are translatable (the command
    // line has no translator and stays English).
    Q_DECLARE_TR_FUNCTIONS(utter::KeySpec)

public:
    enum Modifier : std::uint8_t
    {
        NoModifier = 0,
        Ctrl = 1,
        Alt = 2,
        Shift = 4,
        Meta = 8, // Super / Windows key / Command
    };

    static constexpr std::uint16_t NoCode = 0xFFFF;

    KeySpec() = default;

    // Parses and validates a key spec. Errors are one sentence saying what to write instead.
    static Result<KeySpec> parse(const QString& text);

    bool isValid() const { return m_index >= 0; }
    // Canonical spelling: modifiers in the order Ctrl, Alt, Shift, Meta, then the key ("Ctrl+Alt+Space").
    QString toString() const;
    std::uint8_t modifiers() const { return m_modifiers; }
    bool hasModifier(Modifier m) const { return (m_modifiers & m) != 0; }
    QString keyName() const;
    // True for a side-specific modifier key used on its own ("RightCtrl").
    bool isModifierKey() const;

    // Platform codes of the key (not the modifiers); NoCode / 0 when the platform has no such key.
    std::uint32_t x11Keysym() const;
    std::uint32_t x11AlternateKeysym() const; // e.g. ISO_Level3_Shift for RightAlt on layouts with AltGr
    std::uint16_t windowsVirtualKey() const;
    std::uint16_t macKeyCode() const;

    // The key as Qt names it (Qt::Key, no modifiers), for the key-capture widget and KDE's kglobalaccel; 0 for a
    // modifier key on its own, which Qt has no key code for.
    int qtKey() const;
    // The key-spec name of a Qt::Key (Enter for Return and Enter, Tab for Backtab); empty when no spec names it.
    static QString nameForQtKey(int key);

    // Modifier flags in each platform's encoding.
    unsigned windowsModifierFlags() const; // MOD_ALT | MOD_CONTROL | MOD_SHIFT | MOD_WIN
    unsigned carbonModifierFlags() const;  // cmdKey | shiftKey | optionKey | controlKey (Meta = Command)
    // The modifier a side-specific modifier key stands for (RightCtrl → Ctrl), NoModifier otherwise.
    Modifier modifierOfKey() const;

    // Names accepted for keys, for help texts and the settings editor.
    static QStringList keyNames();

    bool operator==(const KeySpec& other) const { return m_index == other.m_index && m_modifiers == other.m_modifiers; }

private:
    int m_index = -1; // into the key table
    std::uint8_t m_modifiers = NoModifier;
};

} // namespace utter
