// Client overhead per request: Utter's provider clients against curl, the same requests to the same local
// provider double (a separate process), measured in the same run. Prints the ratio; no assertions.
//   benchproviders [ROUNDS]
#include "fixtureclips.h"
#include "oggopus.h"
#include "providers/httpclient.h"
#include "providers/transcriber.h"
#include "providers/transformer.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace utter;

namespace
{

const QString groqKey = u"gsk_test_groq_key_0123456789"_s;
const QString deepseekKey = u"sk-test-deepseek-key-0123"_s;

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// curl's own per-request time (time_total), so process start-up is not counted against curl.
std::vector<double> curlTimes(const QStringList& requestArgs, int rounds)
{
    QStringList args;
    for (int i = 0; i < rounds; ++i) {
        if (i > 0)
            args << u"--next"_s;
        args << u"-s"_s << u"-o"_s << u"/dev/null"_s << u"-w"_s << u"%{time_total}\\n"_s << requestArgs;
    }
    QProcess curl;
    curl.start(u"curl"_s, args);
    curl.waitForFinished(120000);
    std::vector<double> out;
    for (const QByteArray& line : curl.readAllStandardOutput().split('\n')) {
        bool ok = false;
        const double s = line.toDouble(&ok);
        if (ok)
            out.push_back(s * 1000.0);
    }
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"utter.*.info=false"_s);
    const int rounds = argc > 1 ? std::max(5, atoi(argv[1])) : 60;
    QTextStream out(stdout);

    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    // No fixture clips: the double answers at once, so the numbers are the clients' own cost.
    server.start(QStringLiteral(UTTER_PROVIDER_DOUBLE), {u"--no-fixtures"_s});
    if (!server.waitForReadyRead(60000)) {
        out << "benchproviders: the provider double did not start\n";
        return 1;
    }
    const QByteArray line = server.readLine().trimmed(); // "listening on PORT"
    const QString base = u"http://127.0.0.1:"_s + QString::fromLatin1(line.split(' ').last());

    // A 6 s dictation chunk as the pipeline uploads it.
    const auto clips =
        test::FixtureClips::synthesize(test::FixtureClips::defaultTexts(), QStringLiteral(UTTER_FIXTURE_CACHE));
    const QList<qint16> pcm = clips ? clips->utterance({0, 3}) : QList<qint16>(16000 * 6, 0);
    const QByteArray ogg = test::encodeOggOpus(pcm, 16000);
    QTemporaryDir dir;
    const QString oggPath = dir.filePath(u"audio.ogg"_s);
    {
        QFile f(oggPath);
        f.open(QIODevice::WriteOnly);
        f.write(ogg);
    }

    HttpClient http;
    SystemClock clock;

    // Transcription: multipart upload, verbose_json.
    TranscriberConfig tc;
    tc.endpoints = {
        makeEndpoint(u"primary"_s, base + u"/openai/v1"_s, u"whisper-large-v3-turbo"_s, u"groq"_s, groqKey)};
    Transcriber transcriber(tc, http, clock);
    std::vector<double> utterTranscribe;
    for (int i = 0; i < rounds + 3; ++i) {
        QEventLoop loop;
        TranscriptionRequest request;
        request.audio = ogg;
        request.durationS = double(pcm.size()) / 16000.0;
        QElapsedTimer t;
        t.start();
        transcriber.transcribe(request, &loop, [&loop](const Result<TranscriptionResult>&) { loop.quit(); });
        loop.exec();
        if (i >= 3) // warm-up: connection set-up
            utterTranscribe.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    const std::vector<double> curlTranscribe = curlTimes(
        {u"-H"_s, u"Authorization: Bearer "_s + groqKey, u"-F"_s, u"file=@"_s + oggPath + u";type=audio/ogg"_s, u"-F"_s,
         u"model=whisper-large-v3-turbo"_s, u"-F"_s, u"response_format=verbose_json"_s, u"-F"_s, u"temperature=0"_s,
         base + u"/openai/v1/audio/transcriptions"_s},
        rounds);

    // Styles: a streamed chat completion.
    TransformerConfig fc;
    fc.endpoint = makeEndpoint(u"primary"_s, base, u"deepseek-flash"_s, u"deepseek"_s, deepseekKey);
    Transformer transformer(fc, http, clock);
    const Style clean = *StyleLibrary::load({}).find(u"clean"_s);
    const QString text = u"so um I think we should uh move the meeting to Tuesday morning if that works for everyone"_s;
    std::vector<double> utterStyle;
    for (int i = 0; i < rounds + 3; ++i) {
        QEventLoop loop;
        QElapsedTimer t;
        t.start();
        transformer.transform(text, clean, &loop, {}, [&loop](const TransformResult&) { loop.quit(); });
        loop.exec();
        if (i >= 3)
            utterStyle.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    const QByteArray chatBody =
        R"({"model":"deepseek-flash","stream":true,"thinking":{"type":"disabled"},"messages":[{"role":"user","content":"so um I think we should uh move the meeting to Tuesday morning if that works for everyone"}]})";
    const std::vector<double> curlStyle = curlTimes({u"-N"_s, u"-H"_s, u"Authorization: Bearer "_s + deepseekKey,
                                                     u"-H"_s, u"Content-Type: application/json"_s, u"-d"_s,
                                                     QString::fromUtf8(chatBody), base + u"/chat/completions"_s},
                                                    rounds);

    // A plain GET (the health probe's request).
    std::vector<double> utterModels;
    for (int i = 0; i < rounds + 3; ++i) {
        QEventLoop loop;
        HttpRequest request;
        request.url = QUrl(base + u"/openai/v1/models"_s);
        request.bearerToken = groqKey;
        QElapsedTimer t;
        t.start();
        HttpCall* call = http.send(request);
        QObject::connect(call, &HttpCall::finished, &loop, [&loop](const HttpResult&) { loop.quit(); });
        loop.exec();
        if (i >= 3)
            utterModels.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    const std::vector<double> curlModels =
        curlTimes({u"-H"_s, u"Authorization: Bearer "_s + groqKey, base + u"/openai/v1/models"_s}, rounds);

    // A non-streamed chat completion.
    std::vector<double> utterChat;
    for (int i = 0; i < rounds + 3; ++i) {
        QEventLoop loop;
        QElapsedTimer t;
        t.start();
        transformer.transform(
            text, clean, &loop, {}, [&loop](const TransformResult&) { loop.quit(); }, false);
        loop.exec();
        if (i >= 3)
            utterChat.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    QByteArray plainBody = chatBody;
    plainBody.replace("\"stream\":true", "\"stream\":false");
    const std::vector<double> curlChat =
        curlTimes({u"-H"_s, u"Authorization: Bearer "_s + deepseekKey, u"-H"_s, u"Content-Type: application/json"_s,
                   u"-d"_s, QString::fromUtf8(plainBody), base + u"/chat/completions"_s},
                  rounds);

    server.kill();
    server.waitForFinished();

    const auto row = [&out](const char* name, const std::vector<double>& mine, const std::vector<double>& curl) {
        const double a = median(mine);
        const double b = median(curl);
        out << QString::asprintf("%-28s utter %8.2f ms   curl %8.2f ms   ratio %5.2fx   (median of %zu / %zu)\n", name,
                                 a, b, b > 0 ? a / b : 0.0, mine.size(), curl.size());
    };
    out << "Provider client overhead against the local provider double (" << ogg.size() << " B Ogg Opus upload)\n";
    row("transcription (multipart)", utterTranscribe, curlTranscribe);
    row("style (SSE stream)", utterStyle, curlStyle);
    row("style (plain JSON)", utterChat, curlChat);
    row("GET /models", utterModels, curlModels);
    return 0;
}
