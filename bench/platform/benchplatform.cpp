// Timings of the X11 desktop integration, each next to a baseline measured in the same run:
//   hotkey: X server key event → pressed()/released() signal, against one X round trip;
//   typing: 100 characters through XTest until the target window has them all, against `xdotool type`;
//   paste:  100 characters through the clipboard + Ctrl+V until the target has them (verified read + restore).
#include "platform/linux/x11/x11hotkeys.h"
#include "platform/linux/x11/x11output.h"
#include "platform/linux/x11/xtestkeyboard.h"
#include "targetwindow.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QProcess>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

struct Stats
{
    double median = 0;
    double p90 = 0;
};

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    if (v.empty())
        return {};
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 9 / 10)]};
}

void print(const char* what, Stats s, Stats baseline, const char* baselineName)
{
    std::printf("%-44s median %8.2f ms  p90 %8.2f ms   (%.1fx %s: %.2f ms)\n", what, s.median, s.p90,
                baseline.median > 0 ? s.median / baseline.median : 0.0, baselineName, baseline.median);
}

bool waitFor(const std::function<bool()>& done, int timeoutMs = 5000)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    return done();
}

const QString kAscii100 =
    u"The quick brown fox jumps over the lazy dog, then types 100 characters of text. 0123456789 abcd!"_s;
const QString kUnicode100 = QString(u"é ß ü 你好 — "_s).repeated(10).left(100);

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY")) {
        std::printf("benchplatform: no X server (DISPLAY unset); run under tests/with-services.sh\n");
        return 0;
    }
    qputenv("QT_QPA_PLATFORM", "xcb");
    qputenv("UTTER_TYPETARGET", UTTER_TYPETARGET_PATH);
    QGuiApplication app(argc, argv);
    const int rounds = 30;

    // --- hotkey latency
    QString error;
    auto hotkeys = X11Hotkeys::create(&error);
    auto sender = x11::XTestKeyboard::open(&error);
    if (!hotkeys || !sender) {
        std::printf("benchplatform: %s\n", qPrintable(error));
        return 1;
    }
    (void)hotkeys->registerHotkey(u"dictate"_s, *KeySpec::parse(u"F9"_s));
    QElapsedTimer clock;
    qint64 pressedAt = 0;
    qint64 releasedAt = 0;
    QObject::connect(hotkeys.get(), &GlobalHotkeys::pressed, hotkeys.get(), [&] { pressedAt = clock.nsecsElapsed(); });
    QObject::connect(hotkeys.get(), &GlobalHotkeys::released, hotkeys.get(),
                     [&] { releasedAt = clock.nsecsElapsed(); });
    std::vector<double> press, release, roundTrip;
    for (int i = 0; i < rounds; ++i) {
        pressedAt = releasedAt = 0;
        clock.start();
        sender->chord({0xffc6}); // F9 down + up, flushed
        waitFor([&] { return releasedAt != 0; });
        press.push_back(pressedAt / 1e6);
        release.push_back(releasedAt / 1e6);
        clock.start();
        sender->sync();
        roundTrip.push_back(clock.nsecsElapsed() / 1e6);
    }
    print("hotkey: key event -> pressed() signal", stats(press), stats(roundTrip), "X round trip");
    print("hotkey: key event -> released() signal", stats(release), stats(roundTrip), "X round trip");

    // --- typing and paste into a real window
    auto measureInsert = [&](TextOutput& output, const QString& text, int n) {
        std::vector<double> done, landed;
        for (int i = 0; i < n; ++i) {
            TargetWindow window;
            if (!window.waitReady()) {
                std::printf("benchplatform: the target window did not start\n");
                return std::make_pair(Stats{}, Stats{});
            }
            TargetApp target;
            bool finished = false;
            clock.start();
            output.insert(text, target, InsertOptions{}, [&](const InsertResult& r) {
                finished = true;
                done.push_back(clock.nsecsElapsed() / 1e6);
                if (!r.ok())
                    std::printf("  insertion failed: %s\n", qPrintable(r.error.message));
            });
            waitFor([&] { return finished && window.text() == text; });
            landed.push_back(clock.nsecsElapsed() / 1e6);
        }
        return std::make_pair(stats(done), stats(landed));
    };
    auto measureXdotool = [&](const QString& text, int n) {
        std::vector<double> landed;
        for (int i = 0; i < n; ++i) {
            TargetWindow window;
            window.waitReady();
            clock.start();
            QProcess::execute(u"xdotool"_s, {u"type"_s, u"--delay"_s, u"0"_s, u"--"_s, text});
            waitFor([&] { return window.text() == text; });
            landed.push_back(clock.nsecsElapsed() / 1e6);
        }
        return stats(landed);
    };

    const int n = 8;
    const Stats xdotoolAscii = measureXdotool(kAscii100, n);
    XTestOutput xtest;
    (void)xtest.probe();
    auto [typedCall, typedLanded] = measureInsert(xtest, kAscii100, n);
    print("xtest: 100 ASCII chars, call returns", typedCall, xdotoolAscii, "xdotool type");
    print("xtest: 100 ASCII chars, all in the window", typedLanded, xdotoolAscii, "xdotool type");
    auto [uniCall, uniLanded] = measureInsert(xtest, kUnicode100, n);
    print("xtest: 100 non-ASCII chars, all in the window", uniLanded, xdotoolAscii, "xdotool type ASCII");

    X11PasteOutput paste;
    (void)paste.probe();
    auto [pasteCall, pasteLanded] = measureInsert(paste, kAscii100, n);
    print("x11-paste: 100 chars, verified + restored", pasteCall, xdotoolAscii, "xdotool type");
    print("x11-paste: 100 chars, all in the window", pasteLanded, xdotoolAscii, "xdotool type");
    return 0;
}
