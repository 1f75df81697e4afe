#pragma once

#include "audiochunk.h"
#include "vadbackend.h"
#include "voicegate.h"

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
    // The provider bills every request as at least this long (Groq: 10 s; transcribe/minBilledSeconds). A chunk
    // shorter than that is not sent alone while more speech follows, and a chunk closed in a pause is held back
    // until the speech after it reaches this length (else, at the end, the two go as one). 0: never held.
    int minBilledMs = 0;
    int maxKeptPauseMs = 500;   // a pause longer than this inside a chunk is shortened (0: never)
    int shortenedPauseMs = 200; // to this much: three quarters after the last word, a quarter before the next
    // A chunk whose speech evidence (AudioChunk::speechEvidence: the voice gate's score, voicegate.h) is below this
    // is typing, music or a fan, not a voice: it is handed to the rejection observer instead of being uploaded.
    // 0: every chunk is uploaded. Detectors that give no pitch (WebRTC) are never judged.
    double minSpeechEvidence = 0.5;
    // File input: there is no pre-roll, so the detector first learns the noise floor from the file's opening
    // seconds and then judges it from sample 0, and speech within 0.5 s of the file's start or end is extended to it.
    bool noLeadIn = false;

    static ChunkerConfig fromSettings(const Settings& settings);
};

// A stretch [from, to) of the stream left out of the open chunk's audio (a shortened pause).
struct StreamGap
{
    std::int64_t from = 0;
    std::int64_t to = 0;
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
// minPauseMs, once it is at least targetChunkMs long (or the pause exceeds maxMergedPauseMs), lengths counted in
// uploaded audio. With minBilledMs a chunk closes only once it is that long, and is then held until the speech
// after it is that long too (end() sends a shorter rest together with it, as one final chunk). Pauses longer than
// maxKeptPauseMs inside a chunk are shortened to shortenedPauseMs (AudioChunk::gaps). Speech longer than
// maxChunkMs (recording time) is cut at its quietest 100 ms; so is a chunk whose pause runs past it. Unclear speech
// (peaking less than 16 dB above the noise, as the detector's VadDecision::snrDb says) is handled with more caution: a
// frame with a speech probability of 0.2 or more keeps a pause from starting, and 1.5 × the padding follows its last
// voiced frame. Chunks never overlap, every voiced sample is in exactly one chunk, and chunks without speech are never
// emitted; nor are chunks without a voice in them (minSpeechEvidence), which go to the rejection observer. Memory is
// bounded by maxChunkMs plus a few seconds.
class Chunker final
{
public:
    using ChunkHandler = std::function<void(AudioChunk&&)>;
    using FrameObserver = std::function<void(const ChunkerFrame&)>;
    using RejectObserver = std::function<void(const AudioChunk&)>; // the chunk without pcm and sequence

    Chunker(ChunkerConfig config, std::unique_ptr<VadBackend> vad, ChunkHandler onChunk);
    ~Chunker();
    Chunker(const Chunker&) = delete;
    Chunker& operator=(const Chunker&) = delete;

    void setFrameObserver(FrameObserver observer) { m_onFrame = std::move(observer); }
    // Told about each chunk not uploaded because it held no voice (ChunkerConfig::minSpeechEvidence).
    void setRejectObserver(RejectObserver observer) { m_onRejected = std::move(observer); }

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
    // How far the open chunk's audio is settled: it will be uploaded as it is up to here, whatever follows (the
    // rest of a pause is settled once speech resumes and the pause is known to be kept or shortened).
    std::int64_t openChunkSettledEnd() const;
    // The pauses shortened so far in the open chunk, in order; the audio in them is not uploaded.
    const std::vector<StreamGap>& openChunkGaps() const { return m_gaps; }
    // Samples [from, to) of the stream that are still buffered; from must not precede openChunkStart().
    std::span<const std::int16_t> buffered(std::int64_t from, std::int64_t to) const;
    bool inSpeech() const { return m_lastSpeech; }
    std::uint64_t chunksEmitted() const { return m_sequence; }
    std::uint64_t chunksRejected() const { return m_rejected; } // since construction

private:
    struct Frame
    {
        float probability = 0.0f;
        float meanSquare = 0.0f;
        bool speech = false;
        bool voiced = false;
        bool hint = false;
        VoiceFrame voice; // what the voice gate judges (voicegate.h)
    };

    // A chunk closed in a pause but held back (minBilledMs) until the speech after it is long enough.
    struct Held
    {
        std::int64_t end = 0; // where it ends
        ChunkCut cut = ChunkCut::Pause;
        std::size_t gaps = 0;         // m_gaps before the cut belong to it
        std::int64_t next = -1;       // where the chunk after it starts, once speech resumed
        std::ptrdiff_t boundary = -1; // the gap that shortened the pause at the cut, if any
    };

    void processFrame(std::span<const std::int16_t> frame);
    void prime();
    std::int64_t onsetOf(std::int64_t index, std::int64_t notBefore) const;
    void speechResumed(std::int64_t index);
    void close(std::int64_t end, ChunkCut cut);
    void release(); // emits the held chunk; the open chunk continues from where speech resumed
    std::int64_t uploaded(std::int64_t from, std::int64_t to) const; // samples of [from, to) not in a gap
    void dropGapsBefore(std::int64_t sample);
    void emitChunk(std::int64_t start, std::int64_t end, ChunkCut cut, bool final,
                   const std::vector<StreamGap>& gaps = {});
    std::int64_t quietestPoint(std::int64_t from, std::int64_t to) const;
    // The chunk's AudioChunk::speechEvidence (< 0: not estimated).
    double speechEvidence(std::int64_t start, std::int64_t end) const;
    bool unclear() const;                 // the open chunk's speech barely stands out of the noise
    std::int64_t minPause() const;        // the shortest pause that may end the open chunk
    std::int64_t trailingPadding() const; // audio kept after the last voiced frame
    std::int64_t keepAfter() const;       // of a shortened pause, audio kept after the last voiced frame
    std::int64_t frameStart(std::int64_t index) const { return m_origin + index * m_frameSamples; }
    const Frame& frameAt(std::int64_t index) const { return m_frames[std::size_t(index - m_frameBase)]; }
    void trim();

    ChunkerConfig m_config;
    std::unique_ptr<VadBackend> m_vad;
    ChunkHandler m_onChunk;
    FrameObserver m_onFrame;
    RejectObserver m_onRejected;
    std::uint64_t m_rejected = 0;
    std::int64_t m_frameSamples = 320;
    std::int64_t m_minPause = 0, m_target = 0, m_max = 0, m_padding = 0, m_minSpeech = 0, m_maxMergedPause = 0;
    std::int64_t m_minBilled = 0, m_maxKeptPause = 0, m_keepAfter = 0, m_keepBefore = 0, m_learn = 0, m_edge = 0;

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
    std::vector<StreamGap> m_gaps; // of the open chunk
    std::optional<Held> m_held;
    bool m_primed = true; // noLeadIn: false until the detector has learned the noise floor
};

} // namespace utter
