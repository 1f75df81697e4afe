// The RealtimeTranscriber against the realtime provider double: real WebSocket sessions, real 16 → 24 kHz
// resampling, transcripts recognised from the streamed audio; drops, rollovers, slow commits and refusals.
#include "doubletestutil.h"
#include "providers/clock.h"
#include "providers/realtimetranscriber.h"
#include "realtimedouble.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <map>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace utter
{

using test::RealtimeDouble;

namespace
{

const QString realtimeKey = u"sk-test-realtime-key-0123"_s;

RealtimeConfig configFor(const QString& url, const QString& key = realtimeKey)
{
    RealtimeConfig c;
    c.endpoint = makeEndpoint(u"primary"_s, url, u"gpt-4o-transcribe"_s, u"openai"_s, key);
    c.language = u"en"_s;
    c.prompt = u"Maria, woodchuck"_s;
    return c;
}

// What a user's dictation sends: each segment is a clip and the pause after it, in 20 ms capture blocks.
void speak(RealtimeTranscriber& rt, const test::FixtureClips& clips, const QList<int>& which, int firstSequence = 0)
{
    int sequence = firstSequence;
    for (int clip : which) {
        QList<qint16> pcm = clips.at(clip).pcm;
        pcm.append(QList<qint16>(16000 * 3 / 10, 0));
        for (qsizetype i = 0; i < pcm.size(); i += 320)
            rt.appendAudio(sequence,
                           std::span<const qint16>(pcm.constData() + i, size_t(qMin<qsizetype>(320, pcm.size() - i))));
        rt.commit(sequence);
        ++sequence;
    }
}

std::span<const qint16> spanOf(const QList<qint16>& pcm)
{
    return std::span<const qint16>(pcm.constData(), size_t(pcm.size()));
}

// Sequence → completed text.
std::map<int, QString> completions(const QSignalSpy& spy)
{
    std::map<int, QString> out;
    for (const QList<QVariant>& args : spy)
        out[args.at(0).toInt()] = args.at(1).toString();
    return out;
}

} // namespace

class TestRealtime final : public QObject
{
    Q_OBJECT

private slots:
    void urls()
    {
        QVERIFY(RealtimeConfig::isRealtimeUrl(QUrl(u"wss://api.openai.com/v1"_s)));
        QVERIFY(RealtimeConfig::isRealtimeUrl(QUrl(u"ws://127.0.0.1:9/v1"_s)));
        QVERIFY(!RealtimeConfig::isRealtimeUrl(QUrl(u"https://api.groq.com/openai/v1"_s)));
        QCOMPARE(RealtimeConfig::sessionUrl(QUrl(u"wss://api.openai.com/v1"_s)),
                 QUrl(u"wss://api.openai.com/v1/realtime?intent=transcription"_s));
        QCOMPARE(RealtimeConfig::sessionUrl(QUrl(u"wss://api.openai.com/v1/realtime/"_s)),
                 QUrl(u"wss://api.openai.com/v1/realtime?intent=transcription"_s));
        QCOMPARE(RealtimeConfig::sessionUrl(QUrl(u"ws://h:1/v1/realtime?intent=transcription&x=1"_s)),
                 QUrl(u"ws://h:1/v1/realtime?intent=transcription&x=1"_s));
    }

    void streamsSegmentsInOrderWithPartials()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        RealtimeDouble server;
        server.setFixtures(*clips);
        QVERIFY(server.start());
        SystemClock clock;
        RealtimeTranscriber rt(configFor(server.url()), clock);
        QSignalSpy partials(&rt, &RealtimeTranscriber::partial);
        QSignalSpy done(&rt, &RealtimeTranscriber::segmentCompleted);
        QSignalSpy finished(&rt, &RealtimeTranscriber::finished);
        QSignalSpy failed(&rt, &RealtimeTranscriber::failed);

        speak(rt, *clips, {0, 1, 2});
        rt.finish();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(failed.count(), 0);
        const auto texts = completions(done);
        QCOMPARE(texts.size(), size_t(3));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(texts.at(i), clips->at(i).text);
        // Partials grow delta by delta to the completed text.
        QVERIFY(partials.count() > 3);
        QString lastOfFirst;
        for (const QList<QVariant>& args : partials) {
            if (args.at(0).toInt() == 0) {
                QVERIFY(args.at(1).toString().startsWith(lastOfFirst));
                lastOfFirst = args.at(1).toString();
            }
        }
        QCOMPARE(lastOfFirst, clips->at(0).text);
        QVERIFY(rt.unfinishedSequences().isEmpty());

        // The session as the protocol wants it: PCM16, Utter's VAD decides (no turn detection), model, language,
        // prompt and noise reduction; the key only in the Authorization header.
        QCOMPARE(server.connections(), 1);
        const QJsonObject session = server.sessionUpdates().value(0);
        QCOMPARE(session.value(u"input_audio_format"_s).toString(), u"pcm16"_s);
        QVERIFY(session.contains(u"turn_detection"_s) && session.value(u"turn_detection"_s).isNull());
        const QJsonObject transcription = session.value(u"input_audio_transcription"_s).toObject();
        QCOMPARE(transcription.value(u"model"_s).toString(), u"gpt-4o-transcribe"_s);
        QCOMPARE(transcription.value(u"language"_s).toString(), u"en"_s);
        QCOMPARE(transcription.value(u"prompt"_s).toString(), u"Maria, woodchuck"_s);
        QCOMPARE(session.value(u"input_audio_noise_reduction"_s).toObject().value(u"type"_s).toString(),
                 u"near_field"_s);
        const QByteArray handshake = server.handshakeRequests().value(0);
        QVERIFY(handshake.startsWith("GET /v1/realtime?intent=transcription HTTP/1.1"));
        QVERIFY(handshake.contains(QByteArray("Authorization: Bearer " + realtimeKey.toUtf8())));
        QVERIFY(handshake.contains("OpenAI-Beta: realtime=v1"));
        QCOMPARE(handshake.count(realtimeKey.toUtf8()), 1);

        // 24 kHz audio of the same length as what was spoken (within the resampler's edge).
        double spokenS = 0;
        for (int i = 0; i < 3; ++i)
            spokenS += clips->at(i).durationS() + 0.3;
        QVERIFY2(qAbs(server.committedAudioS() - spokenS) < 0.05,
                 qPrintable(u"%1 vs %2"_s.arg(server.committedAudioS()).arg(spokenS)));
        QVERIFY(qAbs(rt.streamedSeconds() - spokenS) < 0.05);
    }

    void deltasCutAnywhereKeepNonAsciiText()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        RealtimeDouble server;
        server.setFixtures(*clips);
        const QString text = u"Grüße aus Köln: naïve café, e\u0301t\u00e9 — 🎤 日本語"_s;
        server.options().clipTexts = {text};
        server.options().deltaChars = 1; // one code point per delta: mid-word, and between e and its accent
        QVERIFY(server.start());
        SystemClock clock;
        RealtimeTranscriber rt(configFor(server.url()), clock);
        QSignalSpy partials(&rt, &RealtimeTranscriber::partial);
        QSignalSpy done(&rt, &RealtimeTranscriber::segmentCompleted);
        QSignalSpy finished(&rt, &RealtimeTranscriber::finished);
        speak(rt, *clips, {0});
        rt.finish();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(completions(done).at(0), text);
        QCOMPARE(partials.count(), text.toUcs4().size());
        QCOMPARE(partials.last().at(1).toString(), text);
    }

    // Qt 6.4's WebSocket refuses (close 1007) a text message fragmented inside a UTF-8 character. A server doing
    // that never gets a transcript through: the transcriber gives up and hands every segment back.
    void textFramesCutInsideCharactersAreGivenUpOn()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        RealtimeDouble server;
        server.setFixtures(*clips);
        server.options().clipTexts = {u"Grüße aus Köln"_s};
        server.options().frameBytes = 3;
        QVERIFY(server.start());
        SystemClock clock;
        RealtimeConfig config = configFor(server.url());
        config.maxReconnects = 2;
        RealtimeTranscriber rt(config, clock);
        QSignalSpy failed(&rt, &RealtimeTranscriber::failed);
        QSignalSpy done(&rt, &RealtimeTranscriber::segmentCompleted);
        speak(rt, *clips, {0});
        rt.finish();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
        QVERIFY(failed.at(0).at(0).value<ProviderError>().retryable);
        QCOMPARE(failed.at(0).at(1).value<QList<int>>(), QList<int>{0});
        QCOMPARE(done.count(), 0);
        QCOMPARE(server.connections(), 3);
    }

    void dropMidDictationLosesNothing()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        RealtimeDouble server;
        server.setFixtures(*clips);
        server.closeAfterCommits(2); // the server goes away instead of answering the second segment
        QVERIFY(server.start());
        SystemClock clock;
        RealtimeTranscriber rt(configFor(server.url()), clock);
        QSignalSpy done(&rt, &RealtimeTranscriber::segmentCompleted);
        QSignalSpy finished(&rt, &RealtimeTranscriber::finished);
        QSignalSpy failed(&rt, &RealtimeTranscriber::failed);
        speak(rt, *clips, {3});
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 20000); // the first segment was transcribed before the drop
        speak(rt, *clips, {4, 5, 6}, 1);
        rt.finish();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(server.connections(), 2);
        QCOMPARE(server.commits(), 5); // the dropped segment once more, the finished one not again
        const auto texts = completions(done);
        QCOMPARE(texts.size(), size_t(4));
        QCOMPARE(done.count(), 4); // each segment exactly once
        for (int i = 0; i < 4; ++i)
            QCOMPARE(texts.at(i), clips->at(3 + i).text);
    }

    void slowCommitsKeepTheirOwnText()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        RealtimeDouble server;
        server.setFixtures(*clips);
        server.slowCommit(1, 800); // the first segment's transcript comes after the second's
        QVERIFY(server.start());
        SystemClock clock;
        RealtimeTranscriber rt(configFor(server.url()), clock);
        QSignalSpy done(&rt, &RealtimeTranscriber::segmentCompleted);
        QSignalSpy finished(&rt, &RealtimeTranscriber::finished);
        speak(rt, *clips, {1, 2});
        rt.finish();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(done.count(), 2);
        QCOMPARE(done.at(0).at(0).toInt(), 1); // out of order on the wire...
        const auto texts = completions(done);
        QCOMPARE(texts.at(0), clips->at(1).text); // ...and still each segment's own words
        QCOMPARE(texts.at(1), clips->at(2).text);
    }

    void rollsOverAtTheSessionLimit()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        RealtimeDouble server;
        server.setFixtures(*clips);
        QVERIFY(server.start());
        SystemClock clock;
        RealtimeConfig config = configFor(server.url());
        config.sessionLimit = 0ms; // every segment boundary is past the limit: each segment gets a new session
        RealtimeTranscriber rt(config, clock);
        QSignalSpy done(&rt, &RealtimeTranscriber::segmentCompleted);
        QSignalSpy finished(&rt, &RealtimeTranscriber::finished);
        int sequence = 0;
        for (int clip : {0, 2, 4}) {
            speak(rt, *clips, {clip}, sequence++);
            // The next segment starts after this one's transcript (the user paused).
            QTRY_COMPARE_WITH_TIMEOUT(done.count(), sequence, 10000);
        }
        rt.finish();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(server.connections(), 3);
        const auto texts = completions(done);
        QCOMPARE(texts.at(0), clips->at(0).text);
        QCOMPARE(texts.at(1), clips->at(2).text);
        QCOMPARE(texts.at(2), clips->at(4).text);
    }

    void serverSessionExpiryResendsWhatWasPending()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        RealtimeDouble server;
        server.setFixtures(*clips);
        server.options().sessionLimitMs = 300; // the server ends the session while the transcript is pending
        server.slowCommit(1, 5000);
        QVERIFY(server.start());
        SystemClock clock;
        RealtimeTranscriber rt(configFor(server.url()), clock);
        QSignalSpy done(&rt, &RealtimeTranscriber::segmentCompleted);
        QSignalSpy finished(&rt, &RealtimeTranscriber::finished);
        QSignalSpy failed(&rt, &RealtimeTranscriber::failed);
        speak(rt, *clips, {7});
        rt.finish();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(failed.count(), 0);
        QVERIFY(server.connections() >= 2);
        QCOMPARE(done.count(), 1);
        QCOMPARE(completions(done).at(0), clips->at(7).text);
    }

    void badKeyIsAClearErrorWithNothingLost()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        RealtimeDouble server;
        server.setFixtures(*clips);
        QVERIFY(server.start());
        SystemClock clock;
        RealtimeTranscriber rt(configFor(server.url(), u"sk-wrong"_s), clock);
        QSignalSpy failed(&rt, &RealtimeTranscriber::failed);
        speak(rt, *clips, {0, 1});
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
        const auto error = failed.at(0).at(0).value<ProviderError>();
        QCOMPARE(error.error.code, ErrorCode::AuthFailed);
        QVERIFY(!error.retryable);
        QCOMPARE(error.httpStatus, 401);
        QVERIFY2(error.error.message.contains(u"secret set openai"_s), qPrintable(error.error.message));
        QVERIFY(!error.error.message.contains(u"sk-wrong"_s));
        QCOMPARE(failed.at(0).at(1).value<QList<int>>(), (QList<int>{0, 1}));
        QCOMPARE(server.refusedHandshakes(), 1); // no retry with a key that cannot work
        QCOMPARE(server.connections(), 0);
    }

    void rateLimitsAreRetriedThenHandedBack()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        {
            RealtimeDouble server;
            server.setFixtures(*clips);
            server.rateLimitConnections(1);
            QVERIFY(server.start());
            SystemClock clock;
            RealtimeTranscriber rt(configFor(server.url()), clock);
            QSignalSpy done(&rt, &RealtimeTranscriber::segmentCompleted);
            QSignalSpy finished(&rt, &RealtimeTranscriber::finished);
            speak(rt, *clips, {5});
            rt.finish();
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
            QCOMPARE(server.connections(), 2);
            QCOMPARE(completions(done).at(0), clips->at(5).text);
        }
        {
            RealtimeDouble server;
            server.setFixtures(*clips);
            server.rateLimitConnections(100);
            QVERIFY(server.start());
            SystemClock clock;
            RealtimeConfig config = configFor(server.url());
            config.maxReconnects = 2;
            RealtimeTranscriber rt(config, clock);
            QSignalSpy failed(&rt, &RealtimeTranscriber::failed);
            speak(rt, *clips, {5, 6});
            QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
            const auto error = failed.at(0).at(0).value<ProviderError>();
            QCOMPARE(error.error.code, ErrorCode::RateLimited);
            QVERIFY(error.retryable); // the journaled audio goes to the batch path
            QCOMPARE(failed.at(0).at(1).value<QList<int>>(), (QList<int>{0, 1}));
            QCOMPARE(server.connections(), 3);
        }
    }

    void unreachableServerHandsEverySegmentBack()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close(); // nothing listens there now
        SystemClock clock;
        RealtimeConfig config = configFor(u"ws://127.0.0.1:%1/v1"_s.arg(port));
        config.maxReconnects = 1;
        RealtimeTranscriber rt(config, clock);
        QSignalSpy failed(&rt, &RealtimeTranscriber::failed);
        const QList<qint16> tone(16000, 1000);
        rt.appendAudio(4, spanOf(tone));
        rt.commit(4);
        rt.appendAudio(5, spanOf(tone));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
        const auto error = failed.at(0).at(0).value<ProviderError>();
        QCOMPARE(error.error.code, ErrorCode::Network);
        QVERIFY(error.retryable);
        QCOMPARE(failed.at(0).at(1).value<QList<int>>(), (QList<int>{4, 5}));
    }

    void unknownModelIsRefused()
    {
        RealtimeDouble server;
        QVERIFY(server.start());
        SystemClock clock;
        RealtimeConfig config = configFor(server.url());
        config.endpoint.model = u"whisper-large-v3-turbo"_s;
        RealtimeTranscriber rt(config, clock);
        QSignalSpy failed(&rt, &RealtimeTranscriber::failed);
        const QList<qint16> silence(1600, 0);
        rt.appendAudio(0, spanOf(silence));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
        const auto error = failed.at(0).at(0).value<ProviderError>();
        QVERIFY(!error.retryable);
        QVERIFY2(error.error.message.contains(u"whisper-large-v3-turbo"_s), qPrintable(error.error.message));
    }

    void tooShortSegmentIsClearedNotCommitted()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        RealtimeDouble server;
        server.setFixtures(*clips);
        QVERIFY(server.start());
        SystemClock clock;
        RealtimeTranscriber rt(configFor(server.url()), clock);
        QSignalSpy done(&rt, &RealtimeTranscriber::segmentCompleted);
        QSignalSpy finished(&rt, &RealtimeTranscriber::finished);
        QSignalSpy failed(&rt, &RealtimeTranscriber::failed);
        const QList<qint16> click(800, 500); // 50 ms: a click between pauses
        rt.appendAudio(0, spanOf(click));
        rt.commit(0);
        speak(rt, *clips, {3}, 1);
        rt.finish();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(failed.count(), 0);
        const auto texts = completions(done);
        QCOMPARE(texts.at(0), QString());
        QCOMPARE(texts.at(1), clips->at(3).text);
        QCOMPARE(server.commits(), 1);
    }

    // A segment the pipeline's voice gate turned away before its commit (typing): what was sent of it is cleared
    // from the server's buffer, its partial retracted, and the next segment takes its sequence with none of its audio.
    void aDiscardedSegmentIsClearedAndItsSequenceReused()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        RealtimeDouble server;
        server.setFixtures(*clips);
        QVERIFY(server.start());
        SystemClock clock;
        RealtimeTranscriber rt(configFor(server.url()), clock);
        QSignalSpy partials(&rt, &RealtimeTranscriber::partial);
        QSignalSpy done(&rt, &RealtimeTranscriber::segmentCompleted);
        QSignalSpy finished(&rt, &RealtimeTranscriber::finished);
        QSignalSpy failed(&rt, &RealtimeTranscriber::failed);
        rt.open(); // connected before any audio
        QTRY_COMPARE_WITH_TIMEOUT(server.connections(), 1, 10000);
        const QList<qint16>& rejected = clips->at(1).pcm;
        rt.appendAudio(0, spanOf(rejected));
        QTRY_VERIFY_WITH_TIMEOUT(server.appendedAudioS() > clips->at(1).durationS() - 0.05, 10000);
        rt.discard(0);
        QCOMPARE(partials.count(), 1);
        QCOMPARE(partials.at(0).at(0).toInt(), 0);
        QCOMPARE(partials.at(0).at(1).toString(), QString()); // retracted
        QTRY_COMPARE_WITH_TIMEOUT(server.clears(), 1, 10000);
        QVERIFY(qAbs(server.clearedAudioS() - clips->at(1).durationS()) < 0.05);
        QVERIFY(qAbs(rt.clearedSeconds() - server.clearedAudioS()) < 0.01);
        speak(rt, *clips, {3}, 0);
        rt.finish();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(done.count(), 1);
        QCOMPARE(completions(done).at(0), clips->at(3).text);
        QCOMPARE(server.commits(), 1);
        QVERIFY(qAbs(server.committedAudioS() - (clips->at(3).durationS() + 0.3)) < 0.05); // none of the rejected
        QCOMPARE(server.connections(), 1);
    }
};

} // namespace utter

QTEST_GUILESS_MAIN(utter::TestRealtime)
#include "testrealtime.moc"
