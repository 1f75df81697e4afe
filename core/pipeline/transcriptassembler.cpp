#include "transcriptassembler.h"

#include "textnormalize.h"

namespace utter
{

TranscriptAssembler::TranscriptAssembler(HallucinationGuard guard, int firstSequence)
    : m_guard(std::move(guard))
    , m_firstSequence(firstSequence)
    , m_next(firstSequence)
{}

QString TranscriptAssembler::add(const ChunkTranscript& chunk)
{
    if (chunk.sequence < m_next || m_waiting.contains(chunk.sequence))
        return {};
    m_waiting.insert(chunk.sequence, chunk);

    QString committed;
    while (!m_waiting.isEmpty() && m_waiting.firstKey() == m_next) {
        const ChunkTranscript ready = m_waiting.take(m_next);
        ++m_next;
        GuardVerdict verdict = m_guard.judge(ready);
        m_heldBack += verdict.dropped;
        const QString& piece = verdict.text;
        if (piece.isEmpty())
            continue;
        m_text = joinTranscript(m_text, piece);
        committed = joinTranscript(committed, piece);
    }
    return committed;
}

} // namespace utter
