#include "transcriptdetails.h"

#include "providers/transcriber.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

ChunkResult chunkResultFrom(const TranscriptionResult& result)
{
    ChunkResult chunk;
    chunk.text = result.text;
    chunk.provider = result.endpointUrl.host();
    chunk.endpoint = result.endpointUrl.toString(QUrl::RemoveUserInfo);
    chunk.language = result.language;
    chunk.billedSeconds = result.billedSeconds;
    QJsonArray segments;
    for (const TranscriptSegment& segment : result.segments)
        segments.append(segmentToJson(segment));
    chunk.details = QJsonObject{{u"segments"_s, segments},
                                {u"endpointName"_s, result.endpointName},
                                {u"latencyMs"_s, qint64(result.latency.count())},
                                {u"attempts"_s, result.attempts},
                                {u"parts"_s, result.parts}};
    if (!result.providerRequestId.isEmpty())
        chunk.details.insert(u"requestId"_s, result.providerRequestId);
    return chunk;
}

ChunkTranscript chunkTranscriptFrom(const ChunkJob& job)
{
    ChunkTranscript chunk;
    chunk.sequence = job.sequence;
    chunk.text = job.result.text;
    chunk.speechRatio = job.speechRatio;
    chunk.speechEvidence = job.speechEvidence;
    if (job.offsetMs >= 0) {
        chunk.startS = double(job.offsetMs) / 1000.0;
        chunk.endS = double(job.offsetMs + job.durationMs) / 1000.0;
    }
    const QJsonArray segments = job.result.details.value(u"segments"_s).toArray();
    for (const QJsonValue& value : segments)
        chunk.segments.append(segmentFromJson(value.toObject()));
    return chunk;
}

} // namespace utter
