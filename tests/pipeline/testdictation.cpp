// The dictation pipeline as a user meets it, against the provider double: `utter transcribe` on files, and live
// dictations through `utter --headless serve` from the virtual microphone (tests/with-services.sh), including a
// provider outage that outlives a SIGKILL of the service.
#include "doubletestutil.h"
#include "realtimefeeder.h"
#include "servefixture.h"
#include "smalltmpfs.h"
#include "testenv.h"
#include "utterprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

using test::Fault;
using test::ProviderDouble;

namespace
{

const QString groqKey = u"gsk_test_groq_key_0123456789"_s;

std::vector<std::int16_t> toVector(const QList<qint16>& pcm)
{
    return std::vector<std::int16_t>(pcm.begin(), pcm.end());
}

QJsonObject parseObject(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

// Transcription requests Utter made, as its own log counts them: one `utter.http` line per finished attempt.
int loggedTranscriptionAttempts(const test::TestHome& home)
{
    int attempts = 0;
    for (const QFileInfo& file : QDir(home.logDir()).entryInfoList({u"utter.log*"_s}, QDir::Files)) {
        QFile log(file.absoluteFilePath());
        if (!log.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray& line : log.readAll().split('\n')) {
            const QJsonObject entry = QJsonDocument::fromJson(line).object();
            const QString msg = entry.value(u"msg"_s).toString();
            if (entry.value(u"category"_s).toString() == u"utter.http"_s && msg.contains(u"/audio/transcriptions"_s) &&
                (msg.contains(u" status="_s) || msg.contains(u" failed="_s)))
                ++attempts;
        }
    }
    return attempts;
}

} // namespace

// A private Utter home and the provider double that knows the fixture clips, with the environment that points
// `utter` at both.
struct Rig
{
    explicit Rig(const test::FixtureClips& clips)
    {
        ready = server.start() != 0;
        server.setFixtures(clips);
        env = home.environment();
        env.insert(QStringLiteral("UTTER_TRANSCRIBE_URL"), server.baseUrl() + QStringLiteral("/openai/v1"));
        env.insert(QStringLiteral("GROQ_API_KEY"), groqKey);
        // Reachability by probing the double, not NetworkManager.
        env.insert(QStringLiteral("UTTER_NETWORK_PROBE"), QStringLiteral("1"));
    }

    test::TestHome home;
    ProviderDouble server;
    QProcessEnvironment env;
    bool ready = false;
};

class TestDictation final : public QObject
{
    Q_OBJECT

private:
    test::UtterRun utter(const QStringList& args, const QProcessEnvironment& env, int timeoutMs = 60000)
    {
        return test::runUtterServing(args, env, {}, timeoutMs);
    }

    void configure(const QProcessEnvironment& env, const QString& key, const QString& value)
    {
        const test::UtterRun run = utter({u"config"_s, u"set"_s, key, value}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }

    QString writeWav(const test::TestHome& home, const QString& name, const QList<qint16>& pcm)
    {
        const QString path = home.path() + u'/' + name;
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(test::writeWav(pcm, 16000));
        return path;
    }

    // The virtual microphone, or a skip (a failure under with-services.sh) without it: false means return.
    bool requireMicrophone()
    {
        m_fifo = test::virtualMicrophoneFifo();
        return !m_fifo.isEmpty();
    }

    // begin → the utterance through the microphone in real time → end.
    void dictate(const QProcessEnvironment& env, const QList<qint16>& pcm)
    {
        test::UtterRun run = utter({u"begin"_s}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        test::RealTimeFeeder feeder(m_fifo, toVector(pcm));
        QVERIFY(QTest::qWaitFor([&] { return feeder.done(); }, 60000));
        QVERIFY(!feeder.failed());
        QTest::qWait(300); // PulseAudio's buffering
        run = utter({u"end"_s}, env);
        if (run.exitCode != 0) // why the dictation ended early: the service's state and last error
            qWarning().noquote() << "utter status:" << utter({u"status"_s, u"--json"_s}, env).out;
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }

    QJsonObject waitForLast(const QProcessEnvironment& env, const QString& expected, int timeoutMs)
    {
        QJsonObject last;
        (void)QTest::qWaitFor(
            [&] {
                const test::UtterRun run = utter({u"last"_s, u"--json"_s}, env);
                last = parseObject(run.out);
                return last.value(u"rawText"_s).toString() == expected;
            },
            timeoutMs);
        return last;
    }

    QString m_fifo;

private slots:
    void transcribesAFileInOrderAcrossChunks()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        test::TestHome& home = rig.home;
        ProviderDouble& server = rig.server;
        const QProcessEnvironment env = rig.env;
        // Short chunks: every sentence its own upload, several in flight, answers out of order.
        configure(env, u"audio/targetChunkSeconds"_s, u"1"_s);
        server.options().groqLatency = true;
        const QList<int> order{0, 1, 2, 3, 4};
        const QString wav = writeWav(home, u"speech.wav"_s, clips->utterance(order, 900));

        const test::UtterRun run = utter({u"transcribe"_s, wav, u"--json"_s}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject result = parseObject(run.out);
        QCOMPARE(result.value(u"text"_s).toString(), clips->referenceText(order));
        QVERIFY2(result.value(u"chunks"_s).toInt() >= 3, run.out.constData());
        QCOMPARE(server.requests(u"/audio/transcriptions"_s).size(), result.value(u"chunks"_s).toInt());
        // Segments carry times from the start of the file, in order, within it.
        const QJsonArray segments = result.value(u"segments"_s).toArray();
        QVERIFY(segments.size() >= order.size());
        double previousStart = -1;
        for (const QJsonValue& segment : segments) {
            const double start = segment[u"start"_s].toDouble();
            QVERIFY2(start >= previousStart &&
                         segment[u"end"_s].toDouble() <= result.value(u"durationSeconds"_s).toDouble() + 0.5,
                     QJsonDocument(segments).toJson().constData());
            previousStart = start;
        }
        QVERIFY(segments.last()[u"start"_s].toDouble() > 5.0); // offsets applied: the last sentence is late in the file
        for (const test::RecordedRequest& request : server.requests(u"/audio/transcriptions"_s)) {
            QVERIFY(request.fileName.endsWith(u".ogg"_s));
            QCOMPARE(request.fields.value(u"response_format"_s), u"verbose_json"_s);
        }
        // Plain output is the text alone.
        const test::UtterRun plain = utter({u"transcribe"_s, wav}, env);
        QCOMPARE(plain.exitCode, 0);
        QCOMPARE(plain.outText().trimmed(), clips->referenceText(order));
    }

    void fileFailuresHaveTheirExitCodes()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        test::TestHome& home = rig.home;
        ProviderDouble& server = rig.server;
        QProcessEnvironment env = rig.env;

        // Silence: nothing is uploaded and the answer is "nothing to do".
        const QString silence = writeWav(home, u"silence.wav"_s, QList<qint16>(16000 * 3, 0));
        test::UtterRun run = utter({u"transcribe"_s, silence}, env);
        QCOMPARE(run.exitCode, 5);
        QVERIFY(run.errText().contains(u"No speech"_s));
        QCOMPARE(server.requests(u"/audio/transcriptions"_s).size(), 0);

        // A wrong key is a provider error (exit 4) with a sentence about the key, which never shows the key.
        const QString wav = writeWav(home, u"speech.wav"_s, clips->utterance({0}));
        env.insert(u"GROQ_API_KEY"_s, u"gsk_wrong_key_abcdefghijklmnop"_s);
        run = utter({u"transcribe"_s, wav}, env);
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.errText().contains(u"key"_s, Qt::CaseInsensitive), run.err.constData());
        QVERIFY(!run.errText().contains(u"gsk_wrong_key"_s));

        run = utter({u"transcribe"_s, home.path() + u"/missing.wav"_s}, env);
        QCOMPARE(run.exitCode, 1);
    }

    void transcribeRidesOutProviderFaults_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("429 storm with Retry-After") << u"429"_s;
        QTest::newRow("outage longer than a request's retries") << u"outage"_s;
        QTest::newRow("stalled request") << u"stall"_s;
        QTest::newRow("server closes without answering") << u"close"_s;
    }

    // `utter transcribe` waits out what time can fix and ends with the whole text; every request the provider
    // sees is one of Utter's counted attempts (no chunk is billed twice behind its back).
    void transcribeRidesOutProviderFaults()
    {
        QFETCH(QString, kind);
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        ProviderDouble& server = rig.server;
        const QProcessEnvironment env = rig.env;
        configure(env, u"audio/targetChunkSeconds"_s, u"1"_s); // a chunk per sentence
        configure(env, u"transcribe/stallSeconds"_s, u"2"_s);
        const QList<int> order{0, 1, 2};
        const QString wav = writeWav(rig.home, u"speech.wav"_s, clips->utterance(order, 900));

        Fault fault;
        fault.path = u"/audio/transcriptions"_s;
        if (kind == u"429"_s) {
            fault.status = 429;
            fault.body = R"({"error":{"message":"Rate limit reached","type":"seconds","code":"rate_limit_exceeded"}})";
            fault.headers = {{"retry-after", "1"}};
            fault.times = 5; // more than one upload's three attempts
        } else if (kind == u"outage"_s) {
            fault.status = 503;
            fault.body = R"({"error":{"message":"Service Unavailable","type":"internal_server_error"}})";
            fault.times = 7; // three attempts of a chunk, the chunk waits, three more, ...
        } else if (kind == u"stall"_s) {
            fault.stall = true;
            fault.times = 1;
        } else {
            fault.closeWithoutAnswer = true;
            fault.times = 2;
        }
        const int faults = fault.times;
        const int attemptsBefore = loggedTranscriptionAttempts(rig.home);
        server.addFault(fault);
        const test::UtterRun run = utter({u"transcribe"_s, wav, u"--json"_s}, env, 120000);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject result = parseObject(run.out);
        QCOMPARE(result.value(u"text"_s).toString(), clips->referenceText(order));
        QCOMPARE(result.value(u"complete"_s).toBool(), true);
        QCOMPARE(server.pendingFaults(), 0);
        // Each fault cost exactly one request, and each chunk was answered exactly once.
        const qsizetype requests = server.requests(u"/audio/transcriptions"_s).size();
        QCOMPARE(requests, result.value(u"chunks"_s).toInt() + faults);
        // Every request the provider saw is an attempt Utter made and logged (Qt re-sent none on its own).
        QCOMPARE(loggedTranscriptionAttempts(rig.home) - attemptsBefore, int(requests));
        QVERIFY2(!run.errText().contains(u"QIODevice"_s) && !run.errText().contains(u"QNetworkReply"_s),
                 run.err.constData());
    }

    // An outage longer than --patience: what was transcribed is printed, the gaps are said with their times, the
    // exit code says "incomplete", and the same command later sends only the missing chunks.
    void transcribeGivesUpWithWhatItHasAndResumes()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        ProviderDouble& server = rig.server;
        const QProcessEnvironment env = rig.env;
        configure(env, u"audio/targetChunkSeconds"_s, u"1"_s);
        configure(env, u"transcribe/maxInFlight"_s, u"1"_s); // in order: the first chunk passes, then the outage
        const QList<int> order{3, 4, 5, 6};
        const QString wav = writeWav(rig.home, u"talk.wav"_s, clips->utterance(order, 900));

        Fault pass; // the first upload is answered normally
        pass.path = u"/audio/transcriptions"_s;
        server.addFault(pass);
        Fault down;
        down.path = u"/audio/transcriptions"_s;
        down.status = 503;
        down.body = R"({"error":{"message":"Service Unavailable"}})";
        down.times = 1000;
        server.addFault(down);
        test::UtterRun run = utter({u"transcribe"_s, wav, u"--patience"_s, u"2s"_s}, env, 120000);
        QCOMPARE(run.exitCode, 6);
        QCOMPARE(run.outText().trimmed(), clips->at(3).text); // the chunk it has
        QVERIFY2(run.errText().contains(u"not transcribed: "_s) && run.errText().contains(u"to the end"_s),
                 run.err.constData());
        QVERIFY2(run.errText().contains(u"run the same command again"_s), run.err.constData());
        const qsizetype firstRun = server.requests(u"/audio/transcriptions"_s).size();

        server.clearFaults();
        server.clearRequests();
        run = utter({u"transcribe"_s, wav, u"--json"_s}, env, 120000);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject result = parseObject(run.out);
        QCOMPARE(result.value(u"text"_s).toString(), clips->referenceText(order));
        QCOMPARE(result.value(u"reusedChunks"_s).toInt(), 1);
        // Only the missing chunks were sent.
        QCOMPARE(server.requests(u"/audio/transcriptions"_s).size(), result.value(u"chunks"_s).toInt() - 1);
        QVERIFY(firstRun >= 2);
        // Complete: nothing is kept for a rerun any more.
        QVERIFY(QDir(rig.home.dataDir() + u"/transcriptions"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
    }

    // Killed half-way through a file, the next run sends (and bills) only the chunks whose text was not kept.
    void transcribeKilledMidwayResumesWithoutPayingTwice()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        ProviderDouble& server = rig.server;
        const QProcessEnvironment env = rig.env;
        configure(env, u"audio/targetChunkSeconds"_s, u"1"_s);
        configure(env, u"transcribe/maxInFlight"_s, u"1"_s);
        server.options().groqLatency = true;
        server.options().roundTripMs = 400; // slow enough to kill it between chunks
        const QList<int> order{0, 1, 2, 3, 4, 5};
        const QString wav = writeWav(rig.home, u"long.wav"_s, clips->utterance(order, 900));
        const QString kept = rig.home.dataDir() + u"/transcriptions"_s;
        auto keptChunks = [&kept] {
            int n = 0;
            for (const QString& folder : QDir(kept).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
                n += int(QDir(kept + u'/' + folder).entryList({u"chunk-*.json"_s}, QDir::Files).size());
            return n;
        };

        QProcess first;
        first.setProcessEnvironment(env);
        first.start(test::utterBinary(), {u"transcribe"_s, wav});
        QVERIFY(first.waitForStarted());
        QVERIFY(QTest::qWaitFor([&] { return keptChunks() >= 2; }, 60000));
        first.kill(); // SIGKILL: no chance to tidy up
        QVERIFY(first.waitForFinished());
        const int stored = keptChunks();
        const qsizetype firstRequests = server.requests(u"/audio/transcriptions"_s).size();
        QVERIFY(stored >= 2);

        server.clearRequests();
        const test::UtterRun run = utter({u"transcribe"_s, wav, u"--json"_s}, env, 120000);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject result = parseObject(run.out);
        QCOMPARE(result.value(u"text"_s).toString(), clips->referenceText(order));
        const int chunks = result.value(u"chunks"_s).toInt();
        QCOMPARE(result.value(u"reusedChunks"_s).toInt(), stored);
        QCOMPARE(server.requests(u"/audio/transcriptions"_s).size(), chunks - stored);
        // At most the one chunk in flight at the kill was sent twice.
        QVERIFY2(firstRequests - stored <= 1, qPrintable(u"%1 requests, %2 kept"_s.arg(firstRequests).arg(stored)));
    }

    void liveDictationReachesHistoryInSpokenOrder()
    {
        if (!requireMicrophone())
            return;
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        test::TestHome& home = rig.home;
        ProviderDouble& server = rig.server;
        server.options().groqLatency = true;
        const QProcessEnvironment env = rig.env;
        configure(env, u"audio/targetChunkSeconds"_s, u"2"_s);
        configure(env, u"output/replacements"_s, u"kitchen=>KITCHEN"_s);
        test::ServeProcess serve(home, env);
        QVERIFY2(serve.start(), serve.stderrText().constData());

        const QList<int> order{1, 3, 0};
        dictate(env, clips->utterance(order, 900, 300));
        QString expected = clips->referenceText(order);
        expected.replace(u"kitchen"_s, u"KITCHEN"_s, Qt::CaseInsensitive);
        const QJsonObject last = waitForLast(env, expected, 30000);
        QVERIFY2(last.value(u"rawText"_s).toString() == expected,
                 qPrintable(u"got \"%1\", expected \"%2\"\n%3"_s.arg(last.value(u"rawText"_s).toString(), expected,
                                                                     QString::fromUtf8(serve.stderrText()))));
        QVERIFY(server.requests(u"/audio/transcriptions"_s).size() >= 2); // uploaded in chunks while speaking
        // Billing is recorded per dictation: at least the speech that was uploaded.
        QVERIFY(last.value(u"spokenSeconds"_s).toDouble() > 1.0);
        QVERIFY(last.value(u"billedSeconds"_s).toDouble() >= last.value(u"spokenSeconds"_s).toDouble() - 0.01);
        QVERIFY(QDir(last.value(u"audioPath"_s).toString()).exists()); // the audio archive
        // The journal is empty again, and the service is idle.
        const QJsonObject status = parseObject(utter({u"status"_s, u"--json"_s}, env).out);
        QCOMPARE(status.value(u"state"_s).toString(), u"idle"_s);
        QCOMPARE(status.value(u"pendingJobs"_s).toInt(), 0);
    }

    // Microphone privacy (issue 18, defect 11): by default no recording stream exists while idle; `config set
    // audio/keepOpen true` opens the microphone in the running service at once (for the pre-roll), false closes it.
    void idleMicrophoneFollowsTheSetting()
    {
        if (!requireMicrophone())
            return;
        test::TestHome home;
        const QProcessEnvironment env = home.environment();
        test::ServeProcess serve(home, env);
        QVERIFY2(serve.start(), serve.stderrText().constData());
        const auto microphone = [&] {
            return parseObject(utter({u"status"_s, u"--json"_s}, env).out).value(u"microphone"_s).toString();
        };
        QCOMPARE(microphone(), QString());
        configure(env, u"audio/keepOpen"_s, u"true"_s);
        QVERIFY2(QTest::qWaitFor([&] { return microphone() == u"virtmic"_s; }, 10000), serve.stderrText().constData());
        configure(env, u"audio/keepOpen"_s, u"false"_s);
        QVERIFY2(QTest::qWaitFor([&] { return microphone().isEmpty(); }, 10000), serve.stderrText().constData());
    }

    void providerFaultsEndWithTheFullTextOnce_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("429 storm with Retry-After") << u"429"_s;
        QTest::newRow("5xx") << u"5xx"_s;
        QTest::newRow("stalled request") << u"stall"_s;
        QTest::newRow("connection reset mid-answer") << u"reset"_s;
    }

    void providerFaultsEndWithTheFullTextOnce()
    {
        if (!requireMicrophone())
            return;
        QFETCH(QString, kind);
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        test::TestHome& home = rig.home;
        ProviderDouble& server = rig.server;
        const QProcessEnvironment env = rig.env;
        configure(env, u"audio/targetChunkSeconds"_s, u"1"_s); // a chunk per sentence: several requests in flight
        configure(env, u"transcribe/timeoutSeconds"_s, u"5"_s);

        Fault fault;
        fault.path = u"/audio/transcriptions"_s;
        if (kind == u"429"_s) {
            fault.status = 429;
            fault.body =
                R"({"error":{"message":"Rate limit reached for model `whisper-large-v3-turbo` on audio seconds per hour (ASPH). Please try again in 1s.","type":"seconds","code":"rate_limit_exceeded"}})";
            fault.headers = {{"retry-after", "1"}, {"x-ratelimit-remaining-requests", "0"}};
            fault.times = 5; // more than one request's attempts: some chunk waits in the journal
        } else if (kind == u"5xx"_s) {
            fault.status = 500;
            fault.body = R"({"error":{"message":"Internal Server Error","type":"internal_server_error"}})";
            fault.times = 4;
        } else if (kind == u"stall"_s) {
            fault.stall = true;
            fault.times = 1;
        } else {
            fault.resetMidBody = true;
            fault.times = 3;
        }
        server.addFault(fault);
        test::ServeProcess serve(home, env);
        QVERIFY2(serve.start(), serve.stderrText().constData());

        const QList<int> order{0, 2, 4};
        dictate(env, clips->utterance(order, 900, 300));
        const QString expected = clips->referenceText(order);
        const QJsonObject last = waitForLast(env, expected, 60000);
        QVERIFY2(last.value(u"rawText"_s).toString() == expected,
                 qPrintable(u"got \"%1\"\n%2"_s.arg(last.value(u"rawText"_s).toString(),
                                                    QString::fromUtf8(serve.stderrText().right(3000)))));
        QCOMPARE(server.pendingFaults(), 0); // every scripted fault was met
        // Delivered once: one history entry, nothing left in the journal.
        const QJsonArray entries = QJsonDocument::fromJson(utter({u"history"_s, u"--json"_s}, env).out).array();
        QCOMPARE(entries.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(
            parseObject(utter({u"status"_s, u"--json"_s}, env).out).value(u"pendingJobs"_s).toInt(), 0, 10000);
    }

    void fullDiskKeepsTheDictationAndRecovers()
    {
        if (!requireMicrophone())
            return;
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        test::TestHome& home = rig.home;
        const QProcessEnvironment env = rig.env;
        // The data folder (journal, history, audio archive) on a 3 MB file system that is about to be full.
        test::SmallTmpfs disk(home.dataDir(), "3m");
        if (!disk.mounted()) {
            const QString why = u"cannot mount a tmpfs to fill (%1); mounting needs root"_s.arg(disk.error());
            if (qEnvironmentVariable("UTTER_TEST_SERVICES") == u"1"_s && ::geteuid() == 0)
                QFAIL(qPrintable(why));
            QSKIP(qPrintable(why));
        }
        test::ServeProcess serve(home, env);
        QVERIFY2(serve.start(), serve.stderrText().constData());
        QVERIFY(QTest::qWaitFor([&] { return QFile::exists(home.dataDir() + u"/history.sqlite"_s); }, 5000));

        // Fill the disk to the last byte.
        const QString fillerPath = home.dataDir() + u"/filler"_s;
        {
            QFile filler(fillerPath);
            QVERIFY(filler.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
            const QByteArray block(4096, 'x');
            while (filler.write(block) == block.size()) {
            }
        }

        const QList<int> order{3, 2};
        dictate(env, clips->utterance(order, 700, 300));
        // The words are not lost: the service says what happened and keeps them while the disk is full.
        QJsonObject status;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         status = parseObject(utter({u"status"_s, u"--json"_s}, env).out);
                         return status.value(u"state"_s).toString() == u"idle"_s && status.contains(u"lastError"_s);
                     },
                     30000),
                 QJsonDocument(status).toJson().constData());
        QCOMPARE(status.value(u"lastError"_s).toObject().value(u"code"_s).toString(), u"io"_s);
        // `utter last` does not pass the dictation before off as the newest one.
        const test::UtterRun lastRun = utter({u"last"_s}, env);
        QVERIFY2(lastRun.exitCode == 5 && lastRun.errText().contains(u"not in history yet"_s), lastRun.err.constData());

        // Space again: history gets the dictation without anyone asking, and the next dictation works.
        QVERIFY(QFile::remove(fillerPath));
        const QString expected = clips->referenceText(order);
        QJsonObject last = waitForLast(env, expected, 30000);
        QVERIFY2(last.value(u"rawText"_s).toString() == expected, serve.stderrText().right(2000).constData());
        // History never points at audio that is not there; the audio is archived once space is back.
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         last = parseObject(utter({u"last"_s, u"--json"_s}, env).out);
                         const QString audio = last.value(u"audioPath"_s).toString();
                         return !audio.isEmpty() && !QDir(audio).entryList({u"chunk-*.opus"_s}).isEmpty();
                     },
                     30000),
                 QJsonDocument(last).toJson().constData());
        // Each distinct failure was said once, not every time the disk refused.
        QByteArrayList refusals;
        for (const QByteArray& line : serve.stderrText().split('\n')) {
            if (line.contains("Could not write"))
                refusals << line;
        }
        QVERIFY2(refusals.size() <= 3, refusals.join('\n').constData());
        dictate(env, clips->utterance({1}, 700, 300));
        last = waitForLast(env, clips->referenceText({1}), 30000);
        QCOMPARE(last.value(u"rawText"_s).toString(), clips->referenceText({1}));
        serve.signal(SIGTERM);
        QVERIFY(serve.waitForExit(10000));
    }

    void sigtermDuringADictationJournalsIt()
    {
        if (!requireMicrophone())
            return;
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        test::TestHome& home = rig.home;
        ProviderDouble& server = rig.server;
        const QProcessEnvironment env = rig.env;
        configure(env, u"audio/targetChunkSeconds"_s, u"1"_s);
        // The provider accepts uploads and never answers: chunks are in flight when the service is told to stop.
        Fault stall;
        stall.path = u"/audio/transcriptions"_s;
        stall.stall = true;
        stall.times = 1000;
        server.addFault(stall);

        const QList<int> order{4, 1};
        {
            test::ServeProcess serve(home, env);
            QVERIFY2(serve.start(), serve.stderrText().constData());
            QCOMPARE(utter({u"begin"_s}, env).exitCode, 0);
            const QList<qint16> speech = clips->utterance(order, 900, 300);
            test::RealTimeFeeder feeder(m_fifo, toVector(speech));
            QVERIFY(QTest::qWaitFor([&] { return feeder.done(); }, 60000));
            QTest::qWait(300);
            // Still listening (the key is held) when the supervisor stops the service.
            QCOMPARE(parseObject(utter({u"status"_s, u"--json"_s}, env).out).value(u"state"_s).toString(),
                     u"listening"_s);
            QElapsedTimer stopping;
            stopping.start();
            serve.signal(SIGTERM);
            QVERIFY2(serve.waitForExit(10000), serve.stderrText().right(900).constData());
            QVERIFY(stopping.elapsed() < 10000);
            QCOMPARE(serve.process()->exitCode(), 0);
            QVERIFY(!QFile::exists(serve.socketPath()));
        }
        // What was said is journaled: chunk audio and records on disk.
        QDir journal(home.dataDir() + u"/journal"_s);
        const QStringList sessions = journal.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(sessions.size(), 1);
        QVERIFY(!QDir(journal.filePath(sessions.first())).entryList({u"chunk-*.opus"_s}).isEmpty());

        server.clearFaults();
        test::ServeProcess again(home, env);
        QVERIFY2(again.start(), again.stderrText().constData());
        const QString expected = clips->referenceText(order);
        const QJsonObject last = waitForLast(env, expected, 30000);
        QVERIFY2(last.value(u"rawText"_s).toString() == expected, again.stderrText().right(2000).constData());
    }

    void sigkillMidSpeechLosesAtMostTheLastSecond()
    {
        // kill -9 while the user is still speaking: what was said up to about a second before is delivered after
        // the restart, in order, including the chunk that was being spoken (journaled as it grew).
        if (!requireMicrophone())
            return;
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        test::TestHome& home = rig.home;
        const QProcessEnvironment env = rig.env;
        // Chunks close at the first pause once they are a little longer than the last sentence: the sentences
        // before it are journaled as closed chunks, and the last one is still open (its chunk is too short to be
        // cut by the pause after it) when the process is killed.
        const QList<int> order{6, 1, 5};
        const int targetS = int(std::ceil(clips->at(5).durationS() + 0.8));
        QVERIFY(clips->at(1).durationS() >= targetS);
        configure(env, u"audio/targetChunkSeconds"_s, QString::number(targetS));

        QList<qint16> speech = clips->utterance(order, 700, 300);
        const qsizetype speechEnd = speech.size() - 300 * 16;
        speech += QList<qint16>(6 * 16000, 0); // the key is still held, the room quiet
        // The kill comes 1 s after the last word, plus the 0.3 s PulseAudio and the pipe take to deliver it.
        const std::size_t killAt = std::size_t(speechEnd + 1300 * 16);
        QElapsedTimer sinceBegin;
        {
            test::ServeProcess serve(home, env);
            QVERIFY2(serve.start(), serve.stderrText().constData());
            QCOMPARE(utter({u"begin"_s}, env).exitCode, 0);
            sinceBegin.start();
            test::RealTimeFeeder feeder(m_fifo, toVector(speech));
            QVERIFY(QTest::qWaitFor([&] { return feeder.written() >= killAt || feeder.done(); }, 60000));
            QVERIFY(!feeder.failed());
            QVERIFY(!feeder.done());
            serve.signal(SIGKILL);
            QVERIFY(serve.waitForExit(5000));
        }
        const qint64 recordedMs = sinceBegin.elapsed();
        // The chunk being spoken was on disk as it grew, beside the closed chunks.
        QDir journal(home.dataDir() + u"/journal"_s);
        const QStringList sessions = journal.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(sessions.size(), 1);
        const QDir session(journal.filePath(sessions.first()));
        QVERIFY2(!session.entryList({u"*.partial"_s}).isEmpty(), qPrintable(session.entryList().join(u' ')));
        QVERIFY(!session.entryList({u"chunk-*.opus"_s}).isEmpty());

        QTest::qWait(2000); // downtime, which the dictation's duration must not count
        test::ServeProcess again(home, env);
        QVERIFY2(again.start(), again.stderrText().constData());
        const QString expected = clips->referenceText(order);
        const QJsonObject last = waitForLast(env, expected, 30000);
        QVERIFY2(last.value(u"rawText"_s).toString() == expected, again.stderrText().right(3000).constData());
        const double duration = last.value(u"duration"_s).toDouble();
        QVERIFY2(duration > double(speechEnd) / 16000.0 - 1.0 && duration * 1000 < double(recordedMs) + 500,
                 qPrintable(u"duration %1 s, recorded for %2 ms"_s.arg(duration).arg(recordedMs)));
        QCOMPARE(parseObject(utter({u"status"_s, u"--json"_s}, env).out).value(u"pendingJobs"_s).toInt(), 0);
    }

    void outageSurvivesAKillAndResumes()
    {
        if (!requireMicrophone())
            return;
        UTTER_REQUIRE_FIXTURES(clips);
        Rig rig(*clips);
        QVERIFY(rig.ready);
        test::TestHome& home = rig.home;
        ProviderDouble& server = rig.server;
        const QProcessEnvironment env = rig.env;
        configure(env, u"transcribe/attempts"_s, u"1"_s);
        // The provider is down: every transcription gets 503, and asks for an hour's patience.
        Fault outage;
        outage.path = u"/audio/transcriptions"_s;
        outage.status = 503;
        outage.body = R"({"error":{"message":"Service Unavailable","type":"internal_server_error"}})";
        outage.headers = {{"retry-after", "3600"}};
        outage.times = 1000;
        server.addFault(outage);

        {
            test::ServeProcess serve(home, env);
            QVERIFY2(serve.start(), serve.stderrText().constData());
            dictate(env, clips->utterance({2, 4}, 700, 300));
            QJsonObject status;
            QVERIFY(QTest::qWaitFor(
                [&] {
                    status = parseObject(utter({u"status"_s, u"--json"_s}, env).out);
                    return status.value(u"state"_s).toString() == u"queued"_s;
                },
                20000));
            QVERIFY(status.value(u"pendingJobs"_s).toInt() >= 1);
            const QJsonObject job = status.value(u"jobs"_s).toArray().first().toObject();
            QCOMPARE(job.value(u"state"_s).toString(), u"failed"_s);
            QVERIFY2(!job.value(u"reason"_s).toString().isEmpty(), QJsonDocument(job).toJson().constData());
            // Killed without any chance to clean up.
            serve.signal(SIGKILL);
            QVERIFY(serve.waitForExit(5000));
        }
        // Nothing was delivered yet: history is empty, the audio waits in the journal, and `utter last` says so.
        const test::UtterRun lastRun = utter({u"last"_s, u"--json"_s}, env);
        QVERIFY(parseObject(lastRun.out).value(u"rawText"_s).toString().isEmpty());
        QCOMPARE(lastRun.exitCode, 5);
        QVERIFY2(lastRun.errText().contains(u"not in history yet"_s) &&
                     lastRun.errText().contains(u"waits for the provider"_s),
                 lastRun.err.constData());
        QVERIFY(!QDir(home.dataDir() + u"/journal"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());

        // The provider is back; a new instance resumes the journaled chunks by itself — at once, not after the
        // hour the journal's retryAt says (the wait below is far shorter).
        server.clearFaults();
        test::ServeProcess again(home, env);
        QVERIFY2(again.start(), again.stderrText().constData());
        const QString expected = clips->referenceText({2, 4});
        const QJsonObject last = waitForLast(env, expected, 30000);
        QVERIFY2(last.value(u"rawText"_s).toString() == expected, again.stderrText().constData());
        QCOMPARE(parseObject(utter({u"status"_s, u"--json"_s}, env).out).value(u"pendingJobs"_s).toInt(), 0);
    }
};

} // namespace utter

QTEST_GUILESS_MAIN(utter::TestDictation)
#include "testdictation.moc"
