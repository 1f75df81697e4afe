#pragma once

#include "chunktranscript.h"
#include "history/heldback.h"

#include <QStringList>

namespace utter
{

struct HallucinationGuardConfig
{
    double maxNoSpeechProb = 0.6; // a segment above this AND below minAvgLogprob is dropped (Whisper's rule)
    double minAvgLogprob = -1.0;
    double lowSpeechRatio = 0.3; // below this share of speech frames the chunk gets the strict treatment
    // Below this voice score (AudioChunk::speechEvidence; the chunker's gate rejects below 0.11, or 0.05 in
    // heavy noise) the chunk barely passed as speech and gets the strict treatment.
    double lowSpeechEvidence = 0.35;
    // Strict treatment: a chunk's only segment, this short (words), with no_speech_prob above this, is dropped.
    int loneSentenceMaxWords = 4;
    double loneNoSpeechProb = 0.5;
    double maxCompressionRatio = 2.4; // Whisper's own threshold for a repetition loop (strict treatment)
    QStringList phantomPhrases = defaultPhantomPhrases();
    QStringList vocabulary; // the prompt sent to the transcriber; an output that only echoes it is dropped

    static QStringList defaultPhantomPhrases();
};

// What the guard made of one chunk: the text to type and what it removed, and why.
struct GuardVerdict
{
    QString text;
    QList<HeldBack> dropped; // Kind::NotTyped, with the chunk's (or segment's) place in the recording
};

// Removes what Whisper invents rather than hears (docs/pipeline.md, "The hallucination guard"):
// - always: segments Whisper itself marks silent (no_speech_prob > 0.6 and avg_logprob < -1), and output that
//   merely repeats the vocabulary prompt;
// - strictly, for a chunk with little evidence of a voice (speech evidence < 0.35 or speech frames < 30 %):
//   the stock phrases Whisper produces on noise ("Thank you.", "Thanks for watching!"), a lone short sentence
//   with no_speech_prob > 0.5, and repetition loops (compression_ratio > 2.4, or one phrase said over and over).
// Servers that answer plain json (no segments) are judged by the speech evidence and the text alone.
// Pure and deterministic: a resumed session is judged exactly like the live one.
class HallucinationGuard final
{
public:
    explicit HallucinationGuard(HallucinationGuardConfig config = {});

    GuardVerdict judge(const ChunkTranscript& chunk) const;
    // The chunk's text after filtering (may be empty): judge(chunk).text.
    QString clean(const ChunkTranscript& chunk) const { return judge(chunk).text; }
    // Whisper's own rule: a segment it marks as probably silent (high no_speech_prob, low avg_logprob).
    bool isSilentSegment(const TranscriptSegment& segment) const;
    // Whether the chunk gets the strict treatment.
    bool isWeakEvidence(const ChunkTranscript& chunk) const;

private:
    bool isPhantom(const QString& text) const;
    bool echoesPrompt(const QString& text) const;

    HallucinationGuardConfig m_config;
    QList<QStringList> m_phantoms; // normalised
    QStringList m_promptWords;     // normalised
};

// A phrase of 1–8 words repeated back to back at least `minRepeats` times covering all of `words` ("the the the
// the", "I'm going. I'm going. I'm going."): Whisper's loop on noise.
bool isRepetitionLoop(const QStringList& words, int minRepeats = 3);

} // namespace utter
