#include "platform/keyspec.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using utter::KeySpec;

class TestKeySpec : public QObject
{
    Q_OBJECT

private slots:
    void parsesValidSpecs_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<int>("modifiers");
        QTest::newRow("chord") << u"Ctrl+Alt+Space"_s << u"Ctrl+Alt+Space"_s << int(KeySpec::Ctrl | KeySpec::Alt);
        QTest::newRow("order and case") << u" alt + CONTROL+space "_s << u"Ctrl+Alt+Space"_s
                                        << int(KeySpec::Ctrl | KeySpec::Alt);
        QTest::newRow("function key") << u"F9"_s << u"F9"_s << 0;
        QTest::newRow("f24") << u"f24"_s << u"F24"_s << 0;
        QTest::newRow("right ctrl") << u"RightCtrl"_s << u"RightCtrl"_s << 0;
        QTest::newRow("alias rctrl") << u"rctrl"_s << u"RightCtrl"_s << 0;
        QTest::newRow("altgr") << u"AltGr"_s << u"RightAlt"_s << 0;
        QTest::newRow("meta letter") << u"Super+Shift+d"_s << u"Shift+Meta+D"_s << int(KeySpec::Shift | KeySpec::Meta);
        QTest::newRow("cmd") << u"Cmd+Option+1"_s << u"Alt+Meta+1"_s << int(KeySpec::Alt | KeySpec::Meta);
        QTest::newRow("pause") << u"Pause"_s << u"Pause"_s << 0;
        QTest::newRow("shift f-key") << u"Shift+F12"_s << u"Shift+F12"_s << int(KeySpec::Shift);
    }
    void parsesValidSpecs()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QFETCH(int, modifiers);
        const auto spec = KeySpec::parse(text);
        QVERIFY2(spec.ok(), qPrintable(spec.ok() ? QString() : spec.error().message));
        QCOMPARE(spec->toString(), canonical);
        QCOMPARE(int(spec->modifiers()), modifiers);
        // The canonical form parses to the same spec.
        QVERIFY(*KeySpec::parse(canonical) == *spec);
    }

    void rejectsWithClearErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << u"  "_s << u"No key given"_s;
        QTest::newRow("unknown") << u"Ctrl+Foo"_s << u"Unknown key \"Foo\""_s;
        QTest::newRow("two keys") << u"Ctrl+A+B"_s << u"two keys"_s;
        QTest::newRow("only modifiers") << u"Ctrl+Alt"_s << u"only modifiers"_s;
        QTest::newRow("bare ctrl") << u"Ctrl"_s << u"RightCtrl"_s;
        QTest::newRow("duplicate") << u"Ctrl+ctrl+X"_s << u"twice"_s;
        QTest::newRow("letter alone") << u"A"_s << u"away from typing"_s;
        QTest::newRow("shift letter") << u"Shift+A"_s << u"away from typing"_s;
        QTest::newRow("space alone") << u"Space"_s << u"away from typing"_s;
        QTest::newRow("modifier key in chord") << u"Ctrl+RightAlt"_s << u"only on its own"_s;
        QTest::newRow("empty part") << u"Ctrl++"_s << u"empty part"_s;
        QTest::newRow("f25") << u"F25"_s << u"Unknown key"_s;
        QTest::newRow("f0") << u"F0"_s << u"Unknown key"_s;
    }
    void rejectsWithClearErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        const auto spec = KeySpec::parse(text);
        QVERIFY(!spec.ok());
        QCOMPARE(spec.error().code, utter::ErrorCode::InvalidArgument);
        QVERIFY2(spec.error().message.contains(mentions), qPrintable(spec.error().message));
        QVERIFY(spec.error().message.endsWith(u'.'));
    }

    void x11Keysyms()
    {
        QCOMPARE(KeySpec::parse(u"Ctrl+Alt+Space"_s)->x11Keysym(), 0x20u);
        QCOMPARE(KeySpec::parse(u"F9"_s)->x11Keysym(), 0xffc6u); // XK_F9
        QCOMPARE(KeySpec::parse(u"RightCtrl"_s)->x11Keysym(), 0xffe4u);
        QCOMPARE(KeySpec::parse(u"Ctrl+Q"_s)->x11Keysym(), quint32('q'));       // grabs use the unshifted keysym
        QCOMPARE(KeySpec::parse(u"RightAlt"_s)->x11AlternateKeysym(), 0xfe03u); // ISO_Level3_Shift
        QVERIFY(KeySpec::parse(u"RightCtrl"_s)->isModifierKey());
        QCOMPARE(KeySpec::parse(u"RightCtrl"_s)->modifierOfKey(), KeySpec::Ctrl);
    }

    // Windows backend: RegisterHotKey / low-level hook codes.
    void windowsCodes()
    {
        const auto chord = KeySpec::parse(u"Ctrl+Alt+Space"_s);
        QCOMPARE(chord->windowsVirtualKey(), quint16(0x20)); // VK_SPACE
        QCOMPARE(chord->windowsModifierFlags(), 0x3u);       // MOD_ALT | MOD_CONTROL
        QCOMPARE(KeySpec::parse(u"F9"_s)->windowsVirtualKey(), quint16(0x78));
        QCOMPARE(KeySpec::parse(u"F24"_s)->windowsVirtualKey(), quint16(0x87));
        QCOMPARE(KeySpec::parse(u"RightCtrl"_s)->windowsVirtualKey(), quint16(0xa3)); // VK_RCONTROL
        QCOMPARE(KeySpec::parse(u"Meta+Shift+D"_s)->windowsVirtualKey(), quint16('D'));
        QCOMPARE(KeySpec::parse(u"Meta+Shift+D"_s)->windowsModifierFlags(), 0xcu); // MOD_SHIFT | MOD_WIN
        QCOMPARE(KeySpec::parse(u"Ctrl+Alt+7"_s)->windowsVirtualKey(), quint16('7'));
        QCOMPARE(KeySpec::parse(u"Ctrl+Minus"_s)->windowsVirtualKey(), quint16(0xbd)); // VK_OEM_MINUS
    }

    // macOS backend: Carbon RegisterEventHotKey codes.
    void macCodes()
    {
        const auto chord = KeySpec::parse(u"Ctrl+Alt+Space"_s);
        QCOMPARE(chord->macKeyCode(), quint16(0x31));                              // kVK_Space
        QCOMPARE(chord->carbonModifierFlags(), 0x1800u);                           // controlKey | optionKey
        QCOMPARE(KeySpec::parse(u"Cmd+Shift+A"_s)->macKeyCode(), quint16(0x00));   // kVK_ANSI_A
        QCOMPARE(KeySpec::parse(u"Cmd+Shift+A"_s)->carbonModifierFlags(), 0x300u); // cmdKey | shiftKey
        QCOMPARE(KeySpec::parse(u"F9"_s)->macKeyCode(), quint16(0x65));
        QCOMPARE(KeySpec::parse(u"Ctrl+Alt+Z"_s)->macKeyCode(), quint16(0x06));
        QCOMPARE(KeySpec::parse(u"Ctrl+Alt+5"_s)->macKeyCode(), quint16(0x17));
        QCOMPARE(KeySpec::parse(u"F21"_s)->macKeyCode(), KeySpec::NoCode); // no such key on a Mac
        QCOMPARE(KeySpec::parse(u"Pause"_s)->macKeyCode(), KeySpec::NoCode);
    }

    void everyNameRoundTrips()
    {
        const QStringList names = KeySpec::keyNames();
        QVERIFY(names.size() > 90);
        for (const QString& name : names) {
            const auto spec = KeySpec::parse(u"Ctrl+Alt+"_s + name);
            if (!spec.ok()) {
                QVERIFY2(spec.error().message.contains(u"only on its own"_s), qPrintable(name));
                continue;
            }
            QCOMPARE(spec->keyName(), name);
            QVERIFY2(spec->x11Keysym() != 0, qPrintable(name));
            QVERIFY2(spec->windowsVirtualKey() != KeySpec::NoCode, qPrintable(name));
        }
    }

    void qtKeysMapBothWays()
    {
        // One mapping serves the key-capture widget (Qt::Key → name) and kglobalaccel (name → Qt::Key).
        QCOMPARE(KeySpec::parse(u"F9"_s)->qtKey(), int(Qt::Key_F9));
        QCOMPARE(KeySpec::parse(u"F24"_s)->qtKey(), int(Qt::Key_F24));
        QCOMPARE(KeySpec::parse(u"Ctrl+A"_s)->qtKey(), int(Qt::Key_A));
        QCOMPARE(KeySpec::parse(u"Ctrl+7"_s)->qtKey(), int(Qt::Key_7));
        QCOMPARE(KeySpec::parse(u"Ctrl+Grave"_s)->qtKey(), int(Qt::Key_QuoteLeft));
        QCOMPARE(KeySpec::parse(u"Ctrl+Alt+Space"_s)->qtKey(), int(Qt::Key_Space)); // the key, not the modifiers
        QCOMPARE(KeySpec::parse(u"RightCtrl"_s)->qtKey(), 0);
        QCOMPARE(KeySpec::nameForQtKey(Qt::Key_Enter), u"Enter"_s);
        QCOMPARE(KeySpec::nameForQtKey(Qt::Key_Backtab), u"Tab"_s);
        QCOMPARE(KeySpec::nameForQtKey(Qt::Key_VolumeUp), QString());
        for (const QString& name : KeySpec::keyNames()) {
            utter::Result<utter::KeySpec> parsed = KeySpec::parse(name); // typing keys need a modifier to be a hotkey
            if (!parsed.ok())
                parsed = KeySpec::parse(u"Ctrl+Alt+"_s + name);
            QVERIFY2(parsed.ok(), qPrintable(name));
            const KeySpec spec = *parsed;
            if (spec.isModifierKey())
                continue;
            QVERIFY2(spec.qtKey() != 0, qPrintable(name));
            QCOMPARE(KeySpec::nameForQtKey(spec.qtKey()), name);
        }
    }
};

QTEST_GUILESS_MAIN(TestKeySpec)
#include "testkeyspec.moc"
