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
    // Below this voice score (AudioChunk::speechEvidence of the learned voice gate, which rejects below
    // ChunkerConfig::minSpeechEvidence = 0.5, so every uploaded chunk scores 0.5 or more) the chunk barely passed
    // as speech and gets the strict treatment. Measured on the gate's model of 2026-12-03 (chunks with the gate off,
    // sensitivities 0/0.5/1, the 30 real speech files testrealaudio uses, none of them seen in training):
    //   real speech, -60 dBFS room floor: min 0.768, p5 0.932, p10 0.953, median 0.998 (90 chunks; 2 below 0.9)
    //   real speech, -35 dBFS pink floor: min 0.942, p10 0.983, median 0.999 (90 chunks; none below 0.9)
    //   non-speech that passes the gate (desktop alerts, uploaded): quiet room 0.507–0.946, median 0.929 (19
    //   chunks, 9 below 0.9); pink floor 0.511–0.948, median 0.745 (16 chunks, 14 below 0.9)
    // 0.9 puts 23 of those 35 uploaded non-speech chunks (66 %) under the strict rules and 2 of 180 real speech
    // chunks (1 %). The lower decile of real speech (0.95) would catch 80 % of the non-speech but also 1 real speech
    // chunk in 20: the strict rules drop short lines and stock phrases, i.e. real words, so the lower bar wins.
    // Re-measure when the gate is retrained (core/vad/voicegatemodel.h).
    double lowSpeechEvidence = 0.9;
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
// - strictly, for a chunk with little evidence of a voice (speech evidence < 0.9 or speech frames < 30 %):
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
