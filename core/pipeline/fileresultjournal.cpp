#include "fileresultjournal.h"

#include "journal/atomicfile.h"
#include "logging/logging.h"
#include "providers/transcription.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

QString chunkFileName(int sequence)
{
    return u"chunk-%1.json"_s.arg(sequence, 6, 10, QLatin1Char('0'));
}

QJsonObject toJson(const StoredFileChunk& chunk)
{
    QJsonArray segments;
    for (const TranscriptSegment& segment : chunk.transcript.segments)
        segments.append(segmentToJson(segment));
    return QJsonObject{{u"version"_s, 1},
                       {u"sequence"_s, chunk.sequence},
                       {u"startSample"_s, qint64(chunk.startSample)},
                       {u"endSample"_s, qint64(chunk.endSample)},
                       {u"billedSeconds"_s, chunk.billedSeconds},
                       {u"language"_s, chunk.language},
                       {u"text"_s, chunk.transcript.text},
                       {u"speechRatio"_s, chunk.transcript.speechRatio},
                       {u"speechEvidence"_s, chunk.transcript.speechEvidence},
                       {u"startS"_s, chunk.transcript.startS},
                       {u"endS"_s, chunk.transcript.endS},
                       {u"segments"_s, segments}};
}

std::optional<StoredFileChunk> fromJson(const QJsonObject& json)
{
    if (json.value(u"version"_s).toInt() != 1 || !json.value(u"text"_s).isString())
        return std::nullopt;
    StoredFileChunk chunk;
    chunk.sequence = json.value(u"sequence"_s).toInt(-1);
    chunk.startSample = json.value(u"startSample"_s).toInteger(-1);
    chunk.endSample = json.value(u"endSample"_s).toInteger(-1);
    if (chunk.sequence < 0 || chunk.startSample < 0 || chunk.endSample <= chunk.startSample)
        return std::nullopt;
    chunk.billedSeconds = json.value(u"billedSeconds"_s).toDouble();
    chunk.language = json.value(u"language"_s).toString();
    chunk.transcript.sequence = chunk.sequence;
    chunk.transcript.text = json.value(u"text"_s).toString();
    chunk.transcript.speechRatio = json.value(u"speechRatio"_s).toDouble(1.0);
    chunk.transcript.speechEvidence = json.value(u"speechEvidence"_s).toDouble(-1.0);
    chunk.transcript.startS = json.value(u"startS"_s).toDouble(-1.0);
    chunk.transcript.endS = json.value(u"endS"_s).toDouble(-1.0);
    for (const QJsonValue& segment : json.value(u"segments"_s).toArray())
        chunk.transcript.segments.append(segmentFromJson(segment.toObject()));
    return chunk;
}

} // namespace

FileResultJournal::FileResultJournal(QString rootDir)
    : m_root(std::move(rootDir))
{}

QString FileResultJournal::folder() const
{
    return m_root + u'/' + m_hash;
}

Status FileResultJournal::open(const QString& filePath, const QString& settingsKey)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::NotFound, u"Cannot read %1: %2."_s.arg(filePath, file.errorString()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return Error(ErrorCode::Io, u"Cannot read %1: %2."_s.arg(filePath, file.errorString()));
    m_hash = QString::fromLatin1(hash.result().toHex());
    m_settingsKey = settingsKey;
    m_chunks.clear();
    m_metaWritten = false;
    pruneOld();

    QFile meta(folder() + u"/file.json"_s);
    if (!meta.open(QIODevice::ReadOnly))
        return {}; // nothing kept from an earlier run
    const QJsonObject metaJson = QJsonDocument::fromJson(meta.readAll()).object();
    if (metaJson.value(u"settings"_s).toString() != m_settingsKey) {
        qCInfo(lcPipeline) << "results of an earlier run of this file used other settings: starting afresh";
        (void)atomicfile::removeTree(folder());
        return {};
    }
    m_metaWritten = true;
    const QDir dir(folder());
    for (const QString& name : dir.entryList({u"chunk-*.json"_s}, QDir::Files, QDir::Name)) {
        QFile record(dir.filePath(name));
        if (!record.open(QIODevice::ReadOnly))
            continue;
        if (const std::optional<StoredFileChunk> chunk = fromJson(QJsonDocument::fromJson(record.readAll()).object()))
            m_chunks[chunk->sequence] = *chunk;
    }
    if (!m_chunks.empty())
        qCInfo(lcPipeline) << "an earlier run of this file left" << m_chunks.size() << "transcribed chunk(s)";
    return {};
}

std::optional<StoredFileChunk> FileResultJournal::find(int sequence, std::int64_t startSample,
                                                       std::int64_t endSample) const
{
    const auto it = m_chunks.find(sequence);
    if (it == m_chunks.end() || it->second.startSample != startSample || it->second.endSample != endSample)
        return std::nullopt;
    return it->second;
}

std::set<FileChunkCut> FileResultJournal::cuts() const
{
    std::set<FileChunkCut> cuts;
    for (const auto& [sequence, chunk] : m_chunks)
        cuts.insert(FileChunkCut{sequence, chunk.startSample, chunk.endSample});
    return cuts;
}

Status FileResultJournal::writeMeta()
{
    if (m_metaWritten)
        return {};
    if (!QDir().mkpath(folder()))
        return Error(ErrorCode::Io, u"Could not create %1."_s.arg(folder()));
    const QJsonObject meta{{u"version"_s, 1}, {u"sha256"_s, m_hash}, {u"settings"_s, m_settingsKey}};
    const Status written =
        atomicfile::writeFile(folder() + u"/file.json"_s, QJsonDocument(meta).toJson(QJsonDocument::Compact));
    m_metaWritten = written.ok();
    return written;
}

Status FileResultJournal::store(const StoredFileChunk& chunk)
{
    if (m_hash.isEmpty())
        return {};
    m_chunks[chunk.sequence] = chunk;
    if (const Status meta = writeMeta(); !meta.ok())
        return meta;
    return atomicfile::writeFile(folder() + u'/' + chunkFileName(chunk.sequence),
                                 QJsonDocument(toJson(chunk)).toJson(QJsonDocument::Compact));
}

Status FileResultJournal::discard()
{
    m_chunks.clear();
    m_metaWritten = false;
    if (m_hash.isEmpty() || !QFileInfo::exists(folder()))
        return {};
    return atomicfile::removeTree(folder());
}

void FileResultJournal::pruneOld()
{
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addDays(-kKeepDays);
    const QDir root(m_root);
    for (const QFileInfo& entry : root.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (entry.fileName() != m_hash && entry.lastModified().toUTC() < cutoff)
            (void)atomicfile::removeTree(entry.absoluteFilePath());
    }
}

} // namespace utter
