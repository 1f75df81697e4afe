#pragma once

#include "common/error.h"
#include "journal/jobrecord.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <map>
#include <utility>

namespace utter
{

class Clock;
class Journal;
class NetworkWatcher;
class Transcriber;
class TranscriptionJob;
struct TranscriptionResult;

// Moves journaled chunks to the transcription provider (DESIGN §3): every job the journal holds as pending —
// from the dictation in progress, or left over from an outage, a crash or a kill — is uploaded, several at a
// time, and its outcome written back to the journal. Jobs of the preferred session (the one being dictated) go
// first, then the rest oldest first. A failure the provider or the network may get over (ProviderError::retryable:
// timeout, reset, 429, 5xx, a loading model) makes the job wait in the journal until its retry time
// (chunkRetryDelay: Retry-After, else 5 s growing to 5 min). Retry times are this process's own: a job that waits
// from an earlier run is tried at once on start (the retryAt stored in the journal is only what `utter status`
// shows), and every waiting job is retried at once when the network watcher sees the network come back or the
// provider answers another chunk. A failure retrying cannot help (bad key, no credit, audio refused) makes the job
// dead: it stays in the journal for the user. Time comes from the injected Clock.
class UploadQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UploadQueue)

public:
    UploadQueue(Journal& journal, Clock& clock, Transcriber* transcriber, int maxInFlight, QObject* parent = nullptr);
    ~UploadQueue() override;

    void setNetworkWatcher(NetworkWatcher* watcher);
    // Uploads started from now on use this transcriber (new settings); running ones finish with the old.
    void setTranscriber(Transcriber* transcriber) { m_transcriber = transcriber; }
    void setPreferredSession(const QString& sessionId) { m_preferred = sessionId; }
    void setMaxInFlight(int maxInFlight) { m_maxInFlight = qMax(1, maxInFlight); }

    // Starts uploads for due jobs, up to the in-flight limit. Cheap; call it whenever a job may have become due.
    void kick();
    // Stops starting uploads (shutdown); in-flight ones go on.
    void pause() { m_paused = true; }
    // Cancels the session's in-flight uploads (the user discarded the dictation).
    void cancelSession(const QString& sessionId);
    // Cancels every in-flight upload; their jobs stay pending in the journal and resume on the next start.
    void abortAll();

    int inFlight() const { return int(m_inFlight.size()); }
    bool isUploading(const QString& sessionId, int sequence) const;

    // Realtime streaming (docs/providers.md, "Realtime transcription"): the session's chunks are transcribed by a
    // stream, not uploaded, while it is held. storeStreamed() records a streamed chunk's transcript exactly like an
    // upload's (journal, then chunkDone); release() hands the chunks still without one to the batch path.
    void hold(const QString& sessionId) { m_held.insert(sessionId); }
    void release(const QString& sessionId);
    bool isHeld(const QString& sessionId) const { return m_held.contains(sessionId); }
    void storeStreamed(const QString& sessionId, int sequence, const TranscriptionResult& result);

    // Every waiting job is due now (the network or the provider is back).
    void retryWaitingNow();
    // When the earliest waiting job is due; invalid when none waits.
    QDateTime nextRetryAt() const;

signals:
    // Both come once the outcome stored in the journal is durable (Journal::afterWrites).
    void chunkDone(const QString& sessionId, int sequence);
    // willRetry: the job waits for its retry time (or the network); otherwise it is dead.
    void chunkFailed(const QString& sessionId, int sequence, const utter::Error& error, bool willRetry);
    void drained(); // nothing in flight any more

private:
    using Key = std::pair<QString, int>;

    void start(const ChunkJob& job);
    void finished(const Key& key, const TranscriptionResult& result);
    void failed(const Key& key, const Error& error, bool retryable);
    void scheduleRetry();
    void removeInFlight(const Key& key);

    Journal& m_journal;
    Clock& m_clock;
    QPointer<Transcriber> m_transcriber;
    QPointer<NetworkWatcher> m_network;
    int m_maxInFlight;
    QString m_preferred;
    bool m_paused = false;
    std::map<Key, QPointer<TranscriptionJob>> m_inFlight;
    std::map<Key, QDateTime> m_retryAt; // jobs that failed in this process wait until then
    quint64 m_retryToken = 0;           // the one retry wake-up that counts
    QDateTime m_wakeAt;
    QSet<QString> m_held; // sessions whose chunks a realtime stream transcribes
};

} // namespace utter
