#include "platform/appstyles.h"
#include "platform/fake/fakehotkeys.h"
#include "platform/fake/fakeoutput.h"
#include "platform/insertionseparator.h"
#include "platform/outputchain.h"
#include "platform/platformconfig.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

struct Chain
{
    FakeTextOutput* first = nullptr;
    FakeTextOutput* second = nullptr;
    std::unique_ptr<OutputChain> chain;
    QStringList clipboard;
};

std::unique_ptr<Chain> makeChain(const TargetApp& app = {})
{
    auto c = std::make_unique<Chain>();
    std::vector<std::unique_ptr<TextOutput>> methods;
    auto first = std::make_unique<FakeTextOutput>(u"typing"_s);
    auto second = std::make_unique<FakeTextOutput>(u"paste"_s);
    c->first = first.get();
    c->second = second.get();
    methods.push_back(std::move(first));
    methods.push_back(std::move(second));
    c->chain = std::make_unique<OutputChain>(std::move(methods), std::make_unique<FakeFocusProbe>(app));
    Chain* raw = c.get();
    c->chain->setClipboardFallback([raw](const QString& text) {
        raw->clipboard << text;
        return true;
    });
    return c;
}

InsertResult insertAndWait(OutputChain& chain, const QString& text, InsertOptions options = {})
{
    std::optional<InsertResult> result;
    chain.insert(text, options, [&](const InsertResult& r) { result = r; });
    for (int i = 0; i < 200 && !result; ++i)
        QTest::qWait(10);
    return result.value_or(InsertResult::failed(u"test"_s, Error(ErrorCode::Timeout, u"no result"_s)));
}

} // namespace

class TestOutputChain : public QObject
{
    Q_OBJECT

private slots:
    void firstMethodWins()
    {
        TargetApp kate;
        kate.appId = u"kate"_s;
        auto c = makeChain(kate);
        const InsertResult r = insertAndWait(*c->chain, u"hello"_s);
        QVERIFY(r.ok());
        QCOMPARE(r.method, u"typing"_s);
        QCOMPARE(c->first->inserted, QStringList{u"hello"_s});
        QCOMPARE(c->first->targets.value(0).appId, u"kate"_s);
        QCOMPARE(c->second->attempts, 0);
    }

    void failureFallsThrough()
    {
        auto c = makeChain();
        c->first->queueResult(InsertResult::Failed, u"window refused input"_s);
        const InsertResult r = insertAndWait(*c->chain, u"hi"_s);
        QVERIFY(r.ok());
        QCOMPARE(r.method, u"paste"_s);
        QCOMPARE(c->second->inserted, QStringList{u"hi"_s});
        // The failed method is re-probed before its next use.
        const int probes = c->first->probes;
        QVERIFY(insertAndWait(*c->chain, u"again"_s).ok());
        QCOMPARE(c->first->probes, probes + 1);
        QCOMPARE(c->first->inserted, QStringList{u"again"_s});
    }

    void retryReprobesAndTriesAgain()
    {
        auto c = makeChain();
        c->first->queueResult(InsertResult::Retry, u"daemon restarting"_s);
        const InsertResult r = insertAndWait(*c->chain, u"x"_s);
        QVERIFY(r.ok());
        QCOMPARE(r.method, u"typing"_s);
        QCOMPARE(c->first->attempts, 2);
        QCOMPARE(c->first->probes, 1);
        QCOMPARE(c->second->attempts, 0);
    }

    void aChainIsBusyUntilWhatItTypesIsDone()
    {
        // A running Utter replaces its chain when output/methods changes; the old one is kept until idle().
        auto c = makeChain();
        QSignalSpy idle(c->chain.get(), &OutputChain::idle);
        QCOMPARE(c->chain->busy(), 0);
        c->first->queueResult(InsertResult::Failed, u"window refused input"_s); // the second goes on later
        std::optional<InsertResult> result;
        c->chain->insert(u"text"_s, {}, [&](const InsertResult& r) { result = r; });
        QCOMPARE(c->chain->busy(), 1);
        QVERIFY(idle.isEmpty());
        QTRY_VERIFY(result.has_value());
        QVERIFY(result->ok());
        QCOMPARE(c->chain->busy(), 0);
        QCOMPARE(idle.size(), 1); // once, when nothing is left
    }

    void unavailableMethodIsSkipped()
    {
        auto c = makeChain();
        c->first->setProbeStatus(Error(ErrorCode::Unsupported, u"install xdotool"_s));
        const auto statuses = c->chain->probeAll();
        QCOMPARE(statuses.size(), 2);
        QVERIFY(!statuses[0].status.ok());
        QVERIFY(statuses[1].status.ok());
        QVERIFY(insertAndWait(*c->chain, u"x"_s).ok());
        QCOMPARE(c->first->attempts, 0);
        QCOMPARE(c->second->inserted, QStringList{u"x"_s});
    }

    void totalFailureKeepsTextOnClipboard()
    {
        auto c = makeChain();
        c->first->queueResult(InsertResult::Failed, u"blocked"_s);
        c->second->queueResult(InsertResult::Failed, u"no clipboard owner"_s);
        QSignalSpy spy(c->chain.get(), &OutputChain::inserted);
        const InsertResult r = insertAndWait(*c->chain, u"precious words"_s);
        QVERIFY(!r.ok());
        QCOMPARE(r.outcome, InsertResult::Failed);
        QCOMPARE(c->clipboard, QStringList{u"precious words"_s});
        QVERIFY2(r.error.message.contains(u"typing: blocked"_s), qPrintable(r.error.message));
        QVERIFY(r.error.message.contains(u"paste: no clipboard owner"_s));
        QVERIFY(r.error.message.contains(u"clipboard"_s));
        QVERIFY(r.error.message.contains(u"utter last"_s));
        QCOMPARE(spy.count(), 1);
    }

    void pressEnterOption()
    {
        auto c = makeChain();
        InsertOptions options;
        options.pressEnter = true;
        QVERIFY(insertAndWait(*c->chain, u"ls"_s, options).ok());
        QCOMPARE(c->first->inserted, QStringList{u"ls\n"_s});
    }

    void consecutiveDictationsAreSeparated()
    {
        // Issue 18: two dictations into one window landed as "kitchen.Please".
        TargetApp editor;
        editor.appId = u"org.gnome.TextEditor"_s;
        editor.windowId = 42;
        TargetApp other = editor;
        other.windowId = 43;
        InsertionSeparator separator;
        const auto type = [&separator](const QString& text, const TargetApp& target, SeparatorMode mode,
                                       bool enter = false) {
            const QString typed = separator.prefixFor(text, target, mode) + text;
            separator.inserted(typed, target, enter);
            return typed;
        };
        const SeparatorMode automatic = SeparatorMode::Auto;
        QCOMPARE(type(u"The milk is in the kitchen."_s, editor, automatic), u"The milk is in the kitchen."_s);
        QCOMPARE(type(u"Please call me."_s, editor, automatic), u" Please call me."_s);
        QCOMPARE(type(u", and soon."_s, editor, automatic), u", and soon."_s); // attaches to the word before
        QCOMPARE(type(u"Elsewhere."_s, other, automatic), u"Elsewhere."_s);    // another window: no context
        QCOMPARE(type(u"Back here."_s, editor, automatic), u"Back here."_s);   // the last text went elsewhere
        QCOMPARE(type(u"Line one\n"_s, editor, automatic), u" Line one\n"_s);
        QCOMPARE(type(u"Line two"_s, editor, automatic), u"Line two"_s); // after a newline: a line start
        QCOMPARE(type(u"Sent."_s, editor, automatic, true), u" Sent."_s);
        QCOMPARE(type(u"Next message."_s, editor, automatic), u"Next message."_s); // Enter was pressed
        QCOMPARE(type(u"Always."_s, other, SeparatorMode::Space), u" Always."_s);
        QCOMPARE(type(u"Never."_s, other, SeparatorMode::None), u"Never."_s);
        // Without a window id (Wayland portals, "unknown"), the application decides; "unknown" never matches.
        TargetApp unknown;
        QCOMPARE(type(u"One."_s, unknown, automatic), u"One."_s);
        QCOMPARE(type(u"Two."_s, unknown, automatic), u"Two."_s);
        QCOMPARE(separatorModeFromName(u"space"_s), SeparatorMode::Space);
        QVERIFY(!separatorModeFromName(u"tab"_s));
    }

    void terminalDetection()
    {
        QVERIFY(isTerminalAppId(u"XTerm"_s));
        QVERIFY(isTerminalAppId(u"kitty"_s));
        QVERIFY(isTerminalAppId(u"org.gnome.Console"_s));
        QVERIFY(isTerminalAppId(u"gnome-terminal-server"_s));
        QVERIFY(isTerminalAppId(u"foot"_s));
        QVERIFY(!isTerminalAppId(u"firefox"_s));
        QVERIFY(!isTerminalAppId(u"unknown"_s));
    }

    void appStyles()
    {
        AppStyleRules rules({u"Slack=casual"_s, u"org.mozilla.*=email"_s, u"*term*=plain"_s, u"broken"_s, u"=nostyle"_s,
                             u"kate=formal"_s});
        QCOMPARE(rules.size(), 4);
        QCOMPARE(rules.invalidRules(), (QStringList{u"broken"_s, u"=nostyle"_s}));
        QCOMPARE(rules.styleFor(u"slack"_s), u"casual"_s);
        QCOMPARE(rules.styleFor(u"org.mozilla.Thunderbird"_s), u"email"_s);
        QCOMPARE(rules.styleFor(u"gnome-terminal-server"_s), u"plain"_s);
        QCOMPARE(rules.styleFor(u"kate"_s), u"formal"_s);
        QCOMPARE(rules.styleFor(u"slackware"_s), QString()); // whole id, not a prefix
        QCOMPARE(rules.styleFor(u"unknown"_s), QString());
    }

    void sessionDetection()
    {
        QProcessEnvironment env(QProcessEnvironment::InheritFromParent);
        env.clear();
        QCOMPARE(DesktopSession::detect(env).kind, DesktopSession::None);
        env.insert(u"DISPLAY"_s, u":0"_s);
        QCOMPARE(DesktopSession::detect(env).kind, DesktopSession::X11);
        env.insert(u"WAYLAND_DISPLAY"_s, u"wayland-1"_s);
        env.insert(u"XDG_SESSION_TYPE"_s, u"wayland"_s);
        env.insert(u"SWAYSOCK"_s, u"/run/user/1000/sway-ipc.sock"_s);
        DesktopSession s = DesktopSession::detect(env, u"xcb"_s);
        QCOMPARE(s.kind, DesktopSession::Wayland);
        QCOMPARE(s.compositor, DesktopSession::Sway);
        QVERIFY(s.xwayland); // a Qt app on XWayland must not trust XGrabKey
        env.remove(u"SWAYSOCK"_s);
        env.insert(u"XDG_CURRENT_DESKTOP"_s, u"ubuntu:GNOME"_s);
        QCOMPARE(DesktopSession::detect(env).compositor, DesktopSession::Gnome);
        env.insert(u"XDG_CURRENT_DESKTOP"_s, u"KDE"_s);
        QCOMPARE(DesktopSession::detect(env).compositor, DesktopSession::Kde);
        env.insert(u"XDG_SESSION_TYPE"_s, u"x11"_s);
        QCOMPARE(DesktopSession::detect(env).kind, DesktopSession::X11);
    }

    void outputMethodExpansion()
    {
        DesktopSession x11;
        x11.kind = DesktopSession::X11;
        QCOMPARE(expandOutputMethods({u"auto"_s}, x11), (QStringList{u"xtest"_s, u"x11-paste"_s}));
        QCOMPARE(expandOutputMethods({u"x11-paste"_s, u"auto"_s}, x11), (QStringList{u"x11-paste"_s, u"xtest"_s}));
        DesktopSession wl;
        wl.kind = DesktopSession::Wayland;
        QCOMPARE(expandOutputMethods({u"auto"_s}, wl).first(), u"wtype"_s);
    }

    void fakeHotkeysBehaveLikeRealOnes()
    {
        FakeHotkeys hotkeys;
        const KeySpec f9 = *KeySpec::parse(u"F9"_s);
        hotkeys.failNextRegistration(f9, Error(ErrorCode::Failed, u"taken"_s));
        QVERIFY(!hotkeys.registerHotkey(u"dictate"_s, f9).ok());
        QVERIFY(hotkeys.registerHotkey(u"dictate"_s, f9).ok());
        QSignalSpy pressed(&hotkeys, &GlobalHotkeys::pressed);
        QSignalSpy released(&hotkeys, &GlobalHotkeys::released);
        hotkeys.press(u"dictate"_s);
        hotkeys.press(u"dictate"_s); // auto-repeat: ignored
        hotkeys.release(u"dictate"_s);
        hotkeys.release(u"dictate"_s);
        QCOMPARE(pressed.count(), 1);
        QCOMPARE(released.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestOutputChain)
#include "testoutputchain.moc"
