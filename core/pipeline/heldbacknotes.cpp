#include "heldbacknotes.h"

#include "logging/logging.h"
#include "vad/audiochunk.h"

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

HeldBack HeldBackNotes::notUploaded(const AudioChunk& chunk)
{
    HeldBack item;
    item.kind = HeldBack::Kind::NotUploaded;
    item.reason = HeldBack::Reason::NoVoice;
    item.startS = chunk.startSeconds();
    item.endS = chunk.endSeconds();
    item.speechEvidence = chunk.speechEvidence;
    return item;
}

QList<HeldBack> HeldBackNotes::withJournaled(QList<HeldBack> notes, const QList<HeldBackAudio>& journaled)
{
    QList<HeldBack> found;
    for (const HeldBackAudio& audio : journaled) {
        // The file's offset is the note's start in whole milliseconds, rounded down.
        const bool noted = std::any_of(notes.cbegin(), notes.cend(), [&audio](const HeldBack& note) {
            return note.kind == HeldBack::Kind::NotUploaded && note.startS >= 0 &&
                   std::abs(note.startS * 1000.0 - double(audio.offsetMs)) < 1.5;
        });
        if (noted)
            continue;
        HeldBack item;
        item.kind = HeldBack::Kind::NotUploaded;
        item.reason = HeldBack::Reason::NoVoice;
        item.startS = double(audio.offsetMs) / 1000.0;
        item.endS = audio.durationMs >= 0 ? double(audio.offsetMs + audio.durationMs) / 1000.0 : -1.0;
        found << item;
    }
    return found.isEmpty() ? notes : merged(std::move(notes), found);
}

QList<HeldBack> HeldBackNotes::merged(QList<HeldBack> a, const QList<HeldBack>& b)
{
    a += b;
    std::stable_sort(a.begin(), a.end(), [](const HeldBack& x, const HeldBack& y) {
        if ((x.startS < 0) != (y.startS < 0))
            return y.startS < 0;
        return x.startS < y.startS;
    });
    return a;
}

void HeldBackNotes::logNotTyped(const QList<HeldBack>& items)
{
    for (const HeldBack& item : items) {
        if (item.kind != HeldBack::Kind::NotTyped)
            continue;
        qCInfo(lcPipeline).noquote() << "not typed," << item.describe() + u":"_s << item.startS << "-" << item.endS
                                     << "s, speech evidence" << item.speechEvidence;
        qCDebug(lcPipeline).noquote() << "the text not typed:" << item.text;
    }
}

} // namespace utter
