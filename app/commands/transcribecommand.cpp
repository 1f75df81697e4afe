#include "transcribecommand.h"

#include "appcontext.h"
#include "console.h"
#include "exitcode.h"
#include "journal/networkwatcher.h"
#include "pipeline/audiosplitter.h"
#include "pipeline/dictationconfig.h"
#include "pipeline/fileresultjournal.h"
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
#include <cmath>

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

// "\rspeech.wav  [#########...........]  45%  0:54 / 2:00  chunks 4/9", rewritten in place; while every chunk
// left waits for the provider: "… chunks 4/9  waiting 20 s: Groq is rate limiting …".
QString progressLine(const QString& name, const FileProgress& p)
{
    constexpr int width = 24;
    QString line;
    if (p.secondsTotal <= 0) {
        line = u"\r%1  %2"_s.arg(name, clock(p.secondsRead));
    } else {
        const double share = std::clamp(p.secondsRead / p.secondsTotal, 0.0, 1.0);
        const int filled = int(share * width);
        line = u"\r%1  [%2%3] %4%  %5 / %6"_s.arg(name, QString(filled, u'#'), QString(width - filled, u'.'))
                   .arg(int(share * 100), 3)
                   .arg(clock(p.secondsRead), clock(p.secondsTotal));
    }
    line += p.allCut ? u"  chunks %1/%2"_s.arg(p.chunksDone).arg(p.chunksCut) : u"  chunks %1"_s.arg(p.chunksDone);
    if (p.chunksReused > 0)
        line += u" (%1 from the last run)"_s.arg(p.chunksReused);
    if (p.waiting.count() > 0) {
        QString reason = p.waitReason;
        if (reason.size() > 70)
            reason = reason.left(69) + u'…';
        line += u"  waiting %1 s: %2"_s.arg(qint64((p.waiting.count() + 999) / 1000)).arg(reason);
    }
    return line + u"\033[K"_s;
}

// "0:40–1:20 (2 chunks)", "4:10 to the end (not read yet)"
QString describeGap(const FileGap& gap)
{
    if (gap.toEnd)
        return u"%1 to the end"_s.arg(clock(gap.startSeconds));
    return u"%1–%2 (%3 chunk%4)"_s.arg(clock(gap.startSeconds), clock(std::ceil(gap.endSeconds)))
        .arg(gap.chunks)
        .arg(gap.chunks == 1 ? u""_s : u"s"_s);
}

QJsonArray gapsJson(const QList<FileGap>& gaps)
{
    QJsonArray array;
    for (const FileGap& gap : gaps)
        array.append(QJsonObject{{u"start"_s, gap.startSeconds},
                                 {u"end"_s, gap.endSeconds},
                                 {u"chunks"_s, gap.chunks},
                                 {u"toEnd"_s, gap.toEnd}});
    return array;
}

// `--patience 10m`, `90s`, `600` (seconds).
std::optional<std::chrono::milliseconds> parsePatience(const QString& text)
{
    QString value = text.trimmed().toLower();
    qint64 unit = 1000;
    if (value.endsWith(u'm')) {
        unit = 60000;
        value.chop(1);
    } else if (value.endsWith(u's')) {
        value.chop(1);
    }
    bool ok = false;
    const double number = value.toDouble(&ok);
    if (!ok || number < 0 || number > 7 * 24 * 3600)
        return std::nullopt;
    return std::chrono::milliseconds(qint64(number * double(unit)));
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
        "(with --json one JSON object per file). An outage is waited out (--patience); each chunk's text is kept\n"
        "as it arrives, so running the same command again after a failure or a kill sends only what is missing.\n"
        "Exit 4 on a provider or key error, 5 when a file holds no speech, 6 when the provider stayed away\n"
        "longer than --patience (what was transcribed is printed and the gaps are listed on stderr)."_s);
    parser.addPositionalArgument(u"FILE"_s, u"Audio files to transcribe."_s, u"FILE..."_s);
    parser.addOption({u"style"_s, u"Apply this style to the text (see `utter transform --list`)."_s, u"S"_s});
    parser.addOption({u"language"_s, u"Spoken language (ISO-639-1), instead of the configured one."_s, u"xx"_s});
    parser.addOption({u"json"_s, u"Print one JSON object per file."_s});
    parser.addOption({u"patience"_s,
                      u"How long to keep retrying while the provider gets no chunk through (e.g. 90s, 10m; "
                      "default 10m)."_s,
                      u"T"_s, u"10m"_s});
    parser.addOption({u"no-resume"_s, u"Transcribe everything again, ignoring what an earlier run of the same file "
                                      "left."_s});
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
    const std::optional<std::chrono::milliseconds> patience = parsePatience(parser.value(u"patience"_s));
    if (!patience) {
        console::err(u"utter transcribe: --patience takes a duration such as 90s or 10m."_s);
        return ExitUsage;
    }
    options.patience = *patience;

    // Waiting chunks go as soon as the endpoint answers again.
    NetworkWatcher::Options networkOptions;
    if (const auto& endpoints = transcriber.config().endpoints; !endpoints.isEmpty())
        networkOptions.probeUrl = endpoints.first().url;
    networkOptions.probeInterval = std::chrono::seconds(5);
    networkOptions.forceProbe = !qEnvironmentVariableIsEmpty("UTTER_NETWORK_PROBE");
    NetworkWatcher network(networkOptions);
    network.start();
    // The text depends on these too: results kept under other settings are not reused.
    const QString settingsKey = (options.language.isEmpty() ? transcriber.config().language : options.language) +
                                u'\x1f' + options.prompt.value_or(transcriber.config().prompt());

    const bool json = parser.isSet(u"json"_s);
    int exitCode = ExitOk;
    for (const QString& path : files) {
        QEventLoop loop;
        std::optional<Result<FileTranscript>> outcome;
        FileTranscription job(transcriber, options);
        job.setNetworkWatcher(&network);
        FileResultJournal results(context.locations().dataDir() + u"/transcriptions"_s);
        if (const Status opened = results.open(path, settingsKey); opened.ok()) {
            if (parser.isSet(u"no-resume"_s))
                (void)results.discard();
            job.setResultJournal(&results);
        } // else: the file cannot be read, which the transcription says in its own words
        // A progress line on stderr when a person watches it (never in pipes or logs).
        const bool showProgress = console::stderrIsTerminal();
        if (showProgress) {
            QObject::connect(&job, &FileTranscription::statusChanged, [&path](const FileProgress& progress) {
                console::errRaw(progressLine(QFileInfo(path).fileName(), progress).toUtf8());
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
            const FileTranscript& partial = job.partial();
            int missing = 0;
            for (const FileGap& gap : partial.gaps)
                missing += gap.chunks;
            const int done = std::max(0, partial.chunks - missing);
            if (!partial.gaps.isEmpty() && (done > 0 || partial.outOfPatience)) {
                // Every chunk that has text is printed; the gaps are said with their times.
                QStringList gaps;
                for (const FileGap& gap : partial.gaps)
                    gaps << describeGap(gap);
                if (json) {
                    QJsonObject object{{u"file"_s, path},
                                       {u"text"_s, partial.text},
                                       {u"raw"_s, partial.text},
                                       {u"complete"_s, false},
                                       {u"error"_s, error.message},
                                       {u"gaps"_s, gapsJson(partial.gaps)},
                                       {u"language"_s, partial.language},
                                       {u"durationSeconds"_s, partial.durationSeconds},
                                       {u"billedSeconds"_s, partial.billedSeconds},
                                       {u"chunks"_s, partial.chunks},
                                       {u"reusedChunks"_s, partial.chunksReused},
                                       {u"segments"_s, segmentsJson(partial.segments)},
                                       {u"heldBack"_s, heldBackToJson(partial.heldBack)}};
                    console::outRaw(QJsonDocument(object).toJson(QJsonDocument::Compact) + "\n");
                } else if (!partial.text.isEmpty()) {
                    if (files.size() > 1)
                        console::out(u"==> %1 <=="_s.arg(path));
                    console::out(partial.text);
                }
                console::err(u"utter transcribe: %1: %2"_s.arg(path, error.message));
                for (const QString& line : describeHeldBack(partial.heldBack))
                    console::err(u"utter transcribe: %1: %2"_s.arg(path, line));
                console::err(u"utter transcribe: %1: not transcribed: %2. %3 chunk(s) with text %4; run the same "
                             "command again to transcribe only what is missing."_s.arg(
                                 path, gaps.join(u", "_s), QString::number(done),
                                 json ? u"are in the output"_s : u"are printed"_s));
            } else {
                console::err(u"utter transcribe: %1: %2"_s.arg(path, error.message));
            }
            const int code = error.code == ErrorCode::NoSpeech ? ExitNothingToDo
                             : partial.outOfPatience           ? ExitIncomplete
                             : error.code == ErrorCode::NotFound || error.code == ErrorCode::Corrupt ||
                                     error.code == ErrorCode::UnsupportedFormat
                                 ? ExitFailed
                                 : providerExitCode(error);
            exitCode = exitCode == ExitOk ? code : exitCode;
            continue;
        }
        const FileTranscript& transcript = outcome->value();
        // What was held back, never silently: on stderr (stdout stays the transcript) and in the JSON.
        for (const QString& line : describeHeldBack(transcript.heldBack))
            console::err(u"utter transcribe: %1: %2"_s.arg(path, line));
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
                               {u"reusedChunks"_s, transcript.chunksReused},
                               {u"complete"_s, true},
                               {u"endpoint"_s, transcript.endpoint},
                               {u"segments"_s, segmentsJson(transcript.segments)},
                               {u"heldBack"_s, heldBackToJson(transcript.heldBack)}};
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
