#pragma once

#include "codec/oggopus.h"
#include "providers/transcriber.h"

namespace utter
{

// The splitter the transcriber calls when a provider refuses a chunk as too large (413): decodes the Ogg Opus
// chunk, cuts it at the quietest 100 ms of its middle third, and re-encodes both halves. Audio shorter than two
// seconds is not split further.
AudioSplitter makeOggOpusSplitter(const OggOpusOptions& options);

} // namespace utter
