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

QString HallucinationGuard::clean(const ChunkTranscript& chunk) const
{
    const bool lowSpeech = chunk.speechRatio < m_config.lowSpeechRatio;
    QString text;
    if (chunk.segments.isEmpty()) {
        text = chunk.text.trimmed();
    } else {
        for (const TranscriptSegment& segment : chunk.segments) {
            if (isSilentSegment(segment))
                continue;
            if (lowSpeech && isPhantom(segment.text))
                continue;
            text = joinTranscript(text, segment.text);
        }
    }
    if (lowSpeech && isPhantom(text))
        return {};
    if (echoesPrompt(text))
        return {};
    return text;
}

} // namespace utter
