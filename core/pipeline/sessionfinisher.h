#pragma once

#include "common/result.h"
#include "hallucinationguard.h"
#include "journal/jobrecord.h"
#include "providers/style.h"
#include "wordreplacements.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <map>
#include <memory>

namespace utter
{

class HistoryStore;
class Journal;
class Transformer;

// A dictation whose every chunk has a transcript, assembled and styled.
struct FinishedDictation
{
    SessionMeta meta;
    QString rawText;  // assembled and with the word replacements applied
    QString text;     // what the user gets: the styled text, or rawText
    QString style;    // the style that ran; empty when none did
    QString notice;   // why the style did not run (timeout, provider error), for the user
    QString provider; // transcription provider (host) and endpoint of the last chunk
    QString endpoint;
    QString language;
    double spokenSeconds = 0; // audio uploaded (speech the VAD kept)
    double billedSeconds = 0;
    qint64 historyId = 0; // after record()
    // What was held back: text the guard removed, plus (DictationService) the sounds not uploaded for want of a
    // voice. Goes to the history entry.
    QList<HeldBack> heldBack;
};

// Turns a complete journal session into delivered text (DESIGN §3, after the transcriber): the chunk transcripts
// in sequence order through the hallucination guard and the boundary de-duplication, the user's word
// replacements, then the session's style. record() then stores it in history, moves its audio to the archive and
// only then removes it from the journal — in that order, each step safe to repeat, so a crash at any point
// neither loses nor duplicates a dictation. Those steps run on the journal's writer (Journal::writer(): on its own
// thread in the service, so the history's commit never holds up the main thread), with a history connection of
// their own there: Qt SQL connections belong to the thread that opened them.
class SessionFinisher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionFinisher)

public:
    using DeltaCallback = std::function<void(const QString& delta)>;
    using DoneCallback = std::function<void(const Result<FinishedDictation>& result)>;
    using RecordCallback = std::function<void(const Result<FinishedDictation>& recorded)>;

    explicit SessionFinisher(Journal& journal, QObject* parent = nullptr);
    ~SessionFinisher() override;

    void setGuard(const HallucinationGuardConfig& config) { m_guard = HallucinationGuard(config); }
    void setReplacements(const QStringList& rules) { m_replacements = WordReplacements(rules); }
    // Without a transformer (or for the raw style) the raw text is the result.
    void setTransformer(Transformer* transformer, StyleLibrary styles);
    // Without a history store record() keeps the session in the journal (nothing is lost; it is delivered to
    // history on a later start).
    void setHistory(HistoryStore* history, QString archiveDir, bool keepAudio);

    // The assembled text of a complete session, without style.
    Result<FinishedDictation> assemble(const QString& sessionId) const;
    // assemble() plus the session's style; done runs once unless context dies first.
    void finish(const QString& sessionId, QObject* context, DeltaCallback onDelta, DoneCallback done);
    // Stores the dictation in history, archives its audio and removes the session from the journal; done gets the
    // dictation with its historyId (on this object's thread; not at all if the finisher is gone first). An error
    // means history does not have it. When only the archive failed (a full disk) the entry is stored without an
    // audio path, archiveFailed() says why, and the session (with its audio) stays in the journal until
    // archiveWaiting() succeeds.
    void record(FinishedDictation dictation, RecordCallback done);
    // Whether history already has the session — a kill between the history's commit and the journal's clean-up
    // leaves a complete session that was delivered. Asked on the writer's thread; done(false) without a history.
    void whenRecorded(const QString& sessionId, QObject* context, std::function<void(bool recorded)> done);
    // Archives the audio of recorded dictations whose archive failed — the folders, the moves and the history's
    // update on the journal's writer, never on this thread; done(how many still wait) follows on this object's
    // thread (before this returns with an inline writer) unless context is gone by then.
    void archiveWaiting(QObject* context, std::function<void(int waiting)> done);
    int unarchivedCount() const { return int(m_unarchived.size()); }

    bool styleWouldRun(const QString& styleName, const QString& text) const;

signals:
    void archiveFailed(const QString& sessionId, const utter::Error& error);

private:
    struct WriterHistory;
    // The history as the journal's writer uses it: the given store when the writer is inline, else a connection
    // of its own, opened and closed on the writer's thread.
    std::shared_ptr<WriterHistory> writerHistory();
    void dropWriterHistory();

    Journal& m_journal;
    HallucinationGuard m_guard;
    WordReplacements m_replacements;
    QPointer<Transformer> m_transformer;
    StyleLibrary m_styles;
    HistoryStore* m_history = nullptr;
    QString m_archiveDir;
    bool m_keepAudio = true;
    std::map<QString, qint64> m_unarchived; // recorded sessions whose audio still waits in the journal → history id
    std::shared_ptr<WriterHistory> m_writerHistory;
};

} // namespace utter
