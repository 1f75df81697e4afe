#include "voicegatedata.h"

#include "voicegatemodelbefore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

using namespace Qt::Literals::StringLiterals;
using utter::test::SpeechCorpus;

namespace utter::bench
{

namespace
{
constexpr double kRuleEvidence = 0.11; // the rule's thresholds (issue 17, first attempt)
constexpr double kRuleUnclearShare = 0.45;
constexpr float kUnclearSnrDb = 16.0f;

// voiceScore() with the round-2 weights.
double previousScore(const VoiceFeatures& features)
{
    using namespace voicegatemodelbefore;
    static const VoiceGateWeights before{kHidden,     kMean,   kScale,      kHiddenWeights,
                                         kHiddenBias, kOutput, kOutputBias, kMinFormantMove};
    return voiceScore(features, before);
}

const QString kAsteriskPrompts = u"/usr/share/asterisk/sounds/en_US_f_Allison"_s;
// The prompts that are not speech: tones, beeps and screeching monkeys (non-speech training material instead).
const QStringList kAsteriskNotSpeech{u"ascending-2tone.wav"_s, u"descending-2tone.wav"_s, u"beep.wav"_s,
                                     u"beeperr.wav"_s, u"tt-monkeys.wav"_s};

QStringList filesUnder(const QString& dir, const QStringList& patterns, bool recursive)
{
    QStringList out;
    QDirIterator it(dir, patterns, QDir::Files,
                    recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags);
    while (it.hasNext())
        out << it.next();
    out.sort();
    return out;
}

std::vector<std::int16_t> telephoneBand(const std::vector<std::int16_t>& pcm)
{
    std::vector<std::int16_t> out = SpeechCorpus::soxEffects(pcm, {u"sinc"_s, u"-3900"_s});
    out.resize(pcm.size(), 0);
    return out;
}

// A format-0 MIDI file at 1 tick = 1 ms (division 500 at the default 120 bpm) from (ms, event bytes), sorted.
QByteArray midiFile(std::vector<std::pair<int, std::vector<std::uint8_t>>> events)
{
    std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    QByteArray track;
    int now = 0;
    for (const auto& [ms, bytes] : events) {
        unsigned delta = unsigned(ms - now);
        now = ms;
        std::uint8_t vlq[5];
        int n = 0;
        vlq[n++] = std::uint8_t(delta & 0x7f);
        while ((delta >>= 7) > 0)
            vlq[n++] = std::uint8_t(0x80 | (delta & 0x7f));
        while (n > 0)
            track.append(char(vlq[--n]));
        for (const std::uint8_t b : bytes)
            track.append(char(b));
    }
    track.append("\x00\xff\x2f\x00", 4);
    QByteArray file("MThd\x00\x00\x00\x06\x00\x00\x00\x01\x01\xf4", 14);
    file.append("MTrk", 4);
    const auto len = std::uint32_t(track.size());
    for (int shift = 24; shift >= 0; shift -= 8)
        file.append(char((len >> shift) & 0xff));
    return file + track;
}

std::vector<std::int16_t> renderMidi(const QByteArray& midi)
{
    const QString font = u"/usr/share/sounds/sf2/TimGM6mb.sf2"_s;
    QTemporaryDir dir;
    if (!QFileInfo::exists(font) || !dir.isValid())
        return {};
    QFile in(dir.filePath(u"in.mid"_s));
    if (!in.open(QIODevice::WriteOnly))
        return {};
    in.write(midi);
    in.close();
    QProcess synth;
    synth.start(u"fluidsynth"_s, {u"-ni"_s, u"-q"_s, u"-g"_s, u"0.6"_s, u"-r"_s, u"16000"_s, u"-F"_s,
                                  dir.filePath(u"out.wav"_s), font, in.fileName()});
    if (!synth.waitForFinished(60000) || synth.exitCode() != 0)
        return {};
    return SpeechCorpus::decode(dir.filePath(u"out.wav"_s));
}

// 20 s excerpts of a track, every 40 s from 10 s on, at most `most`.
void excerpts(const QString& path, int most, bool bandLimitOdd, std::vector<Labelled>& out)
{
    const std::vector<std::int16_t> pcm = SpeechCorpus::decode(path);
    const std::size_t len = 20 * std::size_t(SpeechCorpus::kRate);
    int n = 0;
    for (std::size_t at = 10 * std::size_t(SpeechCorpus::kRate); at + len <= pcm.size() && n < most;
         at += 40 * std::size_t(SpeechCorpus::kRate), ++n) {
        std::vector<std::int16_t> part(pcm.begin() + std::ptrdiff_t(at), pcm.begin() + std::ptrdiff_t(at + len));
        const bool band = bandLimitOdd && n % 2 == 1;
        if (band)
            part = telephoneBand(part);
        out.push_back({path.section(u'/', -1) + u" @"_s + QString::number(at / SpeechCorpus::kRate) +
                           (band ? u" 8k"_s : QString()),
                       false,
                       part,
                       {}});
    }
}
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
        g.previous = g.estimated ? previousScore(g.features) : -1.0;
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

bool previousRejects(const GateChunk& c, double minSpeechEvidence)
{
    return c.estimated && c.previous < minSpeechEvidence;
}

std::vector<std::int16_t> behindNoiseGate(const std::vector<std::int16_t>& pcm)
{
    constexpr std::size_t kBlock = SpeechCorpus::kRate / 100; // 10 ms
    constexpr std::size_t kHoldBlocks = 25;                   // 250 ms
    const int threshold = int(std::lrint(32768.0 * std::pow(10.0, -45.0 / 20.0)));
    std::vector<std::int16_t> out(pcm.size(), 0);
    std::size_t openUntil = 0; // in blocks
    for (std::size_t block = 0; block * kBlock < pcm.size(); ++block) {
        const std::size_t begin = block * kBlock, end = std::min(pcm.size(), begin + kBlock);
        int peak = 0;
        for (std::size_t i = begin; i < end; ++i)
            peak = std::max(peak, std::abs(int(pcm[i])));
        if (peak >= threshold)
            openUntil = block + kHoldBlocks;
        if (block < openUntil)
            std::copy(pcm.begin() + std::ptrdiff_t(begin), pcm.begin() + std::ptrdiff_t(end),
                      out.begin() + std::ptrdiff_t(begin));
    }
    return out;
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
        SpeechCorpus::addRoomFloor(pcm, 300 + unsigned(v));
        out.push_back({voices.at(v) + u" phrases"_s, true, pcm, spans});
        if (v % 2 == 1)
            out.push_back({voices.at(v) + u" phrases gated"_s, true, behindNoiseGate(pcm), spans});
    }
    return out;
}

QStringList mohTracks()
{
    return filesUnder(u"/usr/share/asterisk/moh"_s, {u"*.wav"_s}, false);
}

std::vector<Labelled> realTrainingSpeech()
{
    std::vector<Labelled> out;
    // Allison (US English, every third prompt) and three more speakers, one prompt in nine: June (Canadian French),
    // Carlo (Italian, the one man) and the Russian IVR voice.
    const std::pair<QString, qsizetype> speakers[] = {{kAsteriskPrompts, 3},
                                                      {u"/usr/share/asterisk/sounds/fr_CA_f_June"_s, 9},
                                                      {u"/usr/share/asterisk/sounds/it_IT_m_Carlo"_s, 9},
                                                      {u"/usr/share/asterisk/sounds/ru_RU_f_IvrvoiceRU"_s, 9}};
    unsigned seed = 700;
    for (const auto& [dir, stride] : speakers) {
        QStringList prompts;
        for (const QString& path : filesUnder(dir, {u"*.wav"_s}, true))
            if (!path.contains(u"/silence/"_s) && !kAsteriskNotSpeech.contains(path.section(u'/', -1)))
                prompts << path;
        QStringList chosen;
        for (qsizetype i = 0; i < prompts.size(); i += stride)
            chosen << prompts.at(i);
        // Five to a session.
        for (qsizetype s = 0; s + 5 <= chosen.size(); s += 5) {
            std::vector<std::int16_t> pcm(std::size_t(1.5 * SpeechCorpus::kRate), 0);
            for (qsizetype k = 0; k < 5; ++k) {
                const std::vector<std::int16_t> prompt = SpeechCorpus::decode(chosen.at(s + k));
                pcm.insert(pcm.end(), prompt.begin(), prompt.end());
                const double pause = 1.5 + double((s + k) % 5) * 0.5;
                pcm.insert(pcm.end(), std::size_t(pause * SpeechCorpus::kRate), 0);
            }
            const auto spans = SpeechCorpus::speechSpans(pcm);
            const QString name = u"asterisk "_s + dir.section(u'/', -1) + u' ' + chosen.at(s).section(u'/', -1);
            // Also as a capture chain with a noise gate delivers it: exact zeros between the prompts.
            out.push_back({name + u" zeros"_s, true, pcm, spans});
            SpeechCorpus::addRoomFloor(pcm, seed++);
            out.push_back({name, true, pcm, spans});
        }
    }
    return out;
}

std::vector<Labelled> realTrainingNonSpeech()
{
    std::vector<Labelled> out;
    const QStringList tracks = mohTracks();
    for (qsizetype t = 0; t < tracks.size(); t += 2)
        excerpts(tracks.at(t), 6, true, out);
    QStringList alerts = filesUnder(u"/usr/share/sounds"_s, {u"Oxygen-*.ogg"_s}, false);
    alerts << filesUnder(u"/usr/share/sounds/Yaru/stereo"_s, {u"*.oga"_s, u"*.ogg"_s, u"*.wav"_s}, false)
           << filesUnder(u"/usr/share/sounds/deepin/stereo"_s, {u"*.oga"_s, u"*.ogg"_s, u"*.wav"_s}, false);
    for (const QString& name : kAsteriskNotSpeech)
        alerts << kAsteriskPrompts + u'/' + name;
    unsigned seed = 800;
    for (qsizetype i = 0; i < alerts.size(); ++i) {
        std::vector<std::int16_t> pcm = SpeechCorpus::decode(alerts.at(i));
        if (pcm.empty())
            continue;
        pcm.resize(std::min(pcm.size(), 20 * std::size_t(SpeechCorpus::kRate)));
        const bool band = i % 2 == 1;
        if (band)
            pcm = telephoneBand(pcm);
        const QString name = alerts.at(i).section(u'/', -1) + (band ? u" 8k"_s : QString());
        out.push_back({name, false, SpeechCorpus::inRoom(pcm, seed++), {}});
        if (i % 2 == 0) // and behind a noise gate, as the voice is
            out.push_back({name + u" gated"_s, false, behindNoiseGate(out.back().pcm), {}});
    }
    return out;
}

std::vector<Labelled> instrumentRenders(unsigned firstSeed, int count, bool bandLimitOdd)
{
    // General MIDI programs: pianos, mallets, organ, guitars, bass, strings, brass, reeds, flutes, leads, pads, bells,
    // steel drums (no choir or voice patches).
    static constexpr std::uint8_t kPrograms[] = {0,  4,  8,  9,  10, 11, 12, 14, 16, 19,
                                                 24, 25, 40, 48, 56, 65, 73, 78, 80, 114};
    static constexpr int kScale[] = {0, 2, 4, 5, 7, 9, 11};
    std::vector<Labelled> out;
    for (int k = 0; k < count; ++k) {
        const unsigned seed = firstSeed + unsigned(k);
        std::mt19937 rng(seed * 7919u + 13u);
        const auto uniform = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
        const int kind = int(seed % 4);
        const std::uint8_t program = kPrograms[(seed * 7) % std::size(kPrograms)];
        const int beat = uniform(400, 700); // ms
        const int root = uniform(48, 64);
        const int end = 12000;
        std::vector<std::pair<int, std::vector<std::uint8_t>>> events;
        const auto note = [&](int channel, int at, int length, int key, int velocity) {
            key = std::clamp(key, 24, 108);
            events.push_back({at + length, {std::uint8_t(0x80 | channel), std::uint8_t(key), 0}});
            events.push_back({at, {std::uint8_t(0x90 | channel), std::uint8_t(key), std::uint8_t(velocity)}});
        };
        const auto degree = [&](int d) { return root + 12 * (d / 7) + kScale[((d % 7) + 7) % 7] - (d < 0 ? 12 : 0); };
        events.push_back({0, {0xc0, program}});
        events.push_back({0, {0xc1, 32}}); // acoustic bass
        QString what;
        if (kind == 0) { // melody: a random walk on the scale
            what = u"melody"_s;
            int d = uniform(0, 6);
            for (int t = 300; t < end - 800;) {
                const int length = beat / 2 * uniform(1, 3);
                note(0, t, length * 9 / 10, degree(d) + 12, uniform(70, 110));
                d = std::clamp(d + uniform(-2, 2), -3, 10);
                t += length + (uniform(0, 5) == 0 ? beat : 0);
            }
        } else if (kind == 1) { // chords, one or two beats each
            what = u"chords"_s;
            for (int t = 300; t < end - 1500;) {
                const int d = uniform(0, 6), length = beat * uniform(2, 4);
                for (const int step : {0, 2, 4})
                    note(0, t, length - 50, degree(d + step), uniform(60, 95));
                t += length;
            }
        } else if (kind == 2) { // arpeggio over a bass line
            what = u"arpeggio"_s;
            for (int t = 300, bar = 0; t < end - 1500; ++bar) {
                const int d = uniform(0, 6);
                note(1, t, beat * 4 - 50, degree(d) - 12, 90);
                for (int i = 0; i < 8; ++i)
                    note(0, t + i * beat / 2, beat / 2,
                         degree(d + std::array<int, 8>{0, 2, 4, 7, 4, 2, 0, 2}[std::size_t(i)]), uniform(60, 100));
                t += beat * 4;
            }
        } else { // drums (channel 10), with a bass line every other time
            what = u"drums"_s;
            for (int t = 300, i = 0; t < end - 500; t += beat / 2, ++i) {
                note(9, t, 80, 42, uniform(50, 90)); // closed hi-hat
                if (i % 4 == 0)
                    note(9, t, 100, 36, 110); // kick
                if (i % 4 == 2)
                    note(9, t, 100, 38, 100); // snare
                if (seed % 8 == 3 && i % 2 == 0)
                    note(1, t, beat / 2 - 30, degree(uniform(0, 6)) - 12, 85);
            }
        }
        std::vector<std::int16_t> pcm = renderMidi(midiFile(std::move(events)));
        if (pcm.empty())
            return {};
        const bool band = bandLimitOdd && k % 2 == 1;
        if (band)
            pcm = telephoneBand(pcm);
        out.push_back({u"gm%1 %2 seed %3"_s.arg(program).arg(what).arg(seed) + (band ? u" 8k"_s : QString()),
                       false,
                       SpeechCorpus::inRoom(pcm, 900 + seed),
                       {}});
    }
    return out;
}

std::vector<Labelled> heldOutMusic()
{
    std::vector<Labelled> out;
    const QStringList tracks = mohTracks();
    for (qsizetype t = 1; t < tracks.size(); t += 2)
        excerpts(tracks.at(t), 3, false, out);
    return out;
}

} // namespace utter::bench
