#include "platform/clipboardsnapshot.h"
#include "platform/linux/x11/x11output.h"
#include "targetwindow.h"

#include <QBuffer>
#include <QGuiApplication>
#include <QImage>
#include <QMimeData>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

InsertResult insertAndWait(TextOutput& output, const QString& text, const TargetApp& target, InsertOptions options = {})
{
    std::optional<InsertResult> result;
    output.insert(text, target, options, [&](const InsertResult& r) { result = r; });
    for (int i = 0; i < 500 && !result; ++i)
        QTest::qWait(10);
    return result.value_or(InsertResult::failed(u"test"_s, Error(ErrorCode::Timeout, u"no result in 5 s"_s)));
}

// Runs a command while this process keeps serving the clipboard (a blocking wait would deadlock with xclip
// asking us for the selection).
QByteArray run(const QString& program, const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(program, args);
    if (!input.isNull()) {
        p.write(input);
        p.closeWriteChannel();
    }
    for (int i = 0; i < 500 && p.state() != QProcess::NotRunning; ++i)
        QTest::qWait(10);
    return p.readAllStandardOutput();
}

// xclip -i stays in the background as the selection owner; wait until the clipboard shows the format.
void putOnClipboard(const QString& type, const QByteArray& data)
{
    QProcess::execute(u"sh"_s, {u"-c"_s, u"true"_s});
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice());
    p.start(u"xclip"_s, {u"-selection"_s, u"clipboard"_s, u"-t"_s, type, u"-i"_s});
    p.write(data);
    p.closeWriteChannel();
    p.waitForFinished(5000);
}

} // namespace

// Text output against a real X server: XTest typing and clipboard paste into a real X11 client window
// (utter-typetarget), read back from it; clipboard snapshot/restore checked with xclip as another client.
class TestX11Output : public QObject
{
    Q_OBJECT

    TargetApp m_target;

private slots:
    void initTestCase()
    {
        const bool required = qEnvironmentVariableIntValue("UTTER_TEST_SERVICES") == 1;
        if (QGuiApplication::platformName() != u"xcb"_s) {
            if (required)
                QFAIL("no X server although UTTER_TEST_SERVICES=1 (Xvfb should run)");
            QSKIP("no X server (DISPLAY unset); run under tests/with-services.sh");
        }
        if (QStandardPaths::findExecutable(u"xclip"_s).isEmpty()) {
            if (required)
                QFAIL("xclip is not installed (apt-get install xclip)");
            QSKIP("xclip is not installed");
        }
        m_target.appId = u"UtterTarget"_s;
    }

    void xtestTypesAsciiAndUnicode()
    {
        TargetWindow window;
        QVERIFY2(window.waitReady(), qPrintable(window.errors()));
        XTestOutput output;
        QVERIFY(output.probe().ok());
        const QString text = u"Hello, World! 123 (a+b)=c; \"quoted\" ~ é ß Ü 你好 😀 «ok» — done."_s;
        const InsertResult r = insertAndWait(output, text, m_target);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QTRY_COMPARE_WITH_TIMEOUT(window.text(), text, 5000);
        QVERIFY2(r.detail.contains(u"temporary"_s), qPrintable(r.detail));
    }

    void xtestPressesEnter()
    {
        TargetWindow window;
        QVERIFY(window.waitReady());
        XTestOutput output;
        InsertOptions options;
        options.pressEnter = true;
        QVERIFY(insertAndWait(output, u"ls -l"_s, m_target, options).ok());
        QTRY_COMPARE_WITH_TIMEOUT(window.text(), u"ls -l\n"_s, 5000);
    }

    void focusProbeReadsWmClass()
    {
        TargetWindow window({u"--class"_s, u"Gnome-terminal"_s});
        QVERIFY(window.waitReady());
        X11FocusProbe probe;
        const TargetApp app = probe.focusedApp();
        QCOMPARE(app.appId, u"Gnome-terminal"_s);
        QVERIFY(app.isTerminal);
        QCOMPARE(app.title, u"Utter type target"_s);
        QVERIFY(app.windowId != 0);
    }

    void pasteRestoresRichClipboard()
    {
        const QByteArray html = "<b>the user's</b> rich clipboard";
        putOnClipboard(u"text/html"_s, html);
        QTRY_VERIFY(QGuiApplication::clipboard()->mimeData()->hasHtml());

        TargetWindow window;
        QVERIFY(window.waitReady());
        X11PasteOutput output;
        QVERIFY(output.probe().ok());
        const QString text = u"pasted words, é 你好 😀"_s;
        const InsertResult r = insertAndWait(output, text, m_target);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.detail, u"pasted with Ctrl+V"_s);
        QTRY_COMPARE_WITH_TIMEOUT(window.text(), text, 5000);
        // The user's clipboard is back, read by another client.
        QCOMPARE(run(u"xclip"_s, {u"-selection"_s, u"clipboard"_s, u"-t"_s, u"text/html"_s, u"-o"_s}), html);
    }

    void snapshotPreservesImage()
    {
        QImage image(32, 16, QImage::Format_RGB32);
        image.fill(Qt::red);
        image.setPixel(3, 4, qRgb(0, 0, 255));
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(image.save(&buffer, "PNG"));
        putOnClipboard(u"image/png"_s, png);
        QTRY_VERIFY(QGuiApplication::clipboard()->mimeData()->formats().contains(u"image/png"_s));

        const ClipboardSnapshot snapshot = ClipboardSnapshot::take();
        QCOMPARE(snapshot.data(u"image/png"_s), png);
        QGuiApplication::clipboard()->setMimeData(transientTextMimeData(u"transcript"_s).release());
        QVERIFY(clipboardHoldsText(u"transcript"_s));
        snapshot.restore();
        const QByteArray targets = run(u"xclip"_s, {u"-selection"_s, u"clipboard"_s, u"-t"_s, u"TARGETS"_s, u"-o"_s});
        QVERIFY2(targets.contains("image/png"), targets.constData());
        const QByteArray back = run(u"xclip"_s, {u"-selection"_s, u"clipboard"_s, u"-t"_s, u"image/png"_s, u"-o"_s});
        QCOMPARE(back, png);
        QImage restored;
        QVERIFY(restored.loadFromData(back, "PNG"));
        QCOMPARE(restored.pixel(3, 4), qRgb(0, 0, 255));
    }

    void clipboardChangedByUserIsNotRestored()
    {
        putOnClipboard(u"text/plain"_s, "old");
        QTRY_COMPARE(QGuiApplication::clipboard()->text(), u"old"_s);
        const ClipboardSnapshot snapshot = ClipboardSnapshot::take();
        QGuiApplication::clipboard()->setText(u"utter text"_s);
        putOnClipboard(u"text/plain"_s, "the user copied this meanwhile");
        QTRY_VERIFY(!clipboardHoldsText(u"utter text"_s));
        // The guard says no, so the chain must not restore over the user's new copy.
        QVERIFY(!clipboardHoldsText(u"utter text"_s));
        QCOMPARE(run(u"xclip"_s, {u"-selection"_s, u"clipboard"_s, u"-o"_s}),
                 QByteArray("the user copied this meanwhile"));
    }

    void terminalsGetTheTerminalChord()
    {
        {
            TargetWindow window({u"--class"_s, u"kitty"_s});
            QVERIFY(window.waitReady());
            TargetApp kitty = X11FocusProbe().focusedApp();
            QVERIFY(kitty.isTerminal);
            X11PasteOutput output;
            const InsertResult r = insertAndWait(output, u"echo hi"_s, kitty);
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            QTRY_COMPARE(window.text(), u"echo hi"_s);
            QCOMPARE(window.pasteChords(), QStringList{u"Ctrl+Shift+V"_s});
        }
        {
            TargetWindow window({u"--class"_s, u"XTerm"_s});
            QVERIFY(window.waitReady());
            TargetApp xterm = X11FocusProbe().focusedApp();
            QVERIFY(xterm.isTerminal);
            X11PasteOutput output;
            const InsertResult r = insertAndWait(output, u"make test"_s, xterm);
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            QTRY_COMPARE(window.text(), u"make test"_s);
            QCOMPARE(window.pasteChords(), QStringList{u"Shift+Insert"_s});
        }
    }

    void unreadPasteIsAFailureAndKeepsText()
    {
        TargetWindow window({u"--ignore-paste"_s});
        QVERIFY(window.waitReady());
        X11PasteOutput output;
        InsertOptions options;
        options.restoreDelayMs = 300;
        const InsertResult r = insertAndWait(output, u"do not lose me"_s, m_target, options);
        QCOMPARE(r.outcome, InsertResult::Failed);
        QVERIFY2(r.error.message.contains(u"did not read the clipboard"_s), qPrintable(r.error.message));
        // Never reported as success, and the text stays on the clipboard for the user.
        QVERIFY(clipboardHoldsText(u"do not lose me"_s));
        QCOMPARE(window.text(), QString());
    }
};

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // initTestCase skips (or fails under with-services.sh)
    QGuiApplication app(argc, argv);
    TestX11Output test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "testx11output.moc"
