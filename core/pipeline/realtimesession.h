#pragma once

#include "audiopipeline.h"
#include "common/result.h"
#include "providers/realtimetranscriber.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>

class QThread;

namespace utter
{

class Clock;
class Journal;
class SecretStore;
class Settings;
class UploadQueue;
struct ChunkJob;

// One dictation's realtime stream and its results (docs/providers.md, "Realtime transcription"). It owns a
// RealtimeTranscriber on the realtime thread, fed by the audio pipeline's thread with the chunk being collected
// (stream(): the chunker decides what is streamed, committed and cleared, never the main thread), holds the
// dictation's chunks back from the upload queue while the stream transcribes them, stores each streamed transcript
// like an upload's result, and, when the stream gives up, hands the chunks still without a transcript to the batch
// path. Lives on the main thread; the transcriber is reached only through handoff.h's postTo, and its signals come
// back through connectHandOff.
class RealtimeSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RealtimeSession)

public:
    // The realtime stream for a dictation, or nullptr when transcribe/url is not a ws:// or wss:// URL. `relay`
    // (the service) outlives the realtime thread's work: replies are handed to its thread first. holdUntilAccepted:
    // ChunkStream::holdUntilAccepted.
    static std::unique_ptr<RealtimeSession> create(const QString& sessionId, const QString& language,
                                                   const Settings& settings, SecretStore& secrets, Clock& clock,
                                                   QThread& thread, Journal& journal, UploadQueue& uploads,
                                                   QObject* relay, bool holdUntilAccepted);
    // Ends the stream (aborted on its thread); chunks it had not transcribed go to the batch endpoint.
    ~RealtimeSession() override;

    // For the dictation's RecordingPlan: the pipeline streams its chunks through it, from its own thread.
    std::shared_ptr<ChunkStream> stream() const;
    // The dictation was cancelled: the stream ends at once; nothing more is sent or stored.
    void cancel();

signals:
    // The text of segment `sequence` so far (the chunk's sequence).
    void partial(int sequence, const QString& text);
    // The stream gave up; the dictation continues through the batch endpoint.
    void failed(const utter::Error& error);

private:
    struct Link; // the session as seen from replies in flight: cleared when it goes
    class Feed;  // the ChunkStream: the pipeline thread's calls, handed to the realtime thread
    RealtimeSession(QString sessionId, RealtimeConfig config, Clock& clock, QThread& thread, Journal& journal,
                    UploadQueue& uploads, QObject* relay, bool holdUntilAccepted);
    void onSegmentCompleted(int sequence, const QString& text);
    void onFailed(const ProviderError& error, const QList<int>& unfinished);

    QString m_id;
    QUrl m_url;
    Journal& m_journal;
    UploadQueue& m_uploads;
    RealtimeTranscriber* m_rt = nullptr; // on the realtime thread; deleted there
    std::shared_ptr<Link> m_link;
    std::shared_ptr<Feed> m_feed;
    bool m_cancelled = false;
    bool m_held = true; // the upload queue holds the dictation's chunks for the stream
};

} // namespace utter
