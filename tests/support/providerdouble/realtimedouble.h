#pragma once

#include "audiomatcher.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTcpServer>
#include <QWebSocketServer>

class QWebSocket;

namespace utter::test
{

class FixtureClips;

// A local server speaking the OpenAI Realtime transcription protocol (docs/providers.md, "Test double"):
// `/v1/realtime?intent=transcription` over WebSockets with the Bearer key checked at the handshake (HTTP 401 like
// the real service), `transcription_session.created/updated`, `input_audio_buffer.append/commit/clear` →
// `input_audio_buffer.committed` (+ `conversation.item.created`), then
// `conversation.item.input_audio_transcription.delta` pieces cut mid-word and `.completed`, `rate_limits.updated`,
// and `error` events with {type, code, message, param}. Transcripts are not canned: committed audio (24 kHz PCM16)
// is matched against the fixture clips like the batch double does. Faults: text messages fragmented into frames
// cut at arbitrary UTF-8 byte boundaries (Qt 6.4's client refuses those: close 1007), slow commits (answered late, so
// out of order), a server-initiated close after the n-th commit, rate-limit errors, and a session time limit.
class RealtimeDouble final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QStringList keys{QStringLiteral("sk-test-realtime-key-0123")};
        QStringList models{QStringLiteral("gpt-4o-transcribe"), QStringLiteral("gpt-4o-mini-transcribe")};
        int deltaChars = 5;        // characters per delta (cut anywhere, mid-word)
        int deltaIntervalMs = 2;   // pause between deltas
        int completionDelayMs = 0; // server time before the first delta of a commit
        double speedFactor = 0;    // > 0: plus audio seconds / speedFactor before the first delta
        // > 0: the client's uplink in kbit/s — every event's bytes take their time to arrive, one after the other,
        // and a commit is answered only once the audio before it has arrived (benchmarks: what sending costs).
        int uplinkKbps = 0;
        int frameBytes = 0;     // > 0: outgoing text messages in frames this big (UTF-8 cut mid-character)
        int sessionLimitMs = 0; // > 0: `session_expired` error and close this long after a session opens
        QStringList clipTexts;  // when set: the text answered for clip i instead of its reference text
    };

    explicit RealtimeDouble(QObject* parent = nullptr);
    ~RealtimeDouble() override;

    quint16 start(quint16 port = 0);
    QString url() const; // ws://127.0.0.1:PORT/v1
    Options& options() { return m_options; }
    void setFixtures(const FixtureClips& clips);

    // Faults, each counted over the whole server (all connections).
    void closeAfterCommits(int commits) { m_closeAfterCommits = commits; }   // close instead of answering the n-th
    void rateLimitConnections(int count) { m_rateLimitConnections = count; } // error event + close at connect
    void slowCommit(int commitIndex, int delayMs) { m_slowCommits.insert(commitIndex, delayMs); } // 1-based

    // What the double saw.
    int connections() const { return m_connections; }
    int refusedHandshakes() const { return m_refused; }
    int commits() const { return m_commits; }
    double committedAudioS() const { return m_committedAudioS; }
    double appendedAudioS() const { return m_appendedAudioS; } // every append, committed or cleared
    int clears() const { return m_clears; }                    // input_audio_buffer.clear events
    double clearedAudioS() const { return m_clearedAudioS; }   // audio those clears dropped
    QList<QJsonObject> sessionUpdates() const { return m_sessionUpdates; }
    QStringList completedTranscripts() const { return m_completed; }
    QList<QByteArray> handshakeRequests() const { return m_handshakes; }

private:
    struct Client
    {
        QPointer<QWebSocket> socket;
        QByteArray buffer; // PCM16 24 kHz not yet committed
        QString lastItem;
        bool configured = false;
        double uplinkFreeMs = 0; // uplinkKbps: when (m_clock) everything sent so far has arrived
    };

    void onTcpConnection();
    void onHandshakeBytes(QTcpSocket* socket);
    void onWebSocket();
    void onMessage(QWebSocket* socket, const QString& message);
    void sendEvent(QWebSocket* socket, QJsonObject event);
    void sendError(QWebSocket* socket, const QString& type, const QString& code, const QString& message,
                   const QString& param = QString());
    void transcribe(QWebSocket* socket, const QString& itemId, const QByteArray& pcm24, int delayMs);
    QString textFor(const QByteArray& pcm24);

    Options m_options;
    QTcpServer m_tcp;
    QWebSocketServer m_ws;
    quint16 m_port = 0;
    AudioMatcher m_matcher;
    QStringList m_clipTexts;
    QHash<QWebSocket*, Client> m_clients;
    QHash<int, int> m_slowCommits;
    int m_closeAfterCommits = 0;
    int m_rateLimitConnections = 0;
    int m_connections = 0;
    int m_refused = 0;
    int m_commits = 0;
    int m_items = 0;
    double m_committedAudioS = 0;
    double m_appendedAudioS = 0;
    int m_clears = 0;
    double m_clearedAudioS = 0;
    QList<QJsonObject> m_sessionUpdates;
    QStringList m_completed;
    QElapsedTimer m_clock;
    QList<QByteArray> m_handshakes;
};

} // namespace utter::test
