#include "transcribecommand.h"

#include "appcontext.h"
#include "console.h"
#include "exitcode.h"
#include "pipeline/audiosplitter.h"
#include "pipeline/dictationconfig.h"
#include "pipeline/filetranscription.h"
#include "providercommands.h"
#include "providers/clock.h"
#include "providers/httpclient.h"
#include "providers/providerconfig.h"
#include "providers/transformer.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

QString clock(double seconds)
{
    const qint64 s = qint64(seconds);
    return s >= 3600 ? u"%1:%2:%3"_s.arg(s / 3600)
                           .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
                           .arg(s % 60, 2, 10, QLatin1Char('0'))
                     : u"%1:%2"_s.arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

// "\rspeech.wav  [#########...........]  45%  0:54 / 2:00", rewritten in place.
QString progressLine(const QString& name, double read, double total)
{
    constexpr int width = 24;
    if (total <= 0)
        return u"\r%1  %2"_s.arg(name, clock(read));
    const double share = std::clamp(read / total, 0.0, 1.0);
    const int filled = int(share * width);
    return u"\r%1  [%2%3] %4%  %5 / %6"_s.arg(name, QString(filled, u'#'), QString(width - filled, u'.'))
        .arg(int(share * 100), 3)
        .arg(clock(read), clock(total));
}

QJsonArray segmentsJson(const QList<TranscriptSegment>& segments)
{
    QJsonArray array;
    for (const TranscriptSegment& segment : segments)
        array.append(
            QJsonObject{{u"start"_s, segment.start}, {u"end"_s, segment.end}, {u"text"_s, segment.text.trimmed()}});
    return array;
}

} // namespace

void TranscribeCommand::describe(QCommandLineParser& parser) const
{
    parser.setApplicationDescription(
        u"Transcribe audio files (WAV, Ogg Opus, and whatever else the system's decoders read) the way a\n"
        "dictation is transcribed: cut at pauses into chunks, several uploaded at once, assembled in order, with\n"
        "your vocabulary and word replacements. Memory stays small however long the file is. Prints the text\n"
        "(with --json one JSON object per file). Exit 4 on a provider error, 5 when a file holds no speech."_s);
    parser.addPositionalArgument(u"FILE"_s, u"Audio files to transcribe."_s, u"FILE..."_s);
    parser.addOption({u"style"_s, u"Apply this style to the text (see `utter transform --list`)."_s, u"S"_s});
    parser.addOption({u"language"_s, u"Spoken language (ISO-639-1), instead of the configured one."_s, u"xx"_s});
    parser.addOption({u"json"_s, u"Print one JSON object per file."_s});
}

int TranscribeCommand::run(const QCommandLineParser& parser, AppContext& context)
{
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        console::err(u"utter transcribe: name at least one audio file."_s);
        return ExitUsage;
    }
    const DictationConfig config = DictationConfig::fromSettings(context.settings());
    std::optional<Style> style;
    if (parser.isSet(u"style"_s)) {
        const StyleLibrary library = StyleLibrary::load(context.locations().stylesDir());
        style = library.find(parser.value(u"style"_s));
        if (!style) {
            console::err(u"utter transcribe: there is no style \"%1\"; choose one of: %2."_s.arg(
                parser.value(u"style"_s), library.names().join(u", "_s)));
            return ExitUsage;
        }
    }

    HttpClient http;
    SystemClock clock;
    Transcriber transcriber(TranscriberConfig::fromSettings(context.settings(), context.secrets()), http, clock);
    transcriber.setSplitter(makeOggOpusSplitter(config.opus));
    Transformer transformer(
        TransformerConfig::fromSettings(context.settings(), context.secrets(), context.locations().stylesDir()), http,
        clock);

    FileTranscriptionOptions options = FileTranscriptionOptions::fromConfig(config);
    if (parser.isSet(u"language"_s))
        options.language = parser.value(u"language"_s);

    const bool json = parser.isSet(u"json"_s);
    int exitCode = ExitOk;
    for (const QString& path : files) {
        QEventLoop loop;
        std::optional<Result<FileTranscript>> outcome;
        FileTranscription job(transcriber, options);
        // A progress bar on stderr when a person watches it (never in pipes or logs).
        const bool showProgress = console::stderrIsTerminal();
        if (showProgress) {
            QObject::connect(&job, &FileTranscription::progress, [&path](double read, double total) {
                console::errRaw(progressLine(QFileInfo(path).fileName(), read, total).toUtf8());
            });
        }
        job.start(path, [&](const Result<FileTranscript>& result) {
            outcome = result;
            loop.quit();
        });
        if (!outcome)
            loop.exec();
        if (showProgress)
            console::errRaw("\r\033[K");
        if (!outcome->ok()) {
            const Error& error = outcome->error();
            console::err(u"utter transcribe: %1: %2"_s.arg(path, error.message));
            const int code = error.code == ErrorCode::NoSpeech ? ExitNothingToDo
                             : error.code == ErrorCode::NotFound || error.code == ErrorCode::Corrupt ||
                                     error.code == ErrorCode::UnsupportedFormat
                                 ? ExitFailed
                                 : providerExitCode(error);
            exitCode = exitCode == ExitOk ? code : exitCode;
            continue;
        }
        const FileTranscript& transcript = outcome->value();
        QString text = transcript.text;
        QString styled;
        if (style && transformer.wouldCall(text, *style)) {
            transformer.transform(text, *style, &loop, {}, [&](const TransformResult& result) {
                styled = result.text;
                if (result.error) {
                    console::err(
                        u"utter transcribe: %1: %2 The unstyled text is printed."_s.arg(path, result.error->message));
                    exitCode = exitCode == ExitOk ? providerExitCode(*result.error) : exitCode;
                }
                loop.quit();
            });
            loop.exec();
            text = styled;
        }
        if (json) {
            QJsonObject object{{u"file"_s, path},
                               {u"text"_s, text},
                               {u"raw"_s, transcript.text},
                               {u"language"_s, transcript.language},
                               {u"durationSeconds"_s, transcript.durationSeconds},
                               {u"spokenSeconds"_s, transcript.spokenSeconds},
                               {u"billedSeconds"_s, transcript.billedSeconds},
                               {u"chunks"_s, transcript.chunks},
                               {u"endpoint"_s, transcript.endpoint},
                               {u"segments"_s, segmentsJson(transcript.segments)}};
            if (style)
                object.insert(u"style"_s, style->name);
            console::outRaw(QJsonDocument(object).toJson(QJsonDocument::Compact) + "\n");
        } else {
            if (files.size() > 1)
                console::out(u"==> %1 <=="_s.arg(path));
            console::out(text);
        }
    }
    return exitCode;
}

} // namespace utter
