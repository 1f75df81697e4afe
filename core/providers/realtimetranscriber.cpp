#include "realtimetranscriber.h"

#include "clock.h"
#include "codec/pcmconverter.h"
#include "logging/logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QWebSocket>

#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

constexpr int kRealtimeRate = 24000;
constexpr qsizetype kBytesPerSecond = kRealtimeRate * 2;
// The server refuses to commit less than 100 ms of audio (input_audio_buffer_commit_empty).
constexpr qsizetype kMinCommitBytes = kBytesPerSecond / 10;
// One append event carries at most a second of audio (the protocol allows 15 MiB).
constexpr qsizetype kAppendBytes = kBytesPerSecond;

// The HTTP status a failed WebSocket handshake answered ("… Unhandled http status code: 401 (Unauthorized)."),
// 0 when the failure was not an HTTP answer.
int handshakeStatus(const QString& errorString)
{
    static const QRegularExpression re(u"status code: (\\d{3})"_s);
    const QRegularExpressionMatch m = re.match(errorString);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

// The HTTP status an `error` event corresponds to, so that it reads and retries like the batch endpoint's
// answer (classifyHttpError). 0: not a failure of the session (handled by the caller).
int statusForServerError(const QString& type, const QString& code)
{
    if (code == u"invalid_api_key"_s || type == u"authentication_error"_s)
        return 401;
    if (code == u"insufficient_quota"_s)
        return 402;
    if (code == u"rate_limit_exceeded"_s || type == u"rate_limit_error"_s || type == u"rate_limits"_s)
        return 429;
    if (code == u"model_not_found"_s)
        return 404;
    if (type == u"server_error"_s)
        return 500;
    return 400;
}

} // namespace

bool RealtimeConfig::isRealtimeUrl(const QUrl& url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == u"ws"_s || scheme == u"wss"_s;
}

QUrl RealtimeConfig::sessionUrl(const QUrl& configured)
{
    QUrl url = configured;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (!path.endsWith(u"/realtime"_s))
        path += u"/realtime"_s;
    url.setPath(path);
    QUrlQuery query(url);
    if (!query.hasQueryItem(u"intent"_s))
        query.addQueryItem(u"intent"_s, u"transcription"_s);
    url.setQuery(query);
    return url;
}

RealtimeTranscriber::RealtimeTranscriber(RealtimeConfig config, Clock& clock, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clock(clock)
{}

RealtimeTranscriber::~RealtimeTranscriber()
{
    m_aborted = true;
    for (auto& [id, session] : m_sessions) {
        if (session->socket) {
            session->socket->disconnect(this);
            session->socket->abort();
        }
    }
}

RealtimeTranscriber::Segment& RealtimeTranscriber::segment(int sequence)
{
    auto it = m_segments.find(sequence);
    if (it != m_segments.end())
        return it->second;
    Segment& s = m_segments[sequence];
    s.converter = std::make_unique<PcmConverter>(kPipelineSampleRate, 1, kRealtimeRate);
    s.sessionId = currentSession()->id;
    return s;
}

RealtimeTranscriber::Session* RealtimeTranscriber::currentSession()
{
    auto it = m_sessions.find(m_current);
    if (it == m_sessions.end())
        return openSession();
    Session* s = it->second.get();
    // Roll over at a segment boundary: new segments go to a new session, the old one finishes what it has.
    const bool expired = s->openedAt.isValid() && s->openedAt.msecsTo(m_clock.now()) >= m_config.sessionLimit.count();
    if (expired) {
        for (const auto& [seq, seg] : m_segments) {
            if (seg.sessionId == s->id && !seg.ended)
                return s;
        }
        qCInfo(lcTranscribe).noquote() << u"realtime session %1 reached its limit: rolling over"_s.arg(s->id);
        Session* next = openSession();
        retire(s);
        return next;
    }
    return s;
}

RealtimeTranscriber::Session* RealtimeTranscriber::sessionById(int id)
{
    auto it = m_sessions.find(id);
    return it != m_sessions.end() ? it->second.get() : nullptr;
}

RealtimeTranscriber::Session* RealtimeTranscriber::openSession()
{
    auto session = std::make_unique<Session>();
    session->id = m_nextSessionId++;
    Session* s = session.get();
    m_sessions.emplace(s->id, std::move(session));
    m_current = s->id;
    connectSession(s);
    return s;
}

void RealtimeTranscriber::connectSession(Session* s)
{
    if (m_aborted || m_failed)
        return;
    ++m_sessionsOpened;
    const int gen = ++s->generation;
    auto* socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    s->socket = socket;
    s->open = false;
    const int id = s->id;
    auto live = [this, id, gen]() -> Session* {
        auto it = m_sessions.find(id);
        return it != m_sessions.end() && it->second->generation == gen ? it->second.get() : nullptr;
    };
    connect(socket, &QWebSocket::connected, this, [this, live] {
        if (Session* s = live())
            onConnected(s);
    });
    connect(socket, &QWebSocket::textMessageReceived, this, [this, live](const QString& message) {
        if (Session* s = live())
            onMessage(s, message);
    });
    connect(socket, &QWebSocket::disconnected, this, [this, live, socket] {
        if (Session* s = live()) {
            if (socket->error() != QAbstractSocket::UnknownSocketError) {
                onDropped(s, socket->errorString(), handshakeStatus(socket->errorString()));
                return;
            }
            const QString reason = socket->closeReason();
            onDropped(s,
                      reason.isEmpty() ? u"the server closed the connection (code %1)"_s.arg(int(socket->closeCode()))
                                       : u"the server closed the connection: %1"_s.arg(reason),
                      0);
        }
    });
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(socket, &QWebSocket::errorOccurred, this, [this, live, socket](QAbstractSocket::SocketError) {
#else
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, live, socket](QAbstractSocket::SocketError) {
#endif
        if (Session* s = live())
            onDropped(s, socket->errorString(), handshakeStatus(socket->errorString()));
    });
    m_clock.callAfter(m_config.connectTimeout, socket, [this, live] {
        if (Session* s = live(); s && !s->open)
            onDropped(s, u"no connection within %1 s"_s.arg(m_config.connectTimeout.count() / 1000.0), 0);
    });

    QNetworkRequest request(RealtimeConfig::sessionUrl(m_config.endpoint.url));
    if (!m_config.endpoint.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_config.endpoint.apiKey.toUtf8());
    request.setRawHeader("OpenAI-Beta", "realtime=v1");
    qCInfo(lcTranscribe).noquote() << u"realtime session %1: connecting to %2 (model %3)"_s.arg(
        QString::number(s->id), m_config.endpoint.host(), m_config.endpoint.model);
    socket->open(request);
}

void RealtimeTranscriber::onConnected(Session* s)
{
    QJsonObject transcription{{u"model"_s, m_config.endpoint.model}};
    if (!m_config.language.isEmpty())
        transcription.insert(u"language"_s, m_config.language);
    if (!m_config.prompt.isEmpty())
        transcription.insert(u"prompt"_s, m_config.prompt);
    QJsonObject session{{u"input_audio_format"_s, u"pcm16"_s},
                        {u"input_audio_transcription"_s, transcription},
                        {u"turn_detection"_s, QJsonValue::Null}};
    session.insert(u"input_audio_noise_reduction"_s,
                   m_config.noiseReduction.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                     : QJsonValue(QJsonObject{{u"type"_s, m_config.noiseReduction}}));
    s->open = true;
    s->openedAt = m_clock.now();
    send(s, QJsonObject{{u"type"_s, u"transcription_session.update"_s}, {u"session"_s, session}});
    pump(s);
}

void RealtimeTranscriber::send(Session* s, const QJsonObject& event)
{
    if (s->socket)
        s->socket->sendTextMessage(QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact)));
}

void RealtimeTranscriber::pump(Session* s)
{
    if (!s || !s->open || m_failed || m_aborted)
        return;
    QList<int> empty; // completed after the loop: completing may retire the session
    for (auto& [seq, seg] : m_segments) {
        if (seg.sessionId != s->id || seg.done)
            continue;
        convert(seg);
        while (seg.sent < seg.pcm24.size()) {
            const QByteArray piece = seg.pcm24.mid(seg.sent, kAppendBytes);
            send(s, QJsonObject{{u"type"_s, u"input_audio_buffer.append"_s},
                                {u"audio"_s, QString::fromLatin1(piece.toBase64())}});
            seg.sent += piece.size();
            m_streamedS += double(piece.size()) / kBytesPerSecond;
        }
        if (!seg.ended)
            break; // the segment being spoken: later ones cannot exist yet
        if (seg.commitSent)
            continue;
        if (seg.pcm24.size() < kMinCommitBytes) {
            // Too short to transcribe (a click between pauses): drop it from the buffer, no words in it.
            send(s, QJsonObject{{u"type"_s, u"input_audio_buffer.clear"_s}});
            seg.commitSent = true;
            empty << seq;
            continue;
        }
        send(s, QJsonObject{{u"type"_s, u"input_audio_buffer.commit"_s}});
        seg.commitSent = true;
        s->awaitingAck.append(seq);
        armCompletionTimer(seq);
    }
    for (int seq : empty)
        completeSegment(seq, QString());
}

void RealtimeTranscriber::armCompletionTimer(int sequence)
{
    Session* s = sessionById(m_segments[sequence].sessionId);
    if (!s)
        return;
    const int id = s->id;
    const int gen = s->generation;
    m_clock.callAfter(m_config.completionTimeout, this, [this, sequence, id, gen] {
        auto it = m_sessions.find(id);
        auto seg = m_segments.find(sequence);
        if (it == m_sessions.end() || it->second->generation != gen || seg == m_segments.end() || seg->second.done)
            return;
        onDropped(it->second.get(),
                  u"no transcript for segment #%1 within %2 s"_s.arg(sequence).arg(m_config.completionTimeout.count() /
                                                                                   1000.0),
                  0);
    });
}

void RealtimeTranscriber::open()
{
    if (!m_failed && !m_aborted)
        (void)currentSession();
}

void RealtimeTranscriber::appendAudio(int sequence, std::span<const qint16> pcm16k)
{
    if (m_failed || m_aborted)
        return;
    Segment& seg = segment(sequence);
    if (seg.ended)
        return;
    for (const qint16 sample : pcm16k)
        seg.raw.append(sample);
    pump(sessionById(seg.sessionId));
}

void RealtimeTranscriber::convert(Segment& seg)
{
    if (!seg.converter || seg.rawConverted >= seg.raw.size())
        return;
    std::vector<std::int16_t> out;
    seg.converter->pushS16(std::span<const std::int16_t>(seg.raw.constData() + seg.rawConverted,
                                                         size_t(seg.raw.size() - seg.rawConverted)),
                           out);
    seg.rawConverted = seg.raw.size();
    seg.pcm24.append(reinterpret_cast<const char*>(out.data()), qsizetype(out.size() * sizeof(std::int16_t)));
}

void RealtimeTranscriber::commit(int sequence)
{
    if (m_failed || m_aborted)
        return;
    Segment& ending = segment(sequence);
    if (ending.ended)
        return;
    ending.ended = true;
    convert(ending);
    std::vector<std::int16_t> out;
    ending.converter->flush(out);
    ending.converter.reset();
    ending.pcm24.append(reinterpret_cast<const char*>(out.data()), qsizetype(out.size() * sizeof(std::int16_t)));
    ending.raw = QList<qint16>();
    pump(sessionById(ending.sessionId));
}

void RealtimeTranscriber::discard(int sequence)
{
    const auto it = m_segments.find(sequence);
    if (it != m_segments.end() && !it->second.ended && !m_failed && !m_aborted) {
        Segment& seg = it->second;
        // Segments go out in order and every earlier one is committed: the server's buffer holds only this one's
        // audio. After a drop nothing of it was sent on the new connection yet (sent is 0): nothing to clear.
        Session* s = sessionById(seg.sessionId);
        if (seg.sent > 0 && s && s->open) {
            send(s, QJsonObject{{u"type"_s, u"input_audio_buffer.clear"_s}});
            m_clearedS += double(seg.sent) / kBytesPerSecond;
            qCInfo(lcTranscribe).noquote() << u"realtime session %1: segment #%2 held no voice; %3 s cleared"_s.arg(
                QString::number(s->id), QString::number(sequence),
                QString::number(double(seg.sent) / kBytesPerSecond, 'f', 2));
        }
        m_segments.erase(it);
    }
    emit partial(sequence, QString());
}

void RealtimeTranscriber::finish()
{
    m_finishing = true;
    std::erase_if(m_segments, [](const auto& entry) { return !entry.second.ended; });
    maybeFinished();
}

void RealtimeTranscriber::abort()
{
    m_aborted = true;
    for (auto& [id, session] : m_sessions)
        closeSocket(*session, Farewell::Abort);
    m_sessions.clear();
}

void RealtimeTranscriber::closeSocket(Session& session, Farewell how)
{
    session.closing = true;
    if (!session.socket)
        return;
    session.socket->disconnect(this);
    if (how == Farewell::Abort)
        session.socket->abort();
    else
        session.socket->close();
    session.socket->deleteLater();
}

QList<int> RealtimeTranscriber::unfinishedSequences() const
{
    QList<int> out;
    for (const auto& [seq, seg] : m_segments) {
        if (!seg.done)
            out << seq;
    }
    return out;
}

QList<int> RealtimeTranscriber::sequencesOf(const Session* session) const
{
    QList<int> out;
    for (const auto& [seq, seg] : m_segments) {
        if (seg.sessionId == session->id && !seg.done)
            out << seq;
    }
    return out;
}

void RealtimeTranscriber::onMessage(Session* s, const QString& message)
{
    const QJsonObject event = QJsonDocument::fromJson(message.toUtf8()).object();
    const QString type = event.value(u"type"_s).toString();
    const QString itemId = event.value(u"item_id"_s).toString();
    if (type == u"input_audio_buffer.cleared"_s) {
        qCDebug(lcTranscribe).noquote() << u"realtime session %1: buffer cleared"_s.arg(s->id);
    } else if (type == u"transcription_session.updated"_s || type == u"session.updated"_s) {
        m_failedConnects = 0; // the server took the session (`created` comes before a refusal, so it does not count)
    } else if (type == u"input_audio_buffer.committed"_s) {
        m_failedConnects = 0;
        if (s->awaitingAck.isEmpty())
            return;
        const int seq = s->awaitingAck.takeFirst();
        s->itemToSeq.insert(itemId, seq);
        m_segments[seq].itemId = itemId;
    } else if (type == u"conversation.item.input_audio_transcription.delta"_s) {
        const auto it = s->itemToSeq.constFind(itemId);
        if (it == s->itemToSeq.cend())
            return;
        Segment& seg = m_segments[*it];
        if (seg.done)
            return;
        seg.text += event.value(u"delta"_s).toString();
        emit partial(*it, seg.text);
    } else if (type == u"conversation.item.input_audio_transcription.completed"_s) {
        const auto it = s->itemToSeq.constFind(itemId);
        if (it == s->itemToSeq.cend())
            return;
        completeSegment(*it, event.value(u"transcript"_s).toString());
    } else if (type == u"conversation.item.input_audio_transcription.failed"_s || type == u"error"_s) {
        onServerError(s, event.value(u"error"_s).toObject());
    }
}

void RealtimeTranscriber::onServerError(Session* s, const QJsonObject& error)
{
    const QString type = error.value(u"type"_s).toString();
    const QString code = error.value(u"code"_s).toString();
    const QString message = error.value(u"message"_s).toString();
    qCWarning(lcTranscribe).noquote() << u"realtime session %1: server error %2/%3: %4"_s.arg(QString::number(s->id),
                                                                                              type, code, message);
    if (code == u"input_audio_buffer_commit_empty"_s) {
        if (!s->awaitingAck.isEmpty())
            completeSegment(s->awaitingAck.takeFirst(), QString());
        return;
    }
    if (code == u"session_expired"_s || message.contains(u"maximum duration"_s)) {
        qCInfo(lcTranscribe).noquote() << u"realtime session %1 expired: rolling over"_s.arg(s->id);
        m_failedConnects = 0;
        onDropped(s, u"the session reached the server's time limit"_s, 0);
        return;
    }
    const int status = statusForServerError(type, code);
    if (status == 429 || status >= 500) {
        onDropped(s, message, status);
        return;
    }
    const QByteArray body = QJsonDocument(QJsonObject{{u"error"_s, error}}).toJson(QJsonDocument::Compact);
    fail(classifyHttpError(m_config.endpoint.errorContext(Capability::Transcription), status, body, {}, m_clock.now()));
}

void RealtimeTranscriber::onDropped(Session* s, const QString& why, int httpStatus)
{
    if (m_aborted || m_failed)
        return;
    ++s->generation; // the old socket's remaining signals and timers no longer count
    s->open = false;
    if (s->socket) {
        s->socket->disconnect(this);
        s->socket->abort();
        s->socket->deleteLater();
        s->socket = nullptr;
    }
    if (s->closing) {
        m_sessions.erase(s->id);
        return;
    }
    if (httpStatus > 0 && !isRetryableStatus(httpStatus)) {
        fail(classifyHttpError(m_config.endpoint.errorContext(Capability::Transcription), httpStatus, QByteArray(), {},
                               m_clock.now()));
        return;
    }
    const QList<int> unfinished = sequencesOf(s);
    if (unfinished.isEmpty() && s->id != m_current) {
        m_sessions.erase(s->id);
        return;
    }
    // A server that takes the session but never gets a segment through (it breaks the connection each time)
    // is given up on like one that cannot be reached.
    bool exhausted = false;
    for (int seq : unfinished) {
        if (m_segments[seq].commitSent && ++m_segments[seq].drops > m_config.maxReconnects)
            exhausted = true;
    }
    if (++m_failedConnects > m_config.maxReconnects || exhausted) {
        ProviderError error;
        error.retryable = true;
        error.httpStatus = httpStatus;
        error.error =
            Error(httpStatus == 429 ? ErrorCode::RateLimited : ErrorCode::Network,
                  u"The realtime transcription server %1 is unreachable: %2."_s.arg(m_config.endpoint.host(), why));
        fail(error);
        return;
    }
    qCInfo(lcTranscribe).noquote() << u"realtime session %1 dropped (%2): reconnecting, %3 segment(s) to resend"_s.arg(
        QString::number(s->id), why, QString::number(unfinished.size()));
    // Everything the server had not transcribed is sent again, in order, on the new connection.
    s->awaitingAck.clear();
    s->itemToSeq.clear();
    for (int seq : unfinished) {
        Segment& seg = m_segments[seq];
        seg.sent = 0;
        seg.commitSent = false;
        seg.itemId.clear();
        if (!seg.text.isEmpty()) {
            seg.text.clear();
            emit partial(seq, QString());
        }
    }
    const int id = s->id;
    const auto delay = std::chrono::milliseconds(100 * (1 << qMin(m_failedConnects - 1, 5)));
    m_clock.callAfter(delay, this, [this, id] {
        auto it = m_sessions.find(id);
        if (it != m_sessions.end() && !it->second->socket)
            connectSession(it->second.get());
    });
}

void RealtimeTranscriber::completeSegment(int sequence, const QString& text)
{
    Segment& seg = m_segments[sequence];
    if (seg.done)
        return;
    seg.done = true;
    seg.text = text;
    seg.pcm24 = QByteArray(); // nothing to resend any more
    const int sessionId = seg.sessionId;
    emit segmentCompleted(sequence, text);
    Session* s = sessionById(sessionId); // a slot may have aborted everything
    if (s && s->id != m_current && sequencesOf(s).isEmpty())
        retire(s);
    maybeFinished();
}

void RealtimeTranscriber::retire(Session* s)
{
    if (!sequencesOf(s).isEmpty())
        return; // it finishes its segments first; completeSegment() retires it then
    closeSocket(*s, Farewell::Close);
    m_sessions.erase(s->id);
}

void RealtimeTranscriber::maybeFinished()
{
    if (!m_finishing || m_finishedEmitted || m_failed || m_aborted)
        return;
    for (const auto& [seq, seg] : m_segments) {
        if (!seg.done)
            return;
    }
    m_finishedEmitted = true;
    for (auto& [id, session] : m_sessions)
        closeSocket(*session, Farewell::Close);
    m_sessions.clear();
    emit finished();
}

void RealtimeTranscriber::fail(const ProviderError& error)
{
    if (m_failed)
        return;
    m_failed = true;
    qCWarning(lcTranscribe).noquote() << u"realtime transcription failed: %1"_s.arg(error.error.message);
    for (auto& [id, session] : m_sessions) {
        session->closing = true;
        if (session->socket) {
            session->socket->disconnect(this);
            session->socket->abort();
            session->socket->deleteLater();
        }
    }
    m_sessions.clear();
    emit failed(error, unfinishedSequences());
}

} // namespace utter
