#pragma once

#include "history/heldback.h"
#include "journal/jobrecord.h"

#include <QHash>
#include <QList>
#include <QString>

namespace utter
{

struct AudioChunk;

// What a dictation held back before the provider saw it: the chunks the voice gate did not upload
// (AudioPipeline::chunkRejected), kept per session until the dictation goes to history, where they join what the
// hallucination guard removed (docs/storage.md, "What Utter holds back"). One history entry per dictation session,
// however many sounds it held back (hands-free included). When capture ends the service writes them into the
// session record (SessionMeta::heldBack), where SessionFinisher finds them, also after a crash; until then they
// live only here, and a process killed meanwhile leaves only the held-back audio in the journal, from which
// withJournaled() makes them again.
class HeldBackNotes final
{
public:
    static HeldBack notUploaded(const AudioChunk& chunk);
    // notes plus one not-uploaded note for each held-back sound of a recovered session (Journal::heldBackAudio) that
    // has none, in order of place in the recording: the place from its file, no voice score (not kept with it).
    static QList<HeldBack> withJournaled(QList<HeldBack> notes, const QList<HeldBackAudio>& journaled);
    // a and b together, in order of place in the recording (unknown places last, in their order).
    static QList<HeldBack> merged(QList<HeldBack> a, const QList<HeldBack>& b);
    // Says in the log (utter.pipeline) what was not typed and why; the text itself only at debug level.
    static void logNotTyped(const QList<HeldBack>& items);

    void add(const QString& sessionId, const HeldBack& item) { m_notes[sessionId].append(item); }
    bool has(const QString& sessionId) const { return m_notes.contains(sessionId); }
    qsizetype count(const QString& sessionId) const { return m_notes.value(sessionId).size(); }
    // The session's notes, removed from here.
    QList<HeldBack> take(const QString& sessionId) { return m_notes.take(sessionId); }

private:
    QHash<QString, QList<HeldBack>> m_notes;
};

} // namespace utter
