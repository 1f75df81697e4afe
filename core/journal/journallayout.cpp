#include "journallayout.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace utter::journallayout
{

namespace
{

QString chunkBaseName(int sequence)
{
    return u"chunk-%1"_s.arg(sequence, 6, 10, QLatin1Char('0'));
}

} // namespace

QString sessionDir(const QString& journalDir, const QString& sessionId)
{
    return journalDir + u'/' + sessionId;
}

QString sessionMetaPath(const QString& journalDir, const QString& sessionId)
{
    return sessionDir(journalDir, sessionId) + u"/session.json"_s;
}

QString chunkAudioPath(const QString& journalDir, const QString& sessionId, int sequence)
{
    return sessionDir(journalDir, sessionId) + u'/' + chunkBaseName(sequence) + u".opus"_s;
}

QString chunkRecordPath(const QString& journalDir, const QString& sessionId, int sequence)
{
    return sessionDir(journalDir, sessionId) + u'/' + chunkBaseName(sequence) + u".json"_s;
}

QString openChunkPath(const QString& journalDir, const QString& sessionId, int sequence, qint64 offsetMs)
{
    return sessionDir(journalDir, sessionId) + u'/' + chunkBaseName(sequence) + u".at-"_s +
           QString::number(std::max<qint64>(0, offsetMs)) + u".partial"_s;
}

QString heldBackAudioPath(const QString& journalDir, const QString& sessionId, int nextSequence, qint64 offsetMs)
{
    return sessionDir(journalDir, sessionId) + u'/' + chunkBaseName(nextSequence) + u".heldback-at-"_s +
           u"%1"_s.arg(std::max<qint64>(0, offsetMs), 9, 10, QLatin1Char('0')) + u".opus"_s; // sorts in time order
}

bool isHeldBackAudioName(const QString& fileName)
{
    return heldBackAudioOffsetMs(fileName).has_value();
}

std::optional<qint64> heldBackAudioOffsetMs(const QString& fileName)
{
    static const QRegularExpression pattern(u"^chunk-\\d{1,9}\\.heldback-at-(\\d{1,12})\\.opus$"_s);
    const QRegularExpressionMatch match = pattern.match(fileName);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toLongLong();
}

std::optional<OpenChunkName> parseOpenChunkName(const QString& fileName)
{
    static const QRegularExpression pattern(u"^chunk-(\\d{1,9})\\.at-(\\d{1,12})\\.partial$"_s);
    const QRegularExpressionMatch match = pattern.match(fileName);
    if (!match.hasMatch())
        return std::nullopt;
    return OpenChunkName{match.captured(1).toInt(), match.captured(2).toLongLong()};
}

} // namespace utter::journallayout
