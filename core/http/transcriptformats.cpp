#include "transcriptformats.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

struct Cue
{
    double start = 0;
    double end = 0;
    QString text;
};

QList<Cue> cues(const QJsonObject& result)
{
    QList<Cue> list;
    const QJsonArray segments = result.value(u"segments"_s).toArray();
    for (const QJsonValue& value : segments) {
        const QJsonObject segment = value.toObject();
        const QString text = segment.value(u"text"_s).toString().trimmed();
        if (!text.isEmpty())
            list.append({segment.value(u"start"_s).toDouble(), segment.value(u"end"_s).toDouble(), text});
    }
    if (list.isEmpty()) {
        const QString text = result.value(u"text"_s).toString().trimmed();
        if (!text.isEmpty())
            list.append({0, result.value(u"durationMs"_s).toDouble() / 1000.0, text});
    }
    return list;
}

QString timestamp(double seconds, QChar separator)
{
    const qint64 ms = std::llround(std::max(0.0, seconds) * 1000.0);
    return u"%1:%2:%3%4%5"_s.arg(ms / 3600000, 2, 10, QChar(u'0'))
        .arg((ms / 60000) % 60, 2, 10, QChar(u'0'))
        .arg((ms / 1000) % 60, 2, 10, QChar(u'0'))
        .arg(separator)
        .arg(ms % 1000, 3, 10, QChar(u'0'));
}

} // namespace

const QStringList& transcriptFormats()
{
    static const QStringList formats{u"json"_s, u"text"_s, u"verbose_json"_s, u"srt"_s, u"vtt"_s};
    return formats;
}

FormattedTranscript formatTranscript(const QJsonObject& result, const QString& format)
{
    const QString text = result.value(u"text"_s).toString();
    if (format == u"text"_s)
        return {"text/plain; charset=utf-8", text.toUtf8() + '\n'};
    if (format == u"srt"_s || format == u"vtt"_s) {
        const bool vtt = format == u"vtt"_s;
        QString out = vtt ? u"WEBVTT\n\n"_s : QString();
        int index = 0;
        for (const Cue& cue : cues(result)) {
            if (!vtt)
                out += QString::number(++index) + u'\n';
            out += timestamp(cue.start, vtt ? u'.' : u',') + u" --> "_s + timestamp(cue.end, vtt ? u'.' : u',') +
                   u'\n' + cue.text + u"\n\n"_s;
        }
        return {vtt ? "text/vtt; charset=utf-8" : "application/x-subrip; charset=utf-8", out.toUtf8()};
    }
    if (format == u"verbose_json"_s) {
        QJsonObject body = result;
        body.insert(u"task"_s, u"transcribe"_s);
        body.insert(u"duration"_s, result.value(u"durationMs"_s).toDouble() / 1000.0);
        body.insert(u"language"_s, result.value(u"language"_s).toString());
        QJsonArray segments;
        const QJsonArray source = result.value(u"segments"_s).toArray();
        for (const QJsonValue& value : source) {
            const QJsonObject in = value.toObject();
            segments.append(QJsonObject{{u"id"_s, segments.size()},
                                        {u"seek"_s, 0},
                                        {u"start"_s, in.value(u"start"_s).toDouble()},
                                        {u"end"_s, in.value(u"end"_s).toDouble()},
                                        {u"text"_s, in.value(u"text"_s).toString()},
                                        {u"tokens"_s, QJsonArray()},
                                        {u"temperature"_s, 0.0},
                                        {u"avg_logprob"_s, in.value(u"avg_logprob"_s).toDouble()},
                                        {u"compression_ratio"_s, in.value(u"compression_ratio"_s).toDouble()},
                                        {u"no_speech_prob"_s, in.value(u"no_speech_prob"_s).toDouble()}});
        }
        body.insert(u"segments"_s, segments);
        return {"application/json", QJsonDocument(body).toJson(QJsonDocument::Compact)};
    }
    return {"application/json", QJsonDocument(QJsonObject{{u"text"_s, text}}).toJson(QJsonDocument::Compact)};
}

} // namespace utter
