#pragma once

#include "chunktranscript.h"

#include <QStringList>

namespace utter
{

struct HallucinationGuardConfig
{
    double maxNoSpeechProb = 0.6; // a segment above this AND below minAvgLogprob is dropped (Whisper's rule)
    double minAvgLogprob = -1.0;
    double lowSpeechRatio = 0.3; // below this, known phantom phrases are removed from the chunk
    QStringList phantomPhrases = defaultPhantomPhrases();
    QStringList vocabulary; // the prompt sent to the transcriber; an output that only echoes it is dropped

    static QStringList defaultPhantomPhrases();
};

// Removes what Whisper invents rather than hears: segments it marks as probably silent, the stock phrases it
// produces on near-silence ("Thank you.", "Thanks for watching!"), and output that merely repeats the
// vocabulary prompt. Pure and deterministic.
class HallucinationGuard final
{
public:
    explicit HallucinationGuard(HallucinationGuardConfig config = {});

    // The chunk's text after filtering (may be empty).
    QString clean(const ChunkTranscript& chunk) const;
    // Whisper's own rule: a segment it marks as probably silent (high no_speech_prob, low avg_logprob).
    bool isSilentSegment(const TranscriptSegment& segment) const;

private:
    bool isPhantom(const QString& text) const;
    bool echoesPrompt(const QString& text) const;

    HallucinationGuardConfig m_config;
    QList<QStringList> m_phantoms; // normalised
    QStringList m_promptWords;     // normalised
};

} // namespace utter
