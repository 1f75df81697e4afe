#include "heldback.h"

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

struct ReasonName
{
    HeldBack::Reason reason;
    const char16_t* name;
};

constexpr ReasonName kReasons[] = {
    {HeldBack::Reason::NoVoice, u"no-voice"},
    {HeldBack::Reason::WhisperNoSpeech, u"whisper-no-speech"},
    {HeldBack::Reason::PhantomPhrase, u"phantom-phrase"},
    {HeldBack::Reason::PromptEcho, u"prompt-echo"},
    {HeldBack::Reason::RepetitionLoop, u"repetition-loop"},
};

double readNumber(const QJsonObject& json, const QString& key)
{
    const QJsonValue value = json.value(key);
    return value.isDouble() ? value.toDouble() : -1.0;
}

} // namespace

QString HeldBack::reasonName(Reason reason)
{
    for (const ReasonName& r : kReasons) {
        if (r.reason == reason)
            return QString::fromUtf16(r.name);
    }
    return {};
}

QString HeldBack::describe() const
{
    switch (reason) {
    case Reason::NoVoice:
        return u"no voice"_s;
    case Reason::WhisperNoSpeech:
        return noSpeechProb >= 0 ? u"Whisper: no speech (p=%1)"_s.arg(noSpeechProb, 0, 'f', 2)
                                 : u"Whisper: no speech"_s;
    case Reason::PhantomPhrase:
        return u"phantom phrase"_s;
    case Reason::PromptEcho:
        return u"echoes the prompt"_s;
    case Reason::RepetitionLoop:
        return u"repetition loop"_s;
    }
    return {};
}

QJsonObject HeldBack::toJson() const
{
    QJsonObject json{{u"kind"_s, kind == Kind::NotUploaded ? u"not-uploaded"_s : u"not-typed"_s},
                     {u"reason"_s, reasonName(reason)},
                     {u"description"_s, describe()}};
    if (startS >= 0)
        json.insert(u"start"_s, std::round(startS * 1000.0) / 1000.0);
    if (endS >= 0)
        json.insert(u"end"_s, std::round(endS * 1000.0) / 1000.0);
    if (speechEvidence >= 0)
        json.insert(u"speechEvidence"_s, speechEvidence);
    if (noSpeechProb >= 0)
        json.insert(u"noSpeechProb"_s, noSpeechProb);
    if (!text.isEmpty())
        json.insert(u"text"_s, text);
    return json;
}

HeldBack HeldBack::fromJson(const QJsonObject& json)
{
    HeldBack item;
    item.kind = json.value(u"kind"_s).toString() == u"not-uploaded"_s ? Kind::NotUploaded : Kind::NotTyped;
    const QString reason = json.value(u"reason"_s).toString();
    for (const ReasonName& r : kReasons) {
        if (reason == QString::fromUtf16(r.name))
            item.reason = r.reason;
    }
    item.startS = readNumber(json, u"start"_s);
    item.endS = readNumber(json, u"end"_s);
    item.speechEvidence = readNumber(json, u"speechEvidence"_s);
    item.noSpeechProb = readNumber(json, u"noSpeechProb"_s);
    item.text = json.value(u"text"_s).toString();
    return item;
}

QJsonArray heldBackToJson(const QList<HeldBack>& items)
{
    QJsonArray array;
    for (const HeldBack& item : items)
        array.append(item.toJson());
    return array;
}

QList<HeldBack> heldBackFromJson(const QJsonArray& array)
{
    QList<HeldBack> items;
    for (const QJsonValue& value : array) {
        if (value.isObject())
            items.append(HeldBack::fromJson(value.toObject()));
    }
    return items;
}

QString formatClock(double seconds)
{
    const qint64 total = qint64(std::floor(std::max(0.0, seconds)));
    const qint64 h = total / 3600;
    const qint64 m = (total / 60) % 60;
    const qint64 s = total % 60;
    if (h > 0)
        return u"%1:%2:%3"_s.arg(h).arg(m, 2, 10, QChar(u'0')).arg(s, 2, 10, QChar(u'0'));
    return u"%1:%2"_s.arg(m).arg(s, 2, 10, QChar(u'0'));
}

QStringList describeHeldBack(const QList<HeldBack>& items)
{
    QStringList stretches;
    qsizetype sounds = 0;
    QStringList typed;
    for (const HeldBack& item : items) {
        const QString where = item.startS >= 0 && item.endS >= 0
                                  ? u"%1–%2"_s.arg(formatClock(item.startS), formatClock(std::ceil(item.endS)))
                                  : QString();
        if (item.kind == HeldBack::Kind::NotUploaded) {
            ++sounds;
            if (!where.isEmpty())
                stretches << where;
        } else {
            const QString quoted = item.text.isEmpty() ? u"text"_s : u"“%1”"_s.arg(item.text.trimmed());
            typed << u"%1 (%2%3)"_s.arg(quoted, item.describe(), where.isEmpty() ? QString() : u", "_s + where);
        }
    }
    QStringList lines;
    if (sounds > 0) {
        QString line = sounds == 1 ? u"Not uploaded: 1 sound without a voice"_s
                                   : u"Not uploaded: %1 sounds without a voice"_s.arg(sounds);
        if (!stretches.isEmpty())
            line += u", "_s + stretches.join(u", "_s);
        lines << line;
    }
    if (!typed.isEmpty())
        lines << u"Not typed: "_s + typed.join(u"; "_s);
    return lines;
}

} // namespace utter
