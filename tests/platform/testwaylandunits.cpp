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
