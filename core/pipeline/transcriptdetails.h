#pragma once

#include "chunktranscript.h"
#include "journal/jobrecord.h"

namespace utter
{

struct TranscriptionResult;

// The journal keeps a provider's answer as a ChunkResult whose `details` hold the Whisper segments, so that a
// session resumed after a crash runs the hallucination guard and the assembler on exactly what was returned.
ChunkResult chunkResultFrom(const TranscriptionResult& result);
// A done job as the assembler takes it (segments and speech ratio restored from the record).
ChunkTranscript chunkTranscriptFrom(const ChunkJob& job);

} // namespace utter
