// FileTranscription (`utter transcribe`, the HTTP front door) against the provider double: the audio uploaded covers
// speech at the very start and end of a file, long pauses are shortened before upload while segment times still
// point into the file, and chunks are sized for the provider's minimum billed duration.
#include "../audio/audiotesthelpers.h"
#include "doubletestutil.h"
#include "pipeline/filechunkreader.h"
#include "pipeline/filetranscription.h"
#include "providers/clock.h"
#include "providers/httpclient.h"
#include "providers/transcriber.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

using test::ProviderDouble;
using test::SpeechCorpus;

namespace
{

const QString groqKey = u"gsk_test_groq_key_0123456789"_s;

QList<qint16> toList(const std::vector<std::int16_t>& pcm)
{
    return QList<qint16>(pcm.begin(), pcm.end());
}

// CPU time (clock ticks) each thread of this process has used, by thread name (/proc/self/task/*/comm).
QMap<QString, qint64> cpuTicksByThread()
{
    QMap<QString, qint64> ticks;
    const QDir tasks(u"/proc/self/task"_s);
    for (const QString& tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + u"/comm"_s));
        QFile stat(tasks.filePath(tid + u"/stat"_s));
        if (!comm.open(QIODevice::ReadOnly) || !stat.open(QIODevice::ReadOnly))
            continue;
        const QString name = QString::fromUtf8(comm.readAll()).trimmed();
        const QByteArray line = stat.readAll();
        // After the ")" that ends the name: state is field 3, utime field 14, stime field 15.
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 12)
            ticks[tid == QString::number(getpid()) ? u"main"_s : name] +=
                fields.at(11).toLongLong() + fields.at(12).toLongLong();
    }
    return ticks;
}

} // namespace

class TestFileTranscription final : public QObject
{
    Q_OBJECT

private:
    QString writeWavFile(const QList<qint16>& pcm)
    {
        const QString path = m_dir.filePath(u"file-%1.wav"_s.arg(++m_files));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(test::writeWav(pcm, 16000)) <= 0)
            return {};
        return path;
    }

    // Transcribes `pcm` written as a WAV file; the double's requests are kept in m_server.
    Result<FileTranscript> transcribe(const QList<qint16>& pcm, FileTranscriptionOptions options)
    {
        const QString path = writeWavFile(pcm);
        if (path.isEmpty())
            return Error(ErrorCode::Failed, u"cannot write the file"_s);
        return transcribeFile(path, std::move(options));
    }

    Result<FileTranscript> transcribeFile(const QString& path, FileTranscriptionOptions options)
    {
        TranscriberConfig config;
        config.endpoints = {makeEndpoint(u"primary"_s, m_server.baseUrl() + u"/openai/v1"_s,
                                         u"whisper-large-v3-turbo"_s, u"groq"_s, groqKey)};
        config.endpoints.first().minimumBilledS = 10;
        HttpClient http;
        SystemClock clock;
        Transcriber transcriber(config, http, clock);
        FileTranscription job(transcriber, options);
        std::optional<Result<FileTranscript>> outcome;
        job.start(path, [&outcome](const Result<FileTranscript>& result) { outcome = result; });
        if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 60000))
            return Error(ErrorCode::Timeout, u"no result"_s);
        return *outcome;
    }

    double uploadedSeconds() const
    {
        double sum = 0;
        for (const test::RecordedRequest& r : m_server.requests(u"/audio/transcriptions"_s))
            sum += r.audioS;
        return sum;
    }

    ProviderDouble m_server;
    QTemporaryDir m_dir;
    int m_files = 0;

private slots:
    void initTestCase()
    {
        UTTER_REQUIRE_SPEECH_TOOLS();
        QVERIFY(m_server.start() != 0);
    }

    void init() { m_server.clearRequests(); }

    // What the guard drops is in heldBack with its reason, and in neither the text nor the segments.
    void droppedTextIsReportedNotReturned()
    {
        const std::vector<std::int16_t> clip = SpeechCorpus::speak(u"Book a table for four tonight."_s);
        QVERIFY(clip.size() > 16000);
        test::TranscriptScript script;
        script.anyAudio = true;
        script.extra = {{u"Book a table for four tonight."_s, 0.02, -0.3, 1.1}, {u"Thank you."_s, 0.91, -1.25, 0.6}};
        m_server.addScript(script);
        const Result<FileTranscript> result = transcribe(toList(clip), FileTranscriptionOptions{});
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->text, u"Book a table for four tonight."_s);
        QCOMPARE(result->segments.size(), 1);
        QCOMPARE(result->segments.first().text.trimmed(), u"Book a table for four tonight."_s);
        QCOMPARE(result->heldBack.size(), 1);
        QCOMPARE(result->heldBack.first().kind, HeldBack::Kind::NotTyped);
        QCOMPARE(result->heldBack.first().text, u"Thank you."_s);
        QCOMPARE(result->heldBack.first().describe(), u"Whisper: no speech (p=0.91)"_s);
        QCOMPARE(m_server.pendingScripts(), 0);
    }

    void speechAtTheFileEdgesIsUploadedWhole()
    {
        // Issue 14, item 8: a clip whose speech starts at its first sample ("Uh, could you ...") and ends at its
        // last lost its first word. Every sample of the file must reach the provider.
        const std::vector<std::int16_t> clip =
            SpeechCorpus::speak(u"Uh, could you book a table for four people at the Italian restaurant tonight?"_s);
        QVERIFY(clip.size() > 2 * 16000);
        const double duration = double(clip.size()) / 16000.0;
        const Result<FileTranscript> result = transcribe(toList(clip), FileTranscriptionOptions{});
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->chunks, 1);
        QCOMPARE(m_server.requests(u"/audio/transcriptions"_s).size(), 1);
        QVERIFY2(std::abs(uploadedSeconds() - duration) < 0.03,
                 qPrintable(u"uploaded %1 s of a %2 s file"_s.arg(uploadedSeconds()).arg(duration)));
        QVERIFY2(std::abs(result->spokenSeconds - duration) < 0.001,
                 qPrintable(u"spoken %1 s of %2 s"_s.arg(result->spokenSeconds).arg(duration)));
    }

    void longPausesAreShortenedAndSegmentTimesPointIntoTheFile()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        m_server.setFixtures(*clips);
        // Three fixture sentences, 6 s apart: with Groq's 10 s minimum they go as one request, the pauses shortened
        // to 0.2 s; the segments the double finds in that upload still carry each sentence's time in the file.
        QList<qint16> pcm(16000, 0);
        QList<double> starts;
        for (const int index : {0, 3, 5}) {
            starts << double(pcm.size()) / 16000.0;
            pcm += clips->at(index).pcm;
            pcm += QList<qint16>(6 * 16000, 0);
        }
        FileTranscriptionOptions options;
        options.chunker.minBilledMs = 10000;
        const Result<FileTranscript> result = transcribe(pcm, options);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->chunks, 1);
        const QList<test::RecordedRequest> requests = m_server.requests(u"/audio/transcriptions"_s);
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().identifiedClips, (QList<int>{0, 3, 5}));
        // Spoken: the recording from the first word to the last; uploaded: that less two pauses of ~5.8 s.
        const double spoken = result->spokenSeconds;
        QVERIFY2(spoken > starts.last() - starts.first(), qPrintable(QString::number(spoken)));
        QVERIFY2(uploadedSeconds() < spoken - 11.0,
                 qPrintable(u"uploaded %1 s of %2 s"_s.arg(uploadedSeconds()).arg(spoken)));
        QVERIFY2(std::abs(result->billedSeconds - std::max(10.0, uploadedSeconds())) < 0.05,
                 qPrintable(u"billed %1 s for %2 s"_s.arg(result->billedSeconds).arg(uploadedSeconds())));
        QCOMPARE(result->segments.size(), 3);
        for (qsizetype i = 0; i < 3; ++i) {
            QVERIFY2(std::abs(result->segments.at(i).start - starts.at(i)) < 0.3,
                     qPrintable(u"segment %1 starts at %2 s, the sentence at %3 s"_s.arg(i)
                                    .arg(result->segments.at(i).start)
                                    .arg(starts.at(i))));
        }
    }

    void aFileQtDecodesIsReadOnTheFileThread()
    {
        // FLAC goes through QAudioDecoder, which then lives on the utter-file thread (its event loop spun there).
        UTTER_REQUIRE_FIXTURES(clips);
        m_server.setFixtures(*clips);
        QList<qint16> pcm(8000, 0);
        for (const int index : {2, 4}) {
            pcm += clips->at(index).pcm;
            pcm += QList<qint16>(8000, 0);
        }
        const QString wav = writeWavFile(pcm);
        const QString flac = m_dir.filePath(u"speech.flac"_s);
        QCOMPARE(QProcess::execute(u"sox"_s, {wav, u"-r"_s, u"44100"_s, u"-c"_s, u"2"_s, flac}), 0);
        const Result<FileTranscript> result = transcribeFile(flac, FileTranscriptionOptions{});
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result->text, clips->referenceText({2, 4}));
    }

    void theCodecWorkRunsOffTheCallersThread()
    {
        // 90 s of speech and pauses read, cut and encoded: the reader's thread does that work, the caller's thread
        // only receives the chunks (in order, each encoded, every slice's chunks before its sliceRead).
        UTTER_REQUIRE_FIXTURES(clips);
        QList<qint16> pcm;
        for (qsizetype i = 0; pcm.size() < 90 * 16000; ++i) {
            pcm += clips->at(i % clips->size()).pcm;
            pcm += QList<qint16>(12000, 0);
        }
        const QString path = writeWavFile(pcm);
        FileChunkReader reader(ChunkerConfig{}, VadConfig{}, OggOpusOptions{});
        QSignalSpy opened(&reader, &FileChunkReader::opened);
        QList<FileChunk> chunks;
        bool ended = false;
        int slices = 0;
        connect(&reader, &FileChunkReader::chunkCut, this, [&chunks](const FileChunk& chunk) { chunks << chunk; });
        std::int64_t lastRead = 0;
        QStringList problems;
        connect(&reader, &FileChunkReader::sliceRead, this, [&](std::int64_t samples, bool endOfFile) {
            if (samples < lastRead || (!chunks.isEmpty() && samples < chunks.last().place.endSample))
                problems << u"slice %1 read to %2, before %3"_s.arg(slices).arg(samples).arg(
                    chunks.isEmpty() ? lastRead : std::max(lastRead, chunks.last().place.endSample));
            lastRead = samples;
            ++slices;
            ended = endOfFile;
            if (!ended)
                reader.readSlice(2);
        });
        const QMap<QString, qint64> before = cpuTicksByThread();
        reader.open(path, {FileChunkCut{1, -1, -1}});
        QVERIFY(opened.wait(10000));
        QCOMPARE(opened.first().first().toDouble(), double(pcm.size()) / 16000.0);
        reader.readSlice(2);
        QVERIFY(QTest::qWaitFor([&ended] { return ended; }, 60000));
        const QMap<QString, qint64> after = cpuTicksByThread();
        QVERIFY(chunks.size() >= 5);
        QVERIFY(slices > 1);
        QCOMPARE(lastRead, std::int64_t(pcm.size()));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
        for (qsizetype i = 0; i < chunks.size(); ++i) {
            QCOMPARE(chunks.at(i).place.sequence, std::uint64_t(i));
            QVERIFY(chunks.at(i).place.pcm.empty());
            QVERIFY(chunks.at(i).oggOpus.startsWith("OggS"));
        }
        const qint64 fileThread = after.value(u"utter-file"_s) - before.value(u"utter-file"_s);
        const qint64 mainThread = after.value(u"main"_s) - before.value(u"main"_s);
        qInfo() << "CPU ticks while reading 90 s: utter-file" << fileThread << ", main" << mainThread;
        QVERIFY2(fileThread > mainThread, qPrintable(u"file thread %1, main %2"_s.arg(fileThread).arg(mainThread)));
    }

    void aKnownCutIsNotEncodedAgainAndTheReaderStopsAtOnce()
    {
        UTTER_REQUIRE_FIXTURES(clips);
        QList<qint16> pcm;
        for (const int index : {0, 1, 2, 3}) {
            pcm += clips->at(index).pcm;
            pcm += QList<qint16>(16000, 0);
        }
        const QString path = writeWavFile(pcm);
        ChunkerConfig chunking;
        chunking.targetChunkMs = 2000;
        std::optional<FileChunkCut> firstCut;
        {
            FileChunkReader reader(chunking, VadConfig{}, OggOpusOptions{});
            connect(&reader, &FileChunkReader::chunkCut, this, [&firstCut](const FileChunk& chunk) {
                if (!firstCut)
                    firstCut = FileChunkCut{0, chunk.place.startSample, chunk.place.endSample};
            });
            reader.open(path, {});
            reader.readSlice(1);
            QVERIFY(QTest::qWaitFor([&firstCut] { return firstCut.has_value(); }, 10000));
        }
        // A rerun that has chunk 0's result: chunk 0 comes without audio, and the reader may be destroyed while it
        // reads without a signal afterwards.
        auto* reader = new FileChunkReader(chunking, VadConfig{}, OggOpusOptions{});
        QList<FileChunk> chunks;
        connect(reader, &FileChunkReader::chunkCut, this, [&chunks](const FileChunk& chunk) { chunks << chunk; });
        reader->open(path, {*firstCut});
        reader->readSlice(1);
        QVERIFY(QTest::qWaitFor([&chunks] { return chunks.size() >= 2; }, 10000));
        QVERIFY(chunks.at(0).oggOpus.isEmpty());
        QVERIFY(chunks.at(1).oggOpus.startsWith("OggS"));
        reader->readSlice(8);
        delete reader;
        const qsizetype seen = chunks.size();
        QTest::qWait(200);
        QCOMPARE(chunks.size(), seen);
    }
};

} // namespace utter

QTEST_GUILESS_MAIN(utter::TestFileTranscription)
#include "testfiletranscription.moc"
