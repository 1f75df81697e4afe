#pragma once

#include "dictationconfig.h"
#include "heldbacknotes.h"
#include "paths/locations.h"
#include "pipeline/dictationcontrol.h"
#include "platform/textoutput.h"
#include "providers/clock.h"
#include "providers/httpclient.h"
#include "sessionfinisher.h"
#include "settings/settingkey.h"
#include "transcriptassembler.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <deque>
#include <map>
#include <memory>

namespace utter
{

class AudioCapture;
class AudioPipeline;
class GlobalHotkeys;
class HistoryStore;
class Journal;
class NetworkWatcher;
class OutputChain;
class ProviderClients;
class RealtimeSession;
class SecretStore;
class Settings;
class UploadQueue;
struct ChunkJob;
struct SessionMeta;

// The dictation service (DESIGN §3): one state machine that records, chunks, journals, uploads, assembles,
// styles and delivers (recording, chunking, encoding and journaling the audio happen on the AudioPipeline's thread;
// this object, on the main thread, only reacts to its events), observed by the daemon's IPC and HTTP clients and the
// desktop UI through DictationControl. It never knows which UI is attached; output goes to the signals (IPC
// subscribers, WebSocket clients, the overlay), to history, and — when the host gives it one — to the desktop's
// text-output chain.
//
//   idle → listening → finishing → (transforming) → delivering → idle
//                          ↘ queued (the provider or the network is away: the chunks wait in the journal)
//   error: a dictation needs the user (bad key, no credit, lost microphone); the next one starts afresh.
//
// Several dictations may be on their way at once (the user starts the next while the last is uploading); their
// texts are delivered in the order they were spoken. A dictation that had to wait (queued) is not typed into
// whatever has focus hours later: it goes to history, is announced (finalTranscript with `late`), and `utter last`
// delivers it. Jobs left from an earlier run resume on start and whenever the network returns.
class DictationService final : public DictationControl
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DictationService)

public:
    enum class State
    {
        Idle,
        Listening,
        Finishing,
        Transforming,
        Delivering,
        Queued,
        Error,
    };
    static QString stateName(State state);

    // history may be null (it could not be opened): dictations then stay in the journal until it can be.
    DictationService(Locations locations, Settings& settings, SecretStore& secrets, HistoryStore* history,
                     QObject* parent = nullptr);
    ~DictationService() override;

    // Opens the journal, resumes what an earlier run left, and opens the microphone when a pre-roll is set.
    // Problems found on disk are logged and reported as events; the service works regardless.
    Status start();

    // The desktop's text-output chain; without one, text goes only to the signals and history.
    void setOutputChain(OutputChain* output);
    // Dictation key "dictate" and "cancel" presses and releases drive the service according to the mode.
    void bindHotkeys(GlobalHotkeys* hotkeys);
    void setHotkeysPaused(bool paused) { m_hotkeysPaused = paused; }

    State state() const { return m_state; }
    // Realtime dictations: whether a chunk's audio waits until the chunker has found a voice in it
    // (ChunkStream::holdUntilAccepted; docs/providers.md, "What is streamed"). For benchmarks; the default is
    // the documented choice.
    void setRealtimeHoldUntilVoice(bool hold) { m_realtimeHoldUntilVoice = hold; }
    Journal& journal() { return *m_journal; }

    // DictationControl
    Status begin() override;
    Status end() override;
    Status toggle() override;
    Status cancel() override;
    Status beginStream(const QJsonObject& options) override;
    Status pushStreamAudio(const QByteArray& pcm16le) override;
    QJsonObject statusJson() const override;
    int pendingJobs() const override;
    void transcribeFile(const QString& path, const QJsonObject& options, QObject* context,
                        TranscribeCallback done) override;
    void restyle(const QString& text, const QString& style, QObject* context, TranscribeCallback done) override;
    void prepareShutdown(std::function<void()> done) override;

signals:
    // A dictation that waited in the journal has been transcribed and stored in history.
    void lateResult(const QString& sessionId, const QString& text);

private:
    struct Live
    {
        QString id;
        TargetApp target;
        // The focus probe has answered (FocusProbe::request, asked at the press): target and style are final. Until
        // then the session is recorded with application "unknown" and the style it would get there, and its text
        // is not delivered.
        bool targetKnown = false;
        QJsonObject options; // what the caller asked for (an explicit style beats the application's)
        TranscriptAssembler assembler;
        int chunks = 0;
        int heldBackAudio = 0;     // held-back stretches whose audio the pipeline kept in the session's folder
        bool captureEnded = false; // the pipeline reported the end of its audio (every chunk is journaled)
        bool waiting = false;      // a chunk failed transiently: it will be delivered late
        bool cancelled = false;
        bool failedToStart = false; // the microphone never started: cancelled, with the error state kept
        bool streamed = false;      // audio pushed by a client, not captured
        // Streams the dictation to a realtime server while it is spoken (docs/providers.md, "Realtime
        // transcription"); its stream ends when the dictation leaves the service.
        std::unique_ptr<RealtimeSession> realtime;
        bool finishing = false; // style/delivery under way
        // Timing for the logs (the numbers behind "press → first frame" and "release → text inserted").
        QElapsedTimer sinceBegin;
        QElapsedTimer sinceEnd;
        // The provider's part of the wait after release: of each chunk answered after it, the time its request
        // was out (its latency, but never from before the release), the longest.
        qint64 providerAfterEndMs = 0;
        QElapsedTimer styleTimer; // while the style runs
        qint64 styleMs = 0;
    };

    Status beginSession(bool streamed, const QJsonObject& options = {});
    // The style of a dictation into `target`: the caller's, else the application's (transform/appStyles), else the
    // default; empty for raw.
    QString styleFor(const QJsonObject& options, const TargetApp& target) const;
    void onFocusAnswered(const QString& sessionId, const TargetApp& target);
    // The journal's session gets the application and style the probe's answer gave (once its recording ended).
    void applyTarget(const Live& live);
    void watchMicrophone(const QString& sessionId);
    void reloadConfig();
    // A setting changed (the dialog, `utter config set`, a hand edit): applied at once where it can be, the rest at
    // the next dictation (docs/configuration.md, "A running Utter follows the file").
    void onSettingChanged(SettingKey key);
    // The microphone reopened with the current device and pre-roll, unless a dictation is recording from it.
    void applyCaptureSettings();
    void startNetworkWatcher();
    // Rebuilds the provider clients when their settings or style files changed since (or a key was refused).
    void refreshProviders();
    void setState(State state, const QString& sessionId);
    void fail(const QString& sessionId, const Error& error);
    Live* findLive(const QString& sessionId);

    // A realtime transcription URL: the dictation streams while it is spoken; its chunks are still journaled and
    // go to the batch endpoint if the stream fails.
    void startRealtime(Live& live, const QString& language);
    void onChunkStored(const ChunkJob& job, const QByteArray& oggOpus, bool written);
    void onRecordingEnded(const SessionMeta& meta, bool written, int chunks, bool cancelled);
    void onSilence(const QString& sessionId);
    void reportWriteFailure(const QString& sessionId, const Error& error);
    void onCaptureError(const Error& error);
    void onChunkDone(const QString& sessionId, int sequence);
    void onChunkFailed(const QString& sessionId, int sequence, const Error& error, bool willRetry);
    void deliverNext();
    void delivered(const QString& sessionId, FinishedDictation dictation);
    // Stores a delivered dictation in history (on the journal's writer thread); then(stored) follows.
    void record(FinishedDictation dictation, std::function<void(bool)> then = {});
    void recordPending();
    void resumeCompleted();
    // The journal's start-up recovery is done (start()): what it found resumes.
    void resumeRecovered(const Status& opened);
    void deliverLate(const QString& sessionId);
    void finishLate(const QString& sessionId);     // styled, recorded, announced (finalTranscript, lateResult)
    void finishRecorded(const QString& sessionId); // already in history: archived and removed from the journal
    void settleState();

    Locations m_locations;
    Settings& m_settings;
    SecretStore& m_secrets;
    HistoryStore* m_history;
    DictationConfig m_config;
    SystemClock m_clock;
    HttpClient m_http;
    std::unique_ptr<ProviderClients> m_providers;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<UploadQueue> m_uploads;
    std::unique_ptr<SessionFinisher> m_finisher;
    std::unique_ptr<NetworkWatcher> m_network;
    std::unique_ptr<AudioCapture> m_capture;
    // VAD, chunking, encoding and journal writes, on their own thread. The destructor stops the capture first:
    // its last block still reaches the pipeline, which journals it before its thread ends.
    std::unique_ptr<AudioPipeline> m_pipeline;
    QThread m_realtimeThread; // realtime sessions: resampling, base64 and the WebSocket off the main thread
    QPointer<OutputChain> m_output;
    InsertionSeparator m_separator; // what was typed last and where, for the next dictation's leading space
    bool m_hotkeysPaused = false;
    bool m_started = false;
    bool m_captureStale = false; // device or pre-roll changed while a dictation was recording
    bool m_realtimeHoldUntilVoice = false;

    State m_state = State::Idle;
    QString m_stateSession;
    std::deque<Live> m_live; // spoken order; back() is recording while state is Listening
    QStringList m_lateInProgress;
    HeldBackNotes m_heldBack; // per session: sounds not uploaded for want of a voice, until history has them
    std::map<QString, FinishedDictation> m_unrecorded; // delivered, but history refused them so far
    QSet<QString> m_recording;                         // their history commit is under way
    QTimer m_recordRetry;
    QString m_archiveFailure; // the archive failure last reported, until the archive works again
    QJsonObject m_lastError;
    bool m_shuttingDown = false;
};

} // namespace utter
