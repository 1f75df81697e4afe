// Ogg Opus: uploads to the front door, `utter transcribe` files and the journal's own chunk files after a crash
// (core/codec/oggopus). The reader from memory (strict and tolerating truncation), read to the end, and the
// end-of-stream check the journal uses on a chunk's tail.
#include "codec/oggopus.h"
#include "fuzzsupport.h"

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray input = utter::fuzz::bytes(data, size);
    (void)utter::oggEndsWithEos(input.right(64 * 1024));
    for (const bool allowTruncated : {false, true}) {
        auto reader = utter::OggOpusReader::openMemory(QByteArray(input.constData(), input.size()), allowTruncated);
        if (!reader.ok())
            continue;
        (void)reader.value()->description();
        (void)reader.value()->durationSeconds();
        std::vector<std::int16_t> samples;
        // Opus frames are at most 120 ms: the decoded length is bounded by the input, so this loop ends; the
        // round limit only keeps one input below a second.
        for (int round = 0; round < 2048; ++round) {
            samples.clear();
            const auto read = reader.value()->read(samples, 16000);
            if (!read.ok() || read.value() == 0)
                break;
        }
    }
    return 0;
}
