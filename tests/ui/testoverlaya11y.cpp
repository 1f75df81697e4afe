// The overlay's live transcript for screen readers (issue 18): the label's accessible name is the plain text (not
// the markup that dims the moving tail), each change is announced as NameChanged, and the overlay never takes the
// focus from the application being dictated into. Qt's AT-SPI bridge on a real X server; testaccessibility reads
// the same text over AT-SPI as Orca would.
#include "recordingoverlay.h"

#include <QAccessible>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QTest>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using utter::ui::RecordingOverlay;

namespace
{

struct AccessibleEvent
{
    QObject* object;
    QAccessible::Event type;
};
QList<AccessibleEvent> g_events; // what the accessibility bridge was told, in order

void recordEvent(QAccessibleEvent* event)
{
    g_events.append({event->object(), event->type()});
}

int namesChanged(const QObject* object)
{
    return int(std::count_if(g_events.cbegin(), g_events.cend(), [object](const AccessibleEvent& e) {
        return e.object == object && e.type == QAccessible::NameChanged;
    }));
}

} // namespace

class TestOverlayAccessibility final : public QObject
{
    Q_OBJECT

private slots:
    void screenReadersReadTheTranscript()
    {
        // Another window has the focus, as the application being dictated into would.
        QLineEdit editor;
        editor.show();
        editor.activateWindow();
        editor.setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), &editor);

        // Qt's AT-SPI bridge is on (QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1) once it reached the accessibility bus.
        QTRY_VERIFY(QAccessible::isActive());
        const QAccessible::UpdateHandler previous = QAccessible::installUpdateHandler(recordEvent);
        g_events.clear();
        RecordingOverlay overlay;
        overlay.setReducedMotion(true);
        overlay.setServiceState(u"listening"_s);
        auto* body = overlay.findChild<QLabel*>(u"overlayBody"_s);
        QVERIFY(body);
        QAccessibleInterface* label = QAccessible::queryAccessibleInterface(body);
        QVERIFY(label);
        QCOMPARE(label->text(QAccessible::Description), tr("Live transcript"));

        // The name is the plain text, without the markup that dims the moving tail, and each change is announced.
        // Exactly one announcement per change: a screen reader would read a duplicate twice.
        g_events.clear();
        overlay.setPartial(0, u"Let's meet on Thursday"_s);
        QCOMPARE(label->text(QAccessible::Name), u"Let's meet on Thursday"_s);
        int announced = namesChanged(body);
        QCOMPARE(announced, 1);
        overlay.setPartial(0, u"Let's meet on Thursday at ten."_s);
        QCOMPARE(namesChanged(body), announced + 1);
        announced = namesChanged(body);
        overlay.setPartial(1, u"<b>Bring"_s);
        QCOMPARE(label->text(QAccessible::Name), u"Let's meet on Thursday at ten. <b>Bring"_s);
        QCOMPARE(namesChanged(body), announced + 1);
        announced = namesChanged(body);
        // The same text again is not announced again.
        overlay.setLevel(-20.f);
        overlay.setPartial(1, u"<b>Bring"_s);
        QCOMPARE(namesChanged(body), announced);
        overlay.setFinal(u"Let's meet on Thursday at ten. Bring the slides."_s);
        QCOMPARE(label->text(QAccessible::Name), u"Let's meet on Thursday at ten. Bring the slides."_s);
        QCOMPARE(namesChanged(body), announced + 1);
        announced = namesChanged(body);
        overlay.showError(u"The provider did not answer."_s);
        QCOMPARE(label->text(QAccessible::Name), u"The provider did not answer."_s);
        QCOMPARE(namesChanged(body), announced + 1);

        // The label is in the overlay's accessible tree, and reading it never moved the focus.
        QAccessibleInterface* window = QAccessible::queryAccessibleInterface(&overlay);
        QVERIFY(window);
        bool inTree = false;
        for (QAccessibleInterface* at = label; at && !inTree; at = at->parent())
            inTree = at->object() == &overlay;
        QVERIFY(inTree);
        QVERIFY(overlay.isVisible());
        QCOMPARE(QApplication::focusWidget(), &editor);
        QVERIFY(!overlay.isActiveWindow());
        QAccessible::installUpdateHandler(previous);
    }
};

int main(int argc, char** argv)
{
    // Qt's bridge joins the accessibility bus only once it runs: start it as a screen reader's session would.
    QProcess::execute(u"dbus-send"_s, {u"--session"_s, u"--print-reply"_s, u"--dest=org.a11y.Bus"_s, u"/org/a11y/bus"_s,
                                       u"org.a11y.Bus.GetAddress"_s});
    QApplication app(argc, argv);
    TestOverlayAccessibility test;
    return QTest::qExec(&test, argc, argv);
}
#include "testoverlaya11y.moc"
