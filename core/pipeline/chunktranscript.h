#pragma once

#include <QList>
#include <QString>

namespace utter
{

// One Whisper segment of a chunk's transcript, with the confidence figures verbose_json provides
// (NaN-free defaults mean "not reported": the guard then keeps the segment).
struct TranscriptSegment
{
    double start = 0;
    double end = 0;
    QString text;
    double noSpeechProb = 0;
    double avgLogprob = 0;
};

// What the transcriber returned for one chunk, plus what the chunker knew about it.
struct ChunkTranscript
{
    int sequence = 0;
    QString text;                      // the whole chunk's text as returned
    QList<TranscriptSegment> segments; // empty when the provider gives plain json/text
    double speechRatio = 1.0;          // share of the chunk's frames the VAD called speech
};

} // namespace utter
