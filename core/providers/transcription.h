#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace utter
{

// One segment of a verbose_json transcript; the quality fields let the pipeline drop text hallucinated on
// silence ("Thank you.").
struct TranscriptSegment
{
    double start = 0;
    double end = 0;
    QString text;
    double noSpeechProb = 0;
    double avgLogprob = 0;
    double compressionRatio = 0;
};

struct Transcription
{
    QString text;
    QString language;
    double durationS = 0;
    QList<TranscriptSegment> segments;
    QString providerRequestId; // x_groq.id when present
};

// One verbose_json segment object ({"start","end","text","no_speech_prob","avg_logprob","compression_ratio"}) and
// back: the provider's format, also how the journal stores segments.
TranscriptSegment segmentFromJson(const QJsonObject& json);
QJsonObject segmentToJson(const TranscriptSegment& segment);

// Parses an /audio/transcriptions answer: json ({"text"}), verbose_json (segments, language, duration) or text.
// Pure; a body that is neither gives an error.
Result<Transcription> parseTranscription(const QByteArray& body, const QByteArray& contentType);

} // namespace utter
