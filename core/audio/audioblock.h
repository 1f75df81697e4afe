#pragma once

#include <QMetaType>

#include <cstdint>
#include <vector>

namespace utter
{

// A block of captured audio, 16 kHz mono s16, as it leaves the capture thread. startSample counts from the
// start of the dictation (begin()), so blocks of one dictation are contiguous: the next block's startSample is
// this one's startSample + samples.size().
struct AudioBlock
{
    std::int64_t startSample = 0;
    std::vector<std::int16_t> samples;
};

} // namespace utter

Q_DECLARE_METATYPE(utter::AudioBlock)
