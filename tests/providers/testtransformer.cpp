// The Transformer against the provider double: streamed deltas, keep-alive comments, [DONE], UTF-8 split across
// reads, truncated and broken streams, DeepSeek's thinking switch, timeouts and failures that keep the raw text.
#include "doubletestutil.h"
#include "fakeclock.h"
#include "providers/httpclient.h"
#include "providers/transformer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace utter
{

using test::Fault;
using test::ProviderDouble;

namespace
{

const QString deepseekKey = u"sk-test-deepseek-key-0123"_s;
const QString text = u"so um the meeting with Jürgen moved to Tuesday 🎉 morning"_s;

Style clean()
{
    return *StyleLibrary::load({}).find(u"clean"_s);
}

} // namespace

class TestTransformer final : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        TransformResult result;
        QStringList deltas;
        bool done = false;
    };

    TransformerConfig configFor(const ProviderDouble& server, const QString& key = deepseekKey)
    {
        TransformerConfig c;
        c.endpoint = makeEndpoint(u"primary"_s, server.baseUrl(), u"deepseek-flash"_s, u"deepseek"_s, key);
        c.timeout = 5s;
        return c;
    }

    Run transform(Transformer& transformer, const QString& input, const Style& style, bool stream = true)
    {
        Run run;
        QObject context;
        transformer.transform(
            input, style, &context, [&run](const QString& d) { run.deltas << d; },
            [&run](const TransformResult& r) {
                run.result = r;
                run.done = true;
            },
            stream);
        if (!QTest::qWaitFor([&] { return run.done; }, 20000))
            qWarning("transform did not finish");
        return run;
    }

private slots:
    void streamsDeltasAsTheyArrive()
    {
        ProviderDouble server;
        QVERIFY(server.start());
        HttpClient http;
        test::FakeClock clock;
        Transformer transformer(configFor(server), http, clock);
        const Run run = transform(transformer, text, clean());
        QVERIFY(run.done);
        QVERIFY(run.result.transformed);
        QCOMPARE(run.result.text, text.toUpper());
        QVERIFY(run.deltas.size() > 5);
        QCOMPARE(run.deltas.join(QString()), text.toUpper());
        QCOMPARE(run.result.rawText, text);
        QCOMPARE(run.result.endpointName, u"primary"_s);
        QVERIFY(run.result.notice.isEmpty());
        // DeepSeek is told to skip thinking, and never gets reasoning_effort.
        const test::RecordedRequest sent = server.requests().constLast();
        QCOMPARE(sent.path, u"/chat/completions"_s);
        QCOMPARE(sent.json.value(u"thinking"_s).toObject().value(u"type"_s).toString(), u"disabled"_s);
        QVERIFY(!sent.json.contains(u"reasoning_effort"_s));
        QCOMPARE(sent.json.value(u"model"_s).toString(), u"deepseek-flash"_s);
        QCOMPARE(sent.json.value(u"stream"_s).toBool(), true);
        const QJsonArray messages = sent.json.value(u"messages"_s).toArray();
        QCOMPARE(messages.at(0).toObject().value(u"role"_s).toString(), u"system"_s);
        QCOMPARE(messages.at(1).toObject().value(u"content"_s).toString(), text);
        QCOMPARE(sent.header("accept"), QByteArray("text/event-stream"));
    }

    void keepAliveCommentsAndSplitUtf8()
    {
        ProviderDouble server;
        server.options().sseWriteBytes = 3; // 3-byte writes cut the 2- and 4-byte UTF-8 sequences across reads
        server.options().sseChunkChars = 8;
        QVERIFY(server.start());
        Fault flood;
        flood.path = u"/chat/completions"_s;
        flood.keepAlives = 40;
        flood.keepAliveIntervalMs = 5;
        server.addFault(flood);
        HttpClient http;
        test::FakeClock clock;
        TransformerConfig config = configFor(server);
        config.timeout = 20s;
        Transformer transformer(config, http, clock);
        const Run run = transform(transformer, text, clean());
        QVERIFY2(run.result.transformed, qPrintable(run.result.notice));
        QCOMPARE(run.result.text, text.toUpper());
        QCOMPARE(run.deltas.join(QString()), text.toUpper());
        for (const QString& d : run.deltas)
            QVERIFY2(!d.contains(QChar::ReplacementCharacter), qPrintable(d));
    }

    void nonStreamingWithBlankLineKeepAlives()
    {
        ProviderDouble server;
        QVERIFY(server.start());
        Fault blanks;
        blanks.keepAlives = 5; // DeepSeek sends empty lines before the JSON while it waits
        server.addFault(blanks);
        HttpClient http;
        test::FakeClock clock;
        Transformer transformer(configFor(server), http, clock);
        const Run run = transform(transformer, text, clean(), false);
        QVERIFY(run.result.transformed);
        QCOMPARE(run.result.text, text.toUpper());
        QVERIFY(run.deltas.isEmpty());
    }

    void brokenStreamsKeepTheRawText_data()
    {
        QTest::addColumn<int>("truncateAfter");
        QTest::addColumn<bool>("reset");
        QTest::addColumn<bool>("malformed");
        QTest::newRow("truncated before [DONE]") << 4 << false << false;
        QTest::newRow("reset mid-stream") << -1 << true << false;
        QTest::newRow("malformed event") << -1 << false << true;
        QTest::newRow("closed before any event") << 0 << false << false;
    }

    void brokenStreamsKeepTheRawText()
    {
        QFETCH(int, truncateAfter);
        QFETCH(bool, reset);
        QFETCH(bool, malformed);
        ProviderDouble server;
        QVERIFY(server.start());
        Fault fault;
        fault.truncateSseAfter = truncateAfter;
        fault.resetMidBody = reset;
        fault.malformedJson = malformed;
        fault.times = 5;
        server.addFault(fault);
        HttpClient http;
        test::FakeClock clock;
        clock.setAutoAdvance(true);
        Transformer transformer(configFor(server), http, clock);
        const Run run = transform(transformer, text, clean());
        QVERIFY(run.done);
        QVERIFY(!run.result.transformed);
        QCOMPARE(run.result.text, text); // the user's words are never lost
        QVERIFY(!run.result.notice.isEmpty());
        QVERIFY(run.result.error.has_value());
        // Once deltas were shown, the style is not retried (the reader would see them twice).
        if (run.result.partialDeltasSent)
            QCOMPARE(server.requests().size(), 1);
        else
            QCOMPARE(server.requests().size(), 2);
    }

    void providerErrorsKeepTheRawText_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::newRow("402 balance") << 402 << int(ErrorCode::OutOfCredit);
        QTest::newRow("401 key") << 401 << int(ErrorCode::AuthFailed);
        QTest::newRow("400 retired model") << 400 << int(ErrorCode::NotFound);
        QTest::newRow("429") << 429 << int(ErrorCode::RateLimited);
        QTest::newRow("503") << 503 << int(ErrorCode::ProviderError);
    }

    void providerErrorsKeepTheRawText()
    {
        QFETCH(int, status);
        QFETCH(int, code);
        ProviderDouble server;
        QVERIFY(server.start());
        TransformerConfig config = configFor(server);
        if (status == 402)
            server.options().hasBalance = false;
        else if (status == 401)
            config = configFor(server, u"sk-wrong-key-000000"_s);
        else if (status == 400)
            config.endpoint.model = u"deepseek-chat"_s; // retired 2026-07-24
        else {
            Fault busy;
            busy.status = status;
            busy.body = R"({"error":{"message":"busy"}})";
            busy.times = 10;
            server.addFault(busy);
        }
        HttpClient http;
        test::FakeClock clock;
        clock.setAutoAdvance(true);
        Transformer transformer(config, http, clock);
        const Run run = transform(transformer, text, clean());
        QVERIFY(!run.result.transformed);
        QCOMPARE(run.result.text, text);
        QCOMPARE(int(run.result.error->code), code);
        QVERIFY(run.result.notice.contains(u"raw text"_s));
    }

    void keepAlivesForeverHitTheDeadline()
    {
        ProviderDouble server;
        QVERIFY(server.start());
        Fault flood;
        flood.keepAliveForever = true;
        flood.keepAliveIntervalMs = 100; // the idle timer is reset every 100 ms and never fires
        flood.times = 5;
        flood.truncateSseAfter = 0;
        server.addFault(flood);
        HttpClient http;
        test::FakeClock clock;
        clock.setAutoAdvance(true);
        TransformerConfig config = configFor(server);
        config.timeout = 1500ms;
        config.idleTimeout = 1000ms;
        Transformer transformer(config, http, clock);
        QElapsedTimer elapsed;
        elapsed.start();
        const Run run = transform(transformer, text, clean());
        QVERIFY(run.done);
        QVERIFY(!run.result.transformed);
        QCOMPARE(run.result.text, text);
        QCOMPARE(int(run.result.error->code), int(ErrorCode::Timeout));
        QVERIFY2(elapsed.elapsed() < 5000, "the overall deadline must cut a keep-alive flood");
    }

    void shortTextsAndRawSkipTheCall()
    {
        ProviderDouble server;
        QVERIFY(server.start());
        HttpClient http;
        test::FakeClock clock;
        Transformer transformer(configFor(server), http, clock);
        Run run = transform(transformer, u"yes please"_s, clean());
        QVERIFY(run.result.skipped);
        QCOMPARE(run.result.text, u"yes please"_s);
        run = transform(transformer, text, *StyleLibrary::load({}).find(u"raw"_s));
        QVERIFY(run.result.skipped);
        QCOMPARE(run.result.text, text);
        QCOMPARE(server.requests().size(), 0);
        // translate-en works on single words.
        run = transform(transformer, u"Danke"_s, *StyleLibrary::load({}).find(u"translate-en"_s));
        QVERIFY(run.result.transformed);
        QCOMPARE(server.requests().size(), 1);
    }

    void cancellation()
    {
        ProviderDouble server;
        QVERIFY(server.start());
        Fault stall;
        stall.stall = true;
        server.addFault(stall);
        HttpClient http;
        test::FakeClock clock;
        Transformer transformer(configFor(server), http, clock);
        Run run;
        QObject context;
        QPointer<TransformJob> job =
            transformer.transform(text, clean(), &context, {}, [&run](const TransformResult& r) {
                run.result = r;
                run.done = true;
            });
        QTRY_COMPARE(server.requests().size(), 1);
        job->cancel();
        QTRY_VERIFY(run.done);
        QCOMPARE(run.result.text, text);
        QCOMPARE(int(run.result.error->code), int(ErrorCode::Cancelled));
    }

    void userStyleFiles()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(u"pirate.md"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("---\ndescription: Talk like a pirate\nmodel: deepseek-v4-pro\ntemperature: 0.9\ntimeout: 9s\n"
                   "min-words: 1\ncolour: red\n---\nRewrite the text as a pirate would say it.\n");
        file.close();
        QFile clash(dir.filePath(u"clean.md"_s));
        QVERIFY(clash.open(QIODevice::WriteOnly));
        clash.write("My own clean-up rules.\n"); // no front matter: the whole file is the prompt
        clash.close();
        QFile broken(dir.filePath(u"broken.md"_s));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("---\nmodel: x\nnever closed\n");
        broken.close();
        const StyleLibrary library = StyleLibrary::load(dir.path());
        const std::optional<Style> pirate = library.find(u"pirate"_s);
        QVERIFY(pirate);
        QCOMPARE(pirate->description, u"Talk like a pirate"_s);
        QCOMPARE(pirate->model, u"deepseek-v4-pro"_s);
        QCOMPARE(pirate->temperature.value(), 0.9);
        QCOMPARE(pirate->timeout.value(), 9000ms);
        QCOMPARE(pirate->minimumWords.value(), 1);
        QCOMPARE(pirate->systemPrompt, u"Rewrite the text as a pirate would say it."_s);
        QCOMPARE(library.find(u"clean"_s)->systemPrompt, u"My own clean-up rules."_s);
        QVERIFY(!library.find(u"broken"_s));
        QCOMPARE(library.problems().size(), 2); // the unknown key and the unclosed front matter
        const auto pirateProblem = std::find_if(library.problems().cbegin(), library.problems().cend(),
                                                [](const StyleProblem& p) { return p.file.endsWith(u"pirate.md"_s); });
        QVERIFY(pirateProblem != library.problems().cend());
        QCOMPARE(pirateProblem->line, 7);
        QVERIFY(pirateProblem->message.contains(u"colour"_s));

        ProviderDouble server;
        QVERIFY(server.start());
        HttpClient http;
        test::FakeClock clock;
        Transformer transformer(configFor(server), http, clock);
        const Run run = transform(transformer, u"ahoy"_s, *pirate);
        QVERIFY(run.result.transformed);
        const QJsonObject sent = server.requests().constLast().json;
        QCOMPARE(sent.value(u"model"_s).toString(), u"deepseek-v4-pro"_s);
        QCOMPARE(sent.value(u"temperature"_s).toDouble(), 0.9);
    }
};

} // namespace utter

QTEST_GUILESS_MAIN(utter::TestTransformer)
#include "testtransformer.moc"
