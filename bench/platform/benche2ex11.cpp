// Release → text inserted in the real X11 dictation, over several runs (issue 13): `utter --headless serve` grabs
// F9 on the test X server, records from the PulseAudio virtual microphone, uploads to the provider double (with
// Groq-like latency) and types with XTest into the utter-typetarget window — the flow of teste2ex11dictation,
// repeated against one running service. Per run it reads the service's own line "text inserted N ms after release;
// the provider's share P ms, the style's S ms, Utter's U ms" and times key-up → the window reporting the text from
// outside. Prints every run, then median/min/max.
//   tests/with-services.sh build/bench/platform/benche2ex11 [--runs N (10)]
#include "doubletestutil.h"
#include "realtimefeeder.h"
#include "servefixture.h"
#include "targetwindow.h"
#include "testenv.h"
#include "utterprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

bool xdotool(const QStringList& args)
{
    QProcess process;
    process.start(u"xdotool"_s, args);
    return process.waitForFinished(10000) && process.exitCode() == 0;
}

QString stateOf(const QProcessEnvironment& env)
{
    return QJsonDocument::fromJson(test::runUtterServing({u"status"_s, u"--json"_s}, env).out)
        .object()
        .value(u"state"_s)
        .toString();
}

struct Stats
{
    double median = 0;
    double min = 0;
    double max = 0;
};

Stats stats(QList<double> values)
{
    if (values.isEmpty())
        return {};
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    const double median = n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
    return {median, values.first(), values.last()};
}

int fail(const char* why, const QByteArray& log = {})
{
    std::fprintf(stderr, "benche2ex11: %s\n%s\n", why, log.constData());
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int runs = 10;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args.at(i) == u"--runs"_s && i + 1 < args.size())
            runs = std::max(1, args.at(++i).toInt());
    }
    if (qEnvironmentVariableIsEmpty("DISPLAY") || qEnvironmentVariableIsEmpty("UTTER_TEST_MIC_FIFO"))
        return fail("needs an X server and the virtual microphone: run it under tests/with-services.sh");
    if (qEnvironmentVariableIsEmpty("UTTER_BINARY"))
        qputenv("UTTER_BINARY", QByteArray(UTTER_BINARY_PATH));
    if (qEnvironmentVariableIsEmpty("UTTER_TYPETARGET"))
        qputenv("UTTER_TYPETARGET", QByteArray(UTTER_TYPETARGET_PATH));

    QString why;
    const test::FixtureClips* clips = test::testFixtureClips(&why);
    if (!clips)
        return fail(qPrintable(u"fixture clips unavailable: "_s + why));
    test::ProviderDouble server;
    if (!server.start())
        return fail("the provider double did not start");
    server.setFixtures(*clips);
    server.options().groqLatency = true;
    test::TestHome home;
    QProcessEnvironment env = home.environment();
    env.insert(u"UTTER_TRANSCRIBE_URL"_s, server.baseUrl() + u"/openai/v1"_s);
    env.insert(u"GROQ_API_KEY"_s, u"gsk_test_groq_key_0123456789"_s);
    env.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
    for (const auto& [key, value] :
         {std::pair{u"hotkey/dictate"_s, u"F9"_s}, std::pair{u"general/mode"_s, u"push-to-talk"_s},
          std::pair{u"output/methods"_s, u"xtest"_s}}) {
        if (test::runUtterServing({u"config"_s, u"set"_s, key, value}, env).exitCode != 0)
            return fail("utter config set failed");
    }
    TargetWindow window({u"--class"_s, u"Gedit"_s});
    if (!window.waitReady())
        return fail("the target window did not start");
    test::ServeProcess serve(home, env);
    if (!serve.start())
        return fail("utter serve did not start", serve.stderrText());
    if (!QTest::qWaitFor([&] { return serve.stderrText().contains("dictation key F9"); }, 10000))
        return fail("the dictation key was not grabbed", serve.stderrText());

    static const QRegularExpression inserted(
        u"text inserted (\\d+) ms after release; the provider's share (\\d+) ms, the style's \\d+ ms, "
        "Utter's (-?\\d+) ms"_s);
    QList<double> totals;
    QList<double> providers;
    QList<double> own;
    QList<double> seen;
    QString typed;
    for (int run = 0; run < runs; ++run) {
        const QList<int> order{run % 5, (run + 2) % 5};
        std::vector<std::int16_t> audio(std::size_t(1.0 * 16000));
        for (std::size_t i = 0; i < audio.size(); ++i)
            audio[i] = std::int16_t(int((i * 7919) % 41) - 20);
        const QList<qint16> speech = clips->utterance(order, 600, 300);
        audio.insert(audio.end(), speech.begin(), speech.end());
        const qsizetype logBefore = serve.stderrText().size();
        {
            test::RealTimeFeeder feeder(qEnvironmentVariable("UTTER_TEST_MIC_FIFO"), audio);
            QTest::qWait(600);
            if (!xdotool({u"keydown"_s, u"F9"_s}))
                return fail("xdotool keydown failed");
            if (!QTest::qWaitFor([&] { return stateOf(env) == u"listening"_s; }, 5000))
                return fail("the service did not start listening", serve.stderrText());
            if (!QTest::qWaitFor([&] { return feeder.done(); }, 60000) || feeder.failed())
                return fail("the microphone feed failed");
        }
        QTest::qWait(300);
        // output/separator auto: each dictation after the first continues the text with a space.
        const QString expected = typed + (typed.isEmpty() ? QString() : u" "_s) + clips->referenceText(order);
        QElapsedTimer sinceRelease;
        sinceRelease.start();
        if (!xdotool({u"keyup"_s, u"F9"_s}))
            return fail("xdotool keyup failed");
        if (!QTest::qWaitFor([&] { return window.text() == expected; }, 30000))
            return fail(qPrintable(u"typed \"%1\", expected \"%2\""_s.arg(window.text(), expected)),
                        serve.stderrText());
        const double outside = double(sinceRelease.elapsed());
        typed = expected;
        QRegularExpressionMatch match;
        if (!QTest::qWaitFor(
                [&] {
                    match = inserted.match(QString::fromUtf8(serve.stderrText().mid(logBefore)));
                    return match.hasMatch();
                },
                5000))
            return fail("no \"text inserted\" line in the service's log", serve.stderrText().mid(logBefore));
        totals << match.captured(1).toDouble();
        providers << match.captured(2).toDouble();
        own << match.captured(3).toDouble();
        seen << outside;
        std::printf("run %2d: release -> text inserted %5.0f ms (provider %5.0f ms, Utter %4.0f ms); key-up -> "
                    "window has it %5.0f ms\n",
                    run + 1, totals.last(), providers.last(), own.last(), outside);
        std::fflush(stdout);
        if (!QTest::qWaitFor([&] { return stateOf(env) == u"idle"_s; }, 10000))
            return fail("the service did not return to idle", serve.stderrText());
    }
    const auto line = [](const char* what, const QList<double>& values) {
        const Stats s = stats(values);
        std::printf("  %-42s median %6.1f ms | min %6.1f | max %6.1f\n", what, s.median, s.min, s.max);
    };
    std::printf("X11 end to end, %d runs (push-to-talk F9, virtual microphone, provider double with Groq-like "
                "latency, XTest typing):\n",
                runs);
    line("release -> text inserted (service log)", totals);
    line("  of which the provider", providers);
    line("  Utter's own part (goal median <= 20 ms)", own);
    line("key-up -> the window reports the text", seen);
    const Stats ownStats = stats(own);
    std::printf("  goal: Utter's part median <= 20 ms: %s\n", ownStats.median <= 20 ? "met" : "MISSED");
    return 0;
}
