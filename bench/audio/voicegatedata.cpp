#include "voicegatedata.h"

#include <algorithm>
#include <cmath>
#include <map>

using namespace Qt::Literals::StringLiterals;
using utter::test::SpeechCorpus;

namespace utter::bench
{

namespace
{
constexpr double kRuleEvidence = 0.11; // the rule's thresholds (issue 17, first attempt)
constexpr double kRuleUnclearShare = 0.45;
constexpr float kUnclearSnrDb = 16.0f;
} // namespace

std::vector<GateChunk> gateChunks(const std::vector<std::int16_t>& pcm, ChunkerConfig config, const VadConfig& vad)
{
    config.minSpeechEvidence = 0.0;
    std::map<std::int64_t, VoiceFrame> frames;
    std::vector<AudioChunk> chunks;
    Chunker chunker(config, createVad(vad), [&chunks](AudioChunk&& c) { chunks.push_back(std::move(c)); });
    chunker.setFrameObserver([&frames](const ChunkerFrame& f) { frames[f.startSample] = voiceFrameOf(f.decision); });
    constexpr std::size_t kBlock = 320;
    for (std::size_t at = 0; at < pcm.size(); at += kBlock)
        chunker.feed(std::span<const std::int16_t>(pcm.data() + at, std::min(kBlock, pcm.size() - at)));
    chunker.end();
    std::vector<GateChunk> out;
    for (const AudioChunk& c : chunks) {
        GateChunk g;
        g.start = c.startSample;
        g.end = c.endSample;
        g.uploadedSeconds = c.uploadedSeconds();
        std::vector<VoiceFrame> inside;
        float peak = -1.0f;
        for (auto it = frames.lower_bound(c.startSample / 320 * 320); it != frames.end() && it->first < c.endSample;
             ++it) {
            inside.push_back(it->second);
            if (it->second.speech)
                peak = std::max(peak, it->second.snrDb);
        }
        g.estimated = voiceFeatures(inside, g.features);
        g.score = g.estimated ? voiceScore(g.features) : -1.0;
        g.glide = glideShare(inside);
        g.unclear = peak >= 0.0f && peak < kUnclearSnrDb;
        out.push_back(g);
    }
    return out;
}

bool learnedRejects(const GateChunk& c, double minSpeechEvidence)
{
    return c.estimated && c.score < minSpeechEvidence;
}

bool ruleRejects(const GateChunk& c)
{
    return c.estimated && c.glide < kRuleEvidence * (c.unclear ? kRuleUnclearShare : 1.0);
}

std::vector<std::int16_t> inRoom(const std::vector<std::int16_t>& sound, unsigned seed)
{
    std::vector<std::int16_t> pcm(std::size_t(1.5 * SpeechCorpus::kRate), 0);
    pcm.insert(pcm.end(), sound.begin(), sound.end());
    pcm.insert(pcm.end(), std::size_t(SpeechCorpus::kRate), 0);
    const std::vector<float> floor = SpeechCorpus::pinkNoise(pcm.size(), seed);
    double power = 0.0;
    for (const float f : floor)
        power += double(f) * f;
    const double gain = 32768.0 * std::pow(10.0, -60.0 / 20.0) / std::sqrt(power / double(floor.size()) + 1e-12);
    for (std::size_t i = 0; i < pcm.size(); ++i)
        pcm[i] = std::int16_t(std::clamp(std::lrint(pcm[i] + gain * floor[i]), -32768L, 32767L));
    return pcm;
}

std::vector<std::int16_t> withNoise(const std::vector<std::int16_t>& sound, double snrDb, unsigned seed, bool pink)
{
    const std::vector<float> noise =
        pink ? SpeechCorpus::pinkNoise(sound.size(), seed) : SpeechCorpus::whiteNoise(sound.size(), seed);
    return SpeechCorpus::mix(sound, noise, snrDb, SpeechCorpus::labelFrames(sound, 320), 320);
}

QStringList trainingVoices()
{
    return {u"en-us"_s, u"en-gb"_s, u"en-us+f3"_s,  u"en-gb+m4"_s,  u"en-us+m7"_s,    u"en-us+f2"_s,  u"de"_s,
            u"fr"_s,    u"es"_s,    u"flite:kal"_s, u"flite:awb"_s, u"flite:kal16"_s, u"flite:rms"_s, u"flite:slt"_s};
}

std::vector<Labelled> trainingSpeech()
{
    // Per voice: three sentences with pauses (dictation), and five short phrases 3.5 s apart over a -60 dBFS room
    // (commands, answers: what a real microphone catches most). Every other voice also through a small room and a
    // cheap microphone (sox reverb and band limits), as recordings sound.
    std::vector<Labelled> out;
    const QStringList texts = SpeechCorpus::sentences();
    const QStringList shortTexts{u"Yes, please."_s,
                                 u"Open the door."_s,
                                 u"Thank you very much."_s,
                                 u"Call my sister."_s,
                                 u"Forty two."_s,
                                 u"Next slide, please."_s,
                                 u"Stop."_s,
                                 u"Good morning, everyone."_s,
                                 u"Turn it off."_s,
                                 u"Send it now."_s,
                                 u"Nine five one."_s,
                                 u"Hello?"_s,
                                 u"What time is it?"_s};
    const QStringList voices = trainingVoices();
    const QStringList room{u"highpass"_s, u"120"_s, u"lowpass"_s, u"5500"_s, u"reverb"_s, u"35"_s, u"50"_s, u"60"_s};
    for (qsizetype v = 0; v < voices.size(); ++v) {
        const QStringList three{texts.at((v * 3) % texts.size()), texts.at((v * 3 + 1) % texts.size()),
                                texts.at((v * 3 + 2) % texts.size())};
        const SpeechCorpus::Built built = SpeechCorpus::build(three, {700, 1500, 600}, 800, voices.at(v));
        if (!built.pcm.empty()) {
            const auto spans = SpeechCorpus::speechSpans(built.pcm);
            out.push_back({voices.at(v), true, built.pcm, spans});
            if (v % 2 == 1) {
                std::vector<std::int16_t> wet = SpeechCorpus::soxEffects(built.pcm, room);
                wet.resize(built.pcm.size(), 0);
                out.push_back({voices.at(v) + u" room"_s, true, wet, spans});
            }
        }
        QStringList five;
        for (qsizetype t = 0; t < 5; ++t)
            five << shortTexts.at((v * 5 + t) % shortTexts.size());
        const SpeechCorpus::Built phrases = SpeechCorpus::build(five, std::vector<int>(5, 3500), 1500, voices.at(v));
        if (phrases.pcm.empty())
            continue;
        const auto spans = SpeechCorpus::speechSpans(phrases.pcm);
        std::vector<std::int16_t> pcm = phrases.pcm;
        if (v % 2 == 0) {
            pcm = SpeechCorpus::soxEffects(pcm, room);
            pcm.resize(phrases.pcm.size(), 0);
        }
        const std::vector<float> floor = SpeechCorpus::pinkNoise(pcm.size(), 300 + unsigned(v));
        double power = 0.0;
        for (const float f : floor)
            power += double(f) * f;
        const double gain = 32768.0 * std::pow(10.0, -60.0 / 20.0) / std::sqrt(power / double(floor.size()) + 1e-12);
        for (std::size_t i = 0; i < pcm.size(); ++i)
            pcm[i] = std::int16_t(std::clamp(std::lrint(pcm[i] + gain * floor[i]), -32768L, 32767L));
        out.push_back({voices.at(v) + u" phrases"_s, true, pcm, spans});
    }
    return out;
}

} // namespace utter::bench
