// Journal recovery at start-up as a user meets it (issue 13, docs/storage.md "Recovery at start-up"): `utter serve`
// on a journal a crash left, whose scan is held on a record the disk does not give (a FIFO), so "during recovery"
// lasts exactly as long as the test needs. The service answers and records meanwhile; once recovery ends every
// recovered dictation is delivered; a SIGKILL during recovery loses nothing.
#include "crashedjournal.h"
#include "doubletestutil.h"
#include "realtimefeeder.h"
#include "servefixture.h"
#include "testenv.h"
#include "utterprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <csignal>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

using test::ProviderDouble;

namespace
{

const QString groqKey = u"gsk_test_groq_key_0123456789"_s;

QJsonObject parseObject(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

std::vector<std::int16_t> toVector(const QList<qint16>& pcm)
{
    return std::vector<std::int16_t>(pcm.begin(), pcm.end());
}

// A session the crashed run left: sealed or not, one chunk, done with its text or pending with its audio.
bool writeSession(const QString& journal, const SessionMeta& meta, const QByteArray& audio, const QString& doneText)
{
    const QString folder = journallayout::sessionDir(journal, meta.id);
    ChunkJob job;
    job.sessionId = meta.id;
    job.durationMs = 2000;
    job.offsetMs = 0;
    job.updatedAt = meta.startedAt;
    if (!doneText.isEmpty()) {
        job.state = JobState::Done;
        job.result.text = doneText;
    }
    return QDir().mkpath(folder) && test::writeCrashedFile(journallayout::chunkAudioPath(journal, meta.id, 0), audio) &&
           test::writeCrashedFile(journallayout::chunkRecordPath(journal, meta.id, 0), job.toJson());
}

} // namespace

class TestRecoveryStart final : public QObject
{
    Q_OBJECT

private:
    struct Crashed
    {
        QStringList texts;     // every dictation the journal holds, as it must reach history
        QString heldPath;      // the session record the scan waits for
        QByteArray heldRecord; // what release() hands it
    };

    // 12 dictations: 8 transcribed but never delivered (half interrupted mid-capture), 2 waiting for their upload
    // (fixture speech), and one in the middle of the scan whose session record is held.
    Crashed writeJournal(const QString& journal, const test::FixtureClips& clips)
    {
        Crashed crashed;
        const QDateTime base(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC);
        const QByteArray tone = encodeOggOpus(test::crashedJournalTone(2000)).value();
        for (int i = 0; i < 11; ++i) {
            SessionMeta meta;
            meta.startedAt = base.addSecs(i * 60);
            meta.id = meta.startedAt.toString(u"yyyyMMdd'T'HHmmss'Z'") + u"-%1"_s.arg(i, 4, 16, QLatin1Char('0'));
            meta.sealed = i % 2 == 0;
            QString text;
            QByteArray audio = tone;
            if (i < 2) {
                audio = encodeOggOpus(std::span<const qint16>(clips.at(i).pcm.data(), clips.at(i).pcm.size())).value();
                crashed.texts << clips.referenceText({i});
            } else {
                text = u"Recovered dictation number %1."_s.arg(i);
                crashed.texts << text;
            }
            if (!writeSession(journal, meta, audio, text))
                return {};
            if (i == 6) { // the held one: its record is written by release()
                meta.sealed = true;
                crashed.heldPath = journallayout::sessionDir(journal, meta.id) + u"/session.json"_s;
                crashed.heldRecord = meta.toJson();
            } else if (!test::writeCrashedFile(journallayout::sessionDir(journal, meta.id) + u"/session.json"_s,
                                               meta.toJson())) {
                return {};
            }
        }
        return crashed;
    }

    test::UtterRun utter(const QStringList& args, const QProcessEnvironment& env, int timeoutMs = 60000)
    {
        return test::runUtterServing(args, env, {}, timeoutMs);
    }

    QStringList historyTexts(const QProcessEnvironment& env)
    {
        QStringList texts;
        const QJsonArray entries =
            QJsonDocument::fromJson(utter({u"history"_s, u"--json"_s, u"--limit"_s, u"0"_s}, env).out).array();
        for (const QJsonValue& entry : entries)
            texts << entry.toObject().value(u"rawText"_s).toString();
        texts.sort();
        return texts;
    }

    bool journalEmpty(const test::TestHome& home)
    {
        return QDir(home.dataDir() + u"/journal"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty();
    }

    bool requireMicrophone()
    {
        m_fifo = test::virtualMicrophoneFifo();
        return !m_fifo.isEmpty();
    }

    QProcessEnvironment environment(const test::TestHome& home, ProviderDouble& server)
    {
        QProcessEnvironment env = home.environment();
        env.insert(u"UTTER_TRANSCRIBE_URL"_s, server.baseUrl() + u"/openai/v1"_s);
        env.insert(u"GROQ_API_KEY"_s, groqKey);
        env.insert(u"UTTER_NETWORK_PROBE"_s, u"1"_s);
        return env;
    }

    QString m_fifo;

private slots:
    void answersAndRecordsDuringRecovery()
    {
        if (!requireMicrophone())
            return;
        UTTER_REQUIRE_FIXTURES(clips);
        ProviderDouble server;
        QVERIFY(server.start() != 0);
        server.setFixtures(*clips);
        test::TestHome home;
        const QProcessEnvironment env = environment(home, server);
        const Crashed crashed = writeJournal(home.dataDir() + u"/journal"_s, *clips);
        QCOMPARE(crashed.texts.size(), 11);
        test::HeldRecord held(crashed.heldPath, crashed.heldRecord);
        QVERIFY(held.ok());

        test::ServeProcess serve(home, env);
        QVERIFY2(serve.start(), serve.stderrText().constData()); // its socket answers: start() did not wait
        // Recovery is under way (held): the service answers, without the sessions it has not recovered yet.
        const test::UtterRun status = utter({u"status"_s, u"--json"_s}, env);
        QVERIFY2(status.exitCode == 0, status.err.constData());
        QCOMPARE(parseObject(status.out).value(u"state"_s).toString(), u"idle"_s);
        QCOMPARE(parseObject(status.out).value(u"pendingJobs"_s).toInt(), 0);

        // A key press now records, transcribes and delivers as usual.
        test::UtterRun run = utter({u"begin"_s}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        test::RealTimeFeeder feeder(m_fifo, toVector(clips->utterance({2, 4}, 700, 300)));
        QVERIFY(QTest::qWaitFor([&] { return feeder.done(); }, 60000));
        QVERIFY(!feeder.failed());
        QTest::qWait(300); // PulseAudio's buffering
        run = utter({u"end"_s}, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QString live = clips->referenceText({2, 4});
        QVERIFY2(QTest::qWaitFor([&] { return historyTexts(env) == QStringList{live}; }, 30000),
                 serve.stderrText().constData());

        // Recovery ends: every recovered dictation is delivered, the live one once, and the journal is empty.
        held.release();
        QStringList expected = crashed.texts + QStringList{live};
        expected.sort();
        QVERIFY2(QTest::qWaitFor([&] { return historyTexts(env) == expected && journalEmpty(home); }, 60000),
                 qPrintable(historyTexts(env).join(u" | "_s)));
        QCOMPARE(parseObject(utter({u"status"_s, u"--json"_s}, env).out).value(u"pendingJobs"_s).toInt(), 0);
    }

    void sigkillDuringRecoveryLosesNothing()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        ProviderDouble server;
        QVERIFY(server.start() != 0);
        server.setFixtures(*clips);
        test::TestHome home;
        const QProcessEnvironment env = environment(home, server);
        const Crashed crashed = writeJournal(home.dataDir() + u"/journal"_s, *clips);
        QCOMPARE(crashed.texts.size(), 11);
        test::HeldRecord held(crashed.heldPath, crashed.heldRecord);
        QVERIFY(held.ok());
        {
            // Killed while its scan waits half-way (the sessions before the held one are repaired, the rest not).
            test::ServeProcess serve(home, env);
            QVERIFY2(serve.start(), serve.stderrText().constData());
            QCOMPARE(utter({u"status"_s, u"--json"_s}, env).exitCode, 0);
            serve.signal(SIGKILL);
            QVERIFY(serve.waitForExit(5000));
        }
        QVERIFY(historyTexts(env).isEmpty());
        // The next start recovers again, and this time its scan gets the record.
        test::ServeProcess again(home, env);
        QVERIFY2(again.start(), again.stderrText().constData());
        held.release();
        QStringList expected = crashed.texts;
        expected.sort();
        QVERIFY2(QTest::qWaitFor([&] { return historyTexts(env) == expected && journalEmpty(home); }, 60000),
                 qPrintable(historyTexts(env).join(u" | "_s)));
    }
};

} // namespace utter

QTEST_GUILESS_MAIN(utter::TestRecoveryStart)
#include "testrecoverystart.moc"
