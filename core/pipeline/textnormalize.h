#pragma once

#include <QString>
#include <QStringList>

namespace utter
{

// Lower-case words without punctuation, for comparing transcripts ("Hello, World!" → {"hello", "world"}).
QStringList normalizedWords(const QString& text);

// Joins two transcript pieces with one space, trimming both.
QString joinTranscript(const QString& left, const QString& right);

} // namespace utter
