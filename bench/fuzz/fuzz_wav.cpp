// WAV files given to `utter transcribe` and POST /v1/audio/transcriptions (core/codec/wavfile): the header
// parser on the bytes, then the streaming reader the pipeline uses (openAudioFile) until the end of the data.
#include "codec/audioreader.h"
#include "codec/wavfile.h"
#include "fuzzsupport.h"

#include <QBuffer>

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray input = utter::fuzz::bytes(data, size);
    QByteArray copy(input.constData(), input.size());
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    const auto header = utter::parseWavHeader(buffer);
    if (header.ok() && header.value().dataBytes > copy.size())
        utter::fuzz::fail("a data chunk larger than the file");

    const QString path = utter::fuzz::writeScratchFile(input, QStringLiteral(".wav"));
    auto reader = utter::openAudioFile(path);
    if (!reader.ok())
        return 0;
    std::vector<std::int16_t> samples;
    std::size_t total = 0;
    for (int round = 0; round < 4096; ++round) {
        samples.clear();
        const auto read = reader.value()->read(samples, 4096);
        if (!read.ok() || read.value() == 0)
            break;
        total += read.value();
    }
    (void)reader.value()->description();
    (void)reader.value()->durationSeconds();
    (void)total;
    return 0;
}
