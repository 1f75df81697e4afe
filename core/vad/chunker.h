#pragma once

#include "audiochunk.h"
#include "vadbackend.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace utter
{

class Settings;

// Snapshot of the chunking settings. Pure C++; fromSettings() lives in core/audio/audioconfig.cpp.
struct ChunkerConfig
{
    int sampleRate = 16000;
    int minPauseMs = 400;        // only a pause at least this long may end a chunk
    int targetChunkMs = 10000;   // keep merging speech across pauses until the chunk is this long
    int maxChunkMs = 60000;      // hard cap; cut at the quietest point of the chunk's second half
    int paddingMs = 200;         // audio kept before the first and after the last voiced frame
    int minSpeechMs = 120;       // a chunk with less voiced audio than this is a click or a breath: dropped
    int maxMergedPauseMs = 3000; // a pause this long closes the chunk even below the target length

    static ChunkerConfig fromSettings(const Settings& settings);
};

// What the chunker saw in one VAD frame (for benchmarks and tests).
struct ChunkerFrame
{
    std::int64_t startSample = 0;
    VadDecision decision;
};

// Turns a stream of 16 kHz mono s16 samples into upload chunks. Push-based: feed() any number of samples
// (live capture blocks or file reads), chunks arrive through the handler as soon as they are decided;
// end() emits the last chunk at once (key release) and readies the chunker for the next stream.
//
// Rules: a chunk opens where the VAD starts speech (minus padding) and closes only in a pause of at least
// minPauseMs, once it is at least targetChunkMs long (or the pause exceeds maxMergedPauseMs). Speech longer
// than maxChunkMs is cut at its quietest 100 ms. Unclear speech (peaking less than 16 dB above the noise, as the
// detector's VadDecision::snrDb says) is handled with more caution: a frame with a speech probability of 0.2 or
// more keeps a pause from starting, and 1.5 × the padding follows its last voiced frame. Chunks never overlap, every
// voiced sample is in exactly one chunk, and chunks without speech are never emitted. Memory is bounded by maxChunkMs
// plus a few seconds.
class Chunker final
{
public:
    using ChunkHandler = std::function<void(AudioChunk&&)>;
    using FrameObserver = std::function<void(const ChunkerFrame&)>;

    Chunker(ChunkerConfig config, std::unique_ptr<VadBackend> vad, ChunkHandler onChunk);
    ~Chunker();
    Chunker(const Chunker&) = delete;
    Chunker& operator=(const Chunker&) = delete;

    void setFrameObserver(FrameObserver observer) { m_onFrame = std::move(observer); }

    void feed(std::span<const std::int16_t> samples);
    // Ends the stream: emits the open chunk (final = true) and returns how many chunks this stream produced.
    std::uint64_t end();
    // Starts a new stream whose first sample has the given offset (also done by end()).
    void reset(std::int64_t firstSample = 0);

    const ChunkerConfig& config() const { return m_config; }
    std::int64_t samplesFed() const { return m_fed; }
    std::int64_t streamEnd() const { return m_origin + m_fed; } // stream offset one past the last sample fed
    // Where the chunk being collected starts (speech has begun and no cut has closed it yet).
    std::optional<std::int64_t> openChunkStart() const
    {
        return m_open ? std::optional<std::int64_t>(m_chunkStart) : std::nullopt;
    }
    // Where the open chunk would end if the stream ended now: the stream's end while speech goes on, otherwise
    // the last voiced sample plus the padding (what end() cuts).
    std::int64_t openChunkEnd() const;
    // Samples [from, to) of the stream that are still buffered; from must not precede openChunkStart().
    std::span<const std::int16_t> buffered(std::int64_t from, std::int64_t to) const;
    bool inSpeech() const { return m_lastSpeech; }
    std::uint64_t chunksEmitted() const { return m_sequence; }

private:
    struct Frame
    {
        float probability = 0.0f;
        float meanSquare = 0.0f;
        bool speech = false;
        bool voiced = false;
        bool hint = false;
    };

    void processFrame(std::span<const std::int16_t> frame);
    void emitChunk(std::int64_t start, std::int64_t end, ChunkCut cut, bool final);
    std::int64_t quietestPoint(std::int64_t from, std::int64_t to) const;
    bool unclear() const;                 // the open chunk's speech barely stands out of the noise
    std::int64_t trailingPadding() const; // audio kept after the last voiced frame
    std::int64_t frameStart(std::int64_t index) const { return m_origin + index * m_frameSamples; }
    const Frame& frameAt(std::int64_t index) const { return m_frames[std::size_t(index - m_frameBase)]; }
    void trim();

    ChunkerConfig m_config;
    std::unique_ptr<VadBackend> m_vad;
    ChunkHandler m_onChunk;
    FrameObserver m_onFrame;
    std::int64_t m_frameSamples = 320;
    std::int64_t m_minPause = 0, m_target = 0, m_max = 0, m_padding = 0, m_minSpeech = 0, m_maxMergedPause = 0;

    std::int64_t m_origin = 0;          // stream offset of the first sample
    std::int64_t m_fed = 0;             // samples fed so far in this stream
    std::vector<std::int16_t> m_buffer; // samples from m_bufferStart to the end of what was fed
    std::int64_t m_bufferStart = 0;
    std::vector<std::int16_t> m_partial; // samples not yet forming a whole frame
    std::vector<Frame> m_frames;         // frames from m_frameBase on
    std::int64_t m_frameBase = 0;
    std::int64_t m_frameCount = 0; // frames processed

    bool m_open = false;
    std::int64_t m_chunkStart = 0;
    std::int64_t m_lastVoicedEnd = 0;
    float m_peakSnrDb = -1.0f; // the highest VadDecision::snrDb of the open chunk's speech
    std::int64_t m_previousEnd = 0;
    bool m_lastSpeech = false;
    std::uint64_t m_sequence = 0;
};

} // namespace utter
