#pragma once

#include <cstdint>
#include <vector>

namespace utter
{

// Why a chunk ended where it did.
enum class ChunkCut
{
    Pause,     // in a pause of at least minPause, once the chunk had reached the target length
    LongPause, // in a pause longer than maxMergedPause (not worth carrying silence into the chunk)
    MaxLength, // speech went on past the hard cap: cut at the quietest point
    End,       // the stream ended (key release, end of file)
};

// One piece of audio to upload: 16 kHz mono s16 PCM plus where it sits in the stream. Chunks of one stream
// have increasing sequence numbers and never overlap; silence between them is not part of any chunk.
struct AudioChunk
{
    std::uint64_t sequence = 0;   // 0, 1, 2, ... per stream
    std::int64_t startSample = 0; // stream offset of pcm[0]
    std::int64_t endSample = 0;   // one past the last sample: pcm.size() == endSample - startSample
    int sampleRate = 16000;
    double speechRatio = 0.0; // share of the chunk's VAD frames judged speech, 0..1
    ChunkCut cut = ChunkCut::Pause;
    bool final = false; // emitted by Chunker::end(): no chunk of this stream follows
    std::vector<std::int16_t> pcm;

    std::int64_t samples() const { return endSample - startSample; }
    double startSeconds() const { return double(startSample) / sampleRate; }
    double endSeconds() const { return double(endSample) / sampleRate; }
    double durationSeconds() const { return double(samples()) / sampleRate; }
};

const char* chunkCutName(ChunkCut cut);

} // namespace utter
