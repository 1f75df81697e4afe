#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

namespace utter
{

// The response formats of OpenAI's transcription endpoint: json, text, verbose_json, srt, vtt.
const QStringList& transcriptFormats();

struct FormattedTranscript
{
    QByteArray contentType;
    QByteArray body;
};

// result: what DictationControl::transcribeFile answers ({text, raw, language, durationMs, segments:
// [{start, end, text, ...}], ...}). verbose_json follows OpenAI's shape (task, language, duration, text, segments
// with id/seek/start/end/text/tokens/temperature/avg_logprob/compression_ratio/no_speech_prob) and keeps Utter's
// own fields (raw, style, chunks, ...). srt and vtt are cues of the segments' spoken words, or one cue over the
// whole file when the provider gave no segments.
FormattedTranscript formatTranscript(const QJsonObject& result, const QString& format);

} // namespace utter
