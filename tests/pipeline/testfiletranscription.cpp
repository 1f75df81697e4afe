// FileTranscription (`utter transcribe`, the HTTP front door) against the provider double: the audio uploaded covers
// speech at the very start and end of a file, long pauses are shortened before upload while segment times still
// point into the file, and chunks are sized for the provider's minimum billed duration.
#include "../audio/audiotesthelpers.h"
#include "doubletestutil.h"
#include "pipeline/filetranscription.h"
#include "providers/clock.h"
#include "providers/httpclient.h"
#include "providers/transcriber.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

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

} // namespace

class TestFileTranscription final : public QObject
{
    Q_OBJECT

private:
    // Transcribes `pcm` written as a WAV file; the double's requests are kept in m_server.
    Result<FileTranscript> transcribe(const QList<qint16>& pcm, FileTranscriptionOptions options)
    {
        const QString path = m_dir.filePath(u"file-%1.wav"_s.arg(++m_files));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(test::writeWav(pcm, 16000)) <= 0)
            return Error(ErrorCode::Failed, u"cannot write the file"_s);
        file.close();
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
};

} // namespace utter

QTEST_GUILESS_MAIN(utter::TestFileTranscription)
#include "testfiletranscription.moc"
