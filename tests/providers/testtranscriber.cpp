// The Transcriber against the provider double: real multipart uploads of real Ogg Opus, transcripts recognised
// from the audio, every error class, retries on an injected clock, fallback and recovery, cancellation.
#include "doubletestutil.h"
#include "fakeclock.h"
#include "logging/redactor.h"
#include "providers/httpclient.h"
#include "providers/transcriber.h"

#include <QLoggingCategory>
#include <QRegularExpression>

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace utter
{

using test::Fault;
using test::ProviderDouble;

namespace
{

const QString groqKey = u"gsk_test_groq_key_0123456789"_s;

Endpoint endpointFor(const ProviderDouble& server, const QString& name, const QString& key = groqKey,
                     const QString& path = u"/openai/v1"_s)
{
    return makeEndpoint(name, server.baseUrl() + path, u"whisper-large-v3-turbo"_s, u"groq"_s, key);
}

TranscriberConfig configFor(const QList<Endpoint>& endpoints)
{
    TranscriberConfig c;
    c.endpoints = endpoints;
    return c;
}

TranscriptionRequest requestFor(const QByteArray& ogg, double seconds, int sequence = 0)
{
    TranscriptionRequest r;
    r.audio = ogg;
    r.durationS = seconds;
    r.sequence = sequence;
    return r;
}

} // namespace

class TestTranscriber final : public QObject
{
    Q_OBJECT

private:
    std::optional<Result<TranscriptionResult>> run(Transcriber& transcriber, const TranscriptionRequest& request,
                                                   int timeoutMs = 20000)
    {
        std::optional<Result<TranscriptionResult>> out;
        QObject context;
        transcriber.transcribe(request, &context, [&out](const Result<TranscriptionResult>& r) { out = r; });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, timeoutMs))
            qWarning("transcription did not finish in time");
        return out;
    }

    QByteArray utteranceOgg(const test::FixtureClips& clips, const QList<int>& which, double* seconds)
    {
        const QList<qint16> pcm = clips.utterance(which);
        *seconds = double(pcm.size()) / 16000.0;
        return test::encodeOggOpus(pcm, 16000);
    }

private slots:
    void init()
    {
        // Qt's own warnings ("QIODevice::read (QNetworkReplyHttpImpl): device not open", "QNetworkReplyImplPrivate::
        // error: Internal problem …") mean a reply was handled twice or read after its end: never acceptable.
        QTest::failOnWarning(QRegularExpression(u"^Q[A-Za-z]+(::|Private)"_s));
    }

    void recognisesWhatWasSaidInOrder()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        ProviderDouble server;
        server.setFixtures(*clips);
        QVERIFY(server.start());
        HttpClient http;
        test::FakeClock clock;
        TranscriberConfig config;
        config.endpoints = {endpointFor(server, u"primary"_s)};
        config.language = u"en"_s;
        config.vocabulary = {u"Maria"_s, u"Kubernetes"_s};
        Transcriber transcriber(config, http, clock);
        double seconds = 0;
        const QList<int> said{2, 0, 5, 0, 7};
        const auto result = run(transcriber, requestFor(utteranceOgg(*clips, said, &seconds), seconds, 4));
        QVERIFY(result && result->ok());
        const TranscriptionResult& r = result->value();
        QCOMPARE(r.text, clips->referenceText(said)); // nothing lost, duplicated or reordered
        QCOMPARE(r.segments.size(), 5);
        QVERIFY(r.segments.at(1).start < r.segments.at(2).start);
        QVERIFY(r.segments.first().noSpeechProb < 0.1);
        QCOMPARE(r.sequence, 4);
        QCOMPARE(r.endpointName, u"primary"_s);
        QCOMPARE(r.attempts, 1);
        QCOMPARE(r.billedSeconds, std::max(seconds, 0.0)); // > 10 s of speech: billed as is
        QVERIFY(r.providerRequestId.startsWith(u"req_"_s));
        // What went over the wire is what Groq requires.
        const test::RecordedRequest sent = server.requests().constLast();
        QCOMPARE(sent.path, u"/openai/v1/audio/transcriptions"_s);
        QCOMPARE(sent.fileName, u"audio.ogg"_s);
        QCOMPARE(sent.fileContentType, QByteArray("audio/ogg"));
        QCOMPARE(sent.fields.value(u"model"_s), u"whisper-large-v3-turbo"_s);
        QCOMPARE(sent.fields.value(u"response_format"_s), u"verbose_json"_s);
        QCOMPARE(sent.fields.value(u"temperature"_s), u"0"_s);
        QCOMPARE(sent.fields.value(u"language"_s), u"en"_s);
        QCOMPARE(sent.fields.value(u"prompt"_s), u"Maria, Kubernetes"_s);
        QCOMPARE(sent.header("authorization"), "Bearer " + groqKey.toUtf8());
        QVERIFY(sent.header("user-agent").startsWith("Utter/"));
        QVERIFY(!sent.header("x-request-id").isEmpty());
    }

    void shortChunksAreBilledTenSeconds()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        ProviderDouble server;
        server.setFixtures(*clips);
        QVERIFY(server.start());
        HttpClient http;
        test::FakeClock clock;
        Transcriber transcriber(configFor({endpointFor(server, u"primary"_s)}), http, clock);
        double seconds = 0;
        const auto result = run(transcriber, requestFor(utteranceOgg(*clips, {3}, &seconds), seconds));
        QVERIFY(result && result->ok());
        QCOMPARE(result->value().text, clips->at(3).text);
        // 127.0.0.1 is not Groq, so the client's own billing rule does not apply; the double bills like Groq.
        QCOMPARE(result->value().billedSeconds, seconds);
        QCOMPARE(server.billedSeconds(), 10.0);
        Endpoint groqLike = endpointFor(server, u"primary"_s);
        groqLike.minimumBilledS = 10;
        Transcriber billed(configFor({groqLike}), http, clock);
        const auto again = run(billed, requestFor(utteranceOgg(*clips, {3}, &seconds), seconds));
        QCOMPARE(again->value().billedSeconds, 10.0);
    }

    void parallelChunksKeepTheirOwnText()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        ProviderDouble server;
        server.setFixtures(*clips);
        QVERIFY(server.start());
        HttpClient http;
        test::FakeClock clock;
        Transcriber transcriber(configFor({endpointFor(server, u"primary"_s)}), http, clock);
        QObject context;
        QHash<int, QString> texts;
        const QList<QList<int>> chunks{{0, 1}, {6}, {4, 2, 3}};
        for (int i = 0; i < chunks.size(); ++i) {
            double seconds = 0;
            transcriber.transcribe(
                requestFor(utteranceOgg(*clips, chunks.at(i), &seconds), seconds, i), &context,
                [&texts](const Result<TranscriptionResult>& r) { texts.insert(r->sequence, r->text); });
        }
        QTRY_COMPARE_WITH_TIMEOUT(texts.size(), 3, 20000);
        for (int i = 0; i < chunks.size(); ++i)
            QCOMPARE(texts.value(i), clips->referenceText(chunks.at(i)));
    }

    void silenceIsFlaggedByNoSpeechProb()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        ProviderDouble server;
        server.setFixtures(*clips);
        QVERIFY(server.start());
        HttpClient http;
        test::FakeClock clock;
        Transcriber transcriber(configFor({endpointFor(server, u"primary"_s)}), http, clock);
        const QList<qint16> silence(16000 * 3, 0);
        const auto result = run(transcriber, requestFor(test::encodeOggOpus(silence, 16000), 3.0));
        QVERIFY(result && result->ok());
        QCOMPARE(result->value().text, u"Thank you."_s);
        QVERIFY(result->value().segments.value(0).noSpeechProb > 0.9);
    }

    void providerErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("requests");
        using E = ErrorCode;
        QTest::newRow("400") << 400 << QByteArray(R"({"error":{"message":"bad"}})") << int(E::InvalidArgument) << 1;
        QTest::newRow("401") << 401 << QByteArray(R"({"error":{"message":"Invalid API Key"}})") << int(E::AuthFailed)
                             << 1;
        QTest::newRow("402") << 402 << QByteArray(R"({"error":{"message":"Insufficient Balance"}})")
                             << int(E::OutOfCredit) << 1;
        QTest::newRow("403") << 403 << QByteArray(R"({"error":{"message":"no"}})") << int(E::AuthFailed) << 1;
        QTest::newRow("404") << 404 << QByteArray(R"({"error":{"message":"no model"}})") << int(E::NotFound) << 1;
        QTest::newRow("413") << 413 << QByteArray(R"({"error":{"message":"too large"}})") << int(E::TooLarge) << 1;
        QTest::newRow("415") << 415 << QByteArray(R"({"error":{"code":"audio.unsupported_format","message":"x"}})")
                             << int(E::UnsupportedFormat) << 1;
        QTest::newRow("422") << 422 << QByteArray(R"({"error":{"message":"x"}})") << int(E::InvalidArgument) << 1;
        QTest::newRow("429") << 429 << QByteArray(R"({"error":{"message":"slow down","code":"rate_limit_exceeded"}})")
                             << int(E::RateLimited) << 3;
        QTest::newRow("498") << 498 << QByteArray(R"({"error":{"message":"flex"}})") << int(E::RateLimited) << 3;
        QTest::newRow("500") << 500 << QByteArray("oops") << int(E::ProviderError) << 3;
        QTest::newRow("502 load_failed") << 502
                                         << QByteArray(R"({"error":{"code":"slot.load_failed","message":"oom"}})")
                                         << int(E::ProviderError) << 1;
        QTest::newRow("503") << 503 << QByteArray(R"({"error":{"message":"overloaded"}})") << int(E::ProviderError)
                             << 3;
    }

    void providerErrors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, code);
        QFETCH(int, requests);
        ProviderDouble server;
        QVERIFY(server.start());
        Fault fault;
        fault.status = status;
        fault.body = body;
        fault.times = 10;
        server.addFault(fault);
        HttpClient http;
        test::FakeClock clock;
        clock.setAutoAdvance(true);
        Transcriber transcriber(configFor({endpointFor(server, u"primary"_s)}), http, clock);
        const auto result = run(transcriber, requestFor(QByteArray("OggS-not-really"), 1.0));
        QVERIFY(result && !result->ok());
        QCOMPARE(int(result->error().code), code);
        QCOMPARE(int(server.requests().size()), requests);
        QVERIFY(!result->error().message.isEmpty());
    }

    void realValidationErrors()
    {
        ProviderDouble server;
        QVERIFY(server.start());
        HttpClient http;
        test::FakeClock clock;
        clock.setAutoAdvance(true);
        const QByteArray ogg = test::encodeOggOpus(QList<qint16>(16000, 0), 16000);
        {
            Transcriber t(configFor({endpointFor(server, u"primary"_s, u"gsk_wrong_key_000000"_s)}), http, clock);
            const auto r = run(t, requestFor(ogg, 1));
            QCOMPARE(int(r->error().code), int(ErrorCode::AuthFailed));
            QVERIFY(r->error().message.contains(u"utter secret set groq"_s));
        }
        {
            Endpoint e = endpointFor(server, u"primary"_s);
            e.model = u"whisper-9000"_s;
            Transcriber t(configFor({e}), http, clock);
            QCOMPARE(int(run(t, requestFor(ogg, 1))->error().code), int(ErrorCode::NotFound));
        }
        {
            Transcriber t(configFor({endpointFor(server, u"primary"_s)}), http, clock);
            TranscriptionRequest oga = requestFor(ogg, 1);
            oga.fileName = u"audio.oga"_s; // Groq checks the extension, not the bytes
            const auto r = run(t, oga);
            QCOMPARE(int(r->error().code), int(ErrorCode::UnsupportedFormat));
            QCOMPARE(server.requests().constLast().status, 400);
        }
        {
            // A hosted endpoint without a key fails before anything is sent.
            Endpoint cloud = makeEndpoint(u"primary"_s, u"https://api.groq.com/openai/v1"_s, u"m"_s, u"groq"_s, {});
            Transcriber t(configFor({cloud}), http, clock);
            const qsizetype before = server.requests().size();
            const auto r = run(t, requestFor(ogg, 1));
            QCOMPARE(int(r->error().code), int(ErrorCode::AuthFailed));
            QCOMPARE(server.requests().size(), before);
        }
    }

    void retryAfterIsHonouredExactly()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        ProviderDouble server;
        server.setFixtures(*clips);
        QVERIFY(server.start());
        Fault limited;
        limited.status = 429;
        limited.body = R"({"error":{"message":"Rate limit reached","type":"tokens","code":"rate_limit_exceeded"}})";
        limited.headers = {{"retry-after", "7"}};
        server.addFault(limited);
        HttpClient http;
        test::FakeClock clock; // manual: nothing happens until the test moves time
        Transcriber transcriber(configFor({endpointFor(server, u"primary"_s)}), http, clock);
        double seconds = 0;
        std::optional<Result<TranscriptionResult>> out;
        QObject context;
        transcriber.transcribe(requestFor(utteranceOgg(*clips, {1}, &seconds), seconds), &context,
                               [&out](const Result<TranscriptionResult>& r) { out = r; });
        QTRY_COMPARE(clock.pendingCount(), size_t(1));
        QCOMPARE(clock.requestedDelays().front(), 7000ms);
        clock.advance(6999ms);
        QTest::qWait(50);
        QCOMPARE(server.requests().size(), 1); // not a millisecond early
        clock.advance(1ms);
        QTRY_VERIFY(out.has_value());
        QVERIFY(out->ok());
        QCOMPARE(out->value().attempts, 2);
        QCOMPARE(out->value().text, clips->at(1).text);
    }

    void retryAfterHttpDateAndBackoff()
    {
        ProviderDouble server;
        QVERIFY(server.start());
        test::FakeClock clock;
        clock.setAutoAdvance(true);
        Fault dated;
        dated.status = 503;
        dated.body = "busy";
        dated.headers = {
            {"Retry-After",
             QLocale::c().toString(clock.now().addSecs(30), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1()}};
        server.addFault(dated);
        Fault plain;
        plain.status = 500;
        plain.times = 5;
        server.addFault(plain);
        HttpClient http;
        Transcriber transcriber(configFor({endpointFor(server, u"primary"_s)}), http, clock);
        transcriber.setRandom([] { return 0.5; }); // no jitter: 1 s, 2 s, ...
        const auto result = run(transcriber, requestFor("x", 1));
        QVERIFY(result && !result->ok());
        QCOMPARE(server.requests().size(), 3);
        QCOMPARE(clock.requestedDelays(), (std::vector<std::chrono::milliseconds>{30000ms, 2000ms}));
    }

    void transportFailures()
    {
        ProviderDouble server;
        QVERIFY(server.start());
        HttpClient http;
        test::FakeClock clock;
        clock.setAutoAdvance(true);
        TranscriberConfig config = configFor({endpointFor(server, u"primary"_s)});
        config.timeout = 800ms;
        config.retry.attempts = 1;
        Transcriber transcriber(config, http, clock);
        Fault stall;
        stall.stall = true;
        server.addFault(stall);
        auto r = run(transcriber, requestFor("x", 1));
        QCOMPARE(int(r->error().code), int(ErrorCode::Timeout));

        Fault reset;
        reset.status = 200;
        reset.body = R"({"text":"this answer is cut off in the middle by a connection reset"})";
        reset.resetMidBody = true;
        server.addFault(reset);
        r = run(transcriber, requestFor("x", 1));
        QCOMPARE(int(r->error().code), int(ErrorCode::Network));

        Fault malformed;
        malformed.status = 200;
        malformed.body = R"({"text":"half a json document"})";
        malformed.malformedJson = true;
        server.addFault(malformed);
        r = run(transcriber, requestFor("x", 1));
        QCOMPARE(int(r->error().code), int(ErrorCode::ProviderError));
        QVERIFY(r->error().message.contains(u"cannot read"_s));

        // Nothing listens on the port: connection refused.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 deadPort = probe.serverPort();
        probe.close();
        Transcriber dead(
            configFor({makeEndpoint(u"primary"_s, u"http://127.0.0.1:%1/v1"_s.arg(deadPort), u"m"_s, {}, {})}), http,
            clock);
        r = run(dead, requestFor("x", 1));
        QCOMPARE(int(r->error().code), int(ErrorCode::Network));
        QVERIFY(r->error().message.contains(u"could not be reached"_s));
    }

    void aStalledRequestIsCutOffAndRetried()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        ProviderDouble server;
        server.setFixtures(*clips);
        QVERIFY(server.start());
        HttpClient http;
        test::FakeClock clock;
        clock.setAutoAdvance(true);
        TranscriberConfig config = configFor({endpointFor(server, u"primary"_s)});
        config.timeout = 120s;       // the total deadline is far away …
        config.stallTimeout = 300ms; // … but a silent server is given up on quickly
        Transcriber transcriber(config, http, clock);
        Fault stall;
        stall.stall = true;
        server.addFault(stall);
        double seconds = 0;
        const auto result = run(transcriber, requestFor(utteranceOgg(*clips, {3}, &seconds), seconds), 30000);
        QVERIFY(result.has_value());
        QVERIFY2(result->ok(), result->ok() ? "" : qPrintable(result->error().message));
        QCOMPARE(result->value().text, clips->at(3).text);
        QCOMPARE(result->value().attempts, 2);
        QCOMPARE(server.requests(u"/audio/transcriptions"_s).size(), 2);
    }

    void aServerClosingWithoutAnswerIsOneAttempt()
    {
        // Qt's HTTP/1.1 code re-sends a request by itself when the server closes the connection without an
        // answer; the provider then bills the same audio twice while Utter counted one attempt. Every request
        // the provider sees must be an attempt of Utter's own.
        UTTER_REQUIRE_FIXTURES(clips);
        ProviderDouble server;
        server.setFixtures(*clips);
        QVERIFY(server.start());
        HttpClient http;
        test::FakeClock clock;
        clock.setAutoAdvance(true);
        double seconds = 0;
        const QByteArray ogg = utteranceOgg(*clips, {2}, &seconds);
        Fault close;
        close.closeWithoutAnswer = true;
        close.times = 2;
        server.addFault(close);
        {
            TranscriberConfig config = configFor({endpointFor(server, u"primary"_s)});
            config.retry.attempts = 1;
            Transcriber transcriber(config, http, clock);
            const auto result = run(transcriber, requestFor(ogg, seconds));
            QVERIFY(result && !result->ok());
            QCOMPARE(int(result->error().code), int(ErrorCode::Network));
            QCOMPARE(server.requests(u"/audio/transcriptions"_s).size(), 1); // not re-sent behind Utter's back
        }
        {
            Transcriber transcriber(configFor({endpointFor(server, u"primary"_s)}), http, clock);
            const auto result = run(transcriber, requestFor(ogg, seconds));
            QVERIFY(result && result->ok());
            QCOMPARE(result->value().text, clips->at(2).text);
            QCOMPARE(result->value().attempts, 2); // one more close, then the answer
            QCOMPARE(server.requests(u"/audio/transcriptions"_s).size(), 3);
        }
    }

    void fallbackServesAndPrimaryRecovers()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        ProviderDouble primary;
        ProviderDouble fallback;
        fallback.options().hal0 = true; // a local hal0 box behind Groq
        primary.setFixtures(*clips);
        fallback.setFixtures(*clips);
        QVERIFY(primary.start() && fallback.start());
        Fault down;
        down.status = 503;
        down.body = R"({"error":{"message":"Service Unavailable"}})";
        down.times = 1000;
        primary.addFault(down);
        HttpClient http;
        test::FakeClock clock;
        clock.setAutoAdvance(true);
        TranscriberConfig config =
            configFor({endpointFor(primary, u"primary"_s), makeEndpoint(u"fallback"_s, fallback.baseUrl() + u"/v1"_s,
                                                                        u"moonshine-small_streaming-en"_s, {}, {})});
        config.retry.attempts = 2;
        Transcriber transcriber(config, http, clock);
        double seconds = 0;
        const QByteArray ogg = utteranceOgg(*clips, {5, 3}, &seconds);

        auto r = run(transcriber, requestFor(ogg, seconds));
        QVERIFY(r && r->ok());
        QCOMPARE(r->value().endpointName, u"fallback"_s);
        QCOMPARE(r->value().text, clips->referenceText({5, 3}));
        QCOMPARE(r->value().attempts, 3);
        QCOMPARE(primary.requests().size(), 2);
        QCOMPARE(fallback.requests().constLast().fields.value(u"model"_s), u"moonshine-small_streaming-en"_s);

        r = run(transcriber, requestFor(ogg, seconds)); // second failing request: primary goes on cool-down
        QCOMPARE(r->value().endpointName, u"fallback"_s);
        QCOMPARE(primary.requests().size(), 4);
        QVERIFY(transcriber.chain().isCoolingDown(0, clock.now()));

        r = run(transcriber, requestFor(ogg, seconds)); // skipped while cooling down
        QCOMPARE(r->value().endpointName, u"fallback"_s);
        QCOMPARE(primary.requests().size(), 4);
        QCOMPARE(r->value().attempts, 1);

        primary.clearFaults(); // the outage ends; after the cool-down the next request probes the primary
        clock.advance(61s);
        r = run(transcriber, requestFor(ogg, seconds));
        QCOMPARE(r->value().endpointName, u"primary"_s);
        QCOMPARE(r->value().text, clips->referenceText({5, 3}));
        QVERIFY(!transcriber.chain().isCoolingDown(0, clock.now()));
        QCOMPARE(transcriber.chain().consecutiveFailures(0), 0);
    }

    void tooLargeIsSplitAndNothingLost()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        ProviderDouble server;
        server.setFixtures(*clips);
        QVERIFY(server.start());
        const QList<int> said{1, 6, 0};
        const QList<qint16> pcm = clips->utterance(said, 600);
        const QByteArray whole = test::encodeOggOpus(pcm, 16000);
        server.options().maxUploadBytes = whole.size() * 3 / 4; // the whole chunk is refused with 413
        HttpClient http;
        test::FakeClock clock;
        Transcriber transcriber(configFor({endpointFor(server, u"primary"_s)}), http, clock);
        int splits = 0;
        // The pipeline's splitter: decode, cut at the quietest 10 ms near the middle, re-encode both halves.
        transcriber.setSplitter([&splits](const TranscriptionRequest& request) {
            ++splits;
            const auto decoded = test::decodeOggOpus(request.audio);
            const QList<qint16> s = test::downsample48to16(decoded->pcm);
            qsizetype best = s.size() / 2;
            double quietest = 1e18;
            for (qsizetype at = s.size() / 4; at + 160 < s.size() * 3 / 4; at += 160) {
                double e = 0;
                for (qsizetype i = at; i < at + 160; ++i)
                    e += double(s.at(i)) * s.at(i);
                if (e < quietest) {
                    quietest = e;
                    best = at;
                }
            }
            QList<TranscriptionRequest> parts;
            for (const QList<qint16>& half : {s.mid(0, best), s.mid(best)}) {
                TranscriptionRequest part = request;
                part.audio = test::encodeOggOpus(half, 16000);
                part.durationS = double(half.size()) / 16000.0;
                parts << part;
            }
            return parts;
        });
        const auto r = run(transcriber, requestFor(whole, double(pcm.size()) / 16000.0));
        QVERIFY(r && r->ok());
        QVERIFY(splits >= 1);
        QVERIFY(r->value().parts >= 2);
        QCOMPARE(r->value().text, clips->referenceText(said));
        QCOMPARE(server.requests().constFirst().status, 413);
        // Segment times continue across the parts.
        const auto& segments = r->value().segments;
        QCOMPARE(segments.size(), 3);
        QVERIFY(segments.at(0).end <= segments.at(1).start + 0.05);
        QVERIFY(segments.at(1).end <= segments.at(2).start + 0.05);
    }

    void hal0SlotLoadingIsWaitedOut()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        ProviderDouble hal0;
        hal0.options().hal0 = true;
        hal0.setFixtures(*clips);
        hal0.setSlot(u"stt"_s, u"warming"_s, 1, 15);
        QVERIFY(hal0.start());
        HttpClient http;
        test::FakeClock clock;
        clock.setAutoAdvance(true);
        const Endpoint e =
            makeEndpoint(u"primary"_s, hal0.baseUrl() + u"/v1"_s, u"moonshine-small_streaming-en"_s, {}, {});
        Transcriber transcriber(configFor({e}), http, clock);
        double seconds = 0;
        const auto r = run(transcriber, requestFor(utteranceOgg(*clips, {7}, &seconds), seconds));
        QVERIFY(r && r->ok());
        QCOMPARE(r->value().text, clips->at(7).text);
        QCOMPARE(clock.requestedDelays(), (std::vector<std::chrono::milliseconds>{15000ms}));
        QCOMPARE(hal0.requests().constFirst().status, 503);

        // A missing model is hal0's request.missing_model: a configuration error, not retried.
        Endpoint noModel = e;
        noModel.model.clear();
        Transcriber broken(configFor({noModel}), http, clock);
        const auto missing = run(broken, requestFor(utteranceOgg(*clips, {7}, &seconds), seconds));
        QCOMPARE(int(missing->error().code), int(ErrorCode::InvalidArgument));
        QVERIFY(missing->error().message.contains(u"transcribe/model"_s));
        // slot.load_failed fails fast.
        hal0.setSlot(u"stt"_s, u"error"_s);
        const qsizetype before = hal0.requests().size();
        const auto failed = run(transcriber, requestFor(utteranceOgg(*clips, {7}, &seconds), seconds));
        QCOMPARE(int(failed->error().code), int(ErrorCode::ProviderError));
        QCOMPARE(hal0.requests().size(), before + 1);
    }

    void secretsNeverReachTheLogs()
    {
        static QStringList captured;
        captured.clear();
        QLoggingCategory::setFilterRules(u"utter.*.debug=true"_s);
        const QtMessageHandler previous =
            qInstallMessageHandler([](QtMsgType, const QMessageLogContext& ctx, const QString& message) {
                captured << QString::fromLatin1(ctx.category ? ctx.category : "") + u' ' + message;
            });
        ProviderDouble server;
        server.options().keys << u"gsk_second_key_for_the_fallback_77"_s;
        QVERIFY(server.start());
        HttpClient http;
        test::FakeClock clock;
        clock.setAutoAdvance(true);
        const QString wrong = u"gsk_wrong_key_that_must_not_leak_1"_s;
        Transcriber transcriber(
            configFor({endpointFor(server, u"primary"_s, wrong),
                       endpointFor(server, u"fallback"_s, u"gsk_second_key_for_the_fallback_77"_s)}),
            http, clock);
        const auto r = run(transcriber, requestFor(test::encodeOggOpus(QList<qint16>(8000, 0), 16000), 0.5));
        QVERIFY(r && r->ok());
        QCOMPARE(r->value().endpointName, u"fallback"_s);
        Fault echo; // a server that echoes the key back in its error body
        echo.status = 401;
        echo.body = QByteArray(R"({"error":{"message":"Invalid API Key gsk_second_key_for_the_fallback_77"}})");
        server.addFault(echo);
        Transcriber again(configFor({endpointFor(server, u"primary"_s, u"gsk_second_key_for_the_fallback_77"_s)}), http,
                          clock);
        const auto failed = run(again, requestFor("x", 1));
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        QVERIFY(!captured.isEmpty());
        QVERIFY(captured.join(u'\n').contains(u"utter.http"_s));
        for (const QString& line : std::as_const(captured)) {
            QVERIFY2(!line.contains(wrong), qPrintable(line));
            QVERIFY2(!line.contains(u"gsk_second_key_for_the_fallback_77"_s), qPrintable(line));
            QVERIFY2(!line.contains(groqKey), qPrintable(line));
        }
        // The message the user reads is redacted too, wherever it is printed (console and log go through redact()).
        QVERIFY(!redact(failed->error().message).contains(u"gsk_second_key_for_the_fallback_77"_s));
    }

    void cancellation()
    {
        ProviderDouble server;
        QVERIFY(server.start());
        HttpClient http;
        test::FakeClock clock;
        Transcriber transcriber(configFor({endpointFor(server, u"primary"_s)}), http, clock);
        // While the request is in flight.
        Fault stall;
        stall.stall = true;
        server.addFault(stall);
        std::optional<Result<TranscriptionResult>> out;
        QObject context;
        QPointer<TranscriptionJob> job = transcriber.transcribe(
            requestFor("x", 1), &context, [&out](const Result<TranscriptionResult>& r) { out = r; });
        QTRY_COMPARE(server.requests().size(), 1);
        job->cancel();
        QTRY_VERIFY(out.has_value());
        QCOMPARE(int(out->error().code), int(ErrorCode::Cancelled));
        // While waiting to retry: no further request after the wait would have ended.
        Fault busy;
        busy.status = 503;
        server.addFault(busy);
        out.reset();
        job = transcriber.transcribe(requestFor("x", 1), &context,
                                     [&out](const Result<TranscriptionResult>& r) { out = r; });
        QTRY_COMPARE(clock.pendingCount(), size_t(1));
        job->cancel();
        QTRY_VERIFY(out.has_value());
        QCOMPARE(int(out->error().code), int(ErrorCode::Cancelled));
        clock.advance(60s);
        QTest::qWait(50);
        QCOMPARE(server.requests().size(), 2);
        // A destroyed context cancels silently: no callback into a dead receiver.
        bool called = false;
        server.addFault(stall);
        {
            QObject shortLived;
            transcriber.transcribe(requestFor("x", 1), &shortLived,
                                   [&called](const Result<TranscriptionResult>&) { called = true; });
            QTRY_COMPARE(server.requests().size(), 3);
        }
        QTest::qWait(100);
        QVERIFY(!called);
    }
};

} // namespace utter

QTEST_GUILESS_MAIN(utter::TestTranscriber)
#include "testtranscriber.moc"
