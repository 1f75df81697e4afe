#include "audioreader.h"

#include "oggopus.h"
#include "qtaudioreader.h"
#include "wavfile.h"

#include <QFile>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

Result<std::unique_ptr<AudioReader>> openAudioFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(file.exists() ? ErrorCode::Io : ErrorCode::NotFound,
                     u"Cannot open %1: %2."_s.arg(path, file.errorString()));
    const QByteArray head = file.read(64);
    file.close();
    if (head.isEmpty())
        return Error(ErrorCode::Corrupt, u"%1 is empty."_s.arg(path));
    if (head.startsWith("RIFF") || head.startsWith("RF64")) {
        auto reader = WavReader::open(path);
        if (!reader)
            return Error(reader.error().code, path + u": "_s + reader.error().message);
        return std::unique_ptr<AudioReader>(std::move(reader).value());
    }
    if (head.startsWith("OggS") && head.contains("OpusHead")) {
        auto reader = OggOpusReader::openFile(path);
        if (!reader)
            return reader.error();
        return std::unique_ptr<AudioReader>(std::move(reader).value());
    }
    auto reader = QtAudioReader::open(path);
    if (!reader)
        return reader.error();
    return std::unique_ptr<AudioReader>(std::move(reader).value());
}

Result<std::vector<std::int16_t>> decodeAnyAudio(const QString& path, double maxSeconds)
{
    auto reader = openAudioFile(path);
    if (!reader)
        return reader.error();
    const auto limit = std::size_t(maxSeconds * kPipelineSampleRate);
    std::vector<std::int16_t> all;
    while (true) {
        Result<std::size_t> n = (*reader)->read(all, 16384);
        if (!n)
            return n.error();
        if (*n == 0)
            break;
        if (all.size() > limit)
            return Error(
                ErrorCode::TooLarge,
                u"%1 is longer than %2 s; read it in blocks with openAudioFile()."_s.arg(path).arg(maxSeconds));
    }
    return all;
}

} // namespace utter
