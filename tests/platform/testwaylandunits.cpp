#include "platform/linux/wayland/kglobalaccelhotkeys.h"
#include "platform/linux/wayland/portalhotkeys.h"
#include "platform/linux/wayland/waylandfocus.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

class TestWaylandUnits : public QObject
{
    Q_OBJECT

private slots:
    void portalTriggers()
    {
        QCOMPARE(PortalHotkeys::preferredTrigger(*KeySpec::parse(u"Ctrl+Alt+Space"_s)), u"CTRL+ALT+space"_s);
        QCOMPARE(PortalHotkeys::preferredTrigger(*KeySpec::parse(u"F9"_s)), u"F9"_s);
        QCOMPARE(PortalHotkeys::preferredTrigger(*KeySpec::parse(u"Meta+Shift+D"_s)), u"SHIFT+LOGO+d"_s);
        QCOMPARE(PortalHotkeys::preferredTrigger(*KeySpec::parse(u"RightCtrl"_s)), u"Control_R"_s);
    }

    void kglobalaccelKeyCodes()
    {
        // What KWin's kglobalaccel compares a pressed key against: Qt::Key | Qt modifier bits.
        const auto code = [](const QString& text) { return KGlobalAccelHotkeys::qtKeyCode(*KeySpec::parse(text)); };
        QCOMPARE(code(u"F9"_s), int(Qt::Key_F9));
        QCOMPARE(code(u"Ctrl+Alt+Space"_s), int(Qt::ControlModifier | Qt::AltModifier) | Qt::Key_Space);
        QCOMPARE(code(u"Ctrl+Alt+Space"_s), 0x0C000020);
        QCOMPARE(code(u"Meta+Shift+D"_s), int(Qt::MetaModifier | Qt::ShiftModifier) | Qt::Key_D);
        QCOMPARE(code(u"Ctrl+7"_s), int(Qt::ControlModifier) | Qt::Key_7);
        QCOMPARE(code(u"F24"_s), int(Qt::Key_F24));
        QCOMPARE(code(u"Alt+PrintScreen"_s), int(Qt::AltModifier) | Qt::Key_Print);
        QCOMPARE(code(u"Ctrl+Grave"_s), int(Qt::ControlModifier) | Qt::Key_QuoteLeft);
        QCOMPARE(code(u"RightCtrl"_s), 0); // a modifier key on its own: kglobalaccel cannot bind it
        // Every key Utter accepts (with a modifier) has a code.
        for (const QString& name : KeySpec::keyNames()) {
            const Result<KeySpec> spec = KeySpec::parse(u"Ctrl+Alt+"_s + name);
            if (spec.ok() && !spec->isModifierKey())
                QVERIFY2(KGlobalAccelHotkeys::qtKeyCode(*spec) != 0, qPrintable(name));
        }
    }

    void swayTree()
    {
        const QByteArray json = R"({"type":"root","nodes":[{"type":"output","nodes":[{"type":"workspace",
            "focused":false,"nodes":[{"type":"con","focused":false,"app_id":"firefox","name":"Mozilla"},
            {"type":"con","focused":true,"app_id":null,"name":"xterm","pid":1,
             "window_properties":{"class":"XTerm","instance":"xterm"}}]}]}]})";
        const TargetApp app = SwayFocusProbe::focusedFromTree(QJsonDocument::fromJson(json).object());
        QCOMPARE(app.appId, u"XTerm"_s); // XWayland window: class from window_properties
        QVERIFY(app.isTerminal);
        const QByteArray none = R"({"type":"root","nodes":[]})";
        QCOMPARE(SwayFocusProbe::focusedFromTree(QJsonDocument::fromJson(none).object()).appId, u"unknown"_s);
    }

    void hyprlandActiveWindow()
    {
        const QByteArray json = R"({"address":"0x55d1","class":"kitty","title":"~","pid":1})";
        const TargetApp app = HyprlandFocusProbe::fromActiveWindow(QJsonDocument::fromJson(json).object());
        QCOMPARE(app.appId, u"kitty"_s);
        QVERIFY(app.isTerminal);
        QCOMPARE(app.windowId, quint64(0x55d1));
    }
};

QTEST_GUILESS_MAIN(TestWaylandUnits)
#include "testwaylandunits.moc"
