#include "transcription.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

Result<Transcription> parseTranscription(const QByteArray& body, const QByteArray& contentType)
{
    const QByteArray trimmed = body.trimmed();
    const bool looksJson = contentType.contains("json") || trimmed.startsWith('{');
    Transcription out;
    if (!looksJson) {
        if (contentType.contains("html"))
            return Error(ErrorCode::ProviderError, u"an HTML page instead of a transcript"_s);
        out.text = QString::fromUtf8(trimmed);
        return out;
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error(ErrorCode::ProviderError, u"malformed JSON: %1"_s.arg(parseError.errorString()));
    const QJsonObject root = doc.object();
    if (!root.value(u"text"_s).isString())
        return Error(ErrorCode::ProviderError, u"no \"text\" field in the transcript"_s);
    out.text = root.value(u"text"_s).toString().trimmed();
    out.language = root.value(u"language"_s).toString();
    out.durationS = root.value(u"duration"_s).toDouble();
    out.providerRequestId = root.value(u"x_groq"_s).toObject().value(u"id"_s).toString();
    const QJsonArray segments = root.value(u"segments"_s).toArray();
    for (const QJsonValue& value : segments)
        out.segments << segmentFromJson(value.toObject());
    return out;
}

TranscriptSegment segmentFromJson(const QJsonObject& json)
{
    TranscriptSegment segment;
    segment.start = json.value(u"start"_s).toDouble();
    segment.end = json.value(u"end"_s).toDouble();
    segment.text = json.value(u"text"_s).toString();
    segment.noSpeechProb = json.value(u"no_speech_prob"_s).toDouble();
    segment.avgLogprob = json.value(u"avg_logprob"_s).toDouble();
    segment.compressionRatio = json.value(u"compression_ratio"_s).toDouble();
    return segment;
}

QJsonObject segmentToJson(const TranscriptSegment& segment)
{
    return QJsonObject{{u"start"_s, segment.start},
                       {u"end"_s, segment.end},
                       {u"text"_s, segment.text},
                       {u"no_speech_prob"_s, segment.noSpeechProb},
                       {u"avg_logprob"_s, segment.avgLogprob},
                       {u"compression_ratio"_s, segment.compressionRatio}};
}

} // namespace utter
