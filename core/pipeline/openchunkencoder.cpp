#include "openchunkencoder.h"

#include "logging/logging.h"
#include "vad/audiochunk.h"
#include "vad/chunker.h"

namespace utter
{

OpenChunkEncoder::OpenChunkEncoder(OggOpusOptions options)
    : m_options(options)
{}

OpenChunkEncoder::~OpenChunkEncoder() = default;

void OpenChunkEncoder::reset()
{
    m_encoder.reset();
    m_start = -1;
    m_encodedTo = -1;
    m_failed = false;
}

void OpenChunkEncoder::follow(const Chunker& chunker)
{
    const std::optional<std::int64_t> open = chunker.openChunkStart();
    if (!open) {
        reset();
        return;
    }
    if (*open != m_start) {
        reset();
        Result<std::unique_ptr<OggOpusEncoder>> encoder = OggOpusEncoder::toMemory(m_options);
        if (!encoder.ok()) {
            m_failed = true; // the caller's own encoding still works; this is only the fast path
            return;
        }
        m_encoder = std::move(encoder).value();
        m_start = *open;
        m_encodedTo = *open;
    }
    if (m_failed || !m_encoder)
        return;
    // Up to where the chunk would end now: trailing silence beyond the padding is encoded only once speech
    // resumes (and the chunk spans the pause), so at release the stream matches the final chunk exactly.
    const std::int64_t to = chunker.openChunkEnd();
    const std::span<const std::int16_t> fresh = chunker.buffered(m_encodedTo, to);
    if (fresh.empty())
        return;
    if (!m_encoder->write(fresh).ok()) {
        m_failed = true;
        return;
    }
    m_encodedTo += std::int64_t(fresh.size());
}

std::optional<OpenChunkEncoder::Progress> OpenChunkEncoder::flushed()
{
    if (!m_encoder || m_failed || m_encodedTo <= m_start)
        return std::nullopt;
    return Progress{m_encoder->flushedStream(), m_start, m_encodedTo};
}

std::optional<OpenChunkEncoder::Encoded> OpenChunkEncoder::take(const AudioChunk& chunk)
{
    const std::int64_t maxTail = std::int64_t(kMaxTailSeconds * chunk.sampleRate);
    const bool usable = chunk.final && m_encoder && !m_failed && chunk.startSample == m_start &&
                        m_encodedTo >= chunk.endSample && m_encodedTo - chunk.endSample <= maxTail;
    std::optional<Encoded> result;
    if (usable) {
        Result<QByteArray> finished = m_encoder->finish();
        if (finished.ok())
            result = Encoded{std::move(finished).value(), m_encodedTo - m_start};
    }
    reset();
    return result;
}

} // namespace utter
