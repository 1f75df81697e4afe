#pragma once

#include "codec/oggopus.h"

#include <QByteArray>

#include <cstdint>
#include <memory>
#include <optional>

namespace utter
{

class Chunker;
struct AudioChunk;

// Keeps an Ogg Opus encoding of the chunk the chunker is collecting, a block at a time while the user speaks,
// so that the final chunk — cut when the key is released — is ready to journal and upload at once instead of
// being encoded then (DESIGN §3: post-release latency is the last chunk's transcription, nothing more).
// The encoding follows only the chunk's settled audio (Chunker::openChunkSettledEnd(), skipping the shortened
// pauses), so what is journaled while the chunk is spoken is always a prefix of what is uploaded. At release the
// few milliseconds of padding after the settled end are added and the stream finished. Only the final chunk is
// taken from here; every other chunk, and any chunk this encoder did not follow from its first sample, is encoded
// from its own samples by the caller.
class OpenChunkEncoder final
{
public:
    struct Encoded
    {
        QByteArray oggOpus;
        std::int64_t samples = 0; // what the stream holds: the chunk's uploaded audio
    };

    explicit OpenChunkEncoder(OggOpusOptions options);
    ~OpenChunkEncoder();
    OpenChunkEncoder(const OpenChunkEncoder&) = delete;
    OpenChunkEncoder& operator=(const OpenChunkEncoder&) = delete;

    // Call after every Chunker::feed(): encodes what is new of the open chunk (or forgets a closed one).
    void follow(const Chunker& chunker);
    // The finished encoding of `chunk` when it is the final chunk this encoder followed from its start; nullopt
    // otherwise. Either way the encoder is ready for the next chunk.
    std::optional<Encoded> take(const AudioChunk& chunk);
    void reset();

    // The open chunk's encoding so far, every packet on a complete page, for the journal to append while the chunk
    // is spoken; the view is valid until the next call. nullopt when no chunk is followed (or encoding failed).
    struct Progress
    {
        QByteArrayView stream;
        std::int64_t start = 0;     // the chunk's first sample
        std::int64_t encodedTo = 0; // stream offset one past the last sample encoded
        std::int64_t samples = 0;   // samples encoded (the shortened pauses left out)
    };
    std::optional<Progress> flushed();

private:
    OggOpusOptions m_options;
    std::unique_ptr<OggOpusEncoder> m_encoder;
    std::int64_t m_start = -1;
    std::int64_t m_encodedTo = -1; // stream offset
    std::int64_t m_written = 0;    // samples handed to the encoder
    bool m_failed = false;
};

} // namespace utter
