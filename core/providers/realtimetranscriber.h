#pragma once

#include "endpoint.h"
#include "providererror.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <map>
#include <memory>
#include <span>

class QWebSocket;

namespace utter
{

class Clock;
class PcmConverter;

// Settings of a realtime (streaming) transcription session: the OpenAI Realtime transcription protocol
// (docs/providers.md, "Realtime transcription").
struct RealtimeConfig
{
    Endpoint endpoint; // ws:// or wss:// base (…/v1) or full URL (…/v1/realtime?intent=transcription)
    QString language;  // ISO-639-1, empty = detect
    QString prompt;    // the vocabulary
    QString noiseReduction = QStringLiteral("near_field"); // "near_field", "far_field" or empty (off)
    std::chrono::milliseconds connectTimeout{10000};
    // A committed segment without its transcript after this long counts as a dropped connection.
    std::chrono::milliseconds completionTimeout{20000};
    // A session is rolled over to a new one at the first segment boundary after this long (OpenAI ends sessions
    // after 60 minutes).
    std::chrono::milliseconds sessionLimit{std::chrono::minutes(55)};
    int maxReconnects = 3; // consecutive failed (re)connects before giving up

    // Whether a transcription URL asks for the realtime protocol (ws:// or wss://).
    static bool isRealtimeUrl(const QUrl& url);
    // The URL to open: the configured one if its path ends in /realtime, else base + /realtime; with
    // intent=transcription unless the query says otherwise.
    static QUrl sessionUrl(const QUrl& configured);
};

// Streams audio to a realtime transcription server over WebSockets while the user speaks. The pipeline appends
// each chunk's 16 kHz PCM as it is collected and ends a segment (one sequence number of the ordered assembler) at
// each chunk's end: the segment's audio is sent resampled to 24 kHz PCM16 (`input_audio_buffer.append`) and then
// committed
// (`input_audio_buffer.commit`; server turn detection is off). Deltas arrive as partial(), the whole text as
// segmentCompleted(). Every segment's audio is kept until its transcript arrives: when the connection drops it is
// reopened and the unfinished segments are sent again; a session past its limit is rolled over to a new one at a
// segment boundary. When the server cannot be reached (or refuses: bad key, no credit) failed() names the
// segments without a transcript, so the caller can send them another way. A segment found to hold no voice before
// its commit is discarded: cleared from the server's buffer, never transcribed. The key is sent only in the
// Authorization header and never logged.
class RealtimeTranscriber final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RealtimeTranscriber)

public:
    RealtimeTranscriber(RealtimeConfig config, Clock& clock, QObject* parent = nullptr);
    ~RealtimeTranscriber() override;

    const RealtimeConfig& config() const { return m_config; }

    // Connects now, so that the first segment does not wait for the handshake.
    void open();
    // Appends 16 kHz mono PCM to segment `sequence` (opened on first use; sequences increase). Connects on first
    // use.
    void appendAudio(int sequence, std::span<const qint16> pcm16k);
    // Ends segment `sequence`: its audio is committed and its transcript will follow.
    void commit(int sequence);
    // Segment `sequence`, not committed, is void (its audio held no voice): what was sent of it is cleared from the
    // server's buffer (`input_audio_buffer.clear`), the rest dropped, and partial(sequence, "") retracts any text
    // shown for it. The sequence may be used again by the next segment.
    void discard(int sequence);
    // No more audio: audio after the last commit is dropped (the pipeline kept none of it), and finished() comes
    // once every committed segment has its transcript.
    void finish();
    // Closes every connection; nothing more is emitted.
    void abort();

    bool hasFailed() const { return m_failed; }
    // Committed or open segments without a transcript yet, in order.
    QList<int> unfinishedSequences() const;
    // Seconds of audio streamed to the server (the resent audio of a reconnect counts again).
    double streamedSeconds() const { return m_streamedS; }
    // Seconds of audio cleared from the server's buffer by discard().
    double clearedSeconds() const { return m_clearedS; }
    int sessionsOpened() const { return m_sessionsOpened; }

signals:
    // The text of segment `sequence` so far (the concatenated deltas).
    void partial(int sequence, const QString& text);
    void segmentCompleted(int sequence, const QString& text);
    // Gave up: `unfinished` are the segments still without a transcript (their audio is the caller's to resend).
    void failed(const utter::ProviderError& error, const QList<int>& unfinished);
    // After finish(): every committed segment has its transcript.
    void finished();

private:
    struct Session;
    struct Segment
    {
        QList<qint16> raw;          // 16 kHz as appended, until the segment ends
        qsizetype rawConverted = 0; // of raw, resampled into pcm24 (done just before sending)
        QByteArray pcm24;           // s16le, 24 kHz: what is (or will be) sent
        qsizetype sent = 0;         // bytes of pcm24 sent on the current session
        bool ended = false;         // commit() called
        bool commitSent = false;
        bool done = false;
        int drops = 0; // connections lost while it waited for its transcript
        QString itemId;
        QString text;
        int sessionId = 0;
        std::unique_ptr<PcmConverter> converter;
    };
    struct Session
    {
        int id = 0;
        int generation = 0; // bumped at every (re)connect: late signals of an old socket are ignored
        QPointer<QWebSocket> socket;
        bool open = false;    // connected and configured
        bool closing = false; // closed by us
        QDateTime openedAt;
        QList<int> awaitingAck;        // commits sent, `input_audio_buffer.committed` not seen, in order
        QHash<QString, int> itemToSeq; // item_id → sequence
    };

    Segment& segment(int sequence);
    Session* currentSession();
    Session* openSession();
    void connectSession(Session* session);
    void onConnected(Session* session);
    void onMessage(Session* session, const QString& message);
    void onDropped(Session* session, const QString& why, int httpStatus);
    void onServerError(Session* session, const QJsonObject& error);
    void pump(Session* session);
    void convert(Segment& segment);
    void send(Session* session, const QJsonObject& event);
    void completeSegment(int sequence, const QString& text);
    void armCompletionTimer(int sequence);
    void retire(Session* session);
    void maybeFinished();
    // Lets a session's socket go, for good: a polite close (its work is done) or an abort (a cancelled dictation).
    enum class Farewell
    {
        Close,
        Abort
    };
    void closeSocket(Session& session, Farewell how);
    void fail(const ProviderError& error);
    QList<int> sequencesOf(const Session* session) const;
    Session* sessionById(int id);

    RealtimeConfig m_config;
    Clock& m_clock;
    std::map<int, Segment> m_segments;
    std::map<int, std::unique_ptr<Session>> m_sessions;
    int m_current = 0; // id of the session new segments go to (0: none)
    int m_nextSessionId = 1;
    int m_failedConnects = 0;
    int m_sessionsOpened = 0;
    bool m_finishing = false;
    bool m_finishedEmitted = false;
    bool m_failed = false;
    bool m_aborted = false;
    double m_streamedS = 0;
    double m_clearedS = 0;
};

} // namespace utter
