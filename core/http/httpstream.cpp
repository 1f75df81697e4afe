#include "httpstream.h"

#include "logging/logcontext.h"
#include "logging/logging.h"
#include "pipeline/dictationcontrol.h"

#include <QJsonDocument>
#include <QWebSocket>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

HttpStream::HttpStream(quint64 id, std::unique_ptr<QWebSocket> socket, DictationControl* dictation, QObject* parent)
    : QObject(parent)
    , m_id(id)
    , m_socket(std::move(socket))
    , m_dictation(dictation)
{
    m_socket->setMaxAllowedIncomingMessageSize(quint64(kMaxMessageBytes));
    m_socket->setMaxAllowedIncomingFrameSize(quint64(kMaxMessageBytes));
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &HttpStream::onText);
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this, &HttpStream::onBinary);
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] {
        if (m_closed)
            return;
        m_closed = true;
        LogScope scope(label());
        qCInfo(lcHttp) << "stream closed after" << m_framesIn << "frames," << m_bytesIn << "bytes";
        // A client that goes away mid-dictation still gets its words into history (`utter last`).
        if (ownsDictation())
            (void)m_dictation->end();
        m_streaming = false;
        emit closed(m_id);
    });
    if (m_dictation) {
        const QJsonObject status = m_dictation->statusJson();
        m_serviceState = status.value(u"state"_s).toString();
        m_serviceSession = status.value(u"session"_s).toString();
        connect(m_dictation, &DictationControl::stateChanged, this, [this](const QString& state, const QString& s) {
            m_serviceState = state;
            m_serviceSession = s;
            sendEvent({{u"type"_s, u"state"_s}, {u"state"_s, state}, {u"session"_s, s}});
        });
        connect(m_dictation, &DictationControl::partialTranscript, this,
                [this](const QString& s, int seq, const QString& text) {
                    sendEvent({{u"type"_s, u"partial"_s}, {u"session"_s, s}, {u"seq"_s, seq}, {u"text"_s, text}});
                });
        connect(m_dictation, &DictationControl::finalTranscript, this, [this](const QString& s, const QString& text) {
            sendEvent({{u"type"_s, u"final"_s}, {u"session"_s, s}, {u"text"_s, text}});
        });
        connect(m_dictation, &DictationControl::transformDelta, this, [this](const QString& s, const QString& delta) {
            sendEvent({{u"type"_s, u"transformed"_s}, {u"session"_s, s}, {u"delta"_s, delta}});
        });
        connect(m_dictation, &DictationControl::errorOccurred, this, [this](const QString& s, const QJsonObject& e) {
            QJsonObject event = e;
            event.insert(u"type"_s, u"error"_s);
            event.insert(u"session"_s, s);
            sendEvent(event);
        });
    }
    LogScope scope(label());
    qCInfo(lcHttp) << "stream opened from" << m_socket->peerAddress().toString();
    QJsonObject hello{{u"type"_s, u"state"_s}};
    if (m_dictation) {
        const QJsonObject status = m_dictation->statusJson();
        hello.insert(u"state"_s, status.value(u"state"_s));
        hello.insert(u"session"_s, status.value(u"session"_s));
    } else {
        hello.insert(u"state"_s, u"unavailable"_s);
        hello.insert(u"reason"_s, u"The dictation pipeline is not built in this version of Utter."_s);
    }
    sendEvent(hello);
}

HttpStream::~HttpStream() = default;

QString HttpStream::label() const
{
    return u"ws#"_s + QString::number(m_id);
}

bool HttpStream::ownsDictation() const
{
    if (!m_streaming || !m_dictation)
        return false;
    return m_serviceState == u"listening"_s && m_serviceSession == m_session;
}

void HttpStream::sendEvent(const QJsonObject& event)
{
    if (m_closed)
        return;
    m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact)));
}

void HttpStream::sendError(const QString& code, const QString& message)
{
    sendEvent({{u"type"_s, u"error"_s}, {u"code"_s, code}, {u"message"_s, message}});
}

void HttpStream::close(int code, const QString& reason)
{
    if (m_closed)
        return;
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void HttpStream::onText(const QString& message)
{
    LogScope scope(label());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(message.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        sendError(u"invalid_message"_s, u"Control messages are JSON objects such as {\"type\":\"start\"}."_s);
        return;
    }
    const QJsonObject control = document.object();
    const QString type = control.value(u"type"_s).toString();
    if (type == u"ping"_s) {
        QJsonObject pong{{u"type"_s, u"pong"_s}};
        if (control.contains(u"id"_s))
            pong.insert(u"id"_s, control.value(u"id"_s));
        sendEvent(pong);
    } else if (!m_dictation && (type == u"start"_s || type == u"stop"_s || type == u"cancel"_s)) {
        sendError(u"not_built"_s, u"The dictation pipeline is not built in this version of Utter."_s);
    } else if (type == u"start"_s) {
        // One dictation at a time: another client's (or the microphone's) is never taken over.
        if (m_serviceState == u"listening"_s) {
            sendError(u"busy"_s, ownsDictation() ? u"This stream is already dictating; send stop first."_s
                                                 : u"Another dictation is being recorded (from the microphone or "
                                                   "another stream); start again when it has ended."_s);
            return;
        }
        const Status done = m_dictation->beginStream(control);
        if (!done.ok()) {
            sendError(errorCodeName(done.error().code), done.error().message);
            return;
        }
        m_streaming = true;
        m_session = m_serviceSession;
        qCInfo(lcHttp).noquote() << "stream dictation" << m_session << "begins";
    } else if (type == u"stop"_s || type == u"cancel"_s) {
        if (!ownsDictation()) {
            sendError(u"not_streaming"_s, u"This stream has no dictation being recorded; stop and cancel end only the "
                                          "dictation this stream started."_s);
            return;
        }
        m_streaming = false;
        const Status done = type == u"stop"_s ? m_dictation->end() : m_dictation->cancel();
        if (!done.ok())
            sendError(errorCodeName(done.error().code), done.error().message);
    } else {
        sendError(u"invalid_message"_s, u"Unknown control type \"%1\"; use start, stop, cancel or ping."_s.arg(type));
    }
}

void HttpStream::onBinary(const QByteArray& frame)
{
    ++m_framesIn;
    m_bytesIn += frame.size();
    if (frame.size() % 2 != 0 || frame.size() > kMaxFrameBytes) {
        sendError(u"invalid_audio"_s, u"Audio frames are PCM16LE 16 kHz mono: an even number of bytes, at most %1 "
                                      "per frame."_s.arg(kMaxFrameBytes));
        return;
    }
    const Status pushed =
        ownsDictation() ? m_dictation->pushStreamAudio(frame)
                        : Status(Error(ErrorCode::InvalidArgument, u"Send {\"type\":\"start\"} before audio frames; "
                                                                   "these were discarded."_s));
    if (!pushed.ok() && !m_frameErrorSent) {
        m_frameErrorSent = true; // once per stream, not once per frame
        sendError(u"not_streaming"_s, pushed.error().message);
    }
}

} // namespace utter
