// The audio engine's quality and speed (issue 3), each against a baseline measured in the same run:
//   1. VAD quality: frame-level precision/recall/F1 of EnergyVad against WebRtcVad (as createVad() builds it) on
//      espeak-ng speech with pauses, mixed with white, pink and babble noise at 20/10/5/0 dB; the ground truth is
//      SpeechCorpus::labelFrames on the clean signal;
//   2. Chunker boundaries: the share of chunk boundaries that fall inside true pauses (outside
//      SpeechCorpus::speechSpans), and sample accounting (every speech sample in exactly one chunk), per SNR,
//      with the WebRTC baseline driving the same Chunker, on the corpus and on a held-out one (2b); and
//      EnergyVad's sensitivity setting at 0 dB;
//   3. throughput of VAD + Chunker alone and with each chunk encoded as Ogg Opus (SILK and CELT at complexity
//      10, 5, 0, and libopusenc, the encoder used before, as the baseline), as × real time (CPU time, best of
//      several runs), and Opus bytes against WAV bytes;
//   3b. fidelity of each encoder: the distance between the original's and the decoded audio's Whisper log-Mel
//      features, on clean speech and with pink noise at 30 and 10 dB, against adding noise as the reference.
//   2f. the voice gate, learned model against the round-2 model it replaced, on training seeds, held-out seeds and
//      real recordings from Debian packages (pocketsphinx-testdata, alsa-utils, sound-theme-freedesktop, the odd
//      asterisk music-on-hold tracks), held-out fluidsynth renders and sox signals.
// Prints numbers and ratios; asserts nothing. Needs espeak-ng, flite and sox.
//   benchaudio          (everything, ~9 min)
//   benchaudio gate     (only section 2f, ~3 min)
#include "audio/audioconfig.h"
#include "codec/oggopus.h"
#include "codec/wavfile.h"
#include "logmel.h"
#include "oggopus.h" // the provider double's libopusenc helpers: the old encoder, as the baseline
#include "settings/settings.h"
#include "speechcorpus.h"
#include "vad/chunker.h"
#include "vad/energyvad.h"
#include "voicegatedata.h"
#ifdef UTTER_HAVE_WEBRTC_VAD
#include "webrtcvad.h"
#endif

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <string_view>
#include <tuple>
#include <vector>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using utter::test::SpeechCorpus;

namespace
{

constexpr int kFrame = 320; // 20 ms at 16 kHz, the VAD frame of both detectors
constexpr std::array<double, 4> kSnrs{20.0, 10.0, 5.0, 0.0};

#ifdef UTTER_HAVE_WEBRTC_VAD
// The WebRTC baseline. WebRtcVad as createVad() builds it (20 ms frames) asks the APM for 20 ms VAD frames but
// feeds it 10 ms blocks, and libwebrtc-audio-processing 0.3 then decides unreliably (on this corpus: voice on
// every frame, digital silence included; measured below). So the baseline runs WebRtcVad on 10 ms frames, two
// per 20 ms frame, speech when either is: what WebRtcVad means to do, with the likelihood the default
// sensitivity maps to.
class WebRtcBaseline final : public VadBackend
{
public:
    WebRtcBaseline()
        : m_vad(tenMs())
    {}
    std::string name() const override { return "webrtc"; }
    int sampleRate() const override { return m_vad.sampleRate(); }
    std::size_t frameSamples() const override { return 2 * m_vad.frameSamples(); }
    VadDecision process(std::span<const std::int16_t> frame) override
    {
        VadDecision decision;
        decision.levelDbfs = levelDbfs(frame);
        const std::size_t half = m_vad.frameSamples();
        decision.speech = m_vad.process(frame.first(half)).speech;
        decision.speech = m_vad.process(frame.subspan(half, half)).speech || decision.speech;
        decision.probability = decision.speech ? 1.0f : 0.0f;
        return decision;
    }
    void reset() override { m_vad.reset(); }

private:
    static VadConfig tenMs()
    {
        VadConfig config;
        config.kind = VadKind::WebRtc;
        config.frameMs = 10;
        return config;
    }
    WebRtcVad m_vad;
};
#endif

// Utter's detector, or the WebRTC baseline (EnergyVad again when WebRTC is not built in).
std::unique_ptr<VadBackend> makeVad(VadKind kind)
{
#ifdef UTTER_HAVE_WEBRTC_VAD
    if (kind == VadKind::WebRtc)
        return std::make_unique<WebRtcBaseline>();
#endif
    VadConfig config;
    config.kind = kind;
    return createVad(config);
}

struct Score
{
    int tp = 0, fp = 0, fn = 0;
    double precision() const { return tp + fp > 0 ? double(tp) / (tp + fp) : 0.0; }
    double recall() const { return tp + fn > 0 ? double(tp) / (tp + fn) : 0.0; }
    double f1() const
    {
        const double p = precision(), r = recall();
        return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    }
};

Score scoreVad(VadBackend& vad, const std::vector<std::int16_t>& pcm, const std::vector<bool>& labels)
{
    Score s;
    const std::size_t n = vad.frameSamples();
    for (std::size_t f = 0; f < labels.size() && (f + 1) * n <= pcm.size(); ++f) {
        const bool said = vad.process(std::span<const std::int16_t>(pcm.data() + f * n, n)).speech;
        s.tp += said && labels[f] ? 1 : 0;
        s.fp += said && !labels[f] ? 1 : 0;
        s.fn += !said && labels[f] ? 1 : 0;
    }
    return s;
}

struct ChunkStats
{
    int chunks = 0;
    int boundaries = 0; // chunk starts and ends, except the end of a chunk closed by end() (the key release)
    int inPause = 0;    // boundaries outside every true speech span
    std::int64_t speech = 0, once = 0, missed = 0, repeated = 0; // speech samples by how many chunks hold them

    void add(const ChunkStats& o)
    {
        chunks += o.chunks;
        boundaries += o.boundaries;
        inPause += o.inPause;
        speech += o.speech;
        once += o.once;
        missed += o.missed;
        repeated += o.repeated;
    }
    double pauseShare() const { return boundaries > 0 ? double(inPause) / boundaries : 1.0; }
    double onceShare() const { return speech > 0 ? double(once) / double(speech) : 0.0; }
};

std::vector<AudioChunk> runChunker(const std::vector<std::int16_t>& pcm, const ChunkerConfig& config,
                                   std::unique_ptr<VadBackend> vad)
{
    std::vector<AudioChunk> chunks;
    Chunker chunker(config, std::move(vad), [&chunks](AudioChunk&& c) { chunks.push_back(std::move(c)); });
    for (std::size_t at = 0; at < pcm.size(); at += kFrame)
        chunker.feed(std::span<const std::int16_t>(pcm.data() + at, std::min<std::size_t>(kFrame, pcm.size() - at)));
    chunker.end();
    return chunks;
}

ChunkStats chunkStats(const std::vector<std::int16_t>& pcm, const std::vector<SpeechCorpus::Span>& spans,
                      const std::vector<AudioChunk>& chunks)
{
    ChunkStats s;
    s.chunks = int(chunks.size());
    const auto inSpeech = [&spans](std::int64_t at) {
        return std::any_of(spans.begin(), spans.end(),
                           [at](const SpeechCorpus::Span& sp) { return sp.start < at && at < sp.end; });
    };
    std::vector<std::uint8_t> covered(pcm.size(), 0);
    for (const AudioChunk& c : chunks) {
        ++s.boundaries;
        s.inPause += inSpeech(c.startSample) ? 0 : 1;
        if (c.cut != ChunkCut::End) {
            ++s.boundaries;
            s.inPause += inSpeech(c.endSample) ? 0 : 1;
        }
        for (std::int64_t i = c.startSample; i < c.endSample; ++i)
            covered[std::size_t(i)] = std::uint8_t(std::min(covered[std::size_t(i)] + 1, 2));
    }
    for (const SpeechCorpus::Span& sp : spans) {
        for (std::int64_t i = sp.start; i < sp.end && i < std::int64_t(pcm.size()); ++i) {
            ++s.speech;
            const int n = covered[std::size_t(i)];
            s.once += n == 1 ? 1 : 0;
            s.missed += n == 0 ? 1 : 0;
            s.repeated += n > 1 ? 1 : 0;
        }
    }
    return s;
}

// The corpus clean and mixed with each noise at each SNR.
struct Condition
{
    const char* noise;
    double snr;
    std::vector<std::int16_t> pcm;
};

std::vector<Condition> mixConditions(const std::vector<std::int16_t>& clean, const std::vector<bool>& labels,
                                     unsigned whiteSeed, unsigned pinkSeed)
{
    const std::array<std::pair<const char*, std::vector<float>>, 3> noises{{
        {"white", SpeechCorpus::whiteNoise(clean.size(), whiteSeed)},
        {"pink", SpeechCorpus::pinkNoise(clean.size(), pinkSeed)},
        {"babble", SpeechCorpus::toFloat(SpeechCorpus::babble(clean.size()))},
    }};
    std::vector<Condition> conditions;
    conditions.push_back({"clean", 99.0, clean});
    for (const auto& [name, samples] : noises) {
        for (const double snr : kSnrs)
            conditions.push_back({name, snr, SpeechCorpus::mix(clean, samples, snr, labels, kFrame)});
    }
    return conditions;
}

double pct(std::int64_t part, std::int64_t whole)
{
    return 100.0 * double(part) / double(std::max<std::int64_t>(whole, 1));
}

// Section 2's table for one corpus: per SNR and chunker config, Utter's detector and the baseline driving the
// same Chunker. Returns whether the baseline ever found speech everywhere (one chunk per recording).
bool printBoundaries(const std::vector<Condition>& conditions, const std::vector<SpeechCorpus::Span>& spans)
{
    ChunkerConfig everyPause;
    everyPause.targetChunkMs = 0; // a cut in every pause of at least minPauseMs
    const ChunkerConfig defaults;
    std::printf("%-7s %-11s | %6s %6s %8s %7s %7s | %6s %6s %8s %7s %7s | %s\n", "SNR", "config", "E chk", "bound",
                "in pause", "once", "missed", "W chk", "bound", "in pause", "once", "missed", "in-pause E/W");
    bool trivialBaseline = false;
    for (const double snr : {99.0, 20.0, 10.0, 5.0, 0.0}) {
        for (const auto& [configName, config] :
             {std::pair<const char*, ChunkerConfig>{"every pause", everyPause}, {"default", defaults}}) {
            ChunkStats e, w;
            std::vector<std::pair<const char*, ChunkStats>> perNoise;
            int conditionCount = 0;
            for (const Condition& c : conditions) {
                if (c.snr != snr)
                    continue;
                ++conditionCount;
                const ChunkStats one = chunkStats(c.pcm, spans, runChunker(c.pcm, config, makeVad(VadKind::Energy)));
                e.add(one);
                perNoise.emplace_back(c.noise, one);
                w.add(chunkStats(c.pcm, spans, runChunker(c.pcm, config, makeVad(VadKind::WebRtc))));
            }
            trivialBaseline = trivialBaseline || w.chunks == conditionCount;
            std::printf("%-7s %-11s | %6d %6d %7.1f%% %6.1f%% %6.2f%% | %6d %6d %7.1f%% %6.1f%% %6.2f%% | %5.2f%s\n",
                        snr > 50 ? "clean" : qPrintable(QString::number(snr, 'f', 0) + u" dB"_s), configName, e.chunks,
                        e.boundaries, 100.0 * e.pauseShare(), 100.0 * e.onceShare(), pct(e.missed, e.speech), w.chunks,
                        w.boundaries, 100.0 * w.pauseShare(), 100.0 * w.onceShare(), pct(w.missed, w.speech),
                        w.pauseShare() > 0 ? e.pauseShare() / w.pauseShare() : 0.0,
                        w.chunks == conditionCount ? " *" : "");
            if (e.pauseShare() < 0.95 && perNoise.size() > 1) {
                for (const auto& [noise, one] : perNoise)
                    std::printf("  %-16s |   %4d %6d %7.1f%% %6.1f%% %6.2f%% |\n", noise, one.chunks, one.boundaries,
                                100.0 * one.pauseShare(), 100.0 * one.onceShare(), pct(one.missed, one.speech));
            }
            if (e.repeated + w.repeated > 0)
                std::printf("        !! %lld speech samples in more than one chunk\n",
                            static_cast<long long>(e.repeated + w.repeated));
        }
    }
    return trivialBaseline;
}

// Section 2e: every audio/minPauseMs the settings accept (300–5000; sampled every 50 ms up to 600, then 1000 and
// 5000), with the default target: speech samples missed, boundaries inside speech, and chunks rejected as voiceless.
void printMinPauseSweep(const char* corpusName, const std::vector<Condition>& conditions,
                        const std::vector<SpeechCorpus::Span>& spans)
{
    std::printf("%-10s", corpusName);
    for (const int minPause : {300, 350, 400, 450, 500, 550, 600, 1000, 5000}) {
        ChunkerConfig config;
        config.minPauseMs = minPause;
        ChunkStats all;
        int rejected = 0;
        for (const Condition& c : conditions) {
            std::vector<AudioChunk> chunks;
            Chunker chunker(config, makeVad(VadKind::Energy), [&](AudioChunk&& a) { chunks.push_back(std::move(a)); });
            chunker.setRejectObserver([&rejected](const AudioChunk&) { ++rejected; });
            for (std::size_t at = 0; at < c.pcm.size(); at += kFrame)
                chunker.feed(
                    std::span<const std::int16_t>(c.pcm.data() + at, std::min<std::size_t>(kFrame, c.pcm.size() - at)));
            chunker.end();
            all.add(chunkStats(c.pcm, spans, chunks));
        }
        std::printf(" | %4d: %5.2f%% %2d %d", minPause, pct(all.missed, all.speech), all.boundaries - all.inPause,
                    rejected);
    }
    std::printf("\n");
}

// Section 2f: the voice gate (docs/audio.md, "Speech or not"), the learned model ("after") against the round-2 model
// it replaced ("before": bench/audio/voicegatemodelbefore.h, which learned exact zeros as part of clean speech), both
// judging the same chunks (cut once with the gate off). Non-speech: SpeechCorpus recipes with training seeds (100-104),
// held-out seeds 1-8 and the old tuning seed 17; real recordings from Debian packages, never used to train or tune,
// each as an open microphone hears it (1.5 s before, 1 s after, a -60 dBFS room), clean, behind a noise gate (exact
// zeros between sounds) and in white noise at 20/10/5/0 dB, with 20 s excerpts of the music-on-hold tracks left out of
// training and fluidsynth renders with held-out seeds; and signals made with sox. Every run at all 21 UI sensitivity
// steps, file mode for the 30 s suite, live mode for the real files.
void printVoiceGate()
{
    std::vector<double> steps;
    for (int i = 0; i <= 20; ++i)
        steps.push_back(i * 0.05);
    struct Tally
    {
        int chunks = 0, rejected = 0, runs = 0, runsWithChunks = 0, defaultChunks = 0;
        double seconds = 0.0, rejectedSeconds = 0.0;
    };
    // One stream at every step: what each gate uploads and rejects.
    const auto judge = [&](const std::vector<std::int16_t>& pcm, bool file, Tally& before, Tally& after) {
        ChunkerConfig config;
        config.noLeadIn = file;
        for (const double sensitivity : steps) {
            VadConfig vad;
            vad.sensitivity = sensitivity;
            int nBefore = 0, nAfter = 0;
            for (const bench::GateChunk& c : bench::gateChunks(pcm, config, vad)) {
                const bool isDefault = std::abs(sensitivity - 0.5) < 1e-9;
                for (auto [tally, rejects, n] :
                     {std::tuple<Tally*, bool, int*>{&before, bench::previousRejects(c), &nBefore},
                      std::tuple<Tally*, bool, int*>{&after, bench::learnedRejects(c), &nAfter}}) {
                    if (rejects) {
                        ++tally->rejected;
                        tally->rejectedSeconds += c.uploadedSeconds;
                    } else {
                        ++tally->chunks;
                        ++*n;
                        tally->seconds += c.uploadedSeconds;
                        tally->defaultChunks += isDefault ? 1 : 0;
                    }
                }
            }
            ++before.runs;
            ++after.runs;
            before.runsWithChunks += nBefore > 0 ? 1 : 0;
            after.runsWithChunks += nAfter > 0 ? 1 : 0;
        }
    };
    std::printf("\n2f. Voice gate: learned model (after) against the round-2 model (before), same chunks; chunks / "
                "seconds uploaded over all 21 steps, [file-steps with a chunk], "
                "(chunks at 0.5)\n");
    std::printf("%-22s | %-31s | %-31s | %-31s\n", "file (30 s, file mode)", "training seeds 100-104",
                "held-out seeds 1-8", "old tuning seed 17");
    std::printf("%-22s | %15s %15s | %15s %15s | %15s %15s\n", "", "before", "after", "before", "after", "before",
                "after");
    const std::size_t thirty = 30 * std::size_t(SpeechCorpus::kRate);
    std::vector<std::pair<QString, std::vector<std::vector<SpeechCorpus::NonSpeech>>>> groups;
    std::vector<std::vector<unsigned>> seedGroups{{100, 101, 102, 103, 104}, {1, 2, 3, 4, 5, 6, 7, 8}, {17}};
    std::vector<std::vector<std::vector<SpeechCorpus::NonSpeech>>> suites;
    for (const auto& seeds : seedGroups) {
        suites.emplace_back();
        for (const unsigned seed : seeds)
            suites.back().push_back(SpeechCorpus::nonSpeechSuite(thirty, seed, false));
    }
    std::array<Tally, 6> totals{};
    for (std::size_t f = 0; f < suites.front().front().size(); ++f) {
        std::printf("%-22s", qPrintable(suites.front().front()[f].name));
        for (std::size_t g = 0; g < suites.size(); ++g) {
            Tally before, after;
            for (const auto& suite : suites[g])
                judge(suite[f].pcm, true, before, after);
            for (const auto& [t, total] : {std::pair<const Tally*, Tally*>{&before, &totals[g * 2]},
                                           std::pair<const Tally*, Tally*>{&after, &totals[g * 2 + 1]}}) {
                total->chunks += t->chunks;
                total->seconds += t->seconds;
                total->runsWithChunks += t->runsWithChunks;
                total->runs += t->runs;
                total->defaultChunks += t->defaultChunks;
                std::printf(" | %3d %5.0fs [%3d]", t->chunks, t->seconds, t->runsWithChunks);
            }
        }
        std::printf("\n");
    }
    std::printf("%-22s", "all");
    for (const Tally& t : totals)
        std::printf(" | %3d %5.0fs [%3d]", t.chunks, t.seconds, t.runsWithChunks);
    std::printf("\n%-22s", "  of file-steps, at 0.5");
    for (const Tally& t : totals)
        std::printf(" | %8d (%3d)  ", t.runs, t.defaultChunks);
    std::printf("\n");

    // Real recordings and sox signals.
    QStringList missing;
    std::vector<SpeechCorpus::RealFile> files = SpeechCorpus::realFiles(&missing);
    if (!missing.isEmpty())
        std::printf("real recordings missing (install %s)\n", qPrintable(missing.join(u' ')));
    struct Item
    {
        QString name;
        bool speech;
        std::vector<std::int16_t> pcm;
    };
    std::vector<Item> items;
    for (const SpeechCorpus::RealFile& f : files)
        items.push_back({f.path.section(u'/', -1), f.speech, SpeechCorpus::decode(f.path)});
    const std::vector<std::pair<QString, QStringList>> soxMade{
        {u"sox-pluck-melody"_s,
         {u"0.4"_s, u"pluck"_s, u"C4"_s, u"gain"_s, u"-12"_s, u"pad"_s, u"0"_s, u"0.1"_s, u"repeat"_s, u"1"_s, u":"_s,
          u"synth"_s, u"0.4"_s, u"pluck"_s, u"E4"_s, u"gain"_s, u"-12"_s}},
        {u"sox-pluck-chord"_s,
         {u"3"_s, u"pluck"_s, u"G3"_s, u"pluck"_s, u"B3"_s, u"pluck"_s, u"D4"_s, u"gain"_s, u"-6"_s}},
        {u"sox-sine-glide"_s, {u"3"_s, u"sine"_s, u"200-400"_s, u"gain"_s, u"-15"_s}},
        {u"sox-sine-vibrato"_s, {u"3"_s, u"sine"_s, u"220"_s, u"tremolo"_s, u"5"_s, u"60"_s, u"gain"_s, u"-15"_s}},
        {u"sox-brown-tremolo"_s, {u"6"_s, u"brownnoise"_s, u"tremolo"_s, u"0.7"_s, u"80"_s, u"gain"_s, u"-20"_s}},
        {u"sox-pink-tremolo-4hz"_s, {u"6"_s, u"pinknoise"_s, u"tremolo"_s, u"4"_s, u"90"_s, u"gain"_s, u"-25"_s}},
        {u"sox-square-beeps"_s, {u"3"_s, u"square"_s, u"880"_s, u"tremolo"_s, u"3"_s, u"100"_s, u"gain"_s, u"-25"_s}},
    };
    for (const auto& [name, args] : soxMade)
        items.push_back({name, false, SpeechCorpus::soxSynth(args)});
    // Music on hold: the odd tracks, never trained on (the even ones are).
    const std::vector<bench::Labelled> music = bench::heldOutMusic();
    if (music.empty())
        std::printf("music on hold missing (install asterisk-moh-opsound-wav)\n");
    for (const bench::Labelled& m : music)
        items.push_back({u"moh "_s + m.name, false, m.pcm});
    // Instruments rendered by fluidsynth with seeds never trained on (the soundfont is the training one's).
    for (const bench::Labelled& m : bench::instrumentRenders(1000, 8, false))
        items.push_back({m.name, false, m.pcm});
    std::printf("\nreal recordings (held out) and sox signals, live mode, each clean, behind a noise gate and in white "
                "noise at "
                "20/10/5/0 dB, "
                "21 steps\n%-44s %-6s | %-34s | %-34s\n",
                "file", "kind", "before: kept/rejected chunks, s", "after: kept/rejected chunks, s");
    Tally speechBefore, speechAfter, noiseBefore, noiseAfter;
    int speechRunsLostBefore = 0, speechRunsLostAfter = 0, speechRuns = 0;
    unsigned seed = 500;
    for (const Item& item : items) {
        if (item.pcm.empty()) {
            std::printf("%-44s could not be decoded\n", qPrintable(item.name));
            continue;
        }
        Tally before, after;
        QString lostWhere, lostWhereBefore; // speech chunks rejected, per condition
        const std::vector<std::int16_t> room = SpeechCorpus::inRoom(item.pcm, seed++);
        // snr 100: clean; -1: clean behind a noise gate (exact zeros between sounds).
        for (const double snr : {100.0, -1.0, 20.0, 10.0, 5.0, 0.0}) {
            const std::vector<std::int16_t> pcm = snr > 50  ? room
                                                  : snr < 0 ? bench::behindNoiseGate(room)
                                                            : bench::withNoise(room, snr, seed++, false);
            const QString condition = snr > 50 ? u"clean"_s : snr < 0 ? u"gated"_s : u"%1dB"_s.arg(snr);
            const int rejectedBefore = before.rejected, rejectedAfter = after.rejected;
            const int runsBefore = before.runsWithChunks, runsAfter = after.runsWithChunks;
            judge(pcm, false, before, after);
            if (item.speech && after.rejected > rejectedAfter)
                lostWhere += u" %1:%2"_s.arg(condition).arg(after.rejected - rejectedAfter);
            if (item.speech && before.rejected > rejectedBefore)
                lostWhereBefore += u" %1:%2"_s.arg(condition).arg(before.rejected - rejectedBefore);
            if (item.speech) {
                speechRuns += 21;
                // A run loses speech when a chunk was rejected (per condition: at how many steps is not split out).
                speechRunsLostBefore += before.rejected > rejectedBefore ? 1 : 0;
                speechRunsLostAfter += after.rejected > rejectedAfter ? 1 : 0;
            }
            (void)runsBefore;
            (void)runsAfter;
        }
        Tally& b = item.speech ? speechBefore : noiseBefore;
        Tally& a = item.speech ? speechAfter : noiseAfter;
        for (const auto& [from, to] :
             {std::pair<const Tally*, Tally*>{&before, &b}, std::pair<const Tally*, Tally*>{&after, &a}}) {
            to->chunks += from->chunks;
            to->rejected += from->rejected;
            to->seconds += from->seconds;
            to->rejectedSeconds += from->rejectedSeconds;
            to->runs += from->runs;
            to->runsWithChunks += from->runsWithChunks;
        }
        std::printf("%-44s %-6s | %4d/%-4d %6.1f/%-6.1f s [%3d] | %4d/%-4d %6.1f/%-6.1f s [%3d]%s\n",
                    qPrintable(item.name.left(44)), item.speech ? "speech" : "other", before.chunks, before.rejected,
                    before.seconds, before.rejectedSeconds, before.runsWithChunks, after.chunks, after.rejected,
                    after.seconds, after.rejectedSeconds, after.runsWithChunks,
                    item.speech ? (after.rejected > 0 ? "  SPEECH REJECTED" : "")
                                : (after.chunks > 0 ? "  uploaded" : ""));
        if (!lostWhere.isEmpty() || !lostWhereBefore.isEmpty())
            std::printf("    speech chunks rejected by condition: before%s; after%s\n",
                        qPrintable(lostWhereBefore.isEmpty() ? u" none"_s : lostWhereBefore),
                        qPrintable(lostWhere.isEmpty() ? u" none"_s : lostWhere));
    }
    const auto keptPct = [](const Tally& t) {
        return t.seconds + t.rejectedSeconds > 0 ? 100.0 * t.seconds / (t.seconds + t.rejectedSeconds) : 100.0;
    };
    std::printf("real speech kept: before %.2f%% of chunk seconds (%d chunks rejected, in %d of %d file-conditions), "
                "after %.2f%% (%d rejected, in %d)\n",
                keptPct(speechBefore), speechBefore.rejected, speechRunsLostBefore, speechRuns / 21,
                keptPct(speechAfter), speechAfter.rejected, speechRunsLostAfter);
    std::printf("real and sox non-speech uploaded: before %d chunks, %.1f s [%d of %d file-steps]; after %d chunks, "
                "%.1f s [%d]\n",
                noiseBefore.chunks, noiseBefore.seconds, noiseBefore.runsWithChunks, noiseBefore.runs,
                noiseAfter.chunks, noiseAfter.seconds, noiseAfter.runsWithChunks);
}

double cpuSeconds()
{
    return double(std::clock()) / CLOCKS_PER_SEC;
}

struct Timing
{
    double cpu = 0.0;  // best CPU seconds
    double wall = 0.0; // wall seconds of the same run
};

Timing best(int runs, const std::function<void()>& work)
{
    Timing t{1e9, 1e9};
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer wall;
        wall.start();
        const double c0 = cpuSeconds();
        work();
        const double cpu = cpuSeconds() - c0;
        if (cpu < t.cpu)
            t = {cpu, double(wall.nsecsElapsed()) / 1e9};
    }
    return t;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (const QString missing = SpeechCorpus::missingTools(); !missing.isEmpty()) {
        std::fprintf(stderr, "benchaudio needs the speech tools: %s\n", qPrintable(missing));
        return 1;
    }
#ifndef UTTER_HAVE_WEBRTC_VAD
    std::fprintf(stderr, "built without libwebrtc-audio-processing: the WebRTC baseline is EnergyVad itself\n");
#endif
    QElapsedTimer total;
    total.start();
    if (argc > 1 && std::string_view(argv[1]) == "gate") { // only section 2f
        printVoiceGate();
        std::printf("\ntotal run time %.1f s\n", double(total.elapsed()) / 1000.0);
        return 0;
    }

    // ~45 s: eight sentences separated by pauses of 0.5–2.5 s, as someone dictating with breaks to think.
    const SpeechCorpus::Built corpus =
        SpeechCorpus::build(SpeechCorpus::sentences().mid(0, 8), {700, 1200, 500, 2500, 900, 1500, 600, 1000}, 1000);
    if (corpus.pcm.empty()) {
        std::fprintf(stderr, "espeak-ng did not produce the corpus\n");
        return 1;
    }
    const std::vector<std::int16_t>& clean = corpus.pcm;
    const std::vector<bool> labels = SpeechCorpus::labelFrames(clean, kFrame);
    const std::vector<SpeechCorpus::Span> spans = SpeechCorpus::speechSpans(clean, kFrame);
    const auto speechFrames = std::count(labels.begin(), labels.end(), true);
    std::printf("corpus: %.1f s of espeak-ng speech, %zu utterances, %lld of %zu frames speech (%.0f%%); "
                "built in %.1f s\n",
                double(clean.size()) / SpeechCorpus::kRate, corpus.utterances.size(),
                static_cast<long long>(speechFrames), labels.size(), 100.0 * double(speechFrames) / labels.size(),
                double(total.elapsed()) / 1000.0);
    const auto energyName = makeVad(VadKind::Energy)->name();
    const auto baselineName = makeVad(VadKind::WebRtc)->name();

    const std::vector<Condition> conditions = mixConditions(clean, labels, 11, 4);

    // ---- 1. VAD quality ----
    std::printf("\n1. VAD quality, frame level (20 ms frames), %s (Utter's default) against %s (baseline)\n",
                energyName.c_str(), baselineName.c_str());
    std::printf("%-7s %5s | %6s %6s %6s | %6s %6s %6s | %s\n", "noise", "SNR", "E prec", "E rec", "E F1", "W prec",
                "W rec", "W F1", "F1 E/W");
    double sumRatio = 0.0;
    int ratios = 0;
    for (const Condition& c : conditions) {
        const Score e = scoreVad(*makeVad(VadKind::Energy), c.pcm, labels);
        const Score w = scoreVad(*makeVad(VadKind::WebRtc), c.pcm, labels);
        const double ratio = w.f1() > 0 ? e.f1() / w.f1() : 0.0;
        if (c.snr < 50) {
            sumRatio += ratio;
            ++ratios;
        }
        std::printf("%-7s %5s | %6.3f %6.3f %6.3f | %6.3f %6.3f %6.3f | %5.2f\n", c.noise,
                    c.snr > 50 ? "-" : qPrintable(QString::number(c.snr, 'f', 0) + u" dB"_s), e.precision(), e.recall(),
                    e.f1(), w.precision(), w.recall(), w.f1(), ratio);
    }
    std::printf("mean F1 ratio %s/%s over the %d noisy conditions: %.2f\n", energyName.c_str(), baselineName.c_str(),
                ratios, sumRatio / std::max(ratios, 1));
#ifdef UTTER_HAVE_WEBRTC_VAD
    {
        WebRtcVad twenty{VadConfig{}};
        const Score s = scoreVad(twenty, clean, labels);
        std::printf(
            "WebRtcVad on 20 ms APM frames (as the product once shipped it), clean: says speech on %d of %zu frames "
            "(%d of %zu silent ones), F1 %.3f\n",
            s.tp + s.fp, labels.size(), s.fp, labels.size() - std::size_t(speechFrames), s.f1());
    }
#endif

    // ---- 2. Chunker boundaries ----
    const ChunkerConfig defaults;
    std::printf("\n2. Chunker boundaries: chunk starts/ends inside true pauses, and speech samples in exactly one "
                "chunk / in none\n   (summed over white, pink and babble; 'every pause' = target 0 s, 'default' = "
                "target %d s; %d utterances per condition)\n",
                defaults.targetChunkMs / 1000, int(corpus.utterances.size()));
    bool trivialBaseline = printBoundaries(conditions, spans);

    // ---- 2b. The same on a held-out corpus ----
    // The chunker's rules were tuned on the corpus above; this one has other sentences, another voice, other
    // pauses and other noise, so the numbers show whether the rules generalise.
    {
        const SpeechCorpus::Built heldOut = SpeechCorpus::build(
            SpeechCorpus::sentences().mid(4, 8), {600, 1800, 800, 500, 1300, 2000, 700, 900}, 800, u"en-gb"_s);
        if (heldOut.pcm.empty()) {
            std::fprintf(stderr, "espeak-ng did not produce the held-out corpus\n");
            return 1;
        }
        const std::vector<bool> heldOutLabels = SpeechCorpus::labelFrames(heldOut.pcm, kFrame);
        std::printf("\n2b. Chunker boundaries on a held-out corpus (%.1f s, %zu other sentences, voice en-gb, other "
                    "pauses and noise seeds)\n",
                    double(heldOut.pcm.size()) / SpeechCorpus::kRate, heldOut.utterances.size());
        trivialBaseline = printBoundaries(mixConditions(heldOut.pcm, heldOutLabels, 23, 9),
                                          SpeechCorpus::speechSpans(heldOut.pcm, kFrame)) ||
                          trivialBaseline;
    }
    // ---- 2b'. A second held-out corpus: a higher voice, other sentences, pauses and seeds ----
    const SpeechCorpus::Built female = SpeechCorpus::build(
        QStringList{SpeechCorpus::sentences()[8], SpeechCorpus::sentences()[9], SpeechCorpus::sentences()[10],
                    SpeechCorpus::sentences()[11], SpeechCorpus::sentences()[0], SpeechCorpus::sentences()[2]},
        {500, 900, 1600, 700, 1200, 800}, 600, u"en-us+f3"_s);
    std::vector<Condition> femaleConditions;
    std::vector<SpeechCorpus::Span> femaleSpans;
    if (!female.pcm.empty()) {
        const std::vector<bool> femaleLabels = SpeechCorpus::labelFrames(female.pcm, kFrame);
        femaleConditions = mixConditions(female.pcm, femaleLabels, 51, 52);
        femaleSpans = SpeechCorpus::speechSpans(female.pcm, kFrame);
        std::printf("\n2b'. Chunker boundaries on a second held-out corpus (%.1f s, %zu sentences, voice en-us+f3)\n",
                    double(female.pcm.size()) / SpeechCorpus::kRate, female.utterances.size());
        trivialBaseline = printBoundaries(femaleConditions, femaleSpans) || trivialBaseline;
    }
    if (trivialBaseline)
        std::printf("* the baseline found speech everywhere: one chunk per recording, so its boundaries are trivially "
                    "in pauses\n");

    // ---- 2c. EnergyVad sensitivity (audio/vadSensitivity) ----
    // The other side of the trade: 30 s without speech, steady pink noise and typing (5 ms clicks every 60–250 ms
    // at about -25 dBFS over faint pink noise).
    const std::size_t thirty = 30 * std::size_t(SpeechCorpus::kRate);
    std::vector<std::int16_t> steadyNoise(thirty), typing(thirty);
    {
        const std::vector<float> pink = SpeechCorpus::pinkNoise(thirty, 31);
        const std::vector<float> white = SpeechCorpus::whiteNoise(thirty, 32);
        for (std::size_t i = 0; i < thirty; ++i) {
            steadyNoise[i] = std::int16_t(std::clamp(pink[i] * 0.5f, -32768.0f, 32767.0f));
            typing[i] = std::int16_t(pink[i] * 0.1f);
        }
        std::size_t at = 500;
        for (unsigned k = 0; at + 80 < thirty; ++k) {
            for (std::size_t j = 0; j < 80; ++j)
                typing[at + j] = std::int16_t(std::clamp(
                    float(typing[at + j]) + 3.0f * white[at + j] * std::exp(-float(j) / 20.0f), -32768.0f, 32767.0f));
            at += 1000 + (k * 7919U) % 3000U;
        }
    }
    const auto falseAlarms = [&](const std::vector<std::int16_t>& pcm, const VadConfig& config) {
        EnergyVad vad(config);
        int speech = 0, frames = 0;
        for (std::size_t f = 0; (f + 1) * kFrame <= pcm.size(); ++f, ++frames)
            speech += vad.process(std::span<const std::int16_t>(pcm.data() + f * kFrame, kFrame)).speech ? 1 : 0;
        const std::size_t chunks = runChunker(pcm, defaults, std::make_unique<EnergyVad>(config)).size();
        return std::pair<double, std::size_t>(100.0 * speech / std::max(frames, 1), chunks);
    };
    std::printf("\n2c. %s sensitivity (audio/vadSensitivity): mean F1 over the 12 noisy conditions, F1 at 0 dB, speech "
                "missed by the\n    default chunker at 0 dB; and on 30 s without speech, frames called speech / "
                "chunks produced\n",
                energyName.c_str());
    std::printf("%-11s | %7s | %8s %8s %8s | %8s | %14s %14s\n", "sensitivity", "mean F1", "white 0", "pink 0",
                "babble 0", "missed", "steady pink", "typing");
    for (const double sensitivity : {0.25, 0.5, 0.75}) {
        VadConfig config;
        config.sensitivity = sensitivity;
        double sum = 0.0;
        std::array<double, 3> atZero{};
        ChunkStats zero;
        std::size_t noiseIndex = 0;
        for (const Condition& c : conditions) {
            if (c.snr > 50)
                continue;
            EnergyVad vad(config);
            const double f1 = scoreVad(vad, c.pcm, labels).f1();
            sum += f1;
            if (c.snr == 0.0) {
                atZero[std::min<std::size_t>(noiseIndex++, 2)] = f1;
                zero.add(chunkStats(c.pcm, spans, runChunker(c.pcm, defaults, std::make_unique<EnergyVad>(config))));
            }
        }
        const auto [steadyShare, steadyChunks] = falseAlarms(steadyNoise, config);
        const auto [typingShare, typingChunks] = falseAlarms(typing, config);
        std::printf("%-11.2f | %7.3f | %8.3f %8.3f %8.3f | %7.2f%% | %6.1f%% / %3zu  %6.1f%% / %3zu\n", sensitivity,
                    sum / 12.0, atZero[0], atZero[1], atZero[2], pct(zero.missed, zero.speech), steadyShare,
                    steadyChunks, typingShare, typingChunks);
    }

    // ---- 2e. Every accepted audio/minPauseMs ----
    std::printf("\n2e. audio/minPauseMs over its accepted range, default target, all 13 conditions of each corpus: "
                "speech missed, boundaries\n    inside speech, chunks rejected as voiceless\n");
    printMinPauseSweep("corpus", conditions, spans);
    if (!femaleConditions.empty())
        printMinPauseSweep("held-out'", femaleConditions, femaleSpans);

    // ---- 2d. Non-speech (issue 17) ----
    // 30 s of sounds a microphone left open hears at a desk, cut as `utter segment` cuts a file (noLeadIn), at the
    // default sensitivity and at every step the settings dialog offers (0 to 1 by 0.05). Typing, music, fans and hum
    // must give no chunk at any step; a TV voice and babble are speech, only reported.
    {
        const std::vector<SpeechCorpus::NonSpeech> suite = SpeechCorpus::nonSpeechSuite(thirty, 17);
        ChunkerConfig fileConfig = defaults;
        fileConfig.noLeadIn = true;
        std::vector<double> steps;
        for (int i = 0; i <= 20; ++i)
            steps.push_back(i * 0.05);
        std::printf("\n2d. Non-speech, 30 s each: chunks / seconds uploaded at sensitivity 0.5 (default) and over the "
                    "21 UI steps 0..1\n    (%s; * = must give no chunk)\n",
                    baselineName.c_str());
        std::printf("%-22s %-6s | %5s %7s | %5s %7s | %10s %8s | %s\n", "file", "kind", "chk", "s", "W chk", "W s",
                    "steps >0", "max chk", "worst step (chunks, s)");
        int goalChunks = 0, goalStepsWithChunks = 0;
        double goalSeconds = 0.0;
        for (const SpeechCorpus::NonSpeech& file : suite) {
            const auto upload = [&](std::unique_ptr<VadBackend> vad) {
                double secs = 0.0;
                const std::vector<AudioChunk> chunks = runChunker(file.pcm, fileConfig, std::move(vad));
                for (const AudioChunk& c : chunks)
                    secs += c.uploadedSeconds();
                return std::pair<int, double>(int(chunks.size()), secs);
            };
            const auto [chunks, secs] = upload(makeVad(VadKind::Energy));
            const auto [wChunks, wSecs] = upload(makeVad(VadKind::WebRtc));
            int stepsWithChunks = 0, maxChunks = 0;
            double worst = -1.0, worstSecs = 0.0;
            int worstChunks = 0;
            for (const double sensitivity : steps) {
                VadConfig config;
                config.sensitivity = sensitivity;
                const auto [n, t] = upload(createVad(config));
                stepsWithChunks += n > 0 ? 1 : 0;
                maxChunks = std::max(maxChunks, n);
                if (t > worstSecs || worst < 0) {
                    worst = sensitivity;
                    worstSecs = t;
                    worstChunks = n;
                }
                if (file.mustBeSilent) {
                    goalChunks += n;
                    goalSeconds += t;
                }
            }
            goalStepsWithChunks += file.mustBeSilent ? stepsWithChunks : 0;
            std::printf("%-22s %-6s | %5d %7.1f | %5d %7.1f | %7d/21 %8d | %.2f (%d, %.1f s)%s\n",
                        qPrintable(file.name), qPrintable(file.kind), chunks, secs, wChunks, wSecs, stepsWithChunks,
                        maxChunks, worst, worstChunks, worstSecs, file.mustBeSilent ? " *" : "");
        }
        std::printf("must-be-silent files over all 21 steps: %d chunks, %.1f s uploaded, %d file-steps with a chunk\n",
                    goalChunks, goalSeconds, goalStepsWithChunks);
        // The suite above (seed 17) is what the thresholds were chosen on; the same recipes with other seeds (other
        // timing, notes and noise) are held out.
        std::printf("held-out seeds 1-4 of the same recipes, over all 21 steps: chunks / seconds uploaded per seed\n");
        std::vector<std::vector<SpeechCorpus::NonSpeech>> seeds;
        for (unsigned seed = 1; seed <= 4; ++seed)
            seeds.push_back(SpeechCorpus::nonSpeechSuite(thirty, seed, false));
        int heldChunks = 0;
        for (std::size_t f = 0; f < seeds.front().size(); ++f) {
            std::printf("%-22s", qPrintable(seeds.front()[f].name));
            for (const auto& suiteForSeed : seeds) {
                int n = 0;
                double t = 0.0;
                for (const double sensitivity : steps) {
                    VadConfig config;
                    config.sensitivity = sensitivity;
                    for (const AudioChunk& c : runChunker(suiteForSeed[f].pcm, fileConfig, createVad(config))) {
                        ++n;
                        t += c.uploadedSeconds();
                    }
                }
                heldChunks += n;
                std::printf(" | %3d %6.1f s", n, t);
            }
            std::printf("\n");
        }
        std::printf("held-out seeds: %d chunks over 4 seeds x %zu files x 21 steps\n", heldChunks,
                    seeds.front().size());
    }

    printVoiceGate();

    // ---- 3. Throughput ----
    // Three passes over the corpus in pink noise at 10 dB (~2 min), fed in 20 ms blocks as capture delivers them.
    const auto pink10 = std::find_if(conditions.begin(), conditions.end(), [](const Condition& c) {
        return std::string_view(c.noise) == "pink" && c.snr == 10.0;
    });
    std::vector<std::int16_t> stream;
    for (int i = 0; i < 3; ++i)
        stream.insert(stream.end(), pink10->pcm.begin(), pink10->pcm.end());
    const double seconds = double(stream.size()) / SpeechCorpus::kRate;
    std::printf("\n3. Throughput on %.0f s of speech in pink noise at 10 dB (20 ms blocks, default chunker; "
                "CPU time, best of 10/3 runs)\n",
                seconds);
    std::printf("%-34s | %12s | %9s %9s | %s\n", "stage", "samples/s", "x RT cpu", "x RT wall", "cost vs VAD+Chunker");
    const auto row = [&](const char* name, const Timing& t, double baselineCpu) {
        std::printf("%-34s | %12.0f | %9.0f %9.0f | %5.2f\n", name, double(stream.size()) / t.cpu, seconds / t.cpu,
                    seconds / t.wall, t.cpu / baselineCpu);
    };
    std::size_t chunkCount = 0;
    const Timing energy = best(10, [&] { chunkCount = runChunker(stream, defaults, makeVad(VadKind::Energy)).size(); });
    row(qPrintable(u"VAD (%1) + Chunker"_s.arg(QString::fromStdString(energyName))), energy, energy.cpu);
    const Timing webrtc = best(10, [&] { (void)runChunker(stream, defaults, makeVad(VadKind::WebRtc)); });
    row(qPrintable(u"VAD (%1) + Chunker"_s.arg(QString::fromStdString(baselineName))), webrtc, energy.cpu);

    // Each chunk the chunker cuts is encoded as the service does it; the baseline row is the encoder Utter used
    // before (libopusenc, which resamples to 48 kHz first), from the provider double's helpers.
    struct Encoder
    {
        std::string name;
        std::function<QByteArray(const std::vector<std::int16_t>&)> encode;
    };
    std::vector<Encoder> encoders;
    QTemporaryDir settingsDir;
    const OggOpusOptions utter = opusOptionsFromSettings(Settings(settingsDir.filePath(u"utter.ini"_s)));
    encoders.push_back({"libopusenc (48 kHz) SILK c10, before", [](const std::vector<std::int16_t>& pcm) {
                            return test::encodeOggOpus(QList<qint16>(pcm.begin(), pcm.end()), SpeechCorpus::kRate);
                        }});
    for (const OpusApplication application : {OpusApplication::Voip, OpusApplication::LowDelay}) {
        for (const int complexity : {10, 5, 0}) {
            OggOpusOptions options;
            options.complexity = complexity;
            options.application = application;
            const bool isUtters = complexity == utter.complexity && application == utter.application;
            encoders.push_back({std::string(application == OpusApplication::Voip ? "SILK" : "CELT") + " 16 kHz c" +
                                    std::to_string(complexity) + (isUtters ? " (Utter)" : ""),
                                [options](const std::vector<std::int16_t>& pcm) {
                                    const Result<QByteArray> ogg = encodeOggOpus(pcm, options);
                                    return ogg ? ogg.value() : QByteArray();
                                }});
        }
    }
    qint64 wavBytes = 0;
    std::int64_t chunkSamples = 0;
    struct EncoderRun
    {
        Timing timing;
        qint64 opusBytes = 0;
    };
    std::vector<EncoderRun> runs;
    for (const Encoder& encoder : encoders) {
        EncoderRun run;
        run.timing = best(3, [&] {
            run.opusBytes = 0;
            wavBytes = 0;
            chunkSamples = 0;
            Chunker chunker(defaults, makeVad(VadKind::Energy), [&](AudioChunk&& c) {
                run.opusBytes += encoder.encode(c.pcm).size();
                wavBytes += 44 + qint64(c.pcm.size()) * 2;
                chunkSamples += c.samples();
            });
            for (std::size_t at = 0; at < stream.size(); at += kFrame)
                chunker.feed(std::span<const std::int16_t>(stream.data() + at,
                                                           std::min<std::size_t>(kFrame, stream.size() - at)));
            chunker.end();
        });
        row(qPrintable(u"VAD + Chunker + %1"_s.arg(QString::fromStdString(encoder.name))), run.timing, energy.cpu);
        std::printf("%-34s   Opus %lld bytes / WAV %lld bytes = %.3f (%.1f kbit/s); %.2fx the time of the old "
                    "encoder\n",
                    "", static_cast<long long>(run.opusBytes), static_cast<long long>(wavBytes),
                    double(run.opusBytes) / double(std::max<qint64>(wavBytes, 1)),
                    double(run.opusBytes) * 8.0 / 1000.0 / (double(wavBytes) / 2.0 / SpeechCorpus::kRate),
                    runs.empty() ? 1.0 : run.timing.cpu / runs.front().timing.cpu);
        runs.push_back(run);
    }

    // ---- 3b. Fidelity as Whisper hears it ----
    // Whisper sees only its log-Mel features: the mean absolute difference of those features between the
    // original and the decoded audio. References measured in the same run: the old encoder, and the clean speech
    // with pink noise added at 30 and 20 dB.
    const bench::WhisperLogMel logMel;
    // Clean speech, a quiet room (pink noise at 30 dB, what a headset hears) and a noisy one (10 dB).
    const std::vector<std::vector<std::int16_t>> fidelityAudio{
        conditions.front().pcm,
        SpeechCorpus::mix(conditions.front().pcm, SpeechCorpus::pinkNoise(conditions.front().pcm.size(), 5), 30.0,
                          labels, kFrame),
        pink10->pcm};
    std::printf("\n3b. Fidelity: Whisper log-Mel distance to the original (mean |difference| of its (log10 + 4) / 4 "
                "features; lower is closer)\n");
    std::printf("%-40s | %8s %8s %8s\n", "audio", "clean", "pink 30", "pink 10");
    const auto distances = [&](const char* name,
                               const std::function<std::vector<std::int16_t>(const std::vector<std::int16_t>&)>& f) {
        std::printf("%-40s |", name);
        for (const auto& original : fidelityAudio)
            std::printf(" %8.4f", logMel.distance(original, f(original)));
        std::printf("\n");
    };
    for (const double snr : {40.0, 30.0}) {
        distances(qPrintable(u"reference: + pink noise at %1 dB"_s.arg(snr)),
                  [&](const std::vector<std::int16_t>& pcm) {
                      return SpeechCorpus::mix(pcm, SpeechCorpus::pinkNoise(pcm.size(), 77), snr, labels, kFrame);
                  });
    }
    for (const Encoder& encoder : encoders) {
        distances(encoder.name.c_str(), [&](const std::vector<std::int16_t>& pcm) {
            const Result<std::vector<std::int16_t>> decoded = decodeOggOpus(encoder.encode(pcm));
            return decoded ? decoded.value() : std::vector<std::int16_t>();
        });
    }
    std::printf("%zu chunks carry %.1f%% of the stream's samples (the rest is silence between chunks)\n", chunkCount,
                100.0 * double(chunkSamples) / double(stream.size()));
    std::printf("\ntotal run time %.1f s\n", double(total.elapsed()) / 1000.0);
    return 0;
}
