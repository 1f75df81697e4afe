#pragma once

#include <QMetaType>

#include <cstdint>
#include <vector>

namespace utter
{

// A block of captured audio, 16 kHz mono s16, as it leaves the capture thread. startSample counts from the
// start of the dictation (begin()), so blocks of one dictation are contiguous: the next block's startSample is
// this one's startSample + samples.size(). `stream` says which dictation (AudioCapture::begin() numbers them);
// the block with `last` set (possibly empty) ends that dictation's audio.
struct AudioBlock
{
    std::int64_t startSample = 0;
    std::vector<std::int16_t> samples;
    std::uint64_t stream = 0;
    bool last = false;
};

} // namespace utter

Q_DECLARE_METATYPE(utter::AudioBlock)
