// Fits the voice gate (core/vad/voicegate.h; docs/audio.md, "Speech or not") and writes its weights as
// core/vad/voicegatemodel.h. Deterministic: the same inputs give the same header.
//
// Data recipe (nothing downloaded, nothing recorded): chunks cut by EnergyVad + Chunker with the gate off, at
// sensitivities 0–1 and in both live and file mode, from
//   - speech: three sentences and five short phrases per voice (half through sox reverb and band limits, every other
//     voice's phrases also behind a noise gate), 14 voices (espeak-ng: 6 English variants, de, fr, es; flite: kal,
//     awb, kal16, rms, slt), clean and in white and pink noise at 20/10/5/0 dB (noise seeds 100+);
//   - non-speech: SpeechCorpus::nonSpeechSuite with TRAINING seeds 100–139 only (typing of four kinds, plucked
//     melody, organ, drums, fan, hum, chimes, beeps, bells, whistles), every third also band-limited to 3.9 kHz,
//     every other also behind a noise gate;
//   - real recordings from Debian packages (voicegatedata.h, realTrainingSpeech/NonSpeech): asterisk's prompts by
//     four speakers (en, fr, it, ru), over a room and with exact zeros between; the even music-on-hold tracks; the
//     oxygen, yaru and deepin alert sounds; fluidsynth renders of the timgm6mb soundfont (seeds 0-59); every other
//     alert and every third render also behind a noise gate.
// Seeds 1–8 and 17, the odd music-on-hold tracks and the evaluation recordings (pocketsphinx-testdata, alsa,
// freedesktop) are held out for benchaudio.
// Seeds 130–132 and every fifth speech condition are a validation split, used to choose the model.
// Model: a logistic regression and a tiny MLP (12 tanh units) on the standardised features, trained by full-batch
// gradient descent from a fixed start; the one with fewer validation errors at the chunker's threshold wins.
//   trainvoicegate [--samples FILE] [OUTPUT.h]
#include "voicegatedata.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QStringList>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <utility>

using namespace Qt::Literals::StringLiterals;
using namespace utter;
using namespace utter::bench;
using utter::test::SpeechCorpus;

namespace
{

constexpr std::size_t kF = kVoiceFeatureCount;

struct Sample
{
    std::array<double, kF> x{};
    bool speech = false;
    bool validation = false;
    QString source;
};

struct Model
{
    std::size_t hidden = 0;
    std::array<double, kF> mean{}, scale{};
    std::vector<double> hw, hb, out;
    double ob = 0.0;

    double logit(const std::array<double, kF>& raw) const
    {
        std::array<double, kF> x{};
        for (std::size_t i = 0; i < kF; ++i)
            x[i] = (raw[i] - mean[i]) / scale[i];
        double z = ob;
        if (hidden == 0) {
            for (std::size_t i = 0; i < kF; ++i)
                z += out[i] * x[i];
        } else {
            for (std::size_t h = 0; h < hidden; ++h) {
                double a = hb[h];
                for (std::size_t i = 0; i < kF; ++i)
                    a += hw[h * kF + i] * x[i];
                z += out[h] * std::tanh(a);
            }
        }
        return z;
    }
    double score(const std::array<double, kF>& raw) const { return 1.0 / (1.0 + std::exp(-logit(raw))); }
};

// Full-batch gradient descent (Adam) on the weighted cross-entropy plus L2.
Model train(const std::vector<Sample>& data, std::size_t hidden, int iterations, double speechWeight, double l2)
{
    Model m;
    m.hidden = hidden;
    std::vector<const Sample*> set;
    for (const Sample& s : data)
        if (!s.validation)
            set.push_back(&s);
    for (std::size_t i = 0; i < kF; ++i) {
        double sum = 0.0, sq = 0.0;
        for (const Sample* s : set)
            sum += s->x[i];
        m.mean[i] = sum / double(set.size());
        for (const Sample* s : set)
            sq += (s->x[i] - m.mean[i]) * (s->x[i] - m.mean[i]);
        m.scale[i] = std::max(1e-6, std::sqrt(sq / double(set.size())));
    }
    std::size_t positives = 0;
    for (const Sample* s : set)
        positives += s->speech ? 1 : 0;
    const double wPos = speechWeight * 0.5 * double(set.size()) / double(std::max<std::size_t>(positives, 1));
    const double wNeg = 0.5 * double(set.size()) / double(std::max<std::size_t>(set.size() - positives, 1));
    std::mt19937 rng(42);
    std::normal_distribution<double> normal(0.0, 0.5);
    const std::size_t outs = hidden == 0 ? kF : hidden;
    m.out.assign(outs, 0.0);
    if (hidden > 0) {
        m.hw.resize(hidden * kF);
        for (double& w : m.hw)
            w = normal(rng) / std::sqrt(double(kF));
        m.hb.assign(hidden, 0.0);
        for (double& w : m.out)
            w = normal(rng) / std::sqrt(double(hidden));
    }
    // Parameters as one vector for Adam: out, ob, hw, hb.
    const std::size_t n = outs + 1 + m.hw.size() + m.hb.size();
    std::vector<double> g(n), m1(n, 0.0), m2(n, 0.0);
    const double lr = 0.03, b1 = 0.9, b2 = 0.999;
    std::vector<std::array<double, kF>> xs;
    for (const Sample* s : set) {
        std::array<double, kF> x{};
        for (std::size_t i = 0; i < kF; ++i)
            x[i] = (s->x[i] - m.mean[i]) / m.scale[i];
        xs.push_back(x);
    }
    std::vector<double> act(hidden);
    for (int it = 1; it <= iterations; ++it) {
        std::fill(g.begin(), g.end(), 0.0);
        for (std::size_t k = 0; k < set.size(); ++k) {
            const auto& x = xs[k];
            double z = m.ob;
            if (hidden == 0) {
                for (std::size_t i = 0; i < kF; ++i)
                    z += m.out[i] * x[i];
            } else {
                for (std::size_t h = 0; h < hidden; ++h) {
                    double a = m.hb[h];
                    for (std::size_t i = 0; i < kF; ++i)
                        a += m.hw[h * kF + i] * x[i];
                    act[h] = std::tanh(a);
                    z += m.out[h] * act[h];
                }
            }
            const double p = 1.0 / (1.0 + std::exp(-z));
            const double y = set[k]->speech ? 1.0 : 0.0;
            const double d = (p - y) * (set[k]->speech ? wPos : wNeg) / double(set.size());
            g[outs] += d;
            if (hidden == 0) {
                for (std::size_t i = 0; i < kF; ++i)
                    g[i] += d * x[i];
            } else {
                for (std::size_t h = 0; h < hidden; ++h) {
                    g[h] += d * act[h];
                    const double da = d * m.out[h] * (1.0 - act[h] * act[h]);
                    for (std::size_t i = 0; i < kF; ++i)
                        g[outs + 1 + h * kF + i] += da * x[i];
                    g[outs + 1 + m.hw.size() + h] += da;
                }
            }
        }
        const auto param = [&](std::size_t j) -> double& {
            if (j < outs)
                return m.out[j];
            if (j == outs)
                return m.ob;
            if (j < outs + 1 + m.hw.size())
                return m.hw[j - outs - 1];
            return m.hb[j - outs - 1 - m.hw.size()];
        };
        for (std::size_t j = 0; j < n; ++j) {
            double& p = param(j);
            const double gj = g[j] + (j == outs ? 0.0 : l2 * p);
            m1[j] = b1 * m1[j] + (1 - b1) * gj;
            m2[j] = b2 * m2[j] + (1 - b2) * gj * gj;
            const double mh = m1[j] / (1 - std::pow(b1, it)), vh = m2[j] / (1 - std::pow(b2, it));
            p -= lr * mh / (std::sqrt(vh) + 1e-8);
        }
    }
    return m;
}

struct Errors
{
    int speechLost = 0, speech = 0, noiseKept = 0, noise = 0;
    double minSpeech = 1.0, maxNoise = 0.0;
};

Errors evaluate(const Model& m, const std::vector<Sample>& data, bool validation, double threshold)
{
    Errors e;
    for (const Sample& s : data) {
        if (s.validation != validation)
            continue;
        const double p = m.score(s.x);
        if (s.speech) {
            ++e.speech;
            e.speechLost += p < threshold ? 1 : 0;
            e.minSpeech = std::min(e.minSpeech, p);
        } else {
            ++e.noise;
            e.noiseKept += p >= threshold ? 1 : 0;
            e.maxNoise = std::max(e.maxNoise, p);
        }
    }
    return e;
}

QString list(const double* v, std::size_t n)
{
    QStringList parts;
    for (std::size_t i = 0; i < n; ++i)
        parts << QString::number(v[i], 'g', 9);
    return parts.join(u", "_s);
}

} // namespace

// The training chunks, as the data recipe above makes them (most of the run time).
std::vector<Sample> collectSamples()
{
    std::vector<Sample> data;
    const auto collect = [&](const std::vector<std::int16_t>& pcm, bool speech,
                             const std::vector<SpeechCorpus::Span>& spans, bool validation, const QString& source,
                             const std::vector<double>& sensitivities) {
        for (const bool file : {false, true}) {
            for (const double sensitivity : sensitivities) {
                ChunkerConfig config;
                config.noLeadIn = file;
                VadConfig vad;
                vad.sensitivity = sensitivity;
                for (const GateChunk& c : gateChunks(pcm, config, vad)) {
                    if (!c.estimated)
                        continue;
                    if (speech) {
                        std::int64_t overlap = 0;
                        for (const auto& s : spans)
                            overlap += std::max<std::int64_t>(0, std::min(s.end, c.end) - std::max(s.start, c.start));
                        if (overlap < SpeechCorpus::kRate * 3 / 10)
                            continue; // noise around the speech: not a label either way
                    }
                    Sample s;
                    for (std::size_t i = 0; i < kF; ++i)
                        s.x[i] = c.features[i];
                    s.speech = speech;
                    s.validation = validation;
                    s.source = source;
                    data.push_back(s);
                }
            }
        }
    };
    const std::vector<Labelled> speech = trainingSpeech();
    std::fprintf(stderr, "%zu speech sessions\n", speech.size());
    int condition = 0;
    for (std::size_t v = 0; v < speech.size(); ++v) {
        const Labelled& session = speech[v];
        for (const double snr : {100.0, 20.0, 10.0, 5.0, 0.0}) {
            for (const bool pink : {false, true}) {
                if (snr > 50 && pink)
                    continue;
                const unsigned seed = 100 + unsigned(condition);
                const std::vector<std::int16_t> pcm = snr > 50 ? session.pcm : withNoise(session.pcm, snr, seed, pink);
                collect(pcm, true, session.spans, condition % 5 == 4,
                        session.name + u" "_s + QString::number(snr) + (pink ? u" pink"_s : u" white"_s),
                        {0.0, 0.25, 0.5, 0.75, 1.0});
                ++condition;
            }
        }
    }
    // Real recordings (training split only): clean, and once in white or pink noise at 20/10/5/0 dB.
    const std::vector<Labelled> realSpeech = realTrainingSpeech();
    std::vector<Labelled> realOther = realTrainingNonSpeech();
    int render = 0;
    for (Labelled& l : instrumentRenders(0, 60, true)) {
        if (render++ % 3 == 0) // every third also behind a noise gate
            realOther.push_back({l.name + u" gated"_s, false, behindNoiseGate(l.pcm), {}});
        realOther.push_back(std::move(l));
    }
    std::fprintf(stderr, "%zu real speech sessions, %zu real non-speech streams\n", realSpeech.size(),
                 realOther.size());
    int realVariant = 0;
    for (const std::vector<Labelled>* set : {&realSpeech, &std::as_const(realOther)}) {
        for (const Labelled& l : *set) {
            const bool validation = realVariant % 5 == 4;
            collect(l.pcm, l.speech, l.spans, validation, l.name, {0.0, 0.25, 0.5, 0.75, 1.0});
            const double snr = std::array<double, 4>{20.0, 10.0, 5.0, 0.0}[std::size_t(realVariant % 4)];
            const bool pink = (realVariant / 4) % 2 == 1;
            collect(withNoise(l.pcm, snr, 2000 + unsigned(realVariant), pink), l.speech, l.spans, validation,
                    l.name + u" "_s + QString::number(snr), {0.0, 0.25, 0.5, 0.75, 1.0});
            ++realVariant;
        }
    }
    int variant = 0;
    for (unsigned seed = 100; seed < 133; ++seed) {
        if (seed >= 125 && seed < 130)
            continue;
        for (const SpeechCorpus::NonSpeech& f : SpeechCorpus::nonSpeechSuite(20 * SpeechCorpus::kRate, seed, false)) {
            // Every third one also in the telephone band, as the asterisk prompts are.
            if (variant % 3 == 2) {
                std::vector<std::int16_t> band = SpeechCorpus::soxEffects(f.pcm, {u"sinc"_s, u"-3900"_s});
                band.resize(f.pcm.size(), 0);
                collect(band, false, {}, seed >= 130, f.name + u" 8k"_s, {0.0, 0.5, 1.0});
            }
            collect(f.pcm, false, {}, seed >= 130, f.name, {0.0, 0.25, 0.5, 0.75, 1.0});
            // Every other one behind a noise gate that opens out of exact zeros.
            if (variant % 2 == 0) {
                std::vector<std::int16_t> gated(std::size_t(1.5 * SpeechCorpus::kRate), 0);
                const std::vector<std::int16_t> open = behindNoiseGate(f.pcm);
                gated.insert(gated.end(), open.begin(), open.end());
                collect(gated, false, {}, seed >= 130, f.name + u" gated"_s, {0.0, 0.5, 1.0});
            }
            // And in noise, as the speech: one of white or pink at 20/10/5/0 dB.
            const double snr = std::array<double, 4>{20.0, 10.0, 5.0, 0.0}[std::size_t(variant % 4)];
            const bool pink = (variant / 4) % 2 == 1;
            collect(withNoise(f.pcm, snr, 1000 + unsigned(variant), pink), false, {}, seed >= 130,
                    f.name + u" "_s + QString::number(snr), {0.0, 0.25, 0.5, 0.75, 1.0});
            ++variant;
        }
    }
    return data;
}

// The collected chunks as a tab-separated file (label, split, features, source), so that fitting can be repeated
// without collecting again. Delete it when the features or the recipe change.
void saveSamples(const QString& path, const std::vector<Sample>& data)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return;
    QTextStream out(&f);
    for (const Sample& s : data) {
        out << (s.speech ? 1 : 0) << '\t' << (s.validation ? 1 : 0);
        for (const double x : s.x)
            out << '\t' << QString::number(x, 'g', 9);
        out << '\t' << s.source << '\n';
    }
}

std::vector<Sample> loadSamples(const QString& path)
{
    std::vector<Sample> data;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return data;
    QTextStream in(&f);
    while (!in.atEnd()) {
        const QStringList fields = in.readLine().split(u'\t');
        if (fields.size() != qsizetype(kF) + 3)
            return {}; // another feature set: collect again
        Sample s;
        s.speech = fields[0] == u"1"_s;
        s.validation = fields[1] == u"1"_s;
        for (std::size_t i = 0; i < kF; ++i)
            s.x[i] = fields[qsizetype(i) + 2].toDouble();
        s.source = fields.back();
        data.push_back(s);
    }
    return data;
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"samples"_s, u"Keep the collected chunks in FILE and fit from it when it exists."_s, u"FILE"_s});
    parser.addOption({u"l2"_s, u"Weight decay (default 0.001)."_s, u"L2"_s, u"0.001"_s});
    parser.addOption({u"speech-weights"_s, u"Weights of a speech chunk to try (default 8)."_s, u"LIST"_s, u"8"_s});
    parser.addOption({u"hidden"_s, u"Hidden units of the MLP (default 12)."_s, u"N"_s, u"12"_s});
    parser.addPositionalArgument(u"output"_s, u"The header to write (default: standard output)."_s);
    parser.process(app);
    const QString output = parser.positionalArguments().value(0);
    const QString samplesPath = parser.value(u"samples"_s);
    if (const QString missing = SpeechCorpus::missingTools(); !missing.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(missing));
        return 1;
    }
    const double threshold = ChunkerConfig{}.minSpeechEvidence;
    std::vector<Sample> data = samplesPath.isEmpty() ? std::vector<Sample>{} : loadSamples(samplesPath);
    if (data.empty()) {
        data = collectSamples();
        if (!samplesPath.isEmpty())
            saveSamples(samplesPath, data);
    }
    int pos = 0, neg = 0;
    for (const Sample& s : data)
        (s.speech ? pos : neg)++;
    std::fprintf(stderr, "%d speech chunks, %d non-speech chunks\n", pos, neg);

    Model best;
    int bestErrors = -1;
    const double l2 = parser.value(u"l2"_s).toDouble();
    std::vector<double> speechWeights;
    for (const QString& w : parser.value(u"speech-weights"_s).split(u','))
        speechWeights.push_back(w.toDouble());
    for (const std::size_t hidden : {std::size_t(0), std::size_t(parser.value(u"hidden"_s).toUInt())}) {
        for (const double speechWeight : speechWeights) {
            if (hidden == 0 && speechWeight > 4.0)
                continue;
            const Model m = train(data, hidden, hidden == 0 ? 1500 : 2500, speechWeight, l2);
            const Errors t = evaluate(m, data, false, threshold), v = evaluate(m, data, true, threshold);
            // A lost speech chunk costs the user words; an uploaded non-speech chunk costs money: 10 : 1. Ties go to
            // the model tried first.
            const int errors = 10 * v.speechLost + v.noiseKept;
            std::fprintf(stderr,
                         "hidden %zu, speech weight %.0f: train speech lost %d/%d (min %.3f), noise kept %d/%d; "
                         "validation speech lost %d/%d (min %.3f), noise kept %d/%d (max %.3f)\n",
                         hidden, speechWeight, t.speechLost, t.speech, t.minSpeech, t.noiseKept, t.noise, v.speechLost,
                         v.speech, v.minSpeech, v.noiseKept, v.noise, v.maxNoise);
            if (bestErrors < 0 || errors < bestErrors) {
                bestErrors = errors;
                best = m;
            }
        }
    }
    // Which training chunks the chosen model gets wrong, by source (for the docs' limits).
    for (const Sample& s : data) {
        const double p = best.score(s.x);
        if ((s.speech && p < threshold) || (!s.speech && p >= threshold))
            std::fprintf(stderr, "  wrong: %s %s score %.3f\n", s.validation ? "val" : "train", qPrintable(s.source),
                         p);
    }
    // A voice's spectrum moves (feature 12, the mean movement of the spectral centroid between speech frames): half
    // the least any training speech chunk moved is the floor below which the score falls in proportion, so a tone
    // or chime far from anything the model saw as speech cannot pass on the model's extrapolation alone.
    double leastMove = -1.0;
    for (const Sample& s : data)
        if (s.speech && !s.validation && (leastMove < 0.0 || s.x[12] < leastMove))
            leastMove = s.x[12];
    const double minMove = std::max(0.0, leastMove) / 2.0;
    int stillNoise = 0, noise = 0, stillVal = 0;
    for (const Sample& s : data) {
        noise += s.speech ? 0 : 1;
        stillNoise += !s.speech && s.x[12] < minMove ? 1 : 0;
        stillVal += s.speech && s.validation && s.x[12] < minMove ? 1 : 0;
    }
    std::fprintf(stderr,
                 "formant movement: least of the training speech %.4f, floor %.4f; non-speech below it %d of %d; "
                 "validation speech below it %d\n",
                 leastMove, minMove, stillNoise, noise, stillVal);
    const std::vector<double> hw = best.hidden ? best.hw : std::vector<double>{0.0};
    const std::vector<double> hb = best.hidden ? best.hb : std::vector<double>{0.0};
    QString text = u"// Generated by bench/audio/trainvoicegate — do not edit (docs/audio.md, \"Speech or not\").\n"
                   "// Features (voicegate.h): "_s;
    for (std::size_t i = 0; i < kF; ++i)
        text += QString::fromLatin1(voiceFeatureName(i)) + (i + 1 < kF ? u", "_s : u".\n"_s);
    text += u"// Trained on %1 speech and %2 non-speech chunks (training seeds 100-124, 130-132; espeak-ng and flite "
            u"voices;\n// asterisk prompts by four speakers, even music-on-hold tracks, "
            u"oxygen, yaru and deepin sound themes; "
            u"fluidsynth renders).\n"
            "#pragma once\n\n#include <cstddef>\n\nnamespace utter::voicegatemodel\n{\n\n"_s.arg(pos)
                .arg(neg);
    text +=
        u"inline constexpr std::size_t kHidden = %1; // 0: logistic regression on the standardised features\n"_s.arg(
            best.hidden);
    text += u"inline constexpr double kMean[] = {%1};\n"_s.arg(list(best.mean.data(), kF));
    text += u"inline constexpr double kScale[] = {%1};\n"_s.arg(list(best.scale.data(), kF));
    text += u"inline constexpr double kHiddenWeights[] = {%1};\n"_s.arg(list(hw.data(), hw.size()));
    text += u"inline constexpr double kHiddenBias[] = {%1};\n"_s.arg(list(hb.data(), hb.size()));
    text += u"inline constexpr double kOutput[] = {%1};\n"_s.arg(list(best.out.data(), best.out.size()));
    text += u"inline constexpr double kMinFormantMove = %1; // half the least of the training speech\n"_s.arg(
        minMove, 0, 'g', 9);
    text += u"inline constexpr double kOutputBias = %1;\n\n} // namespace utter::voicegatemodel\n"_s.arg(best.ob, 0,
                                                                                                         'g', 9);
    if (output.isEmpty()) {
        std::printf("%s", qPrintable(text));
    } else {
        QFile f(output);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 1;
        f.write(text.toUtf8());
    }
    return 0;
}
