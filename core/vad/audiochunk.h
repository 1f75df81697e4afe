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

// A stretch of a long pause left out of a chunk's audio: `samples` of the stream were removed at offset `at` of
// the chunk's pcm (the audio before it ends a word, the audio after it begins the next).
struct ChunkGap
{
    std::int64_t at = 0;
    std::int64_t samples = 0;
};

// One piece of audio to upload: 16 kHz mono s16 PCM plus where it sits in the stream. Chunks of one stream
// have increasing sequence numbers and never overlap; silence between them is not part of any chunk.
//
// startSample..endSample is the stretch of the recording the chunk stands for (its real duration: what counts as
// spoken). Pauses longer than ChunkerConfig::maxKeptPauseMs inside it are shortened (gaps), so pcm holds
// samples() - removedSamples() samples; streamSeconds() maps a time in the uploaded audio (a Whisper segment's)
// back to the recording.
struct AudioChunk
{
    std::uint64_t sequence = 0;   // 0, 1, 2, ... per stream
    std::int64_t startSample = 0; // stream offset of pcm[0]
    std::int64_t endSample = 0;   // stream offset one past the chunk's last sample
    int sampleRate = 16000;
    double speechRatio = 0.0; // share of the chunk's VAD frames judged speech, 0..1
    // How much the chunk sounds like a voice (the voice gate's score, core/vad/voicegate.h), 0..1; < 0: not
    // estimated (the detector gives no pitch).
    double speechEvidence = -1.0;
    ChunkCut cut = ChunkCut::Pause;
    bool final = false;         // emitted by Chunker::end(): no chunk of this stream follows
    std::vector<ChunkGap> gaps; // in order of `at`
    std::vector<std::int16_t> pcm;

    std::int64_t samples() const { return endSample - startSample; }
    std::int64_t removedSamples() const
    {
        std::int64_t removed = 0;
        for (const ChunkGap& gap : gaps)
            removed += gap.samples;
        return removed;
    }
    std::int64_t uploadedSamples() const { return samples() - removedSamples(); }
    double startSeconds() const { return double(startSample) / sampleRate; }
    double endSeconds() const { return double(endSample) / sampleRate; }
    double durationSeconds() const { return double(samples()) / sampleRate; }         // of the recording
    double uploadedSeconds() const { return double(uploadedSamples()) / sampleRate; } // of the audio sent
    // Recording time (seconds from the stream's start) of a moment `chunkSeconds` into the uploaded audio.
    double streamSeconds(double chunkSeconds) const
    {
        std::int64_t removed = 0;
        for (const ChunkGap& gap : gaps) {
            if (double(gap.at) >= chunkSeconds * sampleRate)
                break;
            removed += gap.samples;
        }
        return startSeconds() + chunkSeconds + double(removed) / sampleRate;
    }
};

const char* chunkCutName(ChunkCut cut);

} // namespace utter
