#include "historyentry.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

QJsonObject HistoryEntry::toJson() const
{
    return QJsonObject{
        {u"id"_s, id},
        {u"timestamp"_s, timestamp.toUTC().toString(Qt::ISODateWithMs)},
        {u"duration"_s, durationSeconds},
        {u"spokenSeconds"_s, spokenSeconds},
        {u"billedSeconds"_s, billedSeconds},
        {u"provider"_s, provider},
        {u"endpoint"_s, endpoint},
        {u"style"_s, style},
        {u"application"_s, application},
        {u"language"_s, language},
        {u"rawText"_s, rawText},
        {u"styledText"_s, styledText},
        {u"text"_s, text()},
        {u"audioPath"_s, audioPath},
        {u"sessionId"_s, sessionId},
        {u"heldBack"_s, heldBackToJson(heldBack)},
    };
}

} // namespace utter
