#include "speechcorpus.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>

using namespace Qt::Literals::StringLiterals;

namespace utter::test
{

QString SpeechCorpus::missingTools()
{
    QStringList missing;
    for (const QString& tool : {u"espeak-ng"_s, u"sox"_s}) {
        if (QStandardPaths::findExecutable(tool).isEmpty())
            missing << tool;
    }
    return missing.isEmpty() ? QString() : u"not installed: "_s + missing.join(u", "_s);
}

std::vector<std::int16_t> SpeechCorpus::speak(const QString& text, const QString& voice, int wordsPerMinute)
{
    QTemporaryDir dir;
    const QString wav = dir.filePath(u"speech.wav"_s);
    QProcess espeak;
    if (voice.startsWith(u"flite:"_s)) {
        // flite's rate: a duration stretch (1 = its own pace of about 165 words a minute).
        espeak.start(u"flite"_s, {u"-voice"_s, voice.mid(6), u"--setf"_s,
                                  u"duration_stretch="_s + QString::number(165.0 / wordsPerMinute, 'f', 3), u"-t"_s,
                                  text, u"-o"_s, wav});
    } else {
        espeak.start(u"espeak-ng"_s, {u"-v"_s, voice, u"-s"_s, QString::number(wordsPerMinute), u"-w"_s, wav, text});
    }
    if (!espeak.waitForFinished(60000) || espeak.exitCode() != 0)
        return {};
    QProcess sox;
    // -D: no dither, so every run builds the same corpus and the benchmarks' numbers repeat.
    sox.start(u"sox"_s, {u"-D"_s, wav, u"-t"_s, u"raw"_s, u"-r"_s, u"16000"_s, u"-e"_s, u"signed"_s, u"-b"_s, u"16"_s,
                         u"-c"_s, u"1"_s, u"-"_s});
    if (!sox.waitForFinished(60000) || sox.exitCode() != 0)
        return {};
    const QByteArray raw = sox.readAllStandardOutput();
    std::vector<std::int16_t> pcm(std::size_t(raw.size()) / 2);
    std::memcpy(pcm.data(), raw.constData(), pcm.size() * 2);
    // Trim espeak's silence so spans are exact.
    const auto loud = [](std::int16_t s) { return std::abs(int(s)) > 64; };
    const auto first = std::find_if(pcm.begin(), pcm.end(), loud);
    const auto last = std::find_if(pcm.rbegin(), pcm.rend(), loud).base();
    if (first >= last)
        return {};
    return std::vector<std::int16_t>(first, last);
}

SpeechCorpus::Built SpeechCorpus::build(const QStringList& texts, const std::vector<int>& pauseMs, int leadingMs,
                                        const QString& voice)
{
    Built built;
    built.pcm.assign(std::size_t(leadingMs) * kRate / 1000, 0);
    for (qsizetype i = 0; i < texts.size(); ++i) {
        const std::vector<std::int16_t> speech = speak(texts.at(i), voice);
        if (speech.empty())
            return {};
        Span span;
        span.start = std::int64_t(built.pcm.size());
        built.pcm.insert(built.pcm.end(), speech.begin(), speech.end());
        span.end = std::int64_t(built.pcm.size());
        built.utterances.push_back(span);
        const int pause = std::size_t(i) < pauseMs.size() ? pauseMs[std::size_t(i)] : 500;
        built.pcm.insert(built.pcm.end(), std::size_t(pause) * kRate / 1000, 0);
    }
    return built;
}

std::vector<float> SpeechCorpus::toFloat(const std::vector<std::int16_t>& pcm)
{
    std::vector<float> out(pcm.size());
    std::transform(pcm.begin(), pcm.end(), out.begin(), [](std::int16_t s) { return float(s); });
    return out;
}

std::vector<std::int16_t> SpeechCorpus::babble(std::size_t length)
{
    // Six talkers, different voices and texts, each looped to the length and started at a different offset.
    const QStringList voices{u"en-us"_s, u"en-gb"_s, u"en-us+f3"_s, u"en-gb+m4"_s, u"en-us+f2"_s, u"en-us+m7"_s};
    const QStringList texts = sentences();
    std::vector<double> sum(length, 0.0);
    for (qsizetype v = 0; v < voices.size(); ++v) {
        std::vector<std::int16_t> talker;
        for (qsizetype t = 0; talker.size() < length / 2 + 16000 && t < texts.size(); ++t) {
            const std::vector<std::int16_t> s =
                speak(texts.at((t * 3 + v * 5) % texts.size()), voices.at(v), 150 + int(v) * 10);
            talker.insert(talker.end(), s.begin(), s.end());
            talker.insert(talker.end(), 1600, 0);
        }
        if (talker.empty())
            continue;
        const std::size_t offset = std::size_t(v) * 7919;
        for (std::size_t i = 0; i < length; ++i)
            sum[i] += talker[(i + offset) % talker.size()];
    }
    double peak = 1.0;
    for (const double s : sum)
        peak = std::max(peak, std::abs(s));
    std::vector<std::int16_t> out(length);
    for (std::size_t i = 0; i < length; ++i)
        out[i] = std::int16_t(std::lrint(sum[i] / peak * 20000.0));
    return out;
}

std::vector<float> SpeechCorpus::whiteNoise(std::size_t length, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> dist(0.0f, 1000.0f);
    std::vector<float> out(length);
    for (float& s : out)
        s = dist(rng);
    return out;
}

std::vector<float> SpeechCorpus::pinkNoise(std::size_t length, unsigned seed)
{
    // Paul Kellet's refined pink filter over white noise.
    std::vector<float> white = whiteNoise(length, seed);
    double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
    std::vector<float> out(length);
    for (std::size_t i = 0; i < length; ++i) {
        const double w = white[i];
        b0 = 0.99886 * b0 + w * 0.0555179;
        b1 = 0.99332 * b1 + w * 0.0750759;
        b2 = 0.96900 * b2 + w * 0.1538520;
        b3 = 0.86650 * b3 + w * 0.3104856;
        b4 = 0.55000 * b4 + w * 0.5329522;
        b5 = -0.7616 * b5 - w * 0.0168980;
        out[i] = float(b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362);
        b6 = w * 0.115926;
    }
    return out;
}

void SpeechCorpus::addRoomFloor(std::vector<std::int16_t>& pcm, unsigned seed)
{
    const std::vector<float> floor = pinkNoise(pcm.size(), seed);
    double power = 0.0;
    for (const float f : floor)
        power += double(f) * f;
    const double gain = 32768.0 * std::pow(10.0, -60.0 / 20.0) / std::sqrt(power / double(floor.size()) + 1e-12);
    for (std::size_t i = 0; i < pcm.size(); ++i)
        pcm[i] = std::int16_t(std::clamp(std::lrint(pcm[i] + gain * floor[i]), -32768L, 32767L));
}

std::vector<std::int16_t> SpeechCorpus::inRoom(const std::vector<std::int16_t>& sound, unsigned seed)
{
    std::vector<std::int16_t> pcm(std::size_t(1.5 * kRate), 0);
    pcm.insert(pcm.end(), sound.begin(), sound.end());
    pcm.insert(pcm.end(), std::size_t(kRate), 0);
    addRoomFloor(pcm, seed);
    return pcm;
}

std::vector<std::int16_t> SpeechCorpus::mix(const std::vector<std::int16_t>& clean, const std::vector<float>& noise,
                                            double snrDb, const std::vector<bool>& activeFrames, int frameSamples)
{
    double speechPower = 0.0;
    std::size_t speechCount = 0;
    for (std::size_t f = 0; f < activeFrames.size(); ++f) {
        if (!activeFrames[f])
            continue;
        for (std::size_t i = f * std::size_t(frameSamples); i < (f + 1) * std::size_t(frameSamples) && i < clean.size();
             ++i) {
            speechPower += double(clean[i]) * clean[i];
            ++speechCount;
        }
    }
    speechPower /= double(std::max<std::size_t>(speechCount, 1));
    double noisePower = 0.0;
    for (const float n : noise)
        noisePower += double(n) * n;
    noisePower /= double(std::max<std::size_t>(noise.size(), 1));
    const double gain = std::sqrt(speechPower / (noisePower * std::pow(10.0, snrDb / 10.0)));
    std::vector<std::int16_t> out(clean.size());
    for (std::size_t i = 0; i < clean.size(); ++i) {
        const double v = clean[i] + gain * noise[i % noise.size()];
        out[i] = std::int16_t(std::clamp(std::lrint(v), -32768L, 32767L));
    }
    return out;
}

std::vector<bool> SpeechCorpus::labelFrames(const std::vector<std::int16_t>& clean, int frameSamples, int bridgeMs)
{
    const std::size_t frames = clean.size() / std::size_t(frameSamples);
    std::vector<double> db(frames);
    double loudest = -200.0;
    for (std::size_t f = 0; f < frames; ++f) {
        double sum = 0.0;
        for (int i = 0; i < frameSamples; ++i) {
            const double s = clean[f * std::size_t(frameSamples) + std::size_t(i)];
            sum += s * s;
        }
        const double rms = std::sqrt(sum / frameSamples) / 32768.0;
        db[f] = rms > 1e-7 ? 20.0 * std::log10(rms) : -140.0;
        loudest = std::max(loudest, db[f]);
    }
    std::vector<bool> labels(frames);
    for (std::size_t f = 0; f < frames; ++f)
        labels[f] = db[f] > loudest - 40.0 && db[f] > -55.0;
    const std::size_t bridge = std::size_t(bridgeMs) * kRate / 1000 / std::size_t(frameSamples);
    std::size_t lastSpeech = frames;
    for (std::size_t f = 0; f < frames; ++f) {
        if (!labels[f])
            continue;
        if (lastSpeech != frames && f - lastSpeech - 1 <= bridge) {
            for (std::size_t g = lastSpeech + 1; g < f; ++g)
                labels[g] = true;
        }
        lastSpeech = f;
    }
    return labels;
}

std::vector<SpeechCorpus::Span> SpeechCorpus::speechSpans(const std::vector<std::int16_t>& clean, int frameSamples,
                                                          int bridgeMs)
{
    const std::vector<bool> labels = labelFrames(clean, frameSamples, bridgeMs);
    std::vector<Span> spans;
    for (std::size_t f = 0; f < labels.size(); ++f) {
        if (!labels[f])
            continue;
        const std::int64_t start = std::int64_t(f) * frameSamples;
        if (!spans.empty() && spans.back().end == start)
            spans.back().end = start + frameSamples;
        else
            spans.push_back({start, start + frameSamples});
    }
    return spans;
}

namespace
{

constexpr double kPi = 3.14159265358979323846;

// Scales to a peak (or RMS) level in dBFS and converts to s16.
std::vector<std::int16_t> toPcm(const std::vector<double>& x, double dbfs, bool byPeak)
{
    double ref = 0.0;
    for (const double v : x)
        ref = byPeak ? std::max(ref, std::abs(v)) : ref + v * v;
    if (!byPeak)
        ref = std::sqrt(ref / double(std::max<std::size_t>(x.size(), 1)));
    const double gain = ref > 0.0 ? 32768.0 * std::pow(10.0, dbfs / 20.0) / ref : 0.0;
    std::vector<std::int16_t> out(x.size());
    for (std::size_t i = 0; i < x.size(); ++i)
        out[i] = std::int16_t(std::clamp(std::lrint(x[i] * gain), -32768L, 32767L));
    return out;
}

// Adds a steady pink-noise floor at an RMS level in dBFS.
void addFloor(std::vector<std::int16_t>& pcm, double dbfs, unsigned seed)
{
    const std::vector<float> pink = SpeechCorpus::pinkNoise(pcm.size(), seed);
    std::vector<double> p(pink.begin(), pink.end());
    const std::vector<std::int16_t> floor = toPcm(p, dbfs, false);
    for (std::size_t i = 0; i < pcm.size(); ++i)
        pcm[i] = std::int16_t(std::clamp(int(pcm[i]) + int(floor[i]), -32768, 32767));
}

// A two-pole resonator (centre hz, bandwidth bw), applied in place.
void resonate(std::vector<double>& x, double hz, double bw)
{
    const double r = std::exp(-kPi * bw / SpeechCorpus::kRate);
    const double a1 = 2.0 * r * std::cos(2.0 * kPi * hz / SpeechCorpus::kRate), a2 = -r * r;
    double y1 = 0.0, y2 = 0.0;
    for (double& v : x) {
        const double y = (1.0 - r) * v + a1 * y1 + a2 * y2;
        y2 = y1;
        y1 = y;
        v = y;
    }
}

void highPass(std::vector<double>& x, double hz)
{
    const double a = std::exp(-2.0 * kPi * hz / SpeechCorpus::kRate);
    double prevIn = 0.0, prevOut = 0.0;
    for (double& v : x) {
        const double y = a * (prevOut + v - prevIn);
        prevIn = v;
        prevOut = y;
        v = y;
    }
}

// Paper or a bag handled at the desk: gestures of 0.3–1.5 s made of dense crackles (2–60 ms bursts of band-passed
// noise at random levels), every 1–4 s.
std::vector<double> rustle(std::size_t length, std::mt19937& rng)
{
    std::vector<double> x(length, 0.0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::size_t at = std::size_t(SpeechCorpus::kRate * (0.3 + unit(rng)));
    while (at < length) {
        const std::size_t gesture = std::size_t(SpeechCorpus::kRate * (0.3 + unit(rng) * 1.2));
        std::size_t t = 0;
        while (t < gesture) {
            const std::size_t burst = std::size_t(SpeechCorpus::kRate * (0.002 + unit(rng) * 0.058));
            const double gain = std::pow(10.0, -unit(rng) * 1.5);
            for (std::size_t j = 0; j < burst && at + t + j < length; ++j)
                x[at + t + j] += gain * noise(rng) * std::exp(-3.0 * double(j) / double(burst));
            t += burst + std::size_t(SpeechCorpus::kRate * unit(rng) * 0.03);
        }
        at += gesture + std::size_t(SpeechCorpus::kRate * (1.0 + unit(rng) * 3.0));
    }
    std::vector<double> low = x;
    highPass(x, 1500.0);
    resonate(low, 3500.0, 3000.0);
    for (std::size_t i = 0; i < length; ++i)
        x[i] = 0.7 * x[i] + 0.3 * low[i];
    return x;
}

// Key strokes: a press and (releaseGain > 0) a release click per key, typed in bursts with thinking pauses.
struct KeyStyle
{
    double clickMs;     // decay of the click's noise burst
    double resonanceHz; // the key's ring
    double thumpHz;     // the case's low thump (0: none)
    double releaseGain;
    int minGapMs, maxGapMs; // between key strokes within a burst
};

std::vector<double> typing(std::size_t length, const KeyStyle& style, std::mt19937& rng)
{
    std::vector<double> x(length, 0.0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> noise(0.0, 1.0);
    const auto click = [&](std::size_t at, double gain) {
        const std::size_t n = std::size_t(SpeechCorpus::kRate / 25); // 40 ms
        std::vector<double> burst(n);
        for (std::size_t j = 0; j < n; ++j)
            burst[j] = noise(rng) * std::exp(-double(j) / (style.clickMs * SpeechCorpus::kRate / 1000.0));
        std::vector<double> ring = burst;
        resonate(ring, style.resonanceHz * (0.85 + 0.3 * unit(rng)), 600.0);
        for (std::size_t j = 0; j < n && at + j < length; ++j) {
            double v = burst[j] * 0.3 + ring[j] * 4.0;
            if (style.thumpHz > 0)
                v += 0.6 * std::sin(2.0 * kPi * style.thumpHz * double(j) / SpeechCorpus::kRate) *
                     std::exp(-double(j) / (0.008 * SpeechCorpus::kRate));
            x[at + j] += gain * v;
        }
    };
    std::size_t at = SpeechCorpus::kRate / 4;
    while (at + SpeechCorpus::kRate / 10 < length) {
        const double gain = 0.6 + 0.4 * unit(rng);
        click(at, gain);
        if (style.releaseGain > 0)
            click(at + std::size_t((60 + 70 * unit(rng)) * SpeechCorpus::kRate / 1000), gain * style.releaseGain);
        const double gapMs = unit(rng) < 0.08 ? 500.0 + 1500.0 * unit(rng)
                                              : style.minGapMs + (style.maxGapMs - style.minGapMs) * unit(rng);
        at += std::size_t(gapMs * SpeechCorpus::kRate / 1000.0);
    }
    highPass(x, 200.0);
    return x;
}

double noteHz(int semitonesFromA4)
{
    return 440.0 * std::pow(2.0, semitonesFromA4 / 12.0);
}

// Plucked strings (Karplus-Strong) playing a pentatonic melody, 3–5 notes a second with some rests.
std::vector<double> pluckedMelody(std::size_t length, std::mt19937& rng)
{
    std::vector<double> x(length, 0.0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const int scale[] = {-9, -7, -5, -2, 0, 3, 5, 7, 10, 12};
    std::size_t at = SpeechCorpus::kRate / 5;
    while (at < length) {
        const double hz = noteHz(scale[std::size_t(unit(rng) * 9.99)]);
        const std::size_t period = std::size_t(SpeechCorpus::kRate / hz);
        std::vector<double> line(period);
        for (double& v : line)
            v = unit(rng) * 2.0 - 1.0;
        const std::size_t n = std::min<std::size_t>(length - at, SpeechCorpus::kRate * 2);
        for (std::size_t j = 0; j < n; ++j) {
            const std::size_t k = j % period;
            const double v = line[k];
            line[k] = 0.996 * 0.5 * (v + line[(k + 1) % period]);
            x[at + j] += v;
        }
        at += std::size_t((unit(rng) < 0.15 ? 600.0 : 200.0 + 150.0 * unit(rng)) * SpeechCorpus::kRate / 1000.0);
    }
    return x;
}

// Organ chords (four voices, six harmonics each), two seconds per chord, with a 6 Hz tremolo.
// Desktop alerts: a notification every 2–5 s over silence — chimes (two or three decaying harmonic notes), beeps
// (square or sine bursts), bells (inharmonic partials), and whistles or sirens (a sine gliding up or down, with
// vibrato): tonal sounds whose pitch holds or glides without a voice's formants.
std::vector<double> alerts(std::size_t length, int style, std::mt19937& rng)
{
    std::vector<double> x(length, 0.0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::size_t at = std::size_t(SpeechCorpus::kRate * (0.3 + unit(rng)));
    while (at < length) {
        const int kind = style >= 0 ? style : int(unit(rng) * 3.99);
        std::size_t used = 0;
        if (kind == 0) { // chime
            const int notes = 2 + int(unit(rng) * 1.99);
            double phase = 0.0;
            for (int n = 0; n < notes; ++n) {
                const double hz = 400.0 + unit(rng) * 900.0;
                const double decay = 0.15 + unit(rng) * 0.5;
                const std::size_t len = std::size_t(SpeechCorpus::kRate * (0.12 + unit(rng) * 0.35));
                for (std::size_t j = 0; j < len * 3 && at + used + j < length; ++j) {
                    const double t = double(j) / SpeechCorpus::kRate;
                    double v = 0.0;
                    for (int h = 1; h <= 4; ++h)
                        v += std::sin(2.0 * kPi * hz * h * t + phase) * std::pow(0.4, h - 1);
                    x[at + used + j] += v * std::exp(-t / decay) * std::min(1.0, t * 400.0);
                }
                used += len;
            }
        } else if (kind == 1) { // beeps
            const int beeps = 1 + int(unit(rng) * 4.99);
            const double hz = 500.0 + unit(rng) * 2500.0;
            const bool square = unit(rng) < 0.5;
            const std::size_t on = std::size_t(SpeechCorpus::kRate * (0.05 + unit(rng) * 0.3));
            const std::size_t off = std::size_t(SpeechCorpus::kRate * (0.05 + unit(rng) * 0.2));
            for (int b = 0; b < beeps; ++b) {
                for (std::size_t j = 0; j < on && at + used + j < length; ++j) {
                    const double s = std::sin(2.0 * kPi * hz * double(j) / SpeechCorpus::kRate);
                    x[at + used + j] += square ? (s >= 0.0 ? 0.5 : -0.5) : s;
                }
                used += on + off;
            }
        } else if (kind == 2) { // bell
            const double hz = 300.0 + unit(rng) * 1200.0;
            const double decay = 0.3 + unit(rng) * 1.2;
            const double partials[] = {1.0, 2.76, 5.4, 8.93};
            used = std::size_t(SpeechCorpus::kRate * decay * 3.0);
            for (std::size_t j = 0; j < used && at + j < length; ++j) {
                const double t = double(j) / SpeechCorpus::kRate;
                double v = 0.0;
                for (int k = 0; k < 4; ++k)
                    v += std::sin(2.0 * kPi * hz * partials[k] * t) * std::exp(-t * (1.0 + k) / decay) / (1.0 + k);
                x[at + j] += v * std::min(1.0, t * 800.0);
            }
        } else { // whistle or siren: a glide with vibrato
            const double from = 250.0 + unit(rng) * 900.0, to = from * (0.5 + unit(rng) * 1.5);
            const double vib = unit(rng) * 7.0, depth = unit(rng) * 0.03;
            used = std::size_t(SpeechCorpus::kRate * (0.4 + unit(rng) * 2.0));
            double phase = 0.0;
            for (std::size_t j = 0; j < used && at + j < length; ++j) {
                const double t = double(j) / SpeechCorpus::kRate, u = double(j) / double(used);
                const double hz = (from + (to - from) * u) * (1.0 + depth * std::sin(2.0 * kPi * vib * t));
                phase += 2.0 * kPi * hz / SpeechCorpus::kRate;
                x[at + j] +=
                    (std::sin(phase) + 0.3 * std::sin(2.0 * phase)) * std::min({1.0, t * 50.0, (1.0 - u) * 50.0});
            }
        }
        at += used + std::size_t(SpeechCorpus::kRate * (2.0 + unit(rng) * 3.0));
    }
    return x;
}

std::vector<double> organ(std::size_t length)
{
    const int chords[4][4] = {{-9, -5, -2, 3}, {-4, 0, 3, 8}, {-2, 2, 5, 10}, {-7, -4, 0, 5}};
    std::vector<double> x(length, 0.0);
    const std::size_t chordLength = 2 * std::size_t(SpeechCorpus::kRate);
    for (std::size_t i = 0; i < length; ++i) {
        const auto& chord = chords[(i / chordLength) % 4];
        const double t = double(i) / SpeechCorpus::kRate;
        double v = 0.0;
        for (const int note : chord) {
            const double hz = noteHz(note);
            for (int h = 1; h <= 6 && hz * h < 7000.0; ++h)
                v += std::sin(2.0 * kPi * hz * h * t) / h;
        }
        const double inChord = double(i % chordLength) / SpeechCorpus::kRate;
        const double attack = std::min(1.0, inChord / 0.03) * std::min(1.0, (2.0 - inChord) / 0.03);
        x[i] = v * attack * (1.0 + 0.5 * std::sin(2.0 * kPi * 6.0 * t));
    }
    return x;
}

// Drums at 110 bpm: kick on 1 and 3, snare on 2 and 4, hi-hat on every eighth.
std::vector<double> drums(std::size_t length, std::mt19937& rng)
{
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<double> x(length, 0.0);
    const std::size_t eighth = std::size_t(SpeechCorpus::kRate * 60.0 / 110.0 / 2.0);
    for (std::size_t beat = 0; beat * eighth < length; ++beat) {
        const std::size_t at = beat * eighth;
        std::vector<double> hat(std::size_t(SpeechCorpus::kRate / 20));
        for (std::size_t j = 0; j < hat.size(); ++j)
            hat[j] = noise(rng) * std::exp(-double(j) / (0.01 * SpeechCorpus::kRate));
        highPass(hat, 6000.0);
        for (std::size_t j = 0; j < hat.size() && at + j < length; ++j)
            x[at + j] += 0.5 * hat[j];
        if (beat % 2 != 0)
            continue;
        const bool kick = beat % 4 == 0;
        double phase = 0.0;
        for (std::size_t j = 0; j < std::size_t(SpeechCorpus::kRate * 0.3) && at + j < length; ++j) {
            const double t = double(j) / SpeechCorpus::kRate;
            if (kick) {
                phase += 2.0 * kPi * (50.0 + 90.0 * std::exp(-t / 0.03)) / SpeechCorpus::kRate;
                x[at + j] += 2.0 * std::sin(phase) * std::exp(-t / 0.12);
            } else {
                x[at + j] += (0.8 * std::sin(2.0 * kPi * 190.0 * t) + 0.9 * noise(rng)) * std::exp(-t / 0.06);
            }
        }
    }
    return x;
}

// Brown noise (leaky integrated white noise) with a slow tremolo: a fan whose blades beat.
std::vector<double> fan(std::size_t length, double tremoloHz, std::mt19937& rng)
{
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<double> x(length);
    double b = 0.0;
    for (std::size_t i = 0; i < length; ++i) {
        b = 0.995 * b + noise(rng);
        x[i] = b * (1.0 + 0.6 * std::sin(2.0 * kPi * tremoloHz * double(i) / SpeechCorpus::kRate));
    }
    highPass(x, 40.0);
    return x;
}

// Mains hum: the fundamental and its harmonics (odd ones stronger, as a transformer's) plus a little noise.
std::vector<double> hum(std::size_t length, double mainsHz, std::mt19937& rng)
{
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<double> x(length);
    for (std::size_t i = 0; i < length; ++i) {
        const double t = double(i) / SpeechCorpus::kRate;
        double v = 0.05 * noise(rng);
        for (int h = 1; h <= 10; ++h)
            v += std::sin(2.0 * kPi * mainsHz * h * t + h) * (h % 2 != 0 ? 1.0 : 0.4) / h;
        x[i] = v;
    }
    return x;
}

} // namespace

std::vector<SpeechCorpus::NonSpeech> SpeechCorpus::nonSpeechSuite(std::size_t length, unsigned seed, bool withVoices)
{
    std::mt19937 rng(seed);
    std::vector<NonSpeech> suite;
    const auto add = [&](const QString& name, const QString& kind, bool silent, std::vector<std::int16_t> pcm) {
        suite.push_back({name, kind, silent, std::move(pcm)});
    };
    const KeyStyle mechanical{0.6, 3200.0, 350.0, 0.7, 90, 300};
    const KeyStyle soft{1.5, 1300.0, 0.0, 0.0, 110, 350};
    const KeyStyle laptop{0.3, 4500.0, 0.0, 0.4, 60, 200};
    add(u"keys-mechanical"_s, u"typing"_s, true, toPcm(typing(length, mechanical, rng), -13.0, true));
    {
        auto pcm = toPcm(typing(length, mechanical, rng), -13.0, true);
        addFloor(pcm, -55.0, seed + 1);
        add(u"keys-mechanical-floor"_s, u"typing"_s, true, std::move(pcm));
    }
    {
        auto pcm = toPcm(typing(length, soft, rng), -30.0, true);
        addFloor(pcm, -50.0, seed + 2);
        add(u"keys-soft-floor"_s, u"typing"_s, true, std::move(pcm));
    }
    {
        auto pcm = toPcm(typing(length, laptop, rng), -20.0, true);
        addFloor(pcm, -60.0, seed + 3);
        add(u"keys-laptop-fast"_s, u"typing"_s, true, std::move(pcm));
    }
    {
        auto pcm = toPcm(pluckedMelody(length, rng), -12.0, true);
        addFloor(pcm, -60.0, seed + 4);
        add(u"music-plucked"_s, u"music"_s, true, std::move(pcm));
    }
    add(u"music-organ-tremolo"_s, u"music"_s, true, toPcm(organ(length), -25.0, false));
    {
        auto pcm = toPcm(drums(length, rng), -10.0, true);
        addFloor(pcm, -60.0, seed + 5);
        add(u"music-drums"_s, u"music"_s, true, std::move(pcm));
    }
    add(u"fan-brown-0.7hz"_s, u"fan"_s, true, toPcm(fan(length, 0.7, rng), -35.0, false));
    add(u"hum-50hz"_s, u"hum"_s, true, toPcm(hum(length, 50.0, rng), -35.0, false));
    {
        auto pcm = toPcm(hum(length, 60.0, rng), -30.0, false);
        addFloor(pcm, -50.0, seed + 6);
        add(u"hum-60hz-noise"_s, u"hum"_s, true, std::move(pcm));
    }
    // Added later (the voice gate's training data, docs/audio.md): the files above are unchanged for a seed.
    {
        auto pcm = toPcm(alerts(length, 0, rng), -18.0, true);
        addFloor(pcm, -60.0, seed + 8);
        add(u"alert-chimes"_s, u"alert"_s, true, std::move(pcm));
    }
    {
        auto pcm = toPcm(alerts(length, 1, rng), -20.0, true);
        addFloor(pcm, -58.0, seed + 9);
        add(u"alert-beeps"_s, u"alert"_s, true, std::move(pcm));
    }
    {
        auto pcm = toPcm(alerts(length, 2, rng), -16.0, true);
        addFloor(pcm, -60.0, seed + 10);
        add(u"alert-bells"_s, u"alert"_s, true, std::move(pcm));
    }
    {
        auto pcm = toPcm(alerts(length, 3, rng), -18.0, true);
        addFloor(pcm, -55.0, seed + 11);
        add(u"whistle-siren"_s, u"alert"_s, true, std::move(pcm));
    }
    {
        auto pcm = toPcm(rustle(length, rng), -20.0, true);
        addFloor(pcm, -58.0, seed + 12);
        add(u"paper-rustle"_s, u"rustle"_s, true, std::move(pcm));
    }
    if (!withVoices)
        return suite;
    // A TV across the room: a talker, band-limited as a small speaker, at -40 dBFS over a -58 dBFS room.
    {
        std::vector<double> voice;
        const QStringList texts = sentences();
        for (qsizetype t = 0; voice.size() < length && t < 2 * texts.size(); ++t) {
            const std::vector<std::int16_t> s = speak(texts.at((t * 5 + 3) % texts.size()), u"en-gb+m4"_s, 175);
            voice.insert(voice.end(), s.begin(), s.end());
            voice.insert(voice.end(), std::size_t(kRate / 3), 0.0);
        }
        voice.resize(length, 0.0);
        highPass(voice, 300.0);
        resonate(voice, 1500.0, 2500.0);
        auto pcm = toPcm(voice, -40.0, false);
        addFloor(pcm, -58.0, seed + 7);
        add(u"tv-voice-low"_s, u"voice"_s, false, std::move(pcm));
    }
    {
        const std::vector<std::int16_t> b = babble(length);
        std::vector<double> x(b.begin(), b.end());
        add(u"babble"_s, u"voice"_s, false, toPcm(x, -35.0, false));
    }
    return suite;
}

std::vector<std::int16_t> SpeechCorpus::decode(const QString& path)
{
    QStringList args{u"-D"_s};
    if (path.endsWith(u".raw"_s))
        args << u"-t"_s << u"raw"_s << u"-r"_s << u"16000"_s << u"-e"_s << u"signed"_s << u"-b"_s << u"16"_s << u"-c"_s
             << u"1"_s;
    args << path << u"-t"_s << u"raw"_s << u"-r"_s << u"16000"_s << u"-e"_s << u"signed"_s << u"-b"_s << u"16"_s
         << u"-c"_s << u"1"_s << u"-"_s;
    QProcess sox;
    sox.start(u"sox"_s, args);
    if (!sox.waitForFinished(60000) || sox.exitCode() != 0)
        return {};
    const QByteArray raw = sox.readAllStandardOutput();
    std::vector<std::int16_t> pcm(std::size_t(raw.size()) / 2);
    std::memcpy(pcm.data(), raw.constData(), pcm.size() * 2);
    return pcm;
}

std::vector<std::int16_t> SpeechCorpus::soxEffects(const std::vector<std::int16_t>& pcm, const QStringList& effects)
{
    QTemporaryDir dir;
    const QString in = dir.filePath(u"in.raw"_s);
    QFile file(in);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(reinterpret_cast<const char*>(pcm.data()), qint64(pcm.size() * 2));
    file.close();
    const QStringList format{u"-t"_s,     u"raw"_s, u"-r"_s, u"16000"_s, u"-e"_s,
                             u"signed"_s, u"-b"_s,  u"16"_s, u"-c"_s,    u"1"_s};
    QProcess sox;
    sox.start(u"sox"_s, QStringList{u"-D"_s} + format + QStringList{in} + format + QStringList{u"-"_s} + effects);
    if (!sox.waitForFinished(60000) || sox.exitCode() != 0)
        return {};
    const QByteArray raw = sox.readAllStandardOutput();
    std::vector<std::int16_t> out(std::size_t(raw.size()) / 2);
    std::memcpy(out.data(), raw.constData(), out.size() * 2);
    return out;
}

std::vector<std::int16_t> SpeechCorpus::soxSynth(const QStringList& args)
{
    QProcess sox;
    // -R: repeatable noise (sox seeds its generators from the clock otherwise).
    sox.start(u"sox"_s, QStringList{u"-R"_s, u"-D"_s, u"-n"_s, u"-t"_s, u"raw"_s, u"-r"_s, u"16000"_s, u"-e"_s,
                                    u"signed"_s, u"-b"_s, u"16"_s, u"-c"_s, u"1"_s, u"-"_s, u"synth"_s} +
                            args);
    if (!sox.waitForFinished(60000) || sox.exitCode() != 0)
        return {};
    const QByteArray raw = sox.readAllStandardOutput();
    std::vector<std::int16_t> pcm(std::size_t(raw.size()) / 2);
    std::memcpy(pcm.data(), raw.constData(), pcm.size() * 2);
    return pcm;
}

std::vector<SpeechCorpus::RealFile> SpeechCorpus::realFiles(QStringList* missing)
{
    std::vector<RealFile> files;
    const auto add = [&](const QString& package, const QString& dir, const QStringList& names, bool speech) {
        bool any = false;
        for (const QString& name : names) {
            const QString path = dir + u'/' + name;
            if (QFileInfo::exists(path)) {
                files.push_back({path, package, speech});
                any = true;
            }
        }
        if (!any && missing && !missing->contains(package))
            missing->append(package);
    };
    const QString ps = u"/usr/share/pocketsphinx/test/data"_s;
    add(u"pocketsphinx-testdata"_s, ps + u"/librivox"_s,
        {u"sense_and_sensibility_01_austen_64kb-0870.wav"_s, u"sense_and_sensibility_01_austen_64kb-0880.wav"_s,
         u"sense_and_sensibility_01_austen_64kb-0890.wav"_s, u"sense_and_sensibility_01_austen_64kb-0920.wav"_s,
         u"sense_and_sensibility_01_austen_64kb-0930.wav"_s},
        true);
    add(u"pocketsphinx-testdata"_s, ps, {u"goforward.raw"_s, u"numbers.raw"_s, u"something.raw"_s}, true);
    add(u"pocketsphinx-testdata"_s, ps + u"/cards"_s,
        {u"001.wav"_s, u"002.wav"_s, u"003.wav"_s, u"004.wav"_s, u"005.wav"_s}, true);
    add(u"pocketsphinx-testdata"_s, ps + u"/tidigits"_s, {u"dhd.2934z.raw"_s}, true);
    add(u"alsa-utils"_s, u"/usr/share/sounds/alsa"_s,
        {u"Front_Center.wav"_s, u"Front_Left.wav"_s, u"Front_Right.wav"_s, u"Rear_Center.wav"_s, u"Rear_Left.wav"_s,
         u"Rear_Right.wav"_s, u"Side_Left.wav"_s, u"Side_Right.wav"_s},
        true);
    add(u"alsa-utils"_s, u"/usr/share/sounds/alsa"_s, {u"Noise.wav"_s}, false);
    const QString fd = u"/usr/share/sounds/freedesktop/stereo"_s;
    add(u"sound-theme-freedesktop"_s, fd,
        {u"audio-channel-front-center.oga"_s, u"audio-channel-front-left.oga"_s, u"audio-channel-front-right.oga"_s,
         u"audio-channel-rear-center.oga"_s, u"audio-channel-rear-left.oga"_s, u"audio-channel-rear-right.oga"_s,
         u"audio-channel-side-left.oga"_s, u"audio-channel-side-right.oga"_s},
        true);
    add(u"sound-theme-freedesktop"_s, fd,
        {u"alarm-clock-elapsed.oga"_s,
         u"audio-test-signal.oga"_s,
         u"audio-volume-change.oga"_s,
         u"bell.oga"_s,
         u"camera-shutter.oga"_s,
         u"complete.oga"_s,
         u"device-added.oga"_s,
         u"device-removed.oga"_s,
         u"dialog-error.oga"_s,
         u"dialog-information.oga"_s,
         u"dialog-warning.oga"_s,
         u"message-new-instant.oga"_s,
         u"message.oga"_s,
         u"network-connectivity-established.oga"_s,
         u"network-connectivity-lost.oga"_s,
         u"phone-incoming-call.oga"_s,
         u"phone-outgoing-busy.oga"_s,
         u"phone-outgoing-calling.oga"_s,
         u"power-plug.oga"_s,
         u"power-unplug.oga"_s,
         u"screen-capture.oga"_s,
         u"service-login.oga"_s,
         u"service-logout.oga"_s,
         u"suspend-error.oga"_s,
         u"trash-empty.oga"_s,
         u"window-attention.oga"_s,
         u"window-question.oga"_s},
        false);
    return files;
}

QStringList SpeechCorpus::sentences()
{
    return {
        u"The quick brown fox jumps over the lazy dog near the river bank."_s,
        u"Please send the quarterly report to the finance team before Friday."_s,
        u"We measured the latency of every request and found the slow path."_s,
        u"My grandmother grew tomatoes, beans and sunflowers in her garden."_s,
        u"The train to Amsterdam leaves from platform seven at half past nine."_s,
        u"Remember to water the plants and feed the cat while I am away."_s,
        u"Compilers translate source code into instructions a processor understands."_s,
        u"A gentle breeze carried the smell of fresh bread through the street."_s,
        u"Could you book a table for four people at the Italian restaurant tonight?"_s,
        u"The committee will vote on the new proposal at the next meeting."_s,
        u"Light travels faster than sound, which is why we see lightning first."_s,
        u"She opened the old wooden box and found a stack of yellowed letters."_s,
    };
}

} // namespace utter::test
