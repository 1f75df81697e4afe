// What Utter holds back, end to end (issue 17, docs/storage.md "What Utter holds back"): the real pipeline, the
// virtual microphone or a file, and the provider double. A sound without a voice between two sentences is not
// uploaded; a phantom "Thank you." the provider adds with Whisper's no-speech score is not typed; a borderline but
// real sentence is kept; and history, `utter transcribe` and its JSON say what was held back and why.
#include "codec/oggopus.h"
#include "doubletestutil.h"
#include "ipc/ipcclient.h"
#include "journal/journallayout.h"
#include "realtimefeeder.h"
#include "servefixture.h"
#include "speechcorpus.h"
#include "testenv.h"
#include "utterprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <chrono>
#include <cmath>
#include <csignal>
#include <future>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

using test::ProviderDouble;

namespace
{

const QString groqKey = u"gsk_test_groq_key_0123456789"_s;

// Mechanical keys over a room's noise floor: one of the sounds the voice gate rejects on every seed
// (testchunker::soundWithoutAVoiceIsNotUploaded), so this test does not hang on the detector's borderline cases.
QList<qint16> typing(double seconds)
{
    for (const test::SpeechCorpus::NonSpeech& file :
         test::SpeechCorpus::nonSpeechSuite(std::size_t(seconds * 16000), 3, false)) {
        if (file.name == u"keys-mechanical-floor"_s)
            return QList<qint16>(file.pcm.begin(), file.pcm.end());
    }
    return {};
}

// A quiet room's noise floor (about -64 dBFS), as a real microphone gives between words. digital: exact zeros, as
// some capture chains with a noise gate give (EnergyVad judges them as the quietest floor a microphone gives).
QList<qint16> silence(int ms, bool digital = false)
{
    QList<qint16> out(ms * 16, 0);
    std::uint32_t x = 12345;
    for (qint16& s : out) {
        x = x * 1664525u + 1013904223u;
        s = digital ? qint16(0) : qint16(int((x >> 16) % 65) - 32);
    }
    return out;
}

} // namespace

class TestHeldBack final : public QObject
{
    Q_OBJECT

private:
    struct Rig
    {
        explicit Rig(const test::FixtureClips& clips)
        {
            ready = server.start() != 0;
            server.setFixtures(clips);
            env = home.environment();
            env.insert(u"UTTER_TRANSCRIBE_URL"_s, server.baseUrl() + u"/openai/v1"_s);
            env.insert(u"GROQ_API_KEY"_s, groqKey);
            env.insert(u"UTTER_NETWORK_PROBE"_s, u"1"_s);
        }
        test::TestHome home;
        ProviderDouble server;
        QProcessEnvironment env;
        bool ready = false;
    };

    test::UtterRun utter(const QStringList& args, const QProcessEnvironment& env, int timeoutMs = 60000)
    {
        return test::runUtterServing(args, env, {}, timeoutMs);
    }

    // The held-back sounds' files of an archived dictation's folder (chunk-NNNNNN.heldback-at-<ms>.opus).
    static QStringList heldBackFiles(const QString& folder)
    {
        QStringList files;
        if (folder.isEmpty())
            return files;
        const QDir dir(folder);
        for (const QString& name : dir.entryList({u"*.opus"_s}, QDir::Files, QDir::Name)) {
            if (journallayout::isHeldBackAudioName(name))
                files << dir.filePath(name);
        }
        return files;
    }

    // Speech, a pause, typing, a pause, speech: where the typing lies, in seconds.
    QList<qint16> speechAroundTyping(const test::FixtureClips& clips, double* typingStart, double* typingEnd,
                                     bool digitalSilence = false)
    {
        QList<qint16> pcm = silence(300, digitalSilence);
        pcm += clips.at(0).pcm;
        pcm += silence(1200, digitalSilence);
        *typingStart = double(pcm.size()) / 16000.0;
        pcm += typing(4.0);
        *typingEnd = double(pcm.size()) / 16000.0;
        pcm += silence(1200, digitalSilence);
        pcm += clips.at(1).pcm;
        pcm += silence(300, digitalSilence);
        return pcm;
    }

    // Every upload held a sentence, and together they were shorter than the audio without the typing: the keys
    // were never sent.
    void verifyOnlySpeechUploaded(const ProviderDouble& server, double totalS, double typingS)
    {
        double uploaded = 0;
        for (const test::RecordedRequest& request : server.requests(u"/audio/transcriptions"_s)) {
            QVERIFY2(!request.identifiedClips.isEmpty(), "an upload held no speech");
            uploaded += request.audioS;
        }
        QVERIFY2(uploaded < totalS - typingS + 0.2,
                 qPrintable(u"uploaded %1 s of %2 s with %3 s of typing"_s.arg(uploaded).arg(totalS).arg(typingS)));
    }

    static QList<QJsonObject> items(const QJsonArray& heldBack, const QString& kind)
    {
        QList<QJsonObject> out;
        for (const QJsonValue& value : heldBack) {
            if (value[u"kind"_s].toString() == kind)
                out << value.toObject();
        }
        return out;
    }

private slots:
    void transcribeSaysWhatWasNotUploaded_data()
    {
        QTest::addColumn<bool>("digitalSilence");
        QTest::newRow("room noise between") << false;
        QTest::newRow("digital silence between") << true;
    }

    void transcribeSaysWhatWasNotUploaded()
    {
        QFETCH(bool, digitalSilence);
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        QVERIFY(!typing(1).isEmpty());
        const test::UtterRun set = utter({u"config"_s, u"set"_s, u"audio/targetChunkSeconds"_s, u"2"_s}, rig.env);
        QVERIFY2(set.exitCode == 0, set.err.constData());
        double typingStart = 0;
        double typingEnd = 0;
        const QList<qint16> pcm = speechAroundTyping(*clips, &typingStart, &typingEnd, digitalSilence);
        const QString wav = rig.home.path() + u"/typing.wav"_s;
        QFile file(wav);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(test::writeWav(pcm, 16000));
        file.close();

        const test::UtterRun run = utter({u"transcribe"_s, wav, u"--json"_s}, rig.env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject result = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(result.value(u"text"_s).toString(), clips->referenceText({0, 1}));
        verifyOnlySpeechUploaded(rig.server, double(pcm.size()) / 16000.0, typingEnd - typingStart);
        // The JSON lists each stretch not uploaded, inside the typing; stderr says it in words.
        const QList<QJsonObject> notUploaded = items(result.value(u"heldBack"_s).toArray(), u"not-uploaded"_s);
        QVERIFY2(!notUploaded.isEmpty(), run.out.constData());
        for (const QJsonObject& item : notUploaded) {
            QCOMPARE(item.value(u"reason"_s).toString(), u"no-voice"_s);
            QCOMPARE(item.value(u"description"_s).toString(), u"no voice"_s);
            QVERIFY2(item.value(u"start"_s).toDouble() >= typingStart - 0.5 &&
                         item.value(u"end"_s).toDouble() <= typingEnd + 0.5,
                     run.out.constData());
        }
        QVERIFY2(run.errText().contains(u"Not uploaded: "_s) && run.errText().contains(u"without a voice"_s),
                 run.err.constData());
        // Plain output: stdout is the transcript alone.
        const test::UtterRun plain = utter({u"transcribe"_s, wav}, rig.env);
        QCOMPARE(plain.exitCode, 0);
        QCOMPARE(plain.outText().trimmed(), clips->referenceText({0, 1}));
        QVERIFY(plain.errText().contains(u"Not uploaded: "_s));
    }

    void dictationHoldsBackAndHistorySaysSo()
    {
        const QString fifo = test::virtualMicrophoneFifo();
        if (fifo.isEmpty())
            return;
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        const test::UtterRun set = utter({u"config"_s, u"set"_s, u"audio/targetChunkSeconds"_s, u"2"_s}, rig.env);
        QVERIFY2(set.exitCode == 0, set.err.constData());
        // The first sentence comes back with a borderline score (kept) and Whisper's phantom "Thank you." with
        // no_speech_prob 0.9 (not typed).
        test::TranscriptScript script;
        script.clipNoSpeechProb = 0.55;
        script.clipAvgLogprob = -0.9;
        script.extra = {{u"Thank you."_s, 0.9, -1.2, 0.6}};
        rig.server.addScript(script);
        test::ServeProcess serve(rig.home, rig.env);
        QVERIFY2(serve.start(), serve.stderrText().constData());

        auto dictate = [&](const QList<qint16>& pcm) {
            test::UtterRun run = utter({u"begin"_s}, rig.env);
            QVERIFY2(run.exitCode == 0, run.err.constData());
            test::RealTimeFeeder feeder(fifo, std::vector<std::int16_t>(pcm.begin(), pcm.end()));
            QVERIFY(QTest::qWaitFor([&] { return feeder.done(); }, 60000));
            QVERIFY(!feeder.failed());
            QTest::qWait(300); // PulseAudio's buffering
            run = utter({u"end"_s}, rig.env);
            QVERIFY2(run.exitCode == 0, run.err.constData());
        };
        auto history = [&] { return QJsonDocument::fromJson(utter({u"history"_s, u"--json"_s}, rig.env).out).array(); };

        double typingStart = 0;
        double typingEnd = 0;
        const QList<qint16> pcm = speechAroundTyping(*clips, &typingStart, &typingEnd);
        dictate(pcm);
        QVERIFY2(QTest::qWaitFor([&] { return history().size() == 1; }, 30000), serve.stderrText().constData());
        const QJsonObject entry = history().first().toObject();
        QCOMPARE(entry.value(u"rawText"_s).toString(), clips->referenceText({0, 1})); // borderline kept, phantom not
        QCOMPARE(rig.server.pendingScripts(), 0);
        verifyOnlySpeechUploaded(rig.server, double(pcm.size()) / 16000.0, typingEnd - typingStart);
        const QJsonArray heldBack = entry.value(u"heldBack"_s).toArray();
        const QList<QJsonObject> notUploaded = items(heldBack, u"not-uploaded"_s);
        QVERIFY2(!notUploaded.isEmpty(), QJsonDocument(entry).toJson().constData());
        for (const QJsonObject& item : notUploaded) {
            QCOMPARE(item.value(u"reason"_s).toString(), u"no-voice"_s);
            // Live audio starts at the press, a little before the first sample fed: generous edges.
            QVERIFY2(item.value(u"start"_s).toDouble() >= typingStart - 1.5 &&
                         item.value(u"end"_s).toDouble() <= typingEnd + 1.5,
                     QJsonDocument(entry).toJson().constData());
        }
        const QList<QJsonObject> notTyped = items(heldBack, u"not-typed"_s);
        QCOMPARE(notTyped.size(), 1);
        QCOMPARE(notTyped[0].value(u"text"_s).toString(), u"Thank you."_s);
        QCOMPARE(notTyped[0].value(u"reason"_s).toString(), u"whisper-no-speech"_s);
        QCOMPARE(notTyped[0].value(u"description"_s).toString(), u"Whisper: no speech (p=0.90)"_s);
        // The human listing says it under the entry.
        const QString listing = utter({u"history"_s}, rig.env).outText();
        QVERIFY2(listing.contains(u"Not uploaded: "_s) && listing.contains(u"Not typed: “Thank you.”"_s),
                 qPrintable(listing));

        // Typing alone: nothing is uploaded, and history still gets the dictation, saying so.
        const qsizetype uploads = rig.server.requests(u"/audio/transcriptions"_s).size();
        dictate(silence(300) + typing(4.0) + silence(600));
        QVERIFY2(QTest::qWaitFor([&] { return history().size() == 2; }, 30000), serve.stderrText().constData());
        const QJsonObject nothing = history().first().toObject();
        QCOMPARE(nothing.value(u"rawText"_s).toString(), QString());
        QVERIFY(!items(nothing.value(u"heldBack"_s).toArray(), u"not-uploaded"_s).isEmpty());
        const test::UtterRun last = utter({u"last"_s}, rig.env);
        QCOMPARE(last.exitCode, 0);
        QVERIFY2(last.errText().contains(u"utter last: Not uploaded: "_s), last.err.constData());
        // Its audio is kept (nothing lost): the archive folder holds the held-back sounds, and no chunk.
        const QStringList kept = heldBackFiles(nothing.value(u"audioPath"_s).toString());
        QVERIFY2(!kept.isEmpty(), QJsonDocument(nothing).toJson().constData());
        QCOMPARE(rig.server.requests(u"/audio/transcriptions"_s).size(), uploads);
    }

    // Issue 17, kill -9 at any moment loses nothing: the service is killed while the user still holds the key,
    // after the voice gate held a keyboard burst back (its audio is durable in the journal, the session is not sealed
    // yet, so no note of it was written). After the restart the recovered dictation's history entry still says what
    // was not uploaded and why, where the held-back audio lies, and keeps that audio with the speech around it.
    void sigkillAfterAHeldBackSoundLosesNoNote()
    {
        const QString fifo = test::virtualMicrophoneFifo();
        if (fifo.isEmpty())
            return;
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        const test::UtterRun set = utter({u"config"_s, u"set"_s, u"audio/targetChunkSeconds"_s, u"2"_s}, rig.env);
        QVERIFY2(set.exitCode == 0, set.err.constData());
        auto history = [&] { return QJsonDocument::fromJson(utter({u"history"_s, u"--json"_s}, rig.env).out).array(); };
        static const QRegularExpression heldBackName(u"heldback-at-(\\d+)\\.opus$"_s);

        double typingStart = 0;
        double typingEnd = 0;
        QList<qint16> pcm = speechAroundTyping(*clips, &typingStart, &typingEnd);
        // The key is still held after the last sentence, the room quiet; the kill comes 1.3 s after the last word
        // (the last chunk is journaled as it grows: docs/storage.md, "Resume").
        const std::size_t killAt = std::size_t(pcm.size()) + 1300 * 16;
        pcm += silence(8000);
        const QDir journal(rig.home.dataDir() + u"/journal"_s);
        QString sessionDir;
        auto heldBackInJournal = [&] {
            const QStringList sessions = journal.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
            if (sessions.size() != 1)
                return false;
            sessionDir = journal.filePath(sessions.first());
            return !QDir(sessionDir).entryList({u"chunk-*.heldback-at-*.opus"_s}, QDir::Files).isEmpty();
        };
        {
            test::ServeProcess serve(rig.home, rig.env);
            QVERIFY2(serve.start(), serve.stderrText().constData());
            QCOMPARE(utter({u"begin"_s}, rig.env).exitCode, 0);
            test::RealTimeFeeder feeder(fifo, std::vector<std::int16_t>(pcm.begin(), pcm.end()));
            QVERIFY2(QTest::qWaitFor(
                         [&] { return (feeder.written() >= killAt && heldBackInJournal()) || feeder.done(); }, 60000),
                     serve.stderrText().constData());
            QVERIFY(!feeder.failed());
            QVERIFY2(!feeder.done(), serve.stderrText().constData());
            serve.signal(SIGKILL);
            QVERIFY(serve.waitForExit(5000));
        }
        // Killed while recording: the session was not sealed, so its record holds no note of what was held back.
        QFile meta(sessionDir + u"/session.json"_s);
        QVERIFY(meta.open(QIODevice::ReadOnly));
        const QJsonObject record = QJsonDocument::fromJson(meta.readAll()).object();
        QVERIFY2(!record.value(u"sealed"_s).toBool() && !record.contains(u"heldBack"_s),
                 QJsonDocument(record).toJson().constData());
        meta.close();

        test::ServeProcess again(rig.home, rig.env);
        QVERIFY2(again.start(), again.stderrText().constData());
        QVERIFY2(QTest::qWaitFor([&] { return history().size() == 1; }, 30000), again.stderrText().constData());
        const QJsonObject entry = history().first().toObject();
        const QByteArray shown = QJsonDocument(entry).toJson();
        // The speech around the typing is intact, and the typing was never uploaded.
        QCOMPARE(entry.value(u"rawText"_s).toString(), clips->referenceText({0, 1}));
        verifyOnlySpeechUploaded(rig.server, double(killAt) / 16000.0, typingEnd - typingStart);
        // The entry says what was not uploaded and why, inside the typing.
        const QList<QJsonObject> notes = items(entry.value(u"heldBack"_s).toArray(), u"not-uploaded"_s);
        QVERIFY2(!notes.isEmpty(), shown.constData());
        for (const QJsonObject& item : notes) {
            QCOMPARE(item.value(u"reason"_s).toString(), u"no-voice"_s);
            QCOMPARE(item.value(u"description"_s).toString(), u"no voice"_s);
            QVERIFY2(item.value(u"start"_s).toDouble() >= typingStart - 1.5 &&
                         item.value(u"end"_s).toDouble() <= typingEnd + 1.5 &&
                         item.value(u"end"_s).toDouble() > item.value(u"start"_s).toDouble(),
                     shown.constData());
        }
        // The held-back audio went to the archive with the chunks, one file per note, each where its note says.
        const QStringList kept = heldBackFiles(entry.value(u"audioPath"_s).toString());
        QCOMPARE(kept.size(), notes.size());
        for (qsizetype i = 0; i < kept.size(); ++i) {
            const QRegularExpressionMatch name = heldBackName.match(kept[i]);
            QVERIFY2(name.hasMatch(), qPrintable(kept[i]));
            QFile audio(kept[i]);
            QVERIFY(audio.open(QIODevice::ReadOnly));
            const Result<std::vector<std::int16_t>> decoded = decodeOggOpus(audio.readAll());
            QVERIFY2(decoded.ok(), qPrintable(kept[i]));
            const double startS = name.captured(1).toDouble() / 1000.0;
            const double keptS = double(decoded->size()) / 16000.0;
            const double notedStart = notes[i].value(u"start"_s).toDouble();
            const double notedS = notes[i].value(u"end"_s).toDouble() - notedStart;
            QVERIFY2(std::abs(notedStart - startS) < 0.002 && keptS > 0.1 && std::abs(keptS - notedS) < 0.02,
                     qPrintable(u"%1: starts at %2 s, %3 s kept; noted at %4 s, %5 s"_s.arg(kept[i])
                                    .arg(startS)
                                    .arg(keptS)
                                    .arg(notedStart)
                                    .arg(notedS)));
        }
        // The human listing says it too, and the journal let go of the session.
        const QString listing = utter({u"history"_s}, rig.env).outText();
        QVERIFY2(listing.contains(u"Not uploaded: "_s), qPrintable(listing));
        QTRY_VERIFY_WITH_TIMEOUT(journal.entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty(), 10000);
    }

    // Issue: nothing lost. A dictation of mechanical keys alone (the gate holds all of it back) still goes to history
    // with its audio, which survives in the archive and can be transcribed again on request (the History window's
    // "Transcribe again" sends held-back stretches with the voice gate off, through the service's transcribe.file).
    void heldBackSoundsKeepTheirAudio()
    {
        const QString fifo = test::virtualMicrophoneFifo();
        if (fifo.isEmpty())
            return;
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        test::ServeProcess serve(rig.home, rig.env);
        QVERIFY2(serve.start(), serve.stderrText().constData());
        auto history = [&] { return QJsonDocument::fromJson(utter({u"history"_s, u"--json"_s}, rig.env).out).array(); };

        std::vector<std::int16_t> keys;
        for (const test::SpeechCorpus::NonSpeech& file : test::SpeechCorpus::nonSpeechSuite(15 * 16000, 1, false)) {
            if (file.name == u"keys-mechanical-floor"_s)
                keys = file.pcm;
        }
        QVERIFY(!keys.empty());
        test::UtterRun run = utter({u"begin"_s}, rig.env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        test::RealTimeFeeder feeder(fifo, keys);
        QVERIFY(QTest::qWaitFor([&] { return feeder.done(); }, 60000));
        QVERIFY(!feeder.failed());
        QTest::qWait(300); // PulseAudio's buffering
        run = utter({u"end"_s}, rig.env);
        QVERIFY2(run.exitCode == 0, run.err.constData());

        QVERIFY2(QTest::qWaitFor([&] { return history().size() == 1; }, 30000), serve.stderrText().constData());
        const QJsonObject entry = history().first().toObject();
        QCOMPARE(rig.server.requests(u"/audio/transcriptions"_s).size(), 0); // nothing was uploaded
        QCOMPARE(entry.value(u"rawText"_s).toString(), QString());
        QVERIFY2(!items(entry.value(u"heldBack"_s).toArray(), u"not-uploaded"_s).isEmpty(),
                 QJsonDocument(entry).toJson().constData());
        const QString folder = entry.value(u"audioPath"_s).toString();
        const QStringList kept = heldBackFiles(folder);
        QVERIFY2(!kept.isEmpty(), QJsonDocument(entry).toJson().constData());
        // Every sound of the folder is a held-back one, and together they hold exactly the stretches history names
        // (each decoded stream within a few Opus frames of its note's length).
        QCOMPARE(QDir(folder).entryList(QDir::Files).size(), kept.size());
        const QList<QJsonObject> notes = items(entry.value(u"heldBack"_s).toArray(), u"not-uploaded"_s);
        QCOMPARE(notes.size(), kept.size());
        for (qsizetype i = 0; i < kept.size(); ++i) {
            QFile audio(kept[i]);
            QVERIFY(audio.open(QIODevice::ReadOnly));
            const Result<std::vector<std::int16_t>> pcm = decodeOggOpus(audio.readAll());
            QVERIFY2(pcm.ok(), qPrintable(kept[i]));
            const double keptS = double(pcm->size()) / 16000.0;
            const double notedS = notes[i].value(u"end"_s).toDouble() - notes[i].value(u"start"_s).toDouble();
            QVERIFY2(keptS > 0.1 && std::abs(keptS - notedS) < 0.1,
                     qPrintable(u"%1: %2 s kept, %3 s noted"_s.arg(kept[i]).arg(keptS).arg(notedS)));
        }
        // The journal let go of the session once it was archived.
        QTRY_VERIFY_WITH_TIMEOUT(
            QDir(rig.home.dataDir() + u"/journal"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty(), 10000);

        // Transcribed again: as they were recorded, the gate holds them back once more (nothing uploaded); sent
        // with the gate off, as "Transcribe again" does, they reach the provider.
        IpcClient client(serve.socketPath());
        QVERIFY(client.connectToServer().ok());
        const Result<QJsonValue> gated = client.call(u"transcribe.file"_s, {{u"path"_s, kept.first()}}, 60000);
        QVERIFY(!gated.ok());
        QVERIFY2(gated.error().code == ErrorCode::NoSpeech, qPrintable(gated.error().message));
        QCOMPARE(rig.server.requests(u"/audio/transcriptions"_s).size(), 0);
        for (const QString& file : kept) {
            // From a thread of its own: the provider double answers on this thread's event loop meanwhile.
            auto again = std::async(std::launch::async, [socket = serve.socketPath(), file] {
                IpcClient other(socket);
                if (Status connected = other.connectToServer(); !connected)
                    return Result<QJsonValue>(connected.error());
                return other.call(u"transcribe.file"_s, {{u"path"_s, file}, {u"voiceGate"_s, false}}, 60000);
            });
            QTRY_VERIFY_WITH_TIMEOUT(again.wait_for(std::chrono::seconds(0)) == std::future_status::ready, 70000);
            const Result<QJsonValue> answer = again.get();
            QVERIFY2(answer.ok(), answer.ok() ? "" : qPrintable(answer.error().message));
        }
        QVERIFY(rig.server.requests(u"/audio/transcriptions"_s).size() >= kept.size());
    }
};

} // namespace utter

QTEST_GUILESS_MAIN(utter::TestHeldBack)
#include "testheldback.moc"
