#include "transcriptassembler.h"

#include "textnormalize.h"

#include <QRegularExpression>

namespace utter
{

TranscriptAssembler::TranscriptAssembler(HallucinationGuard guard, int firstSequence)
    : m_guard(std::move(guard))
    , m_firstSequence(firstSequence)
    , m_next(firstSequence)
{}

QString TranscriptAssembler::removeBoundaryDuplicate(const QString& previous, const QString& next, int minOverlap,
                                                     int maxOverlap)
{
    static const QRegularExpression whitespace(QStringLiteral("\\s+"));
    const QStringList before = previous.split(whitespace, Qt::SkipEmptyParts);
    const QStringList after = next.split(whitespace, Qt::SkipEmptyParts);
    const auto key = [](const QString& token) { return normalizedWords(token).join(QString()); };

    const int limit = int(std::min({qsizetype(maxOverlap), before.size(), after.size()}));
    for (int k = limit; k >= minOverlap; --k) {
        bool same = true;
        for (int i = 0; i < k && same; ++i) {
            const QString a = key(before.at(before.size() - k + i));
            same = !a.isEmpty() && a == key(after.at(i));
        }
        if (same)
            return after.mid(k).join(QLatin1Char(' '));
    }
    return next.trimmed();
}

QString TranscriptAssembler::add(const ChunkTranscript& chunk)
{
    if (chunk.sequence < m_next || m_waiting.contains(chunk.sequence))
        return {};
    m_waiting.insert(chunk.sequence, chunk);

    QString committed;
    while (!m_waiting.isEmpty() && m_waiting.firstKey() == m_next) {
        const ChunkTranscript ready = m_waiting.take(m_next);
        ++m_next;
        QString piece = m_guard.clean(ready);
        if (piece.isEmpty())
            continue;
        piece = removeBoundaryDuplicate(m_text, piece);
        if (piece.isEmpty())
            continue;
        m_text = joinTranscript(m_text, piece);
        committed = joinTranscript(committed, piece);
    }
    return committed;
}

} // namespace utter
