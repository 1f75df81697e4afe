#pragma once

#include "heldback.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace utter
{

// One finished dictation as history keeps it.
struct HistoryEntry
{
    qint64 id = 0;              // assigned by the store; also the delivery order
    QDateTime timestamp;        // when the dictation started (UTC)
    double durationSeconds = 0; // recording length, wall clock
    double spokenSeconds = 0;   // speech the VAD found
    double billedSeconds = 0;   // what the provider billed (Groq: ≥ 10 s per request)
    QString provider;           // e.g. "groq"
    QString endpoint;           // base URL used (primary or fallback)
    QString style;              // style applied, empty for raw
    QString application;        // focused application id
    QString language;
    QString rawText;    // assembled transcript
    QString styledText; // after the style; empty when no style ran
    QString audioPath;  // archived audio folder, empty when not kept
    QString sessionId;  // the journal session it came from
    // What Utter held back (sounds without a voice not uploaded, text the guard removed); schema 2's held_back.
    QList<HeldBack> heldBack;

    // What the user got: the styled text when a style ran, else the raw text.
    QString text() const { return styledText.isEmpty() ? rawText : styledText; }

    QJsonObject toJson() const;
};

} // namespace utter
