#include "voicegate.h"

#include "voicegatemodel.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <vector>

namespace utter
{

namespace
{

constexpr float kVoicedPeriodicity = 0.45f;
constexpr double kMaxPitchStep = 0.04; // |ln(f1 / f0)| between 20 ms frames: larger is a jump, not a glide
constexpr double kMinGlide = 0.004;    // a track whose median step is below this holds still (a note)
constexpr std::size_t kMinTrackFrames = 4;
// Envelope modulation: windows of 64 frames (1.28 s, 0.78 Hz bins), hop 32; the syllable band is bins 3–10
// (2.3–7.8 Hz) of bins 1–25 (0.8–19.5 Hz).
constexpr std::size_t kModWindow = 64;
constexpr std::size_t kModHop = 32;
constexpr std::size_t kSyllableLow = 3, kSyllableHigh = 10, kModHigh = 25;

constexpr const char* kNames[kVoiceFeatureCount] = {
    "voiced-share", "glide-share", "median-step", "pitch-range",  "held-share",     "jump-share",   "track-length",
    "syllable-mod", "mod-depth",   "flatness",    "flatness-sd",  "flux",           "formant-move", "formant-sd",
    "click-share",  "peak-snr",    "mean-snr",    "speech-share", "speech-seconds", "periodicity",
};

double mean(const std::vector<double>& v)
{
    double s = 0.0;
    for (const double x : v)
        s += x;
    return v.empty() ? 0.0 : s / double(v.size());
}

double stddev(const std::vector<double>& v)
{
    if (v.size() < 2)
        return 0.0;
    const double m = mean(v);
    double s = 0.0;
    for (const double x : v)
        s += (x - m) * (x - m);
    return std::sqrt(s / double(v.size()));
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0.0;
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
    return v[v.size() / 2];
}

// e^(2πi m / kModWindow) for m = 0..kModWindow-1: the envelope's DFT needs no other phase (a table, not a sine and
// cosine per term, which were a third of a dictation's detector time).
const std::array<std::complex<double>, kModWindow>& modulationBasis()
{
    static const auto basis = [] {
        std::array<std::complex<double>, kModWindow> b{};
        for (std::size_t m = 0; m < kModWindow; ++m)
            b[m] = std::polar(1.0, 2.0 * std::numbers::pi * double(m) / double(kModWindow));
        return b;
    }();
    return basis;
}

bool voiced(const VoiceFrame& f)
{
    return f.speech && f.periodicity >= kVoicedPeriodicity && f.pitchHz > 0.0f;
}

// The pitch tracks of the chunk: runs of consecutive voiced speech frames whose pitch moves less than kMaxPitchStep.
template<typename OnTrack>
void forEachTrack(std::span<const VoiceFrame> frames, OnTrack onTrack)
{
    std::vector<float> track;
    for (const VoiceFrame& f : frames) {
        if (!voiced(f)) {
            onTrack(track);
            track.clear();
            continue;
        }
        if (!track.empty() && std::abs(std::log(double(f.pitchHz) / double(track.back()))) >= kMaxPitchStep) {
            onTrack(track);
            track.clear();
        }
        track.push_back(f.pitchHz);
    }
    onTrack(track);
}

std::vector<double> stepsOf(const std::vector<float>& track)
{
    std::vector<double> steps;
    for (std::size_t i = 1; i < track.size(); ++i)
        steps.push_back(std::abs(std::log(double(track[i]) / double(track[i - 1]))));
    return steps;
}

} // namespace

VoiceFrame voiceFrameOf(const VadDecision& d)
{
    return VoiceFrame{d.speech,   d.snrDb, d.levelDbfs, d.periodicity, d.pitchHz,
                      d.flatness, d.flux,  d.centroid,  d.transient};
}

const char* voiceFeatureName(std::size_t index)
{
    return index < kVoiceFeatureCount ? kNames[index] : "?";
}

double glideShare(std::span<const VoiceFrame> frames)
{
    std::int64_t speech = 0, gliding = 0;
    for (const VoiceFrame& f : frames)
        speech += f.speech ? 1 : 0;
    forEachTrack(frames, [&](const std::vector<float>& track) {
        if (track.size() >= kMinTrackFrames && median(stepsOf(track)) >= kMinGlide)
            gliding += std::int64_t(track.size());
    });
    return speech > 0 ? double(gliding) / double(speech) : 0.0;
}

bool voiceFeatures(std::span<const VoiceFrame> frames, VoiceFeatures& out)
{
    out.fill(0.0f);
    std::size_t speech = 0, voicedFrames = 0;
    bool estimated = false;
    for (const VoiceFrame& f : frames) {
        if (!f.speech)
            continue;
        ++speech;
        voicedFrames += voiced(f) ? 1 : 0;
        estimated = estimated || f.periodicity >= 0.0f;
    }
    if (speech == 0 || !estimated)
        return false;

    // Pitch tracks.
    std::size_t gliding = 0, held = 0, tracks = 0, trackFrames = 0;
    std::vector<double> allSteps;
    forEachTrack(frames, [&](const std::vector<float>& track) {
        if (track.size() < 2)
            return;
        const std::vector<double> steps = stepsOf(track);
        allSteps.insert(allSteps.end(), steps.begin(), steps.end());
        ++tracks;
        trackFrames += track.size();
        if (track.size() >= kMinTrackFrames) {
            if (median(steps) >= kMinGlide)
                gliding += track.size();
            else
                held += track.size();
        }
    });
    std::vector<double> logPitch;
    std::size_t pairs = 0, jumps = 0;
    for (std::size_t i = 0; i < frames.size(); ++i) {
        if (!voiced(frames[i]))
            continue;
        logPitch.push_back(std::log(double(frames[i].pitchHz)));
        if (i > 0 && voiced(frames[i - 1])) {
            ++pairs;
            jumps += std::abs(std::log(double(frames[i].pitchHz) / double(frames[i - 1].pitchHz))) >= kMaxPitchStep;
        }
    }
    const double speechCount = double(speech);
    out[0] = float(double(voicedFrames) / speechCount);
    out[1] = float(double(gliding) / speechCount);
    out[2] = float(std::min(median(allSteps) * 100.0, 10.0));
    out[3] = float(stddev(logPitch) * 10.0);
    out[4] = float(voicedFrames > 0 ? double(held) / double(voicedFrames) : 0.0);
    out[5] = float(pairs > 0 ? double(jumps) / double(pairs) : 0.0);
    out[6] = float(std::log1p(tracks > 0 ? double(trackFrames) / double(tracks) : 0.0));

    // Envelope modulation at syllable rate, on the frames' SNR (the level above the room's floor).
    double syllable = 0.0, modTotal = 0.0, depth = 0.0;
    const auto& basis = modulationBasis();
    std::size_t windows = 0;
    std::array<double, kModWindow> env{};
    for (std::size_t start = 0; start == 0 || start + kModWindow <= frames.size(); start += kModHop) {
        const std::size_t n = std::min(kModWindow, frames.size() - start);
        double m = 0.0;
        for (std::size_t i = 0; i < kModWindow; ++i) {
            env[i] = i < n ? std::max(0.0, double(frames[start + i].snrDb)) : 0.0;
            m += i < n ? env[i] : 0.0;
        }
        m /= double(n);
        double var = 0.0;
        for (std::size_t i = 0; i < kModWindow; ++i) {
            const double w = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * double(i) / double(kModWindow - 1));
            env[i] = i < n ? (env[i] - m) : 0.0;
            var += env[i] * env[i];
            env[i] *= w;
        }
        depth += std::sqrt(var / double(n));
        ++windows;
        for (std::size_t k = 1; k <= kModHigh; ++k) {
            double re = 0.0, im = 0.0;
            for (std::size_t i = 0; i < kModWindow; ++i) {
                const std::complex<double> w = basis[(k * i) % kModWindow];
                re += env[i] * w.real();
                im -= env[i] * w.imag();
            }
            const double p = re * re + im * im;
            modTotal += p;
            if (k >= kSyllableLow && k <= kSyllableHigh)
                syllable += p;
        }
        if (n < kModWindow)
            break;
    }
    out[7] = float(modTotal > 0.0 ? syllable / modTotal : 0.0);
    out[8] = float(windows > 0 ? depth / double(windows) / 10.0 : 0.0);

    // Spectral shape on speech frames.
    std::vector<double> flatness, flux, centroid, snr, periodicity;
    double centroidMove = 0.0;
    std::size_t moves = 0, loud = 0, clicks = 0;
    float peakSnr = 0.0f;
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const VoiceFrame& f = frames[i];
        if (f.snrDb >= 3.0f) {
            ++loud;
            clicks += f.transient ? 1 : 0;
        }
        if (!f.speech)
            continue;
        flatness.push_back(std::max(0.0f, f.flatness));
        flux.push_back(f.flux);
        centroid.push_back(f.centroid);
        snr.push_back(std::max(0.0f, f.snrDb));
        periodicity.push_back(std::max(0.0f, f.periodicity));
        peakSnr = std::max(peakSnr, f.snrDb);
        if (i > 0 && frames[i - 1].speech) {
            centroidMove += std::abs(double(f.centroid) - double(frames[i - 1].centroid));
            ++moves;
        }
    }
    out[9] = float(mean(flatness));
    out[10] = float(stddev(flatness));
    out[11] = float(mean(flux) / 10.0);
    out[12] = float(moves > 0 ? centroidMove / double(moves) : 0.0);
    out[13] = float(stddev(centroid));
    out[14] = float(loud > 0 ? double(clicks) / double(loud) : 0.0);
    out[15] = peakSnr / 30.0f;
    out[16] = float(mean(snr) / 30.0);
    out[17] = float(speechCount / double(frames.size()));
    out[18] = float(std::log1p(speechCount * 0.02));
    out[19] = float(mean(periodicity));
    return true;
}

double voiceScore(const VoiceFeatures& features, const VoiceGateWeights& model)
{
    std::array<double, kVoiceFeatureCount> x{};
    for (std::size_t i = 0; i < kVoiceFeatureCount; ++i)
        x[i] = (double(features[i]) - model.mean[i]) / model.scale[i];
    double z = model.outputBias;
    if (model.hidden == 0) {
        for (std::size_t i = 0; i < kVoiceFeatureCount; ++i)
            z += model.output[i] * x[i];
    } else {
        for (std::size_t h = 0; h < model.hidden; ++h) {
            double a = model.hiddenBias[h];
            for (std::size_t i = 0; i < kVoiceFeatureCount; ++i)
                a += model.hiddenWeights[h * kVoiceFeatureCount + i] * x[i];
            z += model.output[h] * std::tanh(a);
        }
    }
    const double score = 1.0 / (1.0 + std::exp(-z));
    // And a voice's spectrum moves as it articulates: a chunk whose formants barely move (a tone, a chime), by less
    // than half of what the stillest training voice moved, is far from anything the model saw as speech, and its
    // score falls in proportion rather than resting on the model's extrapolation.
    const double move = double(features[12]);
    return move >= model.minFormantMove ? score : score * std::max(0.0, move) / model.minFormantMove;
}

double voiceScore(const VoiceFeatures& features)
{
    using namespace voicegatemodel;
    static const VoiceGateWeights shipped{kHidden,     kMean,   kScale,      kHiddenWeights,
                                          kHiddenBias, kOutput, kOutputBias, kMinFormantMove};
    return voiceScore(features, shipped);
}

} // namespace utter
