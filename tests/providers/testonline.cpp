// Smoke test against the real providers. Registered only with -DUTTER_ONLINE_TESTS=ON; each case skips when
// its key (GROQ_API_KEY / DEEPSEEK_API_KEY) is not in the environment. Never part of the default suite.
#include "doubletestutil.h"
#include "providers/endpointhealth.h"
#include "providers/httpclient.h"
#include "providers/transcriber.h"
#include "providers/transformer.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

class TestOnline final : public QObject
{
    Q_OBJECT

private slots:
    void groqTranscribesAFixtureSentence()
    {
        const QString key = qEnvironmentVariable("GROQ_API_KEY");
        if (key.isEmpty())
            QSKIP("GROQ_API_KEY is not set");
        UTTER_REQUIRE_FIXTURES(clips);
        HttpClient http;
        SystemClock clock;
        TranscriberConfig config;
        config.endpoints = {makeEndpoint(u"primary"_s, u"https://api.groq.com/openai/v1"_s, u"whisper-large-v3-turbo"_s,
                                         u"groq"_s, key)};
        config.language = u"en"_s;
        Transcriber transcriber(config, http, clock);
        const QList<qint16> pcm = clips->utterance({0});
        TranscriptionRequest request;
        request.audio = test::encodeOggOpus(pcm, 16000);
        request.durationS = double(pcm.size()) / 16000.0;
        std::optional<Result<TranscriptionResult>> out;
        QObject context;
        transcriber.transcribe(request, &context, [&out](const Result<TranscriptionResult>& r) { out = r; });
        QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 60000);
        QVERIFY2(out->ok(), out->ok() ? "" : qPrintable(out->error().message));
        QVERIFY2(out->value().text.contains(u"lazy dog"_s, Qt::CaseInsensitive), qPrintable(out->value().text));
        QCOMPARE(out->value().billedSeconds, 10.0);
        QVERIFY(!out->value().segments.isEmpty());
    }

    void deepseekStreamsAStyle()
    {
        const QString key = qEnvironmentVariable("DEEPSEEK_API_KEY");
        if (key.isEmpty())
            QSKIP("DEEPSEEK_API_KEY is not set");
        HttpClient http;
        SystemClock clock;
        TransformerConfig config;
        config.endpoint =
            makeEndpoint(u"primary"_s, u"https://api.deepseek.com"_s, u"deepseek-flash"_s, u"deepseek"_s, key);
        config.timeout = std::chrono::seconds(30);
        Transformer transformer(config, http, clock);
        std::optional<TransformResult> out;
        QStringList deltas;
        QObject context;
        transformer.transform(
            u"um so the the meeting is uh moved to tuesday"_s, *StyleLibrary::load({}).find(u"clean"_s), &context,
            [&deltas](const QString& d) { deltas << d; }, [&out](const TransformResult& r) { out = r; });
        QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 60000);
        QVERIFY2(out->transformed, qPrintable(out->notice));
        QVERIFY(out->text.contains(u"Tuesday"_s));
        QCOMPARE(deltas.join(QString()).trimmed(), out->text);
    }
};

} // namespace utter

QTEST_GUILESS_MAIN(utter::TestOnline)
#include "testonline.moc"
