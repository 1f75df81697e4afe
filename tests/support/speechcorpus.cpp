#include "speechcorpus.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
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
    espeak.start(u"espeak-ng"_s, {u"-v"_s, voice, u"-s"_s, QString::number(wordsPerMinute), u"-w"_s, wav, text});
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
