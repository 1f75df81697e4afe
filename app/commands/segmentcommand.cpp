#include "segmentcommand.h"

#include "appcontext.h"
#include "audio/audioconfig.h"
#include "codec/audioreader.h"
#include "codec/oggopus.h"
#include "console.h"
#include "exitcode.h"
#include "settings/settings.h"
#include "vad/chunker.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

QString seconds(double s)
{
    return QString::number(s, 'f', 2);
}

bool readInt(const QCommandLineParser& parser, const QString& name, int low, int high, int& value)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int v = parser.value(name).toInt(&ok);
    if (!ok || v < low || v > high) {
        console::err(u"utter segment: --%1 must be a whole number from %2 to %3."_s.arg(name).arg(low).arg(high));
        return false;
    }
    value = v;
    return true;
}

} // namespace

void SegmentCommand::describe(QCommandLineParser& parser) const
{
    parser.setApplicationDescription(
        u"Show the chunks Utter would upload for an audio file (WAV, Ogg Opus, or anything Qt can decode): start, "
        "end, duration and speech ratio. Settings come from audio/* and can be overridden here to try values "
        "before `utter config set` keeps them."_s);
    parser.addPositionalArgument(u"file"_s, u"The audio file."_s, u"FILE"_s);
    parser.addOption({u"json"_s, u"Print JSON instead of a table."_s});
    parser.addOption({u"sensitivity"_s, u"VAD sensitivity 0..1 (audio/vadSensitivity)."_s, u"X"_s});
    parser.addOption({u"min-pause-ms"_s, u"Shortest pause that may end a chunk (audio/minPauseMs)."_s, u"MS"_s});
    parser.addOption({u"target-s"_s, u"Merge speech until a chunk is this long (audio/targetChunkSeconds)."_s, u"S"_s});
    parser.addOption({u"max-s"_s, u"Hard cap on a chunk (audio/maxChunkSeconds)."_s, u"S"_s});
    parser.addOption({u"write"_s, u"Also write each chunk as DIR/chunk-NNN.ogg to listen to."_s, u"DIR"_s});
}

int SegmentCommand::run(const QCommandLineParser& parser, AppContext& context)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1) {
        console::err(u"utter segment: name one audio file, e.g. `utter segment recording.wav`."_s);
        return ExitUsage;
    }
    const Settings& settings = context.settings();
    VadConfig vad = VadConfig::fromSettings(settings);
    ChunkerConfig chunking = ChunkerConfig::fromSettings(settings);
    chunking.noLeadIn = true; // a file, as `utter transcribe` cuts it: its first and last words are kept whole
    if (parser.isSet(u"sensitivity"_s)) {
        bool ok = false;
        vad.sensitivity = parser.value(u"sensitivity"_s).toDouble(&ok);
        if (!ok || vad.sensitivity < 0.0 || vad.sensitivity > 1.0) {
            console::err(u"utter segment: --sensitivity must be a number from 0 to 1."_s);
            return ExitUsage;
        }
    }
    int targetS = chunking.targetChunkMs / 1000;
    int maxS = chunking.maxChunkMs / 1000;
    if (!readInt(parser, u"min-pause-ms"_s, 300, 5000, chunking.minPauseMs) ||
        !readInt(parser, u"target-s"_s, 0, 600, targetS) || !readInt(parser, u"max-s"_s, 1, 600, maxS))
        return ExitUsage;
    chunking.targetChunkMs = std::min(targetS, maxS) * 1000;
    chunking.maxChunkMs = maxS * 1000;
    const QString writeDir = parser.value(u"write"_s);
    if (!writeDir.isEmpty() && !QDir().mkpath(writeDir)) {
        console::err(u"utter segment: cannot create %1."_s.arg(writeDir));
        return ExitFailed;
    }

    auto reader = openAudioFile(args.first());
    if (!reader) {
        console::err(u"utter segment: "_s + reader.error().message);
        return ExitFailed;
    }
    std::vector<AudioChunk> chunks;
    QString writeError;
    const OggOpusOptions opus = opusOptionsFromSettings(settings);
    Chunker chunker(chunking, createVad(vad), [&](AudioChunk&& chunk) {
        if (!writeDir.isEmpty()) {
            const QString path =
                QDir(writeDir).filePath(u"chunk-%1.ogg"_s.arg(chunk.sequence, 3, 10, QLatin1Char('0')));
            if (Status s = writeOggOpusFile(path, chunk.pcm, opus); !s && writeError.isEmpty())
                writeError = s.error().message;
        }
        chunk.pcm.clear(); // only the numbers are kept: a long file never sits in memory
        chunk.pcm.shrink_to_fit();
        chunks.push_back(std::move(chunk));
    });
    std::vector<AudioChunk> rejected; // sound without a voice (typing, music, a fan): shown, never uploaded
    chunker.setRejectObserver([&rejected](const AudioChunk& chunk) { rejected.push_back(chunk); });
    std::vector<std::int16_t> block;
    std::int64_t total = 0;
    while (true) {
        block.clear();
        Result<std::size_t> n = (*reader)->read(block, 16000);
        if (!n) {
            console::err(u"utter segment: "_s + n.error().message);
            return ExitFailed;
        }
        if (*n == 0)
            break;
        total += std::int64_t(*n);
        chunker.feed(block);
    }
    chunker.end();
    if (!writeError.isEmpty())
        console::err(u"utter segment: "_s + writeError);

    const double duration = double(total) / kPipelineSampleRate;
    if (parser.isSet(u"json"_s)) {
        QJsonArray array;
        for (const AudioChunk& c : chunks) {
            array.append(QJsonObject{{u"sequence"_s, qint64(c.sequence)},
                                     {u"start"_s, c.startSeconds()},
                                     {u"end"_s, c.endSeconds()},
                                     {u"duration"_s, c.durationSeconds()},
                                     {u"uploaded"_s, c.uploadedSeconds()},
                                     {u"speechRatio"_s, c.speechRatio},
                                     {u"speechEvidence"_s, c.speechEvidence},
                                     {u"cut"_s, QString::fromLatin1(chunkCutName(c.cut))}});
        }
        QJsonArray notUploaded;
        for (const AudioChunk& c : rejected) {
            notUploaded.append(QJsonObject{{u"start"_s, c.startSeconds()},
                                           {u"end"_s, c.endSeconds()},
                                           {u"speechEvidence"_s, c.speechEvidence},
                                           {u"reason"_s, u"no voice"_s}});
        }
        const QJsonObject root{{u"file"_s, args.first()},
                               {u"format"_s, (*reader)->description()},
                               {u"duration"_s, duration},
                               {u"vad"_s, u"energy"_s},
                               {u"sensitivity"_s, vad.sensitivity},
                               {u"minPauseMs"_s, chunking.minPauseMs},
                               {u"targetChunkSeconds"_s, chunking.targetChunkMs / 1000},
                               {u"maxChunkSeconds"_s, chunking.maxChunkMs / 1000},
                               {u"chunks"_s, array},
                               {u"rejected"_s, notUploaded}};
        console::outRaw(QJsonDocument(root).toJson(QJsonDocument::Indented));
    } else {
        console::out(u"%1: %2, %3 s; sensitivity %4, min pause %5 ms, target %6 s, max %7 s"_s
                         .arg(args.first(), (*reader)->description(), seconds(duration))
                         .arg(vad.sensitivity)
                         .arg(chunking.minPauseMs)
                         .arg(chunking.targetChunkMs / 1000)
                         .arg(chunking.maxChunkMs / 1000));
        console::out(u"  #     start       end  duration  speech  cut"_s);
        double uploaded = 0.0;
        for (const AudioChunk& c : chunks) {
            uploaded += c.durationSeconds();
            console::out(u"%1 %2 %3 %4 %5%  %6"_s.arg(c.sequence, 3)
                             .arg(seconds(c.startSeconds()), 9)
                             .arg(seconds(c.endSeconds()), 9)
                             .arg(seconds(c.durationSeconds()), 9)
                             .arg(QString::number(c.speechRatio * 100.0, 'f', 0), 6)
                             .arg(QString::fromLatin1(chunkCutName(c.cut))));
        }
        for (const AudioChunk& c : rejected) {
            console::out(
                u"  -  %1 %2 %3   not uploaded: no voice (speech evidence %4)"_s.arg(seconds(c.startSeconds()), 9)
                    .arg(seconds(c.endSeconds()), 9)
                    .arg(seconds(c.durationSeconds()), 9)
                    .arg(c.speechEvidence, 0, 'f', 2));
        }
        console::out(
            u"%1 chunk(s), %2 s of %3 s uploaded"_s.arg(chunks.size()).arg(seconds(uploaded), seconds(duration)));
    }
    if (chunks.empty()) {
        console::err(rejected.empty()
                         ? u"utter segment: no speech found, so nothing would be uploaded. If there is speech, raise "
                           "--sensitivity (audio/vadSensitivity)."_s
                         : u"utter segment: only sound without a voice found (typing, music, a fan), so nothing would "
                           "be uploaded."_s);
        return ExitNothingToDo;
    }
    return ExitOk;
}

} // namespace utter
