#include "keycapturewidget.h"

#include <QApplication>
#include <QKeyEvent>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using utter::ui::KeyCaptureWidget;

class TestKeyCapture final : public QObject
{
    Q_OBJECT

private:
    static void send(QWidget* w, QEvent::Type type, int key, Qt::KeyboardModifiers mods, quint32 keysym = 0)
    {
        QKeyEvent event(type, key, mods, 0, keysym, 0);
        QApplication::sendEvent(w, &event);
    }

private slots:
    void specForMapsQtKeys_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<int>("mods");
        QTest::addColumn<quint32>("keysym");
        QTest::addColumn<QString>("spec");
        QTest::newRow("chord") << int(Qt::Key_Space) << int(Qt::ControlModifier | Qt::AltModifier) << 0u
                               << u"Ctrl+Alt+Space"_s;
        QTest::newRow("f9") << int(Qt::Key_F9) << 0 << 0u << u"F9"_s;
        QTest::newRow("letter") << int(Qt::Key_D) << int(Qt::MetaModifier | Qt::ShiftModifier) << 0u
                                << u"Shift+Meta+D"_s;
        QTest::newRow("right ctrl") << int(Qt::Key_Control) << int(Qt::ControlModifier) << 0xffe4u << u"RightCtrl"_s;
        QTest::newRow("right alt") << int(Qt::Key_AltGr) << 0 << 0xfe03u << u"RightAlt"_s;
        QTest::newRow("pause") << int(Qt::Key_Pause) << 0 << 0u << u"Pause"_s;
        QTest::newRow("grave") << int(Qt::Key_QuoteLeft) << int(Qt::ControlModifier) << 0u << u"Ctrl+Grave"_s;
        QTest::newRow("unknown") << int(Qt::Key_unknown) << 0 << 0u << QString();
    }

    void specForMapsQtKeys()
    {
        QFETCH(int, key);
        QFETCH(int, mods);
        QFETCH(quint32, keysym);
        QFETCH(QString, spec);
        QCOMPARE(KeyCaptureWidget::specFor(key, Qt::KeyboardModifiers(mods), keysym), spec);
    }

    void recordsAChord()
    {
        KeyCaptureWidget w;
        w.setKeySpec(u"F9"_s);
        w.show();
        QSignalSpy changed(&w, &KeyCaptureWidget::keySpecChanged);
        QTest::mouseClick(&w, Qt::LeftButton);
        QVERIFY(w.isRecording());
        QVERIFY(w.text().contains(u"Press"_s));
        send(&w, QEvent::KeyPress, Qt::Key_Control, Qt::ControlModifier, 0xffe3);
        send(&w, QEvent::KeyPress, Qt::Key_Alt, Qt::ControlModifier | Qt::AltModifier, 0xffe9);
        QVERIFY(w.isRecording());
        send(&w, QEvent::KeyPress, Qt::Key_Space, Qt::ControlModifier | Qt::AltModifier);
        QVERIFY(!w.isRecording());
        QCOMPARE(w.keySpec(), u"Ctrl+Alt+Space"_s);
        QCOMPARE(w.text(), u"Ctrl+Alt+Space"_s);
        QCOMPARE(changed.size(), 1);
        QVERIFY(w.error().isEmpty());
    }

    void recordsAModifierAlone()
    {
        KeyCaptureWidget w;
        w.show();
        w.startRecording();
        send(&w, QEvent::KeyPress, Qt::Key_Control, Qt::ControlModifier, 0xffe4);
        QVERIFY(w.isRecording()); // might still become a chord
        send(&w, QEvent::KeyRelease, Qt::Key_Control, Qt::NoModifier, 0xffe4);
        QVERIFY(!w.isRecording());
        QCOMPARE(w.keySpec(), u"RightCtrl"_s);
    }

    void modifierThenKeyIsNotAModifierAlone()
    {
        KeyCaptureWidget w;
        w.show();
        w.startRecording();
        send(&w, QEvent::KeyPress, Qt::Key_Shift, Qt::ShiftModifier, 0xffe1);
        send(&w, QEvent::KeyPress, Qt::Key_F5, Qt::ShiftModifier);
        QCOMPARE(w.keySpec(), u"Shift+F5"_s);
        send(&w, QEvent::KeyRelease, Qt::Key_Shift, Qt::NoModifier, 0xffe1);
        QCOMPARE(w.keySpec(), u"Shift+F5"_s);
    }

    void tabIsRecordedNotAFocusMove()
    {
        KeyCaptureWidget w;
        w.show();
        w.startRecording();
        QKeyEvent tab(QEvent::KeyPress, Qt::Key_Tab, Qt::AltModifier);
        QApplication::sendEvent(&w, &tab);
        QCOMPARE(w.keySpec(), u"Alt+Tab"_s);
    }

    void escapeCancelsAndKeepsTheOldKey()
    {
        KeyCaptureWidget w;
        w.setKeySpec(u"F9"_s);
        w.show();
        w.startRecording();
        send(&w, QEvent::KeyPress, Qt::Key_Escape, Qt::NoModifier);
        QVERIFY(!w.isRecording());
        QCOMPARE(w.keySpec(), u"F9"_s);
    }

    void unusableKeyReportsAnError()
    {
        KeyCaptureWidget w;
        w.setKeySpec(u"F9"_s);
        w.show();
        w.startRecording();
        send(&w, QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier);
        QVERIFY(!w.error().isEmpty());
        QCOMPARE(w.keySpec(), u"F9"_s);
    }

    void backspaceClearsWhenAllowed()
    {
        KeyCaptureWidget w;
        w.setKeySpec(u"F8"_s);
        w.show();
        send(&w, QEvent::KeyPress, Qt::Key_Backspace, Qt::NoModifier);
        QCOMPARE(w.keySpec(), u"F8"_s);
        w.setAllowEmpty(true);
        send(&w, QEvent::KeyPress, Qt::Key_Backspace, Qt::NoModifier);
        QCOMPARE(w.keySpec(), QString());
        QVERIFY(w.accessibleName().contains(u"none"_s));
    }
};

QTEST_MAIN(TestKeyCapture)
#include "testkeycapture.moc"
