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
    m_written = 0;
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
    // Only settled audio: the part of a pause that may yet be left out (or end the chunk) waits until that is known.
    const std::int64_t to = chunker.openChunkSettledEnd();
    const std::vector<StreamGap>& gaps = chunker.openChunkGaps();
    auto gap = gaps.begin();
    while (m_encodedTo < to) {
        while (gap != gaps.end() && gap->to <= m_encodedTo)
            ++gap;
        if (gap != gaps.end() && gap->from <= m_encodedTo) {
            m_encodedTo = gap->to; // a shortened pause: its middle is not uploaded
            continue;
        }
        const std::int64_t until = gap != gaps.end() ? std::min(to, gap->from) : to;
        const std::span<const std::int16_t> fresh = chunker.buffered(m_encodedTo, until);
        if (fresh.size() != std::size_t(until - m_encodedTo) || !m_encoder->write(fresh).ok()) {
            m_failed = true; // no longer buffered (cannot happen while the chunk is open) or the encoder failed
            return;
        }
        m_written += std::int64_t(fresh.size());
        m_encodedTo = until;
    }
}

std::optional<OpenChunkEncoder::Progress> OpenChunkEncoder::flushed()
{
    if (!m_encoder || m_failed || m_written <= 0)
        return std::nullopt;
    return Progress{m_encoder->flushedStream(), m_start, m_encodedTo, m_written};
}

std::optional<OpenChunkEncoder::Encoded> OpenChunkEncoder::take(const AudioChunk& chunk)
{
    // Usable when it is the final chunk, followed from its start, and what was encoded is the start of its audio
    // with only the padding after the settled end (no shortened pause) still to add.
    const std::int64_t rest = chunk.endSample - m_encodedTo;
    const bool usable = chunk.final && m_encoder && !m_failed && chunk.startSample == m_start && rest >= 0 &&
                        m_written + rest == std::int64_t(chunk.pcm.size());
    std::optional<Encoded> result;
    if (usable) {
        const Status tail = m_encoder->write(std::span<const std::int16_t>(chunk.pcm).subspan(std::size_t(m_written)));
        Result<QByteArray> finished = tail.ok() ? m_encoder->finish() : Result<QByteArray>(tail.error());
        if (finished.ok())
            result = Encoded{std::move(finished).value(), std::int64_t(chunk.pcm.size())};
    }
    reset();
    return result;
}

} // namespace utter
