#include "hallucinationguard.h"

#include "textnormalize.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

QStringList HallucinationGuardConfig::defaultPhantomPhrases()
{
    // Stock phrases Whisper emits on silence or noise (from subtitle training data); matched whole, ignoring
    // case and punctuation, and only removed when the chunk held little speech.
    return {
        u"Thank you."_s,
        u"Thank you very much."_s,
        u"Thanks for watching!"_s,
        u"Thank you for watching."_s,
        u"Thank you for watching!"_s,
        u"Thanks for watching and see you next time."_s,
        u"Please subscribe."_s,
        u"Please like and subscribe."_s,
        u"Subtitles by the Amara.org community"_s,
        u"Subtitles by Amara.org"_s,
        u"Transcribed by https://otter.ai"_s,
        u"you"_s,
        u"Bye."_s,
        u"Bye bye."_s,
        u"Okay."_s,
        u"Hmm."_s,
        u"Music"_s,
        u"[Music]"_s,
        u"[BLANK_AUDIO]"_s,
        u"Untertitel der Amara.org-Community"_s,
        u"Sous-titrage Société Radio-Canada"_s,
        u"Merci."_s,
        u"Gracias."_s,
        u"Danke."_s,
    };
}

HallucinationGuard::HallucinationGuard(HallucinationGuardConfig config)
    : m_config(std::move(config))
{
    for (const QString& phrase : std::as_const(m_config.phantomPhrases)) {
        const QStringList words = normalizedWords(phrase);
        if (!words.isEmpty())
            m_phantoms.append(words);
    }
    for (const QString& term : std::as_const(m_config.vocabulary))
        m_promptWords += normalizedWords(term);
}

bool HallucinationGuard::isPhantom(const QString& text) const
{
    const QStringList words = normalizedWords(text);
    if (words.isEmpty())
        return true;
    for (const QStringList& phantom : m_phantoms) {
        if (phantom == words)
            return true;
    }
    // A run of the same phantom phrase ("Thank you. Thank you. Thank you.").
    for (const QStringList& phantom : m_phantoms) {
        if (words.size() % phantom.size() != 0 || words.size() == phantom.size())
            continue;
        bool repeated = true;
        for (qsizetype i = 0; i < words.size() && repeated; ++i)
            repeated = words.at(i) == phantom.at(i % phantom.size());
        if (repeated)
            return true;
    }
    return false;
}

bool HallucinationGuard::echoesPrompt(const QString& text) const
{
    if (m_promptWords.isEmpty())
        return false;
    const QStringList words = normalizedWords(text);
    if (words.size() < 2)
        return false;
    for (const QString& word : words) {
        if (!m_promptWords.contains(word))
            return false;
    }
    return true;
}

bool HallucinationGuard::isSilentSegment(const TranscriptSegment& segment) const
{
    return segment.noSpeechProb > m_config.maxNoSpeechProb && segment.avgLogprob < m_config.minAvgLogprob;
}

bool HallucinationGuard::isWeakEvidence(const ChunkTranscript& chunk) const
{
    return chunk.speechRatio < m_config.lowSpeechRatio ||
           (chunk.speechEvidence >= 0 && chunk.speechEvidence < m_config.lowSpeechEvidence);
}

bool isRepetitionLoop(const QStringList& words, int minRepeats)
{
    for (qsizetype period = 1; period <= 8 && period * minRepeats <= words.size(); ++period) {
        if (words.size() % period != 0)
            continue;
        bool repeated = true;
        for (qsizetype i = period; i < words.size() && repeated; ++i)
            repeated = words.at(i) == words.at(i - period);
        if (repeated)
            return true;
    }
    return false;
}

GuardVerdict HallucinationGuard::judge(const ChunkTranscript& chunk) const
{
    const bool strict = isWeakEvidence(chunk);
    GuardVerdict verdict;
    auto drop = [&](const QString& text, HeldBack::Reason reason, double startS, double endS, double noSpeechProb) {
        if (text.trimmed().isEmpty())
            return;
        HeldBack item;
        item.kind = HeldBack::Kind::NotTyped;
        item.reason = reason;
        item.startS = startS;
        item.endS = endS;
        item.speechEvidence = chunk.speechEvidence;
        item.noSpeechProb = noSpeechProb;
        item.text = text.trimmed();
        verdict.dropped.append(item);
    };
    // A segment's place in the recording: its times are in the uploaded audio, where long pauses may be shortened,
    // so it is clamped to the chunk.
    auto place = [&chunk](double t) {
        if (chunk.startS < 0)
            return -1.0;
        const double at = chunk.startS + std::max(0.0, t);
        return chunk.endS >= 0 ? std::min(at, chunk.endS) : at;
    };

    QString text;
    if (chunk.segments.isEmpty()) {
        text = chunk.text.trimmed();
    } else {
        const bool lone = chunk.segments.size() == 1;
        for (const TranscriptSegment& segment : chunk.segments) {
            const double start = place(segment.start);
            const double end = place(segment.end);
            if (isSilentSegment(segment)) {
                drop(segment.text, HeldBack::Reason::WhisperNoSpeech, start, end, segment.noSpeechProb);
                continue;
            }
            if (strict && isPhantom(segment.text)) {
                drop(segment.text, HeldBack::Reason::PhantomPhrase, start, end, segment.noSpeechProb);
                continue;
            }
            if (strict && lone && segment.noSpeechProb > m_config.loneNoSpeechProb &&
                normalizedWords(segment.text).size() <= m_config.loneSentenceMaxWords) {
                drop(segment.text, HeldBack::Reason::WhisperNoSpeech, start, end, segment.noSpeechProb);
                continue;
            }
            if (strict && (segment.compressionRatio > m_config.maxCompressionRatio ||
                           isRepetitionLoop(normalizedWords(segment.text)))) {
                drop(segment.text, HeldBack::Reason::RepetitionLoop, start, end, segment.noSpeechProb);
                continue;
            }
            text = joinTranscript(text, segment.text);
        }
    }
    if (text.isEmpty()) {
        verdict.text.clear();
    } else if (strict && isPhantom(text)) {
        drop(text, HeldBack::Reason::PhantomPhrase, chunk.startS, chunk.endS, -1);
    } else if (strict && isRepetitionLoop(normalizedWords(text))) {
        drop(text, HeldBack::Reason::RepetitionLoop, chunk.startS, chunk.endS, -1);
    } else if (echoesPrompt(text)) {
        drop(text, HeldBack::Reason::PromptEcho, chunk.startS, chunk.endS, -1);
    } else {
        verdict.text = text;
    }
    return verdict;
}

} // namespace utter
