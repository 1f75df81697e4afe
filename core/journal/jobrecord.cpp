#include "jobrecord.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

constexpr int kRecordVersion = 1;

QString isoOrEmpty(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime parseTime(const QJsonValue& value)
{
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

Result<QJsonObject> parseObject(const QByteArray& json, const QString& what)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error(ErrorCode::Corrupt, u"The %1 is not valid JSON (%2 at byte %3)."_s.arg(
                                             what, parseError.errorString(), QString::number(parseError.offset)));
    const QJsonObject object = doc.object();
    const int version = object.value(u"version"_s).toInt(0);
    if (version < 1 || version > kRecordVersion)
        return Error(ErrorCode::Corrupt,
                     u"The %1 has version %2, which this Utter does not know."_s.arg(what).arg(version));
    return object;
}

} // namespace

QString jobStateName(JobState state)
{
    switch (state) {
    case JobState::Pending:
        return u"pending"_s;
    case JobState::Uploading:
        return u"uploading"_s;
    case JobState::Done:
        return u"done"_s;
    case JobState::Failed:
        return u"failed"_s;
    case JobState::Dead:
        return u"dead"_s;
    }
    return u"pending"_s;
}

std::optional<JobState> jobStateFromName(const QString& name)
{
    for (const JobState state :
         {JobState::Pending, JobState::Uploading, JobState::Done, JobState::Failed, JobState::Dead}) {
        if (jobStateName(state) == name)
            return state;
    }
    return std::nullopt;
}

QByteArray ChunkJob::toJson() const
{
    QJsonObject object{
        {u"version"_s, kRecordVersion}, {u"session"_s, sessionId},
        {u"sequence"_s, sequence},      {u"state"_s, jobStateName(state)},
        {u"durationMs"_s, durationMs},  {u"speechRatio"_s, speechRatio},
        {u"attempts"_s, attempts},      {u"updatedAt"_s, isoOrEmpty(updatedAt)},
    };
    if (offsetMs >= 0)
        object.insert(u"offsetMs"_s, offsetMs);
    if (speechEvidence >= 0)
        object.insert(u"speechEvidence"_s, speechEvidence);
    if (audioMs >= 0 && audioMs != durationMs)
        object.insert(u"audioMs"_s, audioMs);
    if (retryAt.isValid())
        object.insert(u"retryAt"_s, isoOrEmpty(retryAt));
    if (!reason.isEmpty())
        object.insert(u"reason"_s, reason);
    if (state == JobState::Done) {
        QJsonObject r{
            {u"text"_s, result.text},
            {u"provider"_s, result.provider},
            {u"endpoint"_s, result.endpoint},
            {u"language"_s, result.language},
            {u"billedSeconds"_s, result.billedSeconds},
        };
        if (!result.details.isEmpty())
            r.insert(u"details"_s, result.details);
        object.insert(u"result"_s, r);
    }
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

Result<ChunkJob> ChunkJob::fromJson(const QByteArray& json)
{
    Result<QJsonObject> parsed = parseObject(json, u"job record"_s);
    if (!parsed)
        return parsed.error();
    const QJsonObject& o = parsed.value();
    ChunkJob job;
    job.sessionId = o.value(u"session"_s).toString();
    job.sequence = o.value(u"sequence"_s).toInt(-1);
    const std::optional<JobState> state = jobStateFromName(o.value(u"state"_s).toString());
    if (job.sessionId.isEmpty() || job.sequence < 0 || !state)
        return Error(ErrorCode::Corrupt, u"The job record lacks a session, a sequence number or a valid state."_s);
    job.state = *state;
    job.durationMs = o.value(u"durationMs"_s).toInteger();
    job.offsetMs = o.value(u"offsetMs"_s).toInteger(-1);
    job.audioMs = o.value(u"audioMs"_s).toInteger(-1);
    job.speechRatio = o.value(u"speechRatio"_s).toDouble(1.0);
    job.speechEvidence = o.value(u"speechEvidence"_s).toDouble(-1.0);
    job.attempts = o.value(u"attempts"_s).toInt();
    job.retryAt = parseTime(o.value(u"retryAt"_s));
    job.reason = o.value(u"reason"_s).toString();
    job.updatedAt = parseTime(o.value(u"updatedAt"_s));
    if (job.state == JobState::Done) {
        const QJsonValue result = o.value(u"result"_s);
        if (!result.isObject())
            return Error(ErrorCode::Corrupt, u"The job record says done but holds no transcript."_s);
        const QJsonObject r = result.toObject();
        job.result.text = r.value(u"text"_s).toString();
        job.result.provider = r.value(u"provider"_s).toString();
        job.result.endpoint = r.value(u"endpoint"_s).toString();
        job.result.language = r.value(u"language"_s).toString();
        job.result.billedSeconds = r.value(u"billedSeconds"_s).toDouble();
        job.result.details = r.value(u"details"_s).toObject();
    }
    return job;
}

QByteArray SessionMeta::toJson() const
{
    QJsonObject object{
        {u"version"_s, kRecordVersion},  {u"id"_s, id},       {u"startedAt"_s, isoOrEmpty(startedAt)},
        {u"application"_s, application}, {u"style"_s, style}, {u"language"_s, language},
        {u"sealed"_s, sealed},
    };
    if (endedAt.isValid())
        object.insert(u"endedAt"_s, isoOrEmpty(endedAt));
    if (interrupted)
        object.insert(u"interrupted"_s, true);
    if (audioMs > 0)
        object.insert(u"audioMs"_s, audioMs);
    if (!heldBack.isEmpty())
        object.insert(u"heldBack"_s, heldBack);
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

Result<SessionMeta> SessionMeta::fromJson(const QByteArray& json)
{
    Result<QJsonObject> parsed = parseObject(json, u"session record"_s);
    if (!parsed)
        return parsed.error();
    const QJsonObject& o = parsed.value();
    SessionMeta meta;
    meta.id = o.value(u"id"_s).toString();
    meta.startedAt = parseTime(o.value(u"startedAt"_s));
    if (meta.id.isEmpty() || !meta.startedAt.isValid())
        return Error(ErrorCode::Corrupt, u"The session record lacks an id or a start time."_s);
    meta.application = o.value(u"application"_s).toString();
    meta.style = o.value(u"style"_s).toString();
    meta.language = o.value(u"language"_s).toString();
    meta.sealed = o.value(u"sealed"_s).toBool();
    meta.endedAt = parseTime(o.value(u"endedAt"_s));
    meta.interrupted = o.value(u"interrupted"_s).toBool();
    meta.audioMs = o.value(u"audioMs"_s).toInteger();
    meta.heldBack = o.value(u"heldBack"_s).toArray();
    return meta;
}

} // namespace utter
