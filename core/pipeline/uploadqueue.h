#pragma once

#include "common/error.h"
#include "journal/jobrecord.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

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
// first, then the rest oldest first. A failure the provider or the network may get over (timeout, reset, 429,
// 5xx, a loading model) makes the job wait in the journal until its retry time, which grows from 5 s to 5 min;
// when the network watcher sees the network come back, every waiting job is retried at once. A failure retrying
// cannot help (bad key, no credit, audio refused) makes the job dead: it stays in the journal for the user.
class UploadQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UploadQueue)

public:
    UploadQueue(Journal& journal, Transcriber* transcriber, int maxInFlight, QObject* parent = nullptr);
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

    // Whether retrying may help with this error.
    static bool isTransient(const Error& error);
    // How long a job waits after its nth failed upload when the provider gave no Retry-After.
    static std::chrono::milliseconds backoffFor(int attempts);

signals:
    void chunkDone(const QString& sessionId, int sequence);
    // willRetry: the job waits for its retry time (or the network); otherwise it is dead.
    void chunkFailed(const QString& sessionId, int sequence, const utter::Error& error, bool willRetry);
    void drained(); // nothing in flight any more

private:
    using Key = std::pair<QString, int>;

    void start(const ChunkJob& job);
    void finished(const Key& key, const TranscriptionResult& result);
    void failed(const Key& key, const Error& error);
    void scheduleRetry();
    void retryWaitingNow();
    void removeInFlight(const Key& key);

    Journal& m_journal;
    QPointer<Transcriber> m_transcriber;
    QPointer<NetworkWatcher> m_network;
    int m_maxInFlight;
    QString m_preferred;
    bool m_paused = false;
    std::map<Key, QPointer<TranscriptionJob>> m_inFlight;
    QTimer m_retryTimer;
};

} // namespace utter
