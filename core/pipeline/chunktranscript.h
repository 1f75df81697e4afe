#pragma once

#include "providers/transcription.h"

#include <QList>
#include <QString>

namespace utter
{

// What the transcriber returned for one chunk, plus what the chunker knew about it. The segments are the
// provider's verbose_json segments (TranscriptSegment, with no_speech_prob and avg_logprob); they are empty when
// the provider answers plain json or text, and the guard then judges the chunk's text alone.
struct ChunkTranscript
{
    int sequence = 0;
    QString text;                      // the whole chunk's text as returned
    QList<TranscriptSegment> segments; // empty when the provider gives plain json/text
    double speechRatio = 1.0;          // share of the chunk's frames the VAD called speech
    double speechEvidence = -1.0;      // the chunk's voice score (AudioChunk::speechEvidence); < 0: not known
    double startS = -1;                // where the chunk lies in the recording, seconds; < 0: not known
    double endS = -1;
};

} // namespace utter
