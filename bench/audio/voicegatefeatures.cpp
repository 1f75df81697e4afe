// What the voice gate sees (docs/audio.md, "Speech or not"): each chunk the chunker cuts from a recording (with the
// gate off), with its speech evidence and its features. For finding why a sound passes or a voice is held back.
//   voicegatefeatures [--live] [--sensitivity S | --sweep] [--target-ms MS] [--in-room] [--gated] FILE...
//                                                               any file sox can read
//   voicegatefeatures [--live] --typing-between [--digital | --gated]
//                                                               two sentences around 4 s of key clicks (testheldback)
//   voicegatefeatures [--live] --held-out-music                 benchaudio's held-out music on hold and renders
#include "voicegatedata.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using namespace utter::bench;
using utter::test::SpeechCorpus;

namespace
{

std::vector<std::int16_t> zerosOrRoom(int ms, bool digital, unsigned seed)
{
    std::vector<std::int16_t> out(std::size_t(ms) * 16, 0);
    if (!digital) {
        const std::vector<float> floor = SpeechCorpus::whiteNoise(out.size(), seed);
        for (std::size_t i = 0; i < out.size(); ++i)
            out[i] = std::int16_t(std::lrint(floor[i] * 20.0f)); // about -64 dBFS
    }
    return out;
}

// Speech, a pause, typing, a pause, speech (tests/pipeline/testheldback.cpp).
std::vector<std::int16_t> typingBetween(bool digital)
{
    std::vector<std::int16_t> typing;
    for (const SpeechCorpus::NonSpeech& f : SpeechCorpus::nonSpeechSuite(4 * 16000, 3, false))
        if (f.name == u"keys-mechanical-floor"_s)
            typing = f.pcm;
    std::vector<std::int16_t> pcm;
    const auto append = [&pcm](const std::vector<std::int16_t>& part) {
        pcm.insert(pcm.end(), part.begin(), part.end());
    };
    append(zerosOrRoom(300, digital, 1));
    append(SpeechCorpus::speak(SpeechCorpus::sentences().at(0)));
    append(zerosOrRoom(1200, digital, 2));
    append(typing);
    append(zerosOrRoom(1200, digital, 3));
    append(SpeechCorpus::speak(SpeechCorpus::sentences().at(1)));
    append(zerosOrRoom(300, digital, 4));
    return pcm;
}

struct Options
{
    bool live = false;
    double sensitivity = 0.5;
    int targetMs = ChunkerConfig{}.targetChunkMs;
    bool sweep = false; // every condition and step; only the chunks that pass
};

void printChunk(const GateChunk& c, const QString& where)
{
    std::printf("  %6.2f-%6.2f s%s  evidence %.3f%s\n", double(c.start) / SpeechCorpus::kRate,
                double(c.end) / SpeechCorpus::kRate, qPrintable(where), c.score,
                learnedRejects(c) ? "  held back" : "");
    for (std::size_t i = 0; i < kVoiceFeatureCount; ++i)
        std::printf("    %-15s %8.4f%s", voiceFeatureName(i), c.features[i], i % 4 == 3 ? "\n" : "");
    std::printf("\n");
}

void print(const QString& name, const std::vector<std::int16_t>& pcm, const Options& options)
{
    std::printf("%s: %.1f s\n", qPrintable(name), double(pcm.size()) / SpeechCorpus::kRate);
    ChunkerConfig config;
    config.noLeadIn = !options.live;
    config.targetChunkMs = options.targetMs;
    if (!options.sweep) {
        VadConfig vad;
        vad.sensitivity = options.sensitivity;
        for (const GateChunk& c : gateChunks(pcm, config, vad))
            printChunk(c, {});
        return;
    }
    // As benchaudio gate judges the real recordings: clean and in white noise at 20/10/5/0 dB, all 21 steps.
    unsigned seed = 900;
    for (const double snr : {100.0, 20.0, 10.0, 5.0, 0.0}) {
        const std::vector<std::int16_t> noisy = snr > 50 ? pcm : withNoise(pcm, snr, seed++, false);
        for (int step = 0; step <= 20; ++step) {
            VadConfig vad;
            vad.sensitivity = step * 0.05;
            for (const GateChunk& c : gateChunks(noisy, config, vad)) {
                if (c.estimated && !learnedRejects(c))
                    printChunk(
                        c,
                        u" %1 sensitivity %2"_s.arg(snr > 50 ? u"clean"_s : u"%1 dB"_s.arg(snr)).arg(vad.sensitivity));
            }
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"live"_s, u"Cut as a live microphone (lead-in kept)."_s});
    parser.addOption({u"sensitivity"_s, u"VAD sensitivity, 0..1."_s, u"S"_s, u"0.5"_s});
    parser.addOption({u"target-ms"_s, u"The chunk length to aim for (audio/targetChunkSeconds)."_s, u"MS"_s,
                      QString::number(ChunkerConfig{}.targetChunkMs)});
    parser.addOption({u"typing-between"_s, u"Two sentences around 4 s of key clicks."_s});
    parser.addOption({u"digital"_s, u"With --typing-between: exact zeros between, not a room's floor."_s});
    parser.addOption(
        {u"sweep"_s, u"Clean and in white noise at 20/10/5/0 dB, at all 21 steps: the chunks that pass."_s});
    parser.addOption({u"held-out-music"_s, u"The music on hold and fluidsynth renders benchaudio holds out."_s});
    parser.addOption({u"in-room"_s, u"Files as an open microphone hears them (benchaudio, testrealaudio)."_s});
    parser.addOption({u"room-seed"_s, u"With --in-room: the room noise's seed (default 1)."_s, u"N"_s, u"1"_s});
    parser.addOption({u"gated"_s, u"Files and --typing-between behind a noise gate (exact zeros between sounds)."_s});
    parser.addPositionalArgument(u"files"_s, u"Recordings to judge."_s);
    parser.process(app);
    Options options;
    options.live = parser.isSet(u"live"_s);
    options.sensitivity = parser.value(u"sensitivity"_s).toDouble();
    options.targetMs = parser.value(u"target-ms"_s).toInt();
    options.sweep = parser.isSet(u"sweep"_s);
    if (parser.isSet(u"typing-between"_s))
        print(u"typing between sentences"_s,
              parser.isSet(u"gated"_s) ? behindNoiseGate(typingBetween(false))
                                       : typingBetween(parser.isSet(u"digital"_s)),
              options);
    if (parser.isSet(u"held-out-music"_s)) {
        for (const Labelled& music : heldOutMusic())
            print(u"moh "_s + music.name, SpeechCorpus::inRoom(music.pcm, 1), options);
        for (const Labelled& render : instrumentRenders(1000, 8, false))
            print(render.name, SpeechCorpus::inRoom(render.pcm, 1), options);
    }
    for (const QString& file : parser.positionalArguments()) {
        std::vector<std::int16_t> pcm = SpeechCorpus::decode(file);
        if (parser.isSet(u"in-room"_s))
            pcm = SpeechCorpus::inRoom(pcm, parser.value(u"room-seed"_s).toUInt());
        if (parser.isSet(u"gated"_s))
            pcm = behindNoiseGate(pcm);
        print(file, pcm, options);
    }
    return 0;
}
