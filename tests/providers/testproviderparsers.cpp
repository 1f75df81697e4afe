// Pure functions of the provider layer, with canned bodies as the providers send them (apis.md §1–§4).
#include "providerdouble.h"
#include "providers/chatcompletion.h"
#include "providers/endpoint.h"
#include "providers/fallbackchain.h"
#include "providers/multipart.h"
#include "providers/providererror.h"
#include "providers/retrypolicy.h"
#include "providers/sseparser.h"
#include "providers/transcription.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace utter
{

class TestProviderParsers final : public QObject
{
    Q_OBJECT

private:
    const QDateTime now{QDate(2026, 10, 21), QTime(7, 28, 0), QTimeZone::utc()};
    ErrorContext groq{Capability::Transcription, u"api.groq.com"_s, u"groq"_s, u"whisper-large-v3-turbo"_s};
    ErrorContext deepseek{Capability::Transform, u"api.deepseek.com"_s, u"deepseek"_s, u"deepseek-flash"_s};
    ErrorContext hal0{Capability::Speech, u"hal0:8080"_s, {}, u"qwen3-tts"_s};

    ProviderError classify(const ErrorContext& c, int status, const QByteArray& body, HttpHeaders headers = {})
    {
        return classifyHttpError(c, status, body, headers, now);
    }

private slots:
    void errorBodies()
    {
        const ErrorBody openai = parseErrorBody(
            R"({"error":{"message":"Invalid API Key","type":"invalid_request_error","code":"invalid_api_key"}})");
        QVERIFY(openai.parsed);
        QCOMPARE(openai.message, u"Invalid API Key"_s);
        QCOMPARE(openai.code, u"invalid_api_key"_s);
        const ErrorBody h =
            parseErrorBody(R"({"error":{"code":"slot.loading","message":"warming","details":{"retry_after_s":15}}})");
        QCOMPARE(h.code, u"slot.loading"_s);
        QCOMPARE(h.retryAfterS.value_or(0), 15.0);
        const ErrorBody ds = parseErrorBody(
            R"({"error":{"message":"Insufficient Balance","type":"unknown_error","param":null,"code":"invalid_request_error"}})");
        QCOMPARE(ds.message, u"Insufficient Balance"_s);
        QCOMPARE(parseErrorBody(R"({"detail":"Not Found"})").message, u"Not Found"_s);
        const ErrorBody text = parseErrorBody("upstream connect error or disconnect/reset before headers");
        QVERIFY(!text.parsed);
        QVERIFY(text.message.startsWith(u"upstream connect error"_s));
        QVERIFY(parseErrorBody("<html><body>502 Bad Gateway</body></html>").message.isEmpty());
    }

    void everyErrorClass_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("retryable");
        QTest::addColumn<QString>("mentions");
        using E = ErrorCode;
        QTest::newRow("400 unsupported format")
            << 400
            << QByteArray(
                   R"({"error":{"message":"file must be one of the following types: [flac mp3 mp4 mpeg mpga m4a ogg opus wav webm]","type":"invalid_request_error","code":"unsupported_audio_format"}})")
            << int(E::UnsupportedFormat) << false << u"audio.ogg"_s;
        QTest::newRow("400 bad request") << 400 << QByteArray(R"({"error":{"message":"bad field"}})")
                                         << int(E::InvalidArgument) << false << u"bad field"_s;
        QTest::newRow("401") << 401 << QByteArray(R"({"error":{"message":"Invalid API Key","code":"invalid_api_key"}})")
                             << int(E::AuthFailed) << false << u"utter secret set groq"_s;
        QTest::newRow("402") << 402 << QByteArray(R"({"error":{"message":"Insufficient Balance"}})")
                             << int(E::OutOfCredit) << false << u"top it up"_s;
        QTest::newRow("403") << 403 << QByteArray(R"({"error":{"message":"forbidden"}})") << int(E::AuthFailed) << false
                             << u"403"_s;
        QTest::newRow("404 model")
            << 404
            << QByteArray(R"({"error":{"message":"The model `whisper-9` does not exist","code":"model_not_found"}})")
            << int(E::NotFound) << false << u"transcribe/model"_s;
        QTest::newRow("413") << 413 << QByteArray(R"({"error":{"message":"Request Entity Too Large"}})")
                             << int(E::TooLarge) << false << u"split"_s;
        QTest::newRow("415 hal0") << 415
                                  << QByteArray(
                                         R"({"error":{"code":"audio.unsupported_format","message":"cannot decode"}})")
                                  << int(E::UnsupportedFormat) << false << u"415"_s;
        QTest::newRow("422") << 422 << QByteArray(R"({"error":{"message":"invalid parameters"}})")
                             << int(E::InvalidArgument) << false << u"422"_s;
        QTest::newRow("429")
            << 429
            << QByteArray(R"({"error":{"message":"Rate limit reached","type":"tokens","code":"rate_limit_exceeded"}})")
            << int(E::RateLimited) << true << u"429"_s;
        QTest::newRow("498") << 498 << QByteArray(R"({"error":{"message":"capacity exceeded"}})") << int(E::RateLimited)
                             << true << u"498"_s;
        QTest::newRow("499") << 499 << QByteArray() << int(E::Cancelled) << false << u"cancelled"_s;
        QTest::newRow("500") << 500 << QByteArray("Internal Server Error") << int(E::ProviderError) << true
                             << u"HTTP 500"_s;
        QTest::newRow("502 load_failed") << 502
                                         << QByteArray(R"({"error":{"code":"slot.load_failed","message":"oom"}})")
                                         << int(E::ProviderError) << false << u"slot.load_failed"_s;
        QTest::newRow("502 upstream")
            << 502 << QByteArray(R"({"error":{"code":"dispatch.upstream_unavailable","message":"dead port"}})")
            << int(E::ProviderError) << true << u"502"_s;
        QTest::newRow("503 slot.loading")
            << 503
            << QByteArray(R"({"error":{"code":"slot.loading","message":"warming","details":{"retry_after_s":15}}})")
            << int(E::SlotLoading) << true << u"loading"_s;
        QTest::newRow("503 html") << 503 << QByteArray("<html>busy</html>") << int(E::ProviderError) << true
                                  << u"503"_s;
    }

    void everyErrorClass()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, code);
        QFETCH(bool, retryable);
        QFETCH(QString, mentions);
        const ProviderError e = classify(groq, status, body);
        QCOMPARE(int(e.error.code), code);
        QCOMPARE(e.retryable, retryable);
        QCOMPARE(e.httpStatus, status);
        QVERIFY2(e.error.message.contains(mentions), qPrintable(e.error.message));
        QVERIFY(e.error.message.endsWith(u'.'));
        QVERIFY(!e.error.message.contains(u'\n'));
    }

    void neverRetried()
    {
        for (int status : {400, 401, 402, 403, 404, 413, 415, 422})
            QVERIFY2(!isRetryableStatus(status), qPrintable(QString::number(status)));
        for (int status : {408, 429, 498, 500, 502, 503, 504})
            QVERIFY2(isRetryableStatus(status), qPrintable(QString::number(status)));
    }

    void retryAfterForms()
    {
        QCOMPARE(parseRetryAfter("7", now).value(), 7000ms);
        QCOMPARE(parseRetryAfter(" 2.5 ", now).value(), 2500ms);
        QCOMPARE(parseRetryAfter("Wed, 21 Oct 2026 07:28:30 GMT", now).value(), 30000ms);
        QCOMPARE(parseRetryAfter("Wednesday, 21-Oct-26 07:29:00 GMT", now).value(), 60000ms);
        QCOMPARE(parseRetryAfter("Wed Oct 21 07:28:10 2026", now).value(), 10000ms);
        QCOMPARE(parseRetryAfter("Wed, 21 Oct 2026 07:00:00 GMT", now).value(), 0ms); // in the past
        QVERIFY(!parseRetryAfter("soon", now));
        QVERIFY(!parseRetryAfter("", now));
        QVERIFY(!parseRetryAfter("-3", now));
    }

    void rateLimitHeaders()
    {
        QCOMPARE(parseGroqDuration("2m59.56s").value(), 179560ms);
        QCOMPARE(parseGroqDuration("7.66s").value(), 7660ms);
        QCOMPARE(parseGroqDuration("120ms").value(), 120ms);
        QCOMPARE(parseGroqDuration("1h").value(), 3600000ms);
        QVERIFY(!parseGroqDuration("abc"));
        // retry-after wins; without it the exhausted budget's reset time is used.
        ProviderError e = classify(groq, 429, "{}", {{"retry-after", "3"}, {"x-ratelimit-reset-requests", "9s"}});
        QCOMPARE(e.error.retryAfter.value(), 3000ms);
        e = classify(groq, 429, "{}",
                     {{"x-ratelimit-remaining-requests", "0"},
                      {"x-ratelimit-reset-requests", "2m59.56s"},
                      {"x-ratelimit-remaining-tokens", "5000"},
                      {"x-ratelimit-reset-tokens", "1s"}});
        QCOMPARE(e.error.retryAfter.value(), 179560ms);
        e = classify(hal0, 503, R"({"error":{"code":"slot.loading","message":"x","details":{"retry_after_s":15}}})");
        QCOMPARE(e.error.retryAfter.value(), 15000ms);
    }

    void retryPolicy()
    {
        RetryPolicy policy; // 3 attempts, 1 s base, ±25 % jitter
        ProviderError server = classify(groq, 500, "");
        const auto mid = [] { return 0.5; };
        QCOMPARE(policy.nextDelay(1, server, mid).value(), 1000ms);
        QCOMPARE(policy.nextDelay(2, server, mid).value(), 2000ms);
        QVERIFY(!policy.nextDelay(3, server, mid)); // attempts used up
        QCOMPARE(policy.nextDelay(1, server, [] { return 0.0; }).value(), 750ms);
        QCOMPARE(policy.nextDelay(2, server, [] { return 0.999999; }).value(), 2499ms);
        ProviderError limited = classify(groq, 429, "{}", {{"retry-after", "7"}});
        QCOMPARE(policy.nextDelay(1, limited, mid).value(), 7000ms);
        limited = classify(groq, 429, "{}", {{"retry-after", "600"}}); // longer than maxRetryAfter: give up here
        QVERIFY(!policy.nextDelay(1, limited, mid));
        QVERIFY(!policy.nextDelay(1, classify(groq, 401, "{}"), mid));
        QVERIFY(!policy.nextDelay(1, classify(groq, 413, "{}"), mid));
        policy.maxDelay = 1500ms;
        QCOMPARE(policy.backoff(5, 0.5), 1500ms);
    }

    void sseSplitAnywhere()
    {
        const QByteArray stream = ": keep-alive\r\n\r\n: keep-alive\n\n"
                                  "data: {\"choices\":[{\"delta\":{\"content\":\"Grüße \xF0\x9F\x98\x80\"}}]}\r\n\r\n"
                                  "event: message\ndata: line one\ndata: line two\n\n"
                                  "data: [DONE]\n\n";
        // Every split position, including inside the 4-byte emoji and between \r and \n.
        for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
            SseParser parser;
            QList<SseParser::Event> events = parser.feed(stream.left(cut));
            events += parser.feed(stream.mid(cut));
            events += parser.finish();
            QCOMPARE(events.size(), 3);
            QVERIFY(events.at(0).data.contains(u"Grüße 😀"_s));
            QCOMPARE(events.at(1).data, u"line one\nline two"_s);
            QCOMPARE(events.at(2).data, u"[DONE]"_s);
            QCOMPARE(parser.commentCount(), 2);
        }
        // Byte by byte.
        SseParser parser;
        QList<SseParser::Event> events;
        for (char c : stream)
            events += parser.feed(QByteArray(1, c));
        QCOMPARE(events.size(), 3);
        // A last event without the blank line comes out at finish().
        SseParser tail;
        QVERIFY(tail.feed("data: [DONE]").isEmpty());
        QCOMPARE(tail.finish().value(0).data, u"[DONE]"_s);
    }

    void chatChunks()
    {
        const auto content = parseChatChunk(
            QString::fromUtf8(R"({"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]})"));
        QCOMPARE(content->content, u"Hi"_s);
        const auto reasoning =
            parseChatChunk(QString::fromUtf8(R"({"choices":[{"delta":{"reasoning_content":"hmm"}}]})"));
        QVERIFY(reasoning->content.isEmpty()); // thinking output never reaches the user's text
        QCOMPARE(
            parseChatChunk(QString::fromUtf8(R"({"choices":[{"delta":{},"finish_reason":"stop"}]})"))->finishReason,
            u"stop"_s);
        QVERIFY(parseChatChunk(u"[DONE]"_s)->done);
        QVERIFY(parseChatChunk(QString::fromUtf8(R"({"error":{"message":"overloaded"}})"))->error.has_value());
        QVERIFY(!parseChatChunk(u"{\"choices\":[{\"delta\":"_s).ok());
        QCOMPARE(parseChatCompletion("\n\n\n{\"choices\":[{\"message\":{\"content\":\"Done.\"}}]}").value(),
                 u"Done."_s);
        QVERIFY(!parseChatCompletion("{\"choices\":[]}").ok());
        QVERIFY(!parseChatCompletion("{\"choi").ok());
    }

    void chatBody()
    {
        ChatRequestSpec spec{u"deepseek-flash"_s, u"sys"_s, u"text"_s, 0.2, true, true};
        const QJsonObject body = QJsonDocument::fromJson(buildChatBody(spec)).object();
        QCOMPARE(body.value(u"thinking"_s).toObject().value(u"type"_s).toString(), u"disabled"_s);
        QVERIFY(!body.contains(u"reasoning_effort"_s));
        QCOMPARE(body.value(u"stream"_s).toBool(), true);
        QCOMPARE(body.value(u"messages"_s).toArray().size(), 2);
        spec.disableThinking = false;
        QVERIFY(!QJsonDocument::fromJson(buildChatBody(spec)).object().contains(u"thinking"_s));
    }

    void transcriptionBodies()
    {
        const auto json =
            parseTranscription(R"({"text":" Hello there. ","x_groq":{"id":"req_01"}})", "application/json");
        QCOMPARE(json->text, u"Hello there."_s);
        QCOMPARE(json->providerRequestId, u"req_01"_s);
        const auto verbose = parseTranscription(
            R"({"task":"transcribe","language":"english","duration":3.2,"text":"Thank you.","segments":[{"id":0,"start":0,"end":3.2,"text":" Thank you.","avg_logprob":-1.1,"compression_ratio":0.6,"no_speech_prob":0.93}]})",
            "application/json");
        QCOMPARE(verbose->segments.size(), 1);
        QCOMPARE(verbose->segments.first().noSpeechProb, 0.93);
        QCOMPARE(verbose->segments.first().avgLogprob, -1.1);
        QCOMPARE(verbose->durationS, 3.2);
        QCOMPARE(parseTranscription("plain words\n", "text/plain")->text, u"plain words"_s);
        QVERIFY(!parseTranscription("{\"text\":\"cut", "application/json").ok());
        QVERIFY(!parseTranscription(R"({"transcript":"x"})", "application/json").ok());
        QVERIFY(!parseTranscription("<html></html>", "text/html").ok());
    }

    void multipartRoundTrip()
    {
        MultipartBuilder form("XyZ");
        const QByteArray audio("OggS\0\r\n--Xy-not-the-boundary\xff", 28);
        form.addFile("file", u"audio.ogg"_s, "audio/ogg", audio).addField("model", u"whisper-large-v3-turbo"_s);
        form.addField("prompt", u"Kubernetes, Grüße"_s);
        const auto parts = test::parseMultipart(form.contentType(), form.body());
        QVERIFY(parts);
        QCOMPARE(parts->size(), 3);
        QCOMPARE(parts->at(0).fileName, u"audio.ogg"_s);
        QCOMPARE(parts->at(0).contentType, QByteArray("audio/ogg"));
        QCOMPARE(parts->at(0).data, audio);
        QCOMPARE(QString::fromUtf8(parts->at(2).data), u"Kubernetes, Grüße"_s);
    }

    void endpointUrls()
    {
        const Endpoint groqEndpoint = makeEndpoint(u"primary"_s, u"https://api.groq.com/openai/v1"_s, {}, {}, {});
        QCOMPARE(groqEndpoint.requestUrl(Capability::Transcription).toString(),
                 u"https://api.groq.com/openai/v1/audio/transcriptions"_s);
        QCOMPARE(groqEndpoint.modelsUrl().toString(), u"https://api.groq.com/openai/v1/models"_s);
        QCOMPARE(groqEndpoint.minimumBilledS, 10.0);
        QVERIFY(groqEndpoint.requiresKey());
        const Endpoint ds = makeEndpoint(u"primary"_s, u"https://api.deepseek.com"_s, u"deepseek-flash"_s, {}, {});
        QCOMPARE(ds.requestUrl(Capability::Transform).toString(), u"https://api.deepseek.com/chat/completions"_s);
        QVERIFY(ds.isDeepSeek());
        const Endpoint whisper = makeEndpoint(u"fallback"_s, u"http://127.0.0.1:8080/inference"_s, {}, {}, {});
        QCOMPARE(whisper.requestUrl(Capability::Transcription).toString(), u"http://127.0.0.1:8080/inference"_s);
        QCOMPARE(whisper.minimumBilledS, 0.0);
        QVERIFY(!whisper.requiresKey());
        const Endpoint h = makeEndpoint(u"primary"_s, u"http://hal0.lan:8080/v1/"_s, {}, {}, {});
        QCOMPARE(h.requestUrl(Capability::Speech).toString(), u"http://hal0.lan:8080/v1/audio/speech"_s);
        QCOMPARE(h.originUrl(u"/api/health"_s).toString(), u"http://hal0.lan:8080/api/health"_s);
        QCOMPARE(h.host(), u"hal0.lan:8080"_s);
        const Endpoint full = makeEndpoint(u"p"_s, u"http://localhost:11434/v1/chat/completions"_s, {}, {}, {});
        QCOMPARE(full.requestUrl(Capability::Transform).toString(), u"http://localhost:11434/v1/chat/completions"_s);
        QCOMPARE(full.modelsUrl().toString(), u"http://localhost:11434/v1/models"_s);
    }

    void fallbackChainCoolDown()
    {
        const Endpoint a = makeEndpoint(u"primary"_s, u"http://a:1/v1"_s, {}, {}, {});
        const Endpoint b = makeEndpoint(u"fallback"_s, u"http://b:1/v1"_s, {}, {}, {});
        FallbackChain chain({a, b}, FallbackChain::Options{2, 60s, 600s});
        QCOMPARE(chain.plan(now), (QList<int>{0, 1}));
        const ProviderError down = classify(groq, 503, "");
        chain.reportFailure(0, down, now);
        QCOMPARE(chain.plan(now), (QList<int>{0, 1})); // one failure is not an outage
        chain.reportFailure(0, down, now);
        QVERIFY(chain.isCoolingDown(0, now));
        QCOMPARE(chain.plan(now), (QList<int>{1}));
        QCOMPARE(chain.plan(now.addSecs(59)), (QList<int>{1}));
        QCOMPARE(chain.plan(now.addSecs(60)), (QList<int>{0, 1})); // the probe
        chain.reportFailure(0, down, now.addSecs(60));             // probe failed: longer cool-down at once
        QCOMPARE(chain.coolDownUntil(0), now.addSecs(180));
        chain.reportSuccess(0);
        QCOMPARE(chain.plan(now.addSecs(61)), (QList<int>{0, 1}));
        QCOMPARE(chain.consecutiveFailures(0), 0);
        // Problems of the request itself do not count against the endpoint.
        chain.reportFailure(1, classify(groq, 413, ""), now);
        chain.reportFailure(1, classify(groq, 413, ""), now);
        QVERIFY(!chain.isCoolingDown(1, now));
        // All cooling down: the one that comes back first is still tried.
        chain.reportFailure(0, down, now);
        chain.reportFailure(0, down, now);
        chain.reportFailure(1, down, now.addSecs(5));
        chain.reportFailure(1, down, now.addSecs(5));
        QCOMPARE(chain.plan(now.addSecs(10)), (QList<int>{0}));
    }
};

} // namespace utter

QTEST_GUILESS_MAIN(utter::TestProviderParsers)
#include "testproviderparsers.moc"
