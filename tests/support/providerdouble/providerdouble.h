#pragma once

#include "audiomatcher.h"

#include <QAbstractHttpServer>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QTcpSocket>

namespace utter::test
{

class FixtureClips;

// A scripted failure for the next request(s) whose path contains `path`.
struct Fault
{
    QString path;   // substring of the request path; empty = any request
    int status = 0; // > 0: answer this status with body/headers instead of the normal handling
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    int delayMs = 0;                 // wait before answering
    bool stall = false;              // accept the request and never answer
    bool resetMidBody = false;       // send the headers and half the body, then reset the connection
    bool closeWithoutAnswer = false; // read (and bill) the whole request, then close the connection: no answer
    bool malformedJson = false;      // normal status, JSON body cut in half
    int truncateSseAfter = -1;       // streams: close cleanly after this many events, without [DONE]
    int keepAlives = 0;              // streams: ": keep-alive" comments first; JSON: blank lines first (DeepSeek)
    bool keepAliveForever = false;   // streams: keep-alive comments until the client hangs up
    int keepAliveIntervalMs = 50;
    int times = 1;

    static Fault fromJson(const QJsonObject& json);
};

// Scripted Whisper scores for the next transcription answer(s) (verbose_json; json and text carry the texts only):
// the segments of the recognised clips get clipNoSpeechProb/clipAvgLogprob, and `extra` segments follow them — a
// phantom "Thank you." Whisper invents on a noise, with the no_speech_prob it gives such text. Consumed in order by
// the requests that recognise at least one clip (unless anyAudio).
struct ScriptedSegment
{
    QString text;
    double noSpeechProb = 0.01;
    double avgLogprob = -0.2;
    double compressionRatio = 1.2;
};
struct TranscriptScript
{
    double clipNoSpeechProb = -1; // < 0: the double's default (0.01)
    double clipAvgLogprob = 1;    // > 0: the double's default (from the match distance)
    QList<ScriptedSegment> extra; // appended after the clips' segments
    bool anyAudio = false;        // also for audio with no clip in it (instead of its own answer)
    int times = 1;

    static TranscriptScript fromJson(const QJsonObject& json);
};

// What the double saw, for assertions.
struct RecordedRequest
{
    QByteArray method;
    QString path;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-case
    QByteArray body;
    QHash<QString, QString> fields; // multipart text fields
    QString fileName;
    QByteArray fileContentType;
    qint64 fileBytes = 0;
    QJsonObject json; // JSON bodies
    int status = 0;   // what the double answered
    double audioS = 0;
    double billedS = 0;
    QList<int> identifiedClips;
    QDateTime receivedAt;

    QByteArray header(const QByteArray& name) const;
    QJsonObject toJson() const;
};

// A local server that speaks the providers' wire formats (docs/providers.md, "Test double"): Groq transcription
// and models, DeepSeek chat completions (plain and SSE), OpenAI/hal0 /v1/audio/speech, hal0 /api/health and slot
// state — with their request validation and error bodies, scriptable faults, request recording, Groq-like billing
// and latency. Transcripts are not canned: uploaded Ogg Opus (or WAV) is decoded and matched against fixture
// clips, and the answer is their reference texts in the order they were spoken.
// Built on Qt's HTTP server (request parsing, plain answers); streams, stalls and resets write to the socket.
class ProviderDouble final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    struct Options
    {
        QStringList keys{QStringLiteral("gsk_test_groq_key_0123456789"), QStringLiteral("sk-test-deepseek-key-0123")};
        bool hal0 = false; // hal0 front door: no auth, {"error":{"code","message"}} envelope, /api/* endpoints
        QStringList transcriptionModels{QStringLiteral("whisper-large-v3-turbo"), QStringLiteral("whisper-large-v3")};
        QStringList chatModels{QStringLiteral("deepseek-flash"), QStringLiteral("deepseek-v4-pro"),
                               QStringLiteral("deepseek-v4-flash")};
        QStringList speechModels{QStringLiteral("kokoro"), QStringLiteral("kokoro-v1"), QStringLiteral("qwen3-tts")};
        qint64 maxUploadBytes = 25 * 1000 * 1000;
        bool hasBalance = true;   // false: DeepSeek 402 Insufficient Balance
        bool groqLatency = false; // delay = roundTripMs + audio seconds / speedFactor
        int roundTripMs = 120;
        double speedFactor = 216;
        double minimumBilledS = 10; // Groq bills each request as at least 10 s
        int sseChunkChars = 4;      // characters of content per SSE delta
        int sseIntervalMs = 2;      // pause between SSE events
        int sseWriteBytes = 0;      // > 0: write SSE bytes in pieces this small (splits UTF-8 across reads)
        int thinkingDelayMs = 0;    // extra latency when a chat request leaves thinking on
    };

    explicit ProviderDouble(QObject* parent = nullptr);
    ~ProviderDouble() override;

    // Listens on 127.0.0.1 (port 0 = any free one); returns the port or 0.
    quint16 start(quint16 port = 0);
    quint16 port() const { return m_port; }
    QString baseUrl() const; // http://127.0.0.1:PORT

    Options& options() { return m_options; }

    void addFault(const Fault& fault);
    void addScript(const TranscriptScript& script) { m_scripts.append(script); }
    qsizetype pendingScripts() const { return m_scripts.size(); }
    void clearFaults();
    qsizetype pendingFaults() const { return m_faults.size(); }

    // Clips the transcription endpoint recognises.
    void setFixtures(const FixtureClips& clips);
    QStringList fixtureTexts() const { return m_clipTexts; }

    // hal0 slot state for stt/tts/chat; with loadingRequests > 0 the next requests to that slot get
    // 503 slot.loading + Retry-After (retryAfterS), then the slot is ready.
    void setSlot(const QString& slot, const QString& state, int loadingRequests = 0, int retryAfterS = 2);

    QList<RecordedRequest> requests() const { return m_requests; }
    QList<RecordedRequest> requests(const QString& pathContains) const;
    void clearRequests() { m_requests.clear(); }
    double billedSeconds() const { return m_billedSeconds; }

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override;
    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override;

private:
    struct Reply
    {
        int status = 200;
        QByteArray contentType = "application/json";
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        bool sse = false;
        QList<QByteArray> events; // SSE data payloads, "[DONE]" included
        int delayMs = 0;
    };
    struct Slot
    {
        QString state = QStringLiteral("ready");
        int loadingRequests = 0;
        int retryAfterS = 2;
    };

    std::optional<Fault> takeFault(const QString& path);
    Reply route(const QHttpServerRequest& request, RecordedRequest& record);
    Reply transcription(const QHttpServerRequest& request, RecordedRequest& record);
    Reply chat(const QHttpServerRequest& request, RecordedRequest& record);
    Reply speech(const QHttpServerRequest& request, RecordedRequest& record);
    Reply models(const QHttpServerRequest& request);
    Reply control(const QHttpServerRequest& request, RecordedRequest& record);
    std::optional<Reply> checkAuth(const QHttpServerRequest& request, bool deepseekStyle) const;
    std::optional<Reply> slotLoading(const QString& slot);
    Reply error(int status, const QString& message, const QString& type, const QString& code) const;
    Reply hal0Error(int status, const QString& code, const QString& message) const;

    void deliver(QTcpSocket* socket, const QHttpServerRequest& request, Reply reply, const std::optional<Fault>& fault,
                 qsizetype recordIndex);
    void writeNow(QPointer<QTcpSocket> socket, const Reply& reply, const std::optional<Fault>& fault);
    void streamEvents(QPointer<QTcpSocket> socket, QList<QByteArray> chunks, int intervalMs, bool keepAliveForever);

    Options m_options;
    quint16 m_port = 0;
    QList<Fault> m_faults;
    QList<TranscriptScript> m_scripts;
    QList<RecordedRequest> m_requests;
    AudioMatcher m_matcher;
    QStringList m_clipTexts;
    QHash<QString, Slot> m_slots;
    double m_billedSeconds = 0;
    quint64 m_counter = 0;
};

// Splits a multipart/form-data body (what the double needs of RFC 7578).
struct MultipartPart
{
    QByteArray name;
    QString fileName;
    QByteArray contentType;
    QByteArray data;
};
std::optional<QList<MultipartPart>> parseMultipart(const QByteArray& contentType, const QByteArray& body);

} // namespace utter::test
