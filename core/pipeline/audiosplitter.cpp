#include "audiosplitter.h"

#include "logging/logging.h"

#include <cmath>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

// Start of the quietest window of `window` samples between from and to.
std::size_t quietestPoint(std::span<const std::int16_t> pcm, std::size_t from, std::size_t to, std::size_t window)
{
    std::size_t best = (from + to) / 2;
    double bestEnergy = std::numeric_limits<double>::max();
    for (std::size_t start = from; start + window <= to; start += window / 2) {
        double energy = 0;
        for (std::size_t i = start; i < start + window; ++i)
            energy += double(pcm[i]) * pcm[i];
        if (energy < bestEnergy) {
            bestEnergy = energy;
            best = start + window / 2;
        }
    }
    return best;
}

} // namespace

AudioSplitter makeOggOpusSplitter(const OggOpusOptions& options)
{
    return [options](const TranscriptionRequest& request) -> QList<TranscriptionRequest> {
        const Result<std::vector<std::int16_t>> decoded = decodeOggOpus(request.audio);
        if (!decoded.ok()) {
            qCWarning(lcPipeline).noquote() << "cannot split a refused chunk:" << decoded.error().message;
            return {};
        }
        const std::vector<std::int16_t>& pcm = decoded.value();
        const std::size_t rate = std::size_t(kPipelineSampleRate);
        if (pcm.size() < 2 * rate)
            return {};
        const std::size_t cut = quietestPoint(pcm, pcm.size() / 3, 2 * pcm.size() / 3, rate / 10);
        QList<TranscriptionRequest> parts;
        for (const auto& [begin, end] : {std::pair{std::size_t(0), cut}, std::pair{cut, pcm.size()}}) {
            const Result<QByteArray> encoded =
                encodeOggOpus(std::span<const std::int16_t>(pcm).subspan(begin, end - begin), options);
            if (!encoded.ok())
                return {};
            TranscriptionRequest part = request;
            part.audio = encoded.value();
            part.durationS = double(end - begin) / double(rate);
            parts.append(part);
        }
        qCInfo(lcPipeline) << "split a refused chunk of" << request.durationS << "s at" << double(cut) / double(rate)
                           << "s";
        return parts;
    };
}

} // namespace utter
