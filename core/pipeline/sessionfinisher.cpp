#include "sessionfinisher.h"

#include "heldbacknotes.h"
#include "history/audioarchive.h"
#include "history/historystore.h"
#include "journal/diskwriter.h"
#include "journal/journal.h"
#include "logging/logcontext.h"
#include "logging/logging.h"
#include "providers/transformer.h"
#include "transcriptassembler.h"
#include "transcriptdetails.h"

#include <QDir>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

struct SessionFinisher::WriterHistory
{
    HistoryStore* given = nullptr; // inline: the caller's store, on the caller's thread
    QString path;
    QString archiveDir;
    std::unique_ptr<HistoryStore> own; // on the writer's thread: made, used and destroyed there only

    Result<HistoryStore*> use()
    {
        if (given)
            return given;
        if (!own)
            own = std::make_unique<HistoryStore>(path, archiveDir);
        if (!own->isOpen()) {
            if (const Status opened = own->open(); !opened.ok())
                return opened.error();
        }
        return own.get();
    }
};

SessionFinisher::SessionFinisher(Journal& journal, QObject* parent)
    : QObject(parent)
    , m_journal(journal)
{}

SessionFinisher::~SessionFinisher()
{
    dropWriterHistory();
}

std::shared_ptr<SessionFinisher::WriterHistory> SessionFinisher::writerHistory()
{
    const bool threaded = m_journal.writer().threaded();
    const bool fits =
        m_writerHistory && (threaded ? !m_writerHistory->given && m_writerHistory->path == m_history->databasePath()
                                     : m_writerHistory->given == m_history);
    if (!fits) {
        dropWriterHistory();
        m_writerHistory = std::make_shared<WriterHistory>();
        m_writerHistory->given = threaded ? nullptr : m_history;
        m_writerHistory->path = m_history->databasePath();
        m_writerHistory->archiveDir = m_archiveDir;
    }
    return m_writerHistory;
}

void SessionFinisher::dropWriterHistory()
{
    if (!m_writerHistory)
        return;
    if (m_writerHistory->given) {
        m_writerHistory.reset();
        return;
    }
    // Its connection closes on the thread that opened it, after the work already queued there.
    m_journal.writer().post([history = std::exchange(m_writerHistory, {})]() mutable { history.reset(); });
}

void SessionFinisher::setTransformer(Transformer* transformer, StyleLibrary styles)
{
    m_transformer = transformer;
    m_styles = std::move(styles);
}

void SessionFinisher::setHistory(HistoryStore* history, QString archiveDir, bool keepAudio)
{
    m_history = history;
    m_archiveDir = std::move(archiveDir);
    m_keepAudio = keepAudio;
}

Result<FinishedDictation> SessionFinisher::assemble(const QString& sessionId) const
{
    const SessionStatus status = m_journal.status(sessionId);
    if (!status.complete())
        return Error(ErrorCode::Failed, u"Dictation %1 still has chunks waiting for a transcript."_s.arg(sessionId));
    FinishedDictation dictation;
    dictation.meta = status.meta;
    const QList<ChunkJob> jobs = m_journal.jobs(sessionId);
    TranscriptAssembler assembler(m_guard, jobs.isEmpty() ? 0 : jobs.first().sequence);
    assembler.setChunkCount(int(jobs.size()));
    for (const ChunkJob& job : jobs) {
        assembler.add(chunkTranscriptFrom(job));
        dictation.spokenSeconds += double(job.durationMs) / 1000.0;
        dictation.billedSeconds += job.result.billedSeconds;
        if (!job.result.provider.isEmpty()) {
            dictation.provider = job.result.provider;
            dictation.endpoint = job.result.endpoint;
        }
        if (!job.result.language.isEmpty())
            dictation.language = job.result.language;
    }
    if (dictation.language.isEmpty())
        dictation.language = status.meta.language;
    dictation.rawText = m_replacements.apply(assembler.text());
    dictation.text = dictation.rawText;
    // The sounds not uploaded (kept in the session record when capture ended, or found in the journal when a kill
    // came first) and what the guard removed.
    dictation.heldBack = HeldBackNotes::merged(
        HeldBackNotes::withJournaled(heldBackFromJson(status.meta.heldBack), m_journal.heldBackAudio(sessionId)),
        assembler.heldBack());
    return dictation;
}

bool SessionFinisher::styleWouldRun(const QString& styleName, const QString& text) const
{
    if (!m_transformer || styleName.isEmpty())
        return false;
    const std::optional<Style> style = m_styles.find(styleName);
    return style && m_transformer->wouldCall(text, *style);
}

void SessionFinisher::finish(const QString& sessionId, QObject* context, DeltaCallback onDelta, DoneCallback done)
{
    Result<FinishedDictation> assembled = assemble(sessionId);
    if (assembled.ok()) {
        LogScope scope(sessionId);
        HeldBackNotes::logNotTyped(assembled->heldBack); // once per delivery, never silently
    }
    if (!assembled.ok() || !styleWouldRun(assembled->meta.style, assembled->rawText)) {
        done(assembled);
        return;
    }
    FinishedDictation dictation = std::move(assembled).value();
    const Style style = *m_styles.find(dictation.meta.style);
    LogScope scope(sessionId);
    qCInfo(lcTransform).noquote() << "applying style" << style.name;
    const QString raw = dictation.rawText;
    m_transformer->transform(raw, style, context, std::move(onDelta),
                             [dictation, done](const TransformResult& result) mutable {
                                 dictation.text = result.text;
                                 dictation.style = result.transformed ? result.style : QString();
                                 dictation.notice = result.notice;
                                 done(dictation);
                             });
}

void SessionFinisher::whenRecorded(const QString& sessionId, QObject* context, std::function<void(bool)> done)
{
    if (!m_history) {
        QTimer::singleShot(0, context, [done = std::move(done)] { done(false); });
        return;
    }
    m_journal.writer().post<bool>(
        [history = writerHistory(), sessionId]() -> bool {
            const Result<HistoryStore*> store = history->use();
            if (!store.ok())
                return false;
            const Result<std::optional<HistoryEntry>> found = store.value()->findBySession(sessionId);
            return found.ok() && found.value().has_value();
        },
        context, std::move(done));
}

void SessionFinisher::record(FinishedDictation dictation, RecordCallback done)
{
    const QString sessionId = dictation.meta.id;
    LogScope scope(sessionId);
    if (!m_history) {
        done(Error(ErrorCode::Io,
                   u"The history is not available, so dictation %1 stays in the journal."_s.arg(sessionId)));
        return;
    }
    HistoryEntry entry;
    entry.timestamp = dictation.meta.startedAt;
    // The audio recorded, not the wall time: a dictation interrupted by a crash would otherwise count the downtime.
    if (dictation.meta.audioMs > 0) {
        entry.durationSeconds = double(dictation.meta.audioMs) / 1000.0;
    } else if (dictation.meta.interrupted) {
        entry.durationSeconds = dictation.spokenSeconds;
    } else {
        const QDateTime ended =
            dictation.meta.endedAt.isValid() ? dictation.meta.endedAt : QDateTime::currentDateTimeUtc();
        entry.durationSeconds = double(dictation.meta.startedAt.msecsTo(ended)) / 1000.0;
    }
    entry.spokenSeconds = dictation.spokenSeconds;
    entry.billedSeconds = dictation.billedSeconds;
    entry.provider = dictation.provider;
    entry.endpoint = dictation.endpoint;
    entry.style = dictation.style;
    entry.application = dictation.meta.application;
    entry.language = dictation.language;
    entry.rawText = dictation.rawText;
    entry.styledText = dictation.style.isEmpty() ? QString() : dictation.text;
    entry.sessionId = sessionId;
    entry.heldBack = dictation.heldBack;
    const bool archiveAudio = m_keepAudio && !m_archiveDir.isEmpty();
    // History only ever names an archive folder that exists: when the folder cannot be made (a full disk) the
    // entry is stored without audio, and the audio stays in the journal until archiveWaiting() gets it there.
    const bool audioOnDisk = m_journal.status(sessionId).unwritten == 0;
    struct Stored
    {
        Result<qint64> id = Error(ErrorCode::Failed, QString());
        Status archived;
    };
    m_journal.writer().post<Stored>(
        [history = writerHistory(), entry, archiveDir = m_archiveDir, archiveAudio, audioOnDisk, sessionId,
         files = m_journal.chunkAudioFiles(sessionId), dir = m_journal.sessionDir(sessionId)]() mutable -> Stored {
            files = Journal::withHeldBackAudioFiles(std::move(files), dir); // a directory listing: off the main thread
            Stored out;
            const Result<HistoryStore*> store = history->use();
            if (!store.ok()) {
                out.id = store.error();
                return out;
            }
            AudioArchive archive(archiveDir);
            // A dictation whose every sound was held back has no audio to archive: no folder is named.
            const bool archiveReady =
                archiveAudio && audioOnDisk && !files.isEmpty() && QDir().mkpath(archive.sessionPath(sessionId));
            if (archiveReady)
                entry.audioPath = archive.sessionPath(sessionId);
            out.id = store.value()->add(entry);
            if (!out.id.ok() || !archiveAudio || files.isEmpty())
                return out;
            out.archived =
                archiveReady ? archive.moveIn(sessionId, files)
                : audioOnDisk
                    ? Status(Error(ErrorCode::Io, u"Could not create the audio archive folder %1; check its "
                                                  "permissions and free disk space."_s.arg(
                                                      QDir::toNativeSeparators(archive.sessionPath(sessionId)))))
                    : Status(Error(ErrorCode::Io, u"The audio of the dictation is not on disk yet (the disk "
                                                  "refused it)."_s));
            if (!out.archived.ok() && archiveReady)
                (void)store.value()->setAudioPath(out.id.value(), {});
            return out;
        },
        this,
        [this, dictation = std::move(dictation), done = std::move(done)](const Stored& stored) mutable {
            const QString id = dictation.meta.id;
            LogScope scope(id);
            if (!stored.id.ok()) {
                done(stored.id.error());
                return;
            }
            dictation.historyId = stored.id.value();
            if (!stored.archived.ok()) {
                m_unarchived[id] = dictation.historyId;
                qCWarning(lcHistory).noquote() << "audio not archived yet:" << stored.archived.error().message;
                emit archiveFailed(id, Error(ErrorCode::Io, stored.archived.error().message +
                                                                u" The dictation is in history; its audio stays in "
                                                                "the journal and is archived as soon as the disk "
                                                                "allows."_s));
                done(dictation);
                return;
            }
            m_unarchived.erase(id);
            (void)m_journal.discardSession(id); // behind the commit on the writer
            done(dictation);
        });
}

void SessionFinisher::archiveWaiting(QObject* context, std::function<void(int waiting)> done)
{
    if (!m_history) {
        done(int(m_unarchived.size()));
        return;
    }
    struct Waiting
    {
        QString sessionId;
        qint64 historyId = 0;
        QStringList files;
        QString dir; // the journal's session folder: its held-back sounds are listed on the writer's thread
    };
    std::vector<Waiting> waiting;
    for (const auto& [sessionId, historyId] : m_unarchived) {
        if (m_journal.status(sessionId).unwritten == 0) // else its audio is not on disk yet
            waiting.push_back(
                {sessionId, historyId, m_journal.chunkAudioFiles(sessionId), m_journal.sessionDir(sessionId)});
    }
    // The folders, the moves and the history's update on the writer's thread; the journal's clean-up here.
    const QPointer<QObject> guard(context);
    m_journal.writer().post<QStringList>(
        [history = writerHistory(), archiveDir = m_archiveDir, waiting = std::move(waiting)]() -> QStringList {
            QStringList archived;
            const Result<HistoryStore*> store = history->use();
            if (!store.ok())
                return archived;
            AudioArchive archive(archiveDir);
            for (const Waiting& w : waiting) {
                const QStringList files = Journal::withHeldBackAudioFiles(w.files, w.dir);
                if (QDir().mkpath(archive.sessionPath(w.sessionId)) && archive.moveIn(w.sessionId, files).ok() &&
                    store.value()->setAudioPath(w.historyId, archive.sessionPath(w.sessionId)).ok())
                    archived << w.sessionId;
            }
            return archived;
        },
        this,
        [this, guard, done = std::move(done)](const QStringList& archived) {
            for (const QString& sessionId : archived) {
                LogScope scope(sessionId);
                if (m_unarchived.erase(sessionId) == 0)
                    continue; // a round before this one got it
                qCInfo(lcHistory).noquote() << "archived the audio of" << sessionId << "after all";
                (void)m_journal.discardSession(sessionId);
            }
            if (done && guard)
                done(int(m_unarchived.size()));
        });
}

} // namespace utter
