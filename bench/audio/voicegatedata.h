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
    double score = -1.0; // voiceScore(): AudioChunk::speechEvidence
    double glide = 0.0;  // the rule before: share of speech frames on gliding pitch tracks
    bool unclear = false;
};

// Cuts pcm with the gate off (every chunk kept) and returns each chunk with its gate features.
std::vector<GateChunk> gateChunks(const std::vector<std::int16_t>& pcm, ChunkerConfig config, const VadConfig& vad);

// Whether a gate would hold the chunk back: the learned model (today's Chunker) or the rule before it.
bool learnedRejects(const GateChunk& c, double minSpeechEvidence = ChunkerConfig{}.minSpeechEvidence);
bool ruleRejects(const GateChunk& c);

// A short sound as a microphone left open hears it: 1.5 s before, 1 s after, over a -60 dBFS pink room floor.
std::vector<std::int16_t> inRoom(const std::vector<std::int16_t>& sound, unsigned seed);
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
// Three sentences per voice with pauses, clean; texts rotate with the voice index.
std::vector<Labelled> trainingSpeech();

} // namespace utter::bench
