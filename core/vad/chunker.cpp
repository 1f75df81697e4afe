#include "chunker.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace utter
{

namespace
{

constexpr std::int64_t kOnsetLookbackMs = 500; // how far back a speech start may reach for its first voiced frame
constexpr std::int64_t kQuietWindowFrames = 5; // the quietest point is judged over ~100 ms
constexpr float kHintProbability = 0.2f;       // in unclear speech, a frame this likely is never inside a cut's pause
constexpr float kUnclearSnrDb = 16.0f;         // speech peaking below this far above the noise is unclear
constexpr int kUnclearMinPauseMs = 400;        // the shortest pause that may end an unclear chunk
constexpr std::int64_t kUnclearPaddingPercent = 150; // after unclear speech: its quiet endings drown in the noise
constexpr int kOnsetGapMs = 200;                     // a speech start reaches back across quiet gaps this short
constexpr int kLearnMs = 2000;   // noLeadIn: the noise floor is learned from this much of the file first
constexpr int kFileEdgeMs = 500; // noLeadIn: speech this close to the file's start or end is extended to it

std::int64_t msToSamples(int ms, int rate)
{
    return std::int64_t(ms) * rate / 1000;
}

float meanSquare(std::span<const std::int16_t> samples)
{
    double sum = 0.0;
    for (const std::int16_t s : samples)
        sum += double(s) * double(s);
    return samples.empty() ? 0.0f : float(sum / double(samples.size()));
}

} // namespace

const char* chunkCutName(ChunkCut cut)
{
    switch (cut) {
    case ChunkCut::Pause:
        return "pause";
    case ChunkCut::LongPause:
        return "long-pause";
    case ChunkCut::MaxLength:
        return "max-length";
    case ChunkCut::End:
        return "end";
    }
    return "unknown";
}

Chunker::Chunker(ChunkerConfig config, std::unique_ptr<VadBackend> vad, ChunkHandler onChunk)
    : m_config(config)
    , m_vad(std::move(vad))
    , m_onChunk(std::move(onChunk))
{
    if (!m_vad)
        m_vad = createVad(VadConfig{});
    m_config.sampleRate = m_vad->sampleRate();
    const int rate = m_config.sampleRate;
    m_frameSamples = std::int64_t(m_vad->frameSamples());
    m_minPause = msToSamples(std::max(m_config.minPauseMs, 1), rate);
    m_target = msToSamples(std::max(m_config.targetChunkMs, 0), rate);
    // The cap must leave room for a second half to search; never below one second.
    m_max = std::max(msToSamples(m_config.maxChunkMs, rate), std::int64_t(rate));
    m_padding = msToSamples(std::max(m_config.paddingMs, 0), rate);
    m_minSpeech = msToSamples(std::max(m_config.minSpeechMs, 0), rate);
    m_maxMergedPause = std::max(msToSamples(m_config.maxMergedPauseMs, rate), m_minPause);
    m_minBilled = msToSamples(std::max(m_config.minBilledMs, 0), rate);
    m_maxKeptPause = msToSamples(std::max(m_config.maxKeptPauseMs, 0), rate);
    const std::int64_t kept = std::clamp<std::int64_t>(msToSamples(m_config.shortenedPauseMs, rate), 0, m_maxKeptPause);
    // Most of what is kept goes after the last voiced frame: a word's decay outlasts the detector's judgement of it,
    // while an onset is already traced back to its first hinting frame (onsetOf()).
    m_keepBefore = kept / 4;
    m_keepAfter = kept - m_keepBefore;
    m_learn = msToSamples(kLearnMs, rate);
    m_edge = msToSamples(kFileEdgeMs, rate);
    reset(0);
}

Chunker::~Chunker() = default;

void Chunker::reset(std::int64_t firstSample)
{
    m_vad->reset();
    m_origin = firstSample;
    m_fed = 0;
    m_buffer.clear();
    m_bufferStart = firstSample;
    m_frames.clear();
    m_frameBase = 0;
    m_frameCount = 0;
    m_open = false;
    m_chunkStart = firstSample;
    m_lastVoicedEnd = firstSample;
    m_peakSnrDb = -1.0f;
    m_previousEnd = firstSample;
    m_lastSpeech = false;
    m_sequence = 0;
    m_gaps.clear();
    m_held.reset();
    m_primed = !m_config.noLeadIn;
}

void Chunker::feed(std::span<const std::int16_t> samples)
{
    m_buffer.insert(m_buffer.end(), samples.begin(), samples.end());
    m_fed += std::int64_t(samples.size());
    if (!m_primed) {
        if (m_fed < m_learn)
            return; // buffered until the noise floor can be learned
        prime();
    }
    const std::int64_t streamEnd = m_origin + m_fed;
    while (frameStart(m_frameCount) + m_frameSamples <= streamEnd) {
        const std::int64_t start = frameStart(m_frameCount);
        processFrame(std::span<const std::int16_t>(m_buffer).subspan(std::size_t(start - m_bufferStart),
                                                                     std::size_t(m_frameSamples)));
    }
    trim();
}

void Chunker::prime()
{
    // A file has no pre-roll to learn the room from: speech at sample 0 would be taken for the noise floor and its
    // onset lost. So the detector hears the opening seconds first (its decisions ignored), then starts over at
    // sample 0 knowing the floor (VadBackend::restart()).
    m_primed = true;
    const std::int64_t learnEnd = m_origin + std::min(m_fed, m_learn);
    for (std::int64_t at = m_origin; at + m_frameSamples <= learnEnd; at += m_frameSamples)
        (void)m_vad->process(std::span<const std::int16_t>(m_buffer).subspan(std::size_t(at - m_bufferStart),
                                                                             std::size_t(m_frameSamples)));
    m_vad->restart();
}

std::int64_t Chunker::onsetOf(std::int64_t index, std::int64_t notBefore) const
{
    // The detector needs a few frames to be sure; the speech began at the first frame of that run that hinted
    // at speech (a faint onset in noise scores below the start threshold), across gaps of up to kOnsetGapMs.
    std::int64_t first = index;
    const std::int64_t lookback = msToSamples(int(kOnsetLookbackMs), m_config.sampleRate) / m_frameSamples;
    const std::int64_t maxGap = msToSamples(kOnsetGapMs, m_config.sampleRate) / m_frameSamples;
    for (std::int64_t probe = index - 1; probe >= m_frameBase && index - probe <= lookback; --probe) {
        if (frameStart(probe) < notBefore)
            break;
        if (frameAt(probe).hint)
            first = probe;
        else if (first - probe > maxGap)
            break;
    }
    return std::max(frameStart(first), notBefore);
}

void Chunker::processFrame(std::span<const std::int16_t> samples)
{
    const VadDecision decision = m_vad->process(samples);
    Frame frame;
    frame.probability = decision.probability;
    frame.meanSquare = meanSquare(samples);
    frame.speech = decision.speech;
    frame.voiced = decision.probability >= 0.5f;
    frame.hint = decision.probability >= kHintProbability;
    frame.voice = voiceFrameOf(decision);
    const std::int64_t index = m_frameCount++;
    m_frames.push_back(frame);
    const std::int64_t start = frameStart(index);
    const std::int64_t end = start + m_frameSamples;
    if (m_onFrame)
        m_onFrame(ChunkerFrame{start, decision});

    if (decision.speech && !m_open) {
        m_chunkStart = std::max({onsetOf(index, frameStart(m_frameBase)) - m_padding, m_previousEnd, m_bufferStart});
        // A file's opening words: its first sample is where they start (nothing before it to pad with).
        if (m_config.noLeadIn && m_previousEnd == m_origin && m_sequence == 0 && m_chunkStart - m_origin <= m_edge &&
            m_bufferStart == m_origin)
            m_chunkStart = m_origin;
        m_lastVoicedEnd = end;
        m_peakSnrDb = decision.snrDb;
        m_open = true;
        m_gaps.clear();
        m_held.reset();
    } else if (decision.speech && !m_lastSpeech && m_open) {
        speechResumed(index);
    }
    m_lastSpeech = decision.speech;
    if (!m_open)
        return;

    if (decision.speech)
        m_peakSnrDb = std::max(m_peakSnrDb, decision.snrDb);
    // In noise the detector lets go of speech inside quiet words; a cut there would split them. So in unclear
    // speech any frame that still hints at speech keeps the pause from starting. (In clear speech the detector is
    // reliable and such frames are the noise: babble, a radio.)
    if ((decision.speech && frame.voiced) || (unclear() && frame.hint))
        m_lastVoicedEnd = end;
    // A held chunk goes once the speech after it is long enough to be billed fairly on its own.
    if (m_held && m_held->next >= 0) {
        const std::int64_t tailEnd = decision.speech ? end : std::min(end, m_lastVoicedEnd + trailingPadding());
        if (uploaded(m_held->next, tailEnd) >= m_minBilled)
            release();
    }
    const std::int64_t pause = end - m_lastVoicedEnd;
    if (!decision.speech && pause >= minPause()) {
        const std::int64_t contentEnd = std::min(end, m_lastVoicedEnd + trailingPadding());
        const std::int64_t length = uploaded(m_chunkStart, contentEnd);
        const bool capped = end - m_chunkStart >= m_max; // a pause past the cap: memory stays bounded
        if (m_held) {
            if (capped) { // the held chunk and what followed it, as one
                emitChunk(m_chunkStart, contentEnd, m_held->cut, false, m_gaps);
                m_open = false;
            }
        } else if (length >= std::max(m_target, m_minBilled)) {
            close(contentEnd, ChunkCut::Pause);
        } else if (pause >= m_maxMergedPause && (length >= m_minBilled || capped)) {
            if (capped) {
                emitChunk(m_chunkStart, contentEnd, ChunkCut::LongPause, false, m_gaps);
                m_open = false;
            } else {
                close(contentEnd, ChunkCut::LongPause);
            }
        }
    } else if (end - m_chunkStart >= m_max) {
        if (m_held) {
            if (m_held->next < 0)
                m_held->next = m_held->end;
            release();
        } else {
            const std::int64_t cut = quietestPoint(m_chunkStart + m_max / 2, end);
            emitChunk(m_chunkStart, cut, ChunkCut::MaxLength, false, m_gaps);
            m_chunkStart = cut;
            dropGapsBefore(cut);
            if (m_lastVoicedEnd <= cut && !decision.speech)
                m_open = false; // nothing voiced after the cut: the rest is silence
        }
    }
}

void Chunker::speechResumed(std::int64_t index)
{
    // Speech again after a pause inside the open chunk: where it begins settles the pause. A long one is shortened
    // (its middle is left out of the upload); after a held chunk, this is where the next chunk starts.
    const std::int64_t onset = onsetOf(index, m_lastVoicedEnd);
    bool atCut = false;
    if (m_held && m_held->next < 0) {
        m_held->next = std::max(onset - m_padding, m_held->end);
        atCut = true;
    }
    if (m_maxKeptPause > 0 && onset - m_lastVoicedEnd > m_maxKeptPause) {
        const StreamGap gap{m_lastVoicedEnd + keepAfter(), onset - m_keepBefore};
        if (gap.to > gap.from) {
            if (atCut)
                m_held->boundary = std::ptrdiff_t(m_gaps.size());
            m_gaps.push_back(gap);
        }
    }
}

void Chunker::close(std::int64_t end, ChunkCut cut)
{
    if (m_minBilled > 0) {
        m_held = Held{end, cut, m_gaps.size(), -1, -1};
        return;
    }
    emitChunk(m_chunkStart, end, cut, false, m_gaps);
    m_open = false;
}

void Chunker::release()
{
    const Held held = *m_held;
    m_held.reset();
    const std::vector<StreamGap> mine(m_gaps.begin(), m_gaps.begin() + std::ptrdiff_t(held.gaps));
    emitChunk(m_chunkStart, held.end, held.cut, false, mine);
    std::vector<StreamGap> rest;
    for (std::size_t i = held.gaps; i < m_gaps.size(); ++i) {
        if (std::ptrdiff_t(i) != held.boundary) // the pause between the two: its kept ends are the chunks' padding
            rest.push_back(m_gaps[i]);
    }
    m_gaps = std::move(rest);
    m_chunkStart = std::max(held.next, held.end);
    dropGapsBefore(m_chunkStart);
}

std::int64_t Chunker::uploaded(std::int64_t from, std::int64_t to) const
{
    std::int64_t length = std::max<std::int64_t>(0, to - from);
    for (const StreamGap& gap : m_gaps)
        length -= std::max<std::int64_t>(0, std::min(to, gap.to) - std::max(from, gap.from));
    return length;
}

void Chunker::dropGapsBefore(std::int64_t sample)
{
    std::erase_if(m_gaps, [sample](const StreamGap& gap) { return gap.to <= sample; });
    for (StreamGap& gap : m_gaps)
        gap.from = std::max(gap.from, sample);
}

std::int64_t Chunker::minPause() const
{
    // In unclear speech the detector misses quiet stretches inside words and between close ones: a short "pause"
    // there may be speech, so only kUnclearMinPauseMs or more may end a chunk (bench/audio, section 2e).
    return unclear() ? std::max(m_minPause, msToSamples(kUnclearMinPauseMs, m_config.sampleRate)) : m_minPause;
}

bool Chunker::unclear() const
{
    return m_peakSnrDb >= 0.0f && m_peakSnrDb < kUnclearSnrDb;
}

std::int64_t Chunker::trailingPadding() const
{
    return unclear() ? m_padding * kUnclearPaddingPercent / 100 : m_padding;
}

std::int64_t Chunker::keepAfter() const
{
    // Unclear speech ends softer into the noise: as much more as its trailing padding has.
    return m_keepAfter + (trailingPadding() - m_padding);
}

std::int64_t Chunker::quietestPoint(std::int64_t from, std::int64_t to) const
{
    // Frames whose start lies in [from, to); the cut goes at the start of the centre frame of the quietest
    // window, so it falls in the middle of the deepest gap between words.
    std::int64_t firstFrame = std::max(m_frameBase, (from - m_origin + m_frameSamples - 1) / m_frameSamples);
    const std::int64_t lastFrame = std::min(m_frameCount, (to - m_origin) / m_frameSamples);
    if (firstFrame >= lastFrame)
        return to;
    const std::int64_t half = kQuietWindowFrames / 2;
    double best = std::numeric_limits<double>::max();
    std::int64_t bestFrame = lastFrame - 1;
    for (std::int64_t i = firstFrame; i < lastFrame; ++i) {
        double sum = 0.0;
        int n = 0;
        for (std::int64_t j = std::max(m_frameBase, i - half); j <= std::min(m_frameCount - 1, i + half); ++j) {
            sum += frameAt(j).meanSquare;
            ++n;
        }
        const double mean = sum / std::max(n, 1);
        if (mean < best) {
            best = mean;
            bestFrame = i;
        }
    }
    return frameStart(bestFrame);
}

double Chunker::speechEvidence(std::int64_t start, std::int64_t end) const
{
    // The voice gate's score of the chunk's frames (voicegate.h; docs/audio.md, "Speech or not").
    std::vector<VoiceFrame> frames;
    const std::int64_t firstFrame = std::max(m_frameBase, (start - m_origin) / m_frameSamples);
    for (std::int64_t i = firstFrame; i < m_frameCount && frameStart(i) < end; ++i)
        frames.push_back(frameAt(i).voice);
    VoiceFeatures features;
    if (!voiceFeatures(frames, features))
        return -1.0;
    return voiceScore(features);
}

void Chunker::emitChunk(std::int64_t start, std::int64_t end, ChunkCut cut, bool final,
                        const std::vector<StreamGap>& gaps)
{
    if (end <= start)
        return;
    // The gaps inside [start, end), clipped to it.
    std::vector<StreamGap> inside;
    for (const StreamGap& gap : gaps) {
        const StreamGap clipped{std::max(gap.from, start), std::min(gap.to, end)};
        if (clipped.to > clipped.from)
            inside.push_back(clipped);
    }
    const auto inGap = [&inside](std::int64_t from, std::int64_t to) {
        return std::any_of(inside.begin(), inside.end(),
                           [&](const StreamGap& gap) { return from >= gap.from && to <= gap.to; });
    };
    std::int64_t frames = 0;
    std::int64_t speechFrames = 0;
    std::int64_t voicedFrames = 0;
    const std::int64_t firstFrame = std::max(m_frameBase, (start - m_origin) / m_frameSamples);
    for (std::int64_t i = firstFrame; i < m_frameCount && frameStart(i) < end; ++i) {
        if (frameStart(i) + m_frameSamples <= start || inGap(frameStart(i), frameStart(i) + m_frameSamples))
            continue;
        const Frame& f = frameAt(i);
        ++frames;
        speechFrames += f.speech ? 1 : 0;
        voicedFrames += f.speech && f.voiced ? 1 : 0;
    }
    if (voicedFrames * m_frameSamples < std::max<std::int64_t>(m_minSpeech, 1))
        return; // no speech (or only a click): never uploaded
    const double evidence = speechEvidence(start, end);
    const double needed = m_config.minSpeechEvidence;

    AudioChunk chunk;
    chunk.startSample = start;
    chunk.endSample = end;
    chunk.sampleRate = m_config.sampleRate;
    chunk.speechRatio = frames > 0 ? double(speechFrames) / double(frames) : 0.0;
    chunk.cut = cut;
    chunk.final = final;
    chunk.speechEvidence = evidence;
    m_previousEnd = end;
    if (evidence >= 0.0 && evidence < needed) {
        // Typing, music, a fan: sound, not a voice. Not uploaded, but never silently (docs/audio.md).
        ++m_rejected;
        if (m_onRejected)
            m_onRejected(chunk);
        return;
    }
    chunk.sequence = m_sequence++;
    std::int64_t removed = 0;
    for (const StreamGap& gap : inside)
        removed += gap.to - gap.from;
    chunk.pcm.reserve(std::size_t(end - start - removed));
    std::int64_t at = start;
    const auto copy = [&](std::int64_t to) {
        const auto first = m_buffer.begin() + std::ptrdiff_t(at - m_bufferStart);
        chunk.pcm.insert(chunk.pcm.end(), first, first + std::ptrdiff_t(to - at));
    };
    for (const StreamGap& gap : inside) {
        copy(gap.from);
        chunk.gaps.push_back(ChunkGap{std::int64_t(chunk.pcm.size()), gap.to - gap.from});
        at = gap.to;
    }
    copy(end);
    if (m_onChunk)
        m_onChunk(std::move(chunk));
}

std::span<const std::int16_t> Chunker::buffered(std::int64_t from, std::int64_t to) const
{
    from = std::clamp(from, m_bufferStart, m_bufferStart + std::int64_t(m_buffer.size()));
    to = std::clamp(to, from, m_bufferStart + std::int64_t(m_buffer.size()));
    return std::span<const std::int16_t>(m_buffer).subspan(std::size_t(from - m_bufferStart), std::size_t(to - from));
}

std::int64_t Chunker::openChunkEnd() const
{
    const std::int64_t streamEnd = m_origin + m_fed;
    return m_lastSpeech ? streamEnd : std::min(streamEnd, m_lastVoicedEnd + trailingPadding());
}

std::int64_t Chunker::openChunkSettledEnd() const
{
    // Up to a little after the last voiced frame: past it a pause may begin, and whether its audio is uploaded
    // (kept, shortened or the chunk's end) is known only when speech resumes or the chunk closes.
    const std::int64_t keep = m_maxKeptPause > 0 ? keepAfter() : trailingPadding();
    return std::min(openChunkEnd(), m_lastVoicedEnd + keep);
}

std::uint64_t Chunker::end()
{
    if (!m_primed) { // a file shorter than the learning stretch
        prime();
        const std::int64_t streamEnd = m_origin + m_fed;
        while (frameStart(m_frameCount) + m_frameSamples <= streamEnd) {
            const std::int64_t start = frameStart(m_frameCount);
            processFrame(std::span<const std::int16_t>(m_buffer).subspan(std::size_t(start - m_bufferStart),
                                                                         std::size_t(m_frameSamples)));
        }
    }
    const std::int64_t streamEnd = m_origin + m_fed;
    if (m_open) {
        std::int64_t end = openChunkEnd();
        if (m_config.noLeadIn && streamEnd - end <= m_edge)
            end = streamEnd; // a file's closing words: kept to its last sample
        if (m_held) {
            // The rest after the held chunk goes with it, as one final chunk, unless it is long enough on its own.
            if (m_held->next >= 0 && uploaded(m_held->next, end) >= m_minBilled)
                release();
            else
                m_held.reset();
        }
        if (end - m_chunkStart > m_max) {
            const std::int64_t cut = quietestPoint(m_chunkStart + m_max / 2, m_chunkStart + m_max);
            emitChunk(m_chunkStart, cut, ChunkCut::MaxLength, false, m_gaps);
            m_chunkStart = cut;
            dropGapsBefore(cut);
        }
        emitChunk(m_chunkStart, end, ChunkCut::End, true, m_gaps);
        m_open = false;
    }
    const std::uint64_t produced = m_sequence;
    reset(streamEnd);
    return produced;
}

void Chunker::trim()
{
    // Keep what an open chunk needs, or (between chunks) enough history for padding and the onset look-back.
    const std::int64_t processed = frameStart(m_frameCount);
    std::int64_t keepFrom = m_open
                                ? m_chunkStart
                                : std::max(m_previousEnd, processed - m_padding - m_frameSamples -
                                                              msToSamples(int(kOnsetLookbackMs), m_config.sampleRate));
    keepFrom = std::max(keepFrom, m_bufferStart);
    // Compact only when the dead prefix is large, so trimming stays amortised O(1) per sample.
    if (keepFrom - m_bufferStart < std::int64_t(m_config.sampleRate) * 2)
        return;
    // Keep whole frames: drop frames that end before keepFrom, and the samples before the first kept frame
    // (or before keepFrom, whichever is earlier, so frame data stays addressable).
    const std::int64_t dropFrames = std::max<std::int64_t>(0, (keepFrom - m_origin) / m_frameSamples - 1 - m_frameBase);
    if (dropFrames > 0) {
        m_frames.erase(m_frames.begin(), m_frames.begin() + std::ptrdiff_t(dropFrames));
        m_frameBase += dropFrames;
    }
    const std::int64_t newStart = std::min(keepFrom, frameStart(m_frameBase));
    if (newStart > m_bufferStart) {
        m_buffer.erase(m_buffer.begin(), m_buffer.begin() + std::ptrdiff_t(newStart - m_bufferStart));
        m_bufferStart = newStart;
    }
}

} // namespace utter
