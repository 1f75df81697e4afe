#include "platform/linux/wayland/waylandfocus.h"
#include "platform/linux/wayland/wtypeoutput.h"
#include "targetwindow.h"

#include <QFile>
#include <QProcess>
#include <QTest>

#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

InsertResult insertAndWait(TextOutput& output, const QString& text, const TargetApp& target, InsertOptions options = {})
{
    std::optional<InsertResult> result;
    output.insert(text, target, options, [&](const InsertResult& r) { result = r; });
    for (int i = 0; i < 1000 && !result; ++i)
        QTest::qWait(10);
    return result.value_or(InsertResult::failed(u"test"_s, Error(ErrorCode::Timeout, u"no result in 10 s"_s)));
}

QProcessEnvironment waylandEnv()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"wayland"_s);
    return env;
}

QStringList bindingLog()
{
    QFile file(qEnvironmentVariable("UTTER_BINDING_LOG"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
}

} // namespace

// Runs inside a private headless sway (tests/platform/run-under-sway.sh).
class TestWaylandOutput : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("SWAYSOCK"), "run through run-under-sway.sh");
        WtypeOutput wtype;
        const Status probe = wtype.probe();
        QVERIFY2(probe.ok(), qPrintable(probe.error().message));
    }

    void wtypeProbesWithoutWaiting()
    {
        // What the desktop app and the daemon use: `wtype -s 1` runs while the event loop goes on.
        WtypeOutput wtype;
        std::optional<Status> answer;
        wtype.probeAsync([&answer](const Status& status) { answer = status; });
        QVERIFY(!answer); // wtype is a process: the answer cannot be there yet
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 10000);
        QVERIFY2(answer->ok(), qPrintable(answer->error().message));
    }

    void wtypeTypesIntoWaylandClient()
    {
        TargetWindow window({u"--class"_s, u"utter-target"_s}, waylandEnv());
        QVERIFY2(window.waitReady(), qPrintable(window.errors()));
        WtypeOutput output;
        TargetApp target;
        // Each wtype run creates a fresh virtual keyboard: the first characters are the ones at risk.
        const QStringList texts = {u"First letters matter."_s, u" é ß 你好 😀"_s, u" -v --version"_s};
        QString expected;
        for (const QString& text : texts) {
            const InsertResult r = insertAndWait(output, text, target);
            QVERIFY2(r.ok(), qPrintable(r.error.message));
            expected += text;
            QTRY_COMPARE_WITH_TIMEOUT(window.text(), expected, 5000);
        }
        InsertOptions enter;
        enter.pressEnter = true;
        QVERIFY(insertAndWait(output, u" ok"_s, target, enter).ok());
        QTRY_COMPARE_WITH_TIMEOUT(window.text(), expected + u" ok\n"_s, 5000);
    }

    void swayIpcReportsFocusedApp()
    {
        TargetWindow window({u"--class"_s, u"org.example.Notes"_s}, waylandEnv());
        QVERIFY(window.waitReady());
        SwayFocusProbe probe;
        const auto ask = [&probe] {
            std::optional<TargetApp> answer;
            probe.request(nullptr, [&answer](const TargetApp& focused) { answer = focused; });
            // Asked without waiting: sway's answer comes through the event loop.
            if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, FocusProbe::answerLimitMs + 1000))
                return TargetApp{};
            return *answer;
        };
        QTRY_COMPARE(ask().appId, u"org.example.Notes"_s);
        const TargetApp app = ask();
        QCOMPARE(app.title, u"Utter type target"_s);
        QVERIFY(!app.isTerminal);
    }

    void releaseBindingDrivesBeginAndEnd()
    {
        // A running instance for the CLI verbs to reach.
        QProcess daemon;
        daemon.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        daemon.start(qEnvironmentVariable("UTTER_BINARY"), {u"--headless"_s, u"serve"_s});
        QVERIFY(daemon.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QProcess::execute(qEnvironmentVariable("UTTER_BINARY"), {u"status"_s}) != 3, 10000);

        // Hold F9 for 800 ms through a virtual keyboard: sway runs the press binding, then the release one.
        QProcess key;
        key.start(u"wtype"_s, {u"-P"_s, u"F9"_s, u"-s"_s, u"800"_s, u"-p"_s, u"F9"_s});
        QTRY_COMPARE_WITH_TIMEOUT(bindingLog().size(), 1, 5000);
        QVERIFY2(bindingLog().first().startsWith(u"begin "_s), qPrintable(bindingLog().join(u'|')));
        QVERIFY(key.state() != QProcess::NotRunning); // still held: no "end" yet
        QVERIFY(key.waitForFinished(5000));
        QTRY_COMPARE_WITH_TIMEOUT(bindingLog().size(), 2, 5000);
        QVERIFY(bindingLog().at(1).startsWith(u"end "_s));
        // Exit code 3 would mean "no running instance": the verbs reached the daemon over IPC.
        QVERIFY2(!bindingLog().at(0).endsWith(u" 3"_s), qPrintable(bindingLog().join(u'|')));
        QVERIFY(!bindingLog().at(1).endsWith(u" 3"_s));

        daemon.terminate();
        QVERIFY(daemon.waitForFinished(10000));
    }
};

QTEST_GUILESS_MAIN(TestWaylandOutput)
#include "testwaylandoutput.moc"
