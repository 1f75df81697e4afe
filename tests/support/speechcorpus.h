#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <utility>
#include <vector>

namespace utter::test
{

// Synthesized speech for audio tests and benchmarks: espeak-ng speaks, sox converts to 16 kHz mono s16.
// Nothing is committed as a fixture; everything is generated in the run.
class SpeechCorpus final
{
public:
    static constexpr int kRate = 16000;

    // Empty when espeak-ng and sox are on PATH, otherwise why not.
    static QString missingTools();

    // One utterance with espeak-ng's own leading and trailing silence removed. Empty on failure. A voice
    // "flite:NAME" speaks with Debian's flite instead (kal, awb, kal16, rms, slt: more natural prosody).
    static std::vector<std::int16_t> speak(const QString& text, const QString& voice = QStringLiteral("en-us"),
                                           int wordsPerMinute = 165);

    struct Span
    {
        std::int64_t start = 0;
        std::int64_t end = 0;
    };

    // Utterances separated by silences: leading silence, then text[i], pause[i], ... The spans are where each
    // utterance sits. pauseMs.size() must be texts.size() (the last is the trailing silence).
    struct Built
    {
        std::vector<std::int16_t> pcm;
        std::vector<Span> utterances;
    };
    static Built build(const QStringList& texts, const std::vector<int>& pauseMs, int leadingMs = 500,
                       const QString& voice = QStringLiteral("en-us"));

    // Babble: several voices reading different texts at once, normalised; length in samples.
    static std::vector<std::int16_t> babble(std::size_t length);
    static std::vector<float> whiteNoise(std::size_t length, unsigned seed);
    static std::vector<float> pinkNoise(std::size_t length, unsigned seed);
    // A -60 dBFS pink room floor (RMS) added to pcm.
    static void addRoomFloor(std::vector<std::int16_t>& pcm, unsigned seed);
    // A short sound as a microphone left open hears it: 1.5 s before, 1 s after, over a -60 dBFS pink room floor.
    static std::vector<std::int16_t> inRoom(const std::vector<std::int16_t>& sound, unsigned seed);

    // clean + noise scaled so that the speech-to-noise ratio (speech power measured over the active frames of
    // clean) is snrDb. Clipped to s16.
    static std::vector<std::int16_t> mix(const std::vector<std::int16_t>& clean, const std::vector<float>& noise,
                                         double snrDb, const std::vector<bool>& activeFrames, int frameSamples);

    // Frame labels from a clean signal: a frame is speech when its RMS is within 40 dB of the loudest frame
    // (and above -55 dBFS); gaps shorter than bridgeMs between speech frames count as speech (stop closures
    // and word joints are part of an utterance).
    static std::vector<bool> labelFrames(const std::vector<std::int16_t>& clean, int frameSamples, int bridgeMs = 200);

    static std::vector<float> toFloat(const std::vector<std::int16_t>& pcm);

    // Sample-level speech regions of a clean signal (labelFrames merged into spans).
    static std::vector<Span> speechSpans(const std::vector<std::int16_t>& clean, int frameSamples = 320,
                                         int bridgeMs = 200);

    // Texts for long corpora.
    static QStringList sentences();

    // Sounds that are not dictation, synthesized in code (the voices with espeak-ng): what a microphone left open
    // hears at a desk. `mustBeSilent` marks the ones no chunk may come from (typing, music, fans, hum); a TV voice
    // and babble are speech, reported but not judged. Deterministic for a seed; 16 kHz, `length` samples each.
    struct NonSpeech
    {
        QString name;
        QString kind; // typing, music, fan, hum, alert, voice
        bool mustBeSilent = true;
        std::vector<std::int16_t> pcm;
    };
    // Real recordings shipped by Debian packages, never used to train or tune the voice gate (docs/audio.md):
    // human speech (pocketsphinx-testdata, alsa-utils, sound-theme-freedesktop's audio-channel-*) and non-speech
    // (the other freedesktop sounds: chimes, beeps, a shutter; alsa-utils' Noise.wav). `missing` names the packages
    // whose files are not installed.
    struct RealFile
    {
        QString path;
        QString package;
        bool speech = false;
    };
    static std::vector<RealFile> realFiles(QStringList* missing = nullptr);
    // Any audio file sox reads (a .raw file is 16 kHz s16le mono), as 16 kHz mono s16. Empty on failure.
    static std::vector<std::int16_t> decode(const QString& path);
    // pcm through sox effects (`sox ... in out EFFECTS...`: reverb, highpass, ...). Empty on failure.
    static std::vector<std::int16_t> soxEffects(const std::vector<std::int16_t>& pcm, const QStringList& effects);
    // What `sox -n -r 16000 -c 1 ... synth ARGS...` makes (signals made independently of the generators below).
    static std::vector<std::int16_t> soxSynth(const QStringList& args);

    // withVoices = false leaves out the two voice files (the slow part: espeak-ng).
    static std::vector<NonSpeech> nonSpeechSuite(std::size_t length, unsigned seed = 1, bool withVoices = true);
};

} // namespace utter::test
