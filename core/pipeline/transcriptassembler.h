#pragma once

#include "chunktranscript.h"
#include "hallucinationguard.h"

#include <QMap>
#include <QString>

namespace utter
{

// Puts chunk transcripts back into spoken order. Results may arrive in any order (several uploads are in
// flight); text is committed strictly by sequence number, each chunk cleaned by the hallucination guard. Words a
// chunk repeats from the end of the one before are kept: chunks never overlap in audio (Chunker) and no chunk is
// prompted with another's text, so a repetition across a cut is one the speaker made. Pure; one instance per
// dictation.
class TranscriptAssembler final
{
public:
    explicit TranscriptAssembler(HallucinationGuard guard = HallucinationGuard(), int firstSequence = 0);

    // Adds one chunk's result and returns the text this made ready, in order (empty while an earlier chunk is
    // still missing). A sequence already committed or already waiting is ignored (a retry's duplicate answer).
    QString add(const ChunkTranscript& chunk);

    // Declares how many chunks the dictation has, once it has ended.
    void setChunkCount(int count) { m_chunkCount = count; }
    bool isComplete() const { return m_chunkCount >= 0 && m_next >= m_firstSequence + m_chunkCount; }

    QString text() const { return m_text; }
    // What the guard removed from the chunks committed so far, in order (HeldBack::Kind::NotTyped).
    QList<HeldBack> heldBack() const { return m_heldBack; }
    int nextSequence() const { return m_next; }
    int waitingCount() const { return int(m_waiting.size()); }

private:
    HallucinationGuard m_guard;
    int m_firstSequence;
    int m_next;
    int m_chunkCount = -1;
    QMap<int, ChunkTranscript> m_waiting;
    QString m_text;
    QList<HeldBack> m_heldBack;
};

} // namespace utter
