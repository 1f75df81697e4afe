#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace utter
{

// Something of a dictation that Utter held back instead of uploading or typing it (docs/storage.md, "What Utter
// holds back"): a stretch of sound without a voice that was not uploaded, or text the hallucination guard removed.
// Kept with the history entry (its held_back column) and reported by `utter transcribe` for files.
struct HeldBack
{
    enum class Kind
    {
        NotUploaded, // sound without a voice (the chunker's voice gate): never sent to the provider
        NotTyped,    // the provider returned text that the hallucination guard dropped
    };
    enum class Reason
    {
        NoVoice,         // NotUploaded: the chunk's speech evidence was below the gate
        WhisperNoSpeech, // Whisper marked the segment silent (no_speech_prob), or a lone short line on weak evidence
        PhantomPhrase,   // a stock phrase Whisper invents on noise ("Thank you."), from a chunk with little speech
        PromptEcho,      // the text only repeats the vocabulary prompt
        RepetitionLoop,  // the same words over and over (Whisper's compression_ratio, or the text itself)
    };

    Kind kind = Kind::NotTyped;
    Reason reason = Reason::PhantomPhrase;
    double startS = -1;         // where it lies in the dictation's recording, seconds; < 0: not known
    double endS = -1;           //
    double speechEvidence = -1; // the chunk's voice score (AudioChunk::speechEvidence); < 0: not estimated
    double noSpeechProb = -1;   // Whisper's no_speech_prob of the segment; < 0: the server gave none
    QString text;               // NotTyped: the text that was dropped (a transcript: debug-level logs only)

    static QString reasonName(Reason reason); // "no-voice", "whisper-no-speech", "phantom-phrase", ...
    // The reason in words for the user: "no voice", "Whisper: no speech (p=0.93)", "phantom phrase", ...
    QString describe() const;
    QJsonObject toJson() const;
    static HeldBack fromJson(const QJsonObject& json);
};

QJsonArray heldBackToJson(const QList<HeldBack>& items);
QList<HeldBack> heldBackFromJson(const QJsonArray& array);

// "0:03" for 3.4 s, "1:02:07" past an hour.
QString formatClock(double seconds);

// One line per kind for people, empty when nothing was held back:
//   "Not uploaded: 2 sounds without a voice, 0:03–0:07, 0:12–0:20"
//   "Not typed: “Thank you.” (Whisper: no speech (p=0.93))"
// Untranslated (the CLI's stderr and logs); the History window builds its own through tr().
QStringList describeHeldBack(const QList<HeldBack>& items);

} // namespace utter
