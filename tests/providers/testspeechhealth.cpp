// Read-back (primary → fallback, hal0 slot loading), endpoint health probes and the providers doctor section.
#include "doubletestutil.h"
#include "fakeclock.h"
#include "providers/audioplayback.h"
#include "providers/endpointhealth.h"
#include "providers/httpclient.h"
#include "providers/providersdoctor.h"
#include "providers/speechclient.h"

#include <QAudioDevice>
#include <QJsonArray>
#include <QMediaDevices>
#include <QTcpServer>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace utter
{

using test::Fault;
using test::ProviderDouble;

class TestSpeechHealth final : public QObject
{
    Q_OBJECT

private:
    std::optional<Result<SpeechResult>> speak(SpeechClient& client, const QString& text)
    {
        std::optional<Result<SpeechResult>> out;
        QObject context;
        client.synthesize(text, &context, [&out](const Result<SpeechResult>& r) { out = r; });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 20000))
            qWarning("speech did not finish");
        return out;
    }

    HealthReport probe(EndpointHealth& health, const Endpoint& e, Capability c)
    {
        std::optional<HealthReport> out;
        QObject context;
        health.probe(e, c, &context, [&out](const HealthReport& r) { out = r; });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 20000))
            qWarning("probe did not finish");
        return out.value_or(HealthReport{});
    }

    static Endpoint hal0Speech(const ProviderDouble& server, const QString& name, const QString& model,
                               const QString& voice)
    {
        Endpoint e = makeEndpoint(name, server.baseUrl() + u"/v1"_s, model, {}, {});
        e.voice = voice;
        return e;
    }

private slots:
    void speechPrimaryThenFallback()
    {
        ProviderDouble hal0;
        hal0.options().hal0 = true;
        QVERIFY(hal0.start());
        HttpClient http;
        test::FakeClock clock;
        clock.setAutoAdvance(true);
        SpeechConfig config;
        config.endpoints = {hal0Speech(hal0, u"primary"_s, u"qwen3-tts"_s, u"Ryan"_s),
                            hal0Speech(hal0, u"fallback"_s, u"kokoro-v1"_s, u"af_heart"_s)};
        SpeechClient client(config, http, clock);

        auto r = speak(client, u"Your meeting moved to Tuesday."_s);
        QVERIFY(r && r->ok());
        QCOMPARE(r->value().endpointName, u"primary"_s);
        const Result<WavData> wav = parseWav(r->value().audio);
        QVERIFY(wav.ok());
        QCOMPARE(wav->sampleRate, 24000);
        QVERIFY(wav->durationS() > 0.5);
        const QJsonObject sent = hal0.requests().constLast().json;
        QCOMPARE(sent.value(u"model"_s).toString(), u"qwen3-tts"_s);
        QCOMPARE(sent.value(u"voice"_s).toString(), u"Ryan"_s);
        QCOMPARE(sent.value(u"response_format"_s).toString(), u"wav"_s);
        QCOMPARE(sent.value(u"input"_s).toString(), u"Your meeting moved to Tuesday."_s);

        // The tts slot is loading: 503 slot.loading with Retry-After is waited out.
        hal0.setSlot(u"tts"_s, u"warming"_s, 1, 12);
        r = speak(client, u"Hello again."_s);
        QVERIFY(r && r->ok());
        QCOMPARE(clock.requestedDelays().back(), 12000ms);

        // qwen3tts fails to load: fail fast on the primary, kokoro serves.
        Fault loadFailed;
        loadFailed.status = 502;
        loadFailed.body =
            R"({"error":{"code":"slot.load_failed","message":"qwen3tts: out of GPU memory","details":{}}})";
        hal0.addFault(loadFailed);
        const qsizetype before = hal0.requests().size();
        r = speak(client, u"Read this back."_s);
        QVERIFY(r && r->ok());
        QCOMPARE(r->value().endpointName, u"fallback"_s);
        QCOMPARE(hal0.requests().size(), before + 2);
        QCOMPARE(hal0.requests().constLast().json.value(u"model"_s).toString(), u"kokoro-v1"_s);

        // hal0 needs the model.
        SpeechConfig noModel;
        noModel.endpoints = {hal0Speech(hal0, u"primary"_s, {}, {})};
        SpeechClient broken(noModel, http, clock);
        r = speak(broken, u"x y z"_s);
        QCOMPARE(int(r->error().code), int(ErrorCode::InvalidArgument));
    }

    void wavParsing()
    {
        QVERIFY(!parseWav("RIFF....WAVEjunk").ok());
        QVERIFY(!parseWav("ID3 mp3 data").ok());
        const QByteArray wav = test::writeWav(QList<qint16>(2400, 100), 24000);
        const Result<WavData> parsed = parseWav(wav);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->durationS(), 0.1);
        QCOMPARE(parsed->bitsPerSample, 16);
    }

    void playbackOnTheDefaultOutput()
    {
        if (QMediaDevices::defaultAudioOutput().isNull()) {
            if (qEnvironmentVariable("UTTER_TEST_SERVICES") == u"1"_s)
                QFAIL("no audio output although the test services are running (PulseAudio expected)");
            QSKIP("no audio output device (start PulseAudio, or run under tests/with-services.sh)");
        }
        AudioPlayback playback;
        bool finished = false;
        bool ok = false;
        connect(&playback, &AudioPlayback::finished, this, [&](bool success, const QString&) {
            finished = true;
            ok = success;
        });
        const Status started = playback.play(test::writeWav(QList<qint16>(4800, 0), 24000), "audio/wav");
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
        QTRY_VERIFY_WITH_TIMEOUT(finished, 10000);
        QVERIFY(ok);
    }

    void healthProbes()
    {
        ProviderDouble groq;
        QVERIFY(groq.start());
        ProviderDouble hal0;
        hal0.options().hal0 = true;
        QVERIFY(hal0.start());
        HttpClient http;
        EndpointHealth health(http);

        Endpoint good = makeEndpoint(u"primary"_s, groq.baseUrl() + u"/openai/v1"_s, u"whisper-large-v3-turbo"_s,
                                     u"groq"_s, u"gsk_test_groq_key_0123456789"_s);
        HealthReport r = probe(health, good, Capability::Transcription);
        QVERIFY(r.reachable && r.ok && !r.warning);
        QCOMPARE(r.modelListed.value_or(false), true);
        QCOMPARE(r.serverKind, u"openai-compatible"_s);
        QVERIFY(groq.requests().constFirst().path.endsWith(u"/openai/v1/models"_s));
        // The sentence the settings dialog's and the first-run assistant's "Test" buttons show.
        QCOMPARE(EndpointHealth::describe(r), u"Connected in %1 ms."_s.arg(r.latency.count()));

        Endpoint badKey = good;
        badKey.apiKey = u"gsk_wrong_wrong_wrong"_s;
        r = probe(health, badKey, Capability::Transcription);
        QVERIFY(r.reachable && !r.ok);
        QCOMPARE(int(r.error->code), int(ErrorCode::AuthFailed));
        QVERIFY2(EndpointHealth::describe(r).contains(u"HTTP 401"_s), qPrintable(EndpointHealth::describe(r)));

        Endpoint unknownModel = good;
        unknownModel.model = u"whisper-9000"_s;
        r = probe(health, unknownModel, Capability::Transcription);
        QVERIFY(r.ok && r.warning);
        QCOMPARE(r.modelListed.value_or(true), false);
        QVERIFY2(EndpointHealth::describe(r).contains(u"does not list the model “whisper-9000”"_s),
                 qPrintable(EndpointHealth::describe(r)));

        hal0.setSlot(u"stt"_s, u"idle"_s);
        r = probe(health,
                  makeEndpoint(u"fallback"_s, hal0.baseUrl() + u"/v1"_s, u"moonshine-small_streaming-en"_s, {}, {}),
                  Capability::Transcription);
        QCOMPARE(r.serverKind, u"hal0"_s);
        QCOMPARE(r.slotState, u"idle"_s);
        QVERIFY(r.ok && r.warning);
        QVERIFY2(EndpointHealth::describe(r).contains(u"The hal0 slot is idle"_s),
                 qPrintable(EndpointHealth::describe(r)));
        hal0.setSlot(u"tts"_s, u"error"_s);
        r = probe(health, makeEndpoint(u"primary"_s, hal0.baseUrl() + u"/v1"_s, u"qwen3-tts"_s, {}, {}),
                  Capability::Speech);
        QVERIFY(!r.ok);
        QVERIFY(hal0.requests().constLast().path == u"/api/slots/tts/state"_s);

        QTcpServer probeServer;
        QVERIFY(probeServer.listen(QHostAddress::LocalHost));
        const quint16 dead = probeServer.serverPort();
        probeServer.close();
        r = probe(health, makeEndpoint(u"primary"_s, u"http://127.0.0.1:%1/v1"_s.arg(dead), u"m"_s, {}, {}),
                  Capability::Transform);
        QVERIFY(!r.reachable && !r.ok);
        QCOMPARE(int(r.error->code), int(ErrorCode::Network));
        QCOMPARE(EndpointHealth::describe(r), r.error->message);
    }

    void doctorProvidersSection()
    {
        ProviderDouble groq;
        QVERIFY(groq.start());
        HttpClient http;
        TranscriberConfig transcriber;
        transcriber.endpoints = {makeEndpoint(u"primary"_s, groq.baseUrl() + u"/openai/v1"_s,
                                              u"whisper-large-v3-turbo"_s, u"groq"_s,
                                              u"gsk_test_groq_key_0123456789"_s),
                                 makeEndpoint(u"fallback"_s, u"https://api.groq.com/openai/v1"_s, u"whisper-large-v3"_s,
                                              u"groqfallback"_s, {})};
        TransformerConfig transformer;
        transformer.endpoint = makeEndpoint(u"primary"_s, groq.baseUrl(), u"deepseek-chat"_s, u"deepseek"_s,
                                            u"sk-test-deepseek-key-0123"_s);
        ProvidersDoctor doctor(transcriber, transformer, SpeechConfig{}, {{u"styles/x.md"_s, 3, u"bad"_s}}, http);
        QList<DoctorCheck> checks;
        bool done = false;
        QObject context;
        doctor.run(&context, [&](const QList<DoctorCheck>& c) {
            checks = c;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        auto find = [&checks](const QString& part) {
            for (const DoctorCheck& c : checks) {
                if (c.name.contains(part))
                    return c;
            }
            return DoctorCheck{};
        };
        QCOMPARE(find(u"transcription primary"_s).status, CheckStatus::Ok);
        QVERIFY(find(u"transcription primary"_s).latencyMs.has_value());
        const DoctorCheck missingKey = find(u"transcription fallback"_s);
        QCOMPARE(missingKey.status, CheckStatus::Fail);
        QVERIFY(missingKey.fix.contains(u"utter secret set groqfallback"_s));
        QCOMPARE(find(u"style model"_s).status, CheckStatus::Fail);
        QVERIFY(find(u"style model"_s).fix.contains(u"deepseek-flash"_s));
        QCOMPARE(find(u"style primary"_s).status, CheckStatus::Warn); // deepseek-chat is not in /models
        QCOMPARE(find(u"read-back"_s).status, CheckStatus::Skip);
        QCOMPARE(find(u"x.md"_s).status, CheckStatus::Warn);
        QVERIFY(Doctor::anyFailed(checks));
        const QJsonObject json = Doctor::toJson(checks);
        QCOMPARE(json.value(u"ok"_s).toBool(), false);
        QCOMPARE(json.value(u"checks"_s).toArray().size(), checks.size());
        QVERIFY(Doctor::toText(checks).contains(u"Providers:"_s));
    }
};

} // namespace utter

QTEST_GUILESS_MAIN(utter::TestSpeechHealth)
#include "testspeechhealth.moc"
