// Key specs from the settings file, `utter config set hotkey/...` and IPC (core/platform/keyspec). A spec that
// parses must print canonically and parse again to the same key.
#include "fuzzsupport.h"
#include "platform/keyspec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString text = QString::fromUtf8(utter::fuzz::bytes(data, size));
    const auto spec = utter::KeySpec::parse(text);
    if (!spec.ok()) {
        if (spec.error().message.isEmpty())
            utter::fuzz::fail("a refused key spec without a message", text.toUtf8());
        return 0;
    }
    const utter::KeySpec& key = spec.value();
    const QString canonical = key.toString();
    const auto again = utter::KeySpec::parse(canonical);
    if (!again.ok() || again.value().toString() != canonical)
        utter::fuzz::fail("a key spec does not survive its canonical spelling",
                          QString(text + u" -> " + canonical).toUtf8());
    (void)key.x11Keysym();
    (void)key.x11AlternateKeysym();
    (void)key.windowsVirtualKey();
    (void)key.macKeyCode();
    (void)key.windowsModifierFlags();
    (void)key.carbonModifierFlags();
    (void)key.modifierOfKey();
    (void)key.isModifierKey();
    (void)utter::KeySpec::nameForQtKey(key.qtKey());
    return 0;
}
