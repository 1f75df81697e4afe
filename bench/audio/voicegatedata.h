#pragma once

// The voice gate's data (docs/audio.md, "Speech or not"), shared by trainvoicegate (which fits the model) and
// benchaudio (which measures it): chunks cut with the gate off, each with its features, and the recipes of the
// training set (SpeechCorpus generators with training seeds only, espeak-ng and flite voices) and of the held-out
// real recordings.

#include "speechcorpus.h"
#include "vad/chunker.h"
#include "vad/voicegate.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace utter::bench
{

// A chunk as the chunker cut it, with what the gate sees.
struct GateChunk
{
    std::int64_t start = 0, end = 0;
    double uploadedSeconds = 0.0;
    bool estimated = false;
    VoiceFeatures features{};
    double score = -1.0;    // voiceScore(): AudioChunk::speechEvidence
    double previous = -1.0; // the model before this one (voicegatemodelbefore.h): its score, for the before/after table
    double glide = 0.0;     // the rule before: share of speech frames on gliding pitch tracks
    bool unclear = false;
};

// Cuts pcm with the gate off (every chunk kept) and returns each chunk with its gate features.
std::vector<GateChunk> gateChunks(const std::vector<std::int16_t>& pcm, ChunkerConfig config, const VadConfig& vad);

// Whether a gate would hold the chunk back: the learned model (today's Chunker) or the rule before it.
bool learnedRejects(const GateChunk& c, double minSpeechEvidence = ChunkerConfig{}.minSpeechEvidence);
bool ruleRejects(const GateChunk& c);
// Whether the previous model (round 2, which learned exact zeros as part of clean speech) would hold the chunk back.
bool previousRejects(const GateChunk& c, double minSpeechEvidence = ChunkerConfig{}.minSpeechEvidence);

// What a capture chain with a noise gate delivers: exact zeros wherever no 10 ms block peaked above -45 dBFS in the
// last 250 ms. Speech and non-speech both get such variants, so that exact zeros cannot stand for either.
std::vector<std::int16_t> behindNoiseGate(const std::vector<std::int16_t>& pcm);
// The sound with white or pink noise at snrDb (against the sound's own active frames).
std::vector<std::int16_t> withNoise(const std::vector<std::int16_t>& sound, double snrDb, unsigned seed, bool pink);

// A labelled training or evaluation stream.
struct Labelled
{
    QString name;
    bool speech = false;
    std::vector<std::int16_t> pcm;
    std::vector<test::SpeechCorpus::Span> spans; // where the speech is (speech streams)
};

// The voices the gate learns from: espeak-ng's and flite's.
QStringList trainingVoices();
// Per voice three sentences with pauses, clean, and five short phrases over a room (every other voice's also behind a
// noise gate); texts rotate with the voice index.
std::vector<Labelled> trainingSpeech();

// Real recordings from Debian packages, split by source (docs/audio.md, "Speech or not"). Training only: asterisk's
// prompts by four speakers (asterisk-core-sounds-{en,fr,it,ru}-wav: 8 kHz telephone band, resampled to 16 kHz), five
// per session 1.5-3.5 s apart, each session over a -60 dBFS room and with exact zeros between (a noise gate); the even
// music-on-hold tracks (asterisk-moh-opsound-wav, name order), as 20 s excerpts; every alert of the oxygen, yaru and
// deepin sound themes and asterisk's five non-speech prompts (tones, beeps, monkeys), as an open microphone hears it.
// Every other non-speech stream is band-limited to the telephone band (sinc -3900), as all the prompts are, so
// "band-limited" cannot stand for "speech".
std::vector<Labelled> realTrainingSpeech();
std::vector<Labelled> realTrainingNonSpeech();
// Held out (benchaudio only): 20 s excerpts of the odd music-on-hold tracks, full band.
std::vector<Labelled> heldOutMusic();
// Instruments of the General MIDI soundfont timgm6mb-soundfont, rendered by fluidsynth from MIDI written here: per
// seed a 12 s melody, chord progression, arpeggio over a bass line or drum pattern on one of 20 instruments (no
// voice patches), every other one band-limited to the telephone band. Training uses seeds 0-59; benchaudio holds out
// seeds 1000-1007. Empty when fluidsynth or the soundfont is missing.
std::vector<Labelled> instrumentRenders(unsigned firstSeed, int count, bool bandLimitOdd);
// The music-on-hold tracks, in name order: even indices train, odd ones are held out.
QStringList mohTracks();

} // namespace utter::bench
