#pragma once

#include <QJsonObject>
#include <QObject>

#include <memory>

class QWebSocket;

namespace utter
{

class DictationControl;

// One /v1/stream WebSocket (DESIGN §5). In: binary PCM16LE 16 kHz mono frames, or JSON control messages
// {"type":"start","style"?,"language"?} | {"type":"stop"} | {"type":"cancel"} | {"type":"ping","id"?}.
// Out: JSON events {"type":"state"|"partial"|"final"|"transformed"|"error"|"pong", ...}. The service's dictation
// events are forwarded to every stream.
class HttpStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpStream)

public:
    static constexpr qint64 kMaxFrameBytes = 64 * 1024; // 2 s of audio per frame at most
    static constexpr qint64 kMaxMessageBytes = 1024 * 1024;

    HttpStream(quint64 id, std::unique_ptr<QWebSocket> socket, DictationControl* dictation, QObject* parent);
    ~HttpStream() override;

    quint64 id() const { return m_id; }
    QString label() const;
    void sendEvent(const QJsonObject& event);
    void close(int code, const QString& reason);

signals:
    void closed(quint64 id);

private:
    void onText(const QString& message);
    void onBinary(const QByteArray& frame);
    void sendError(const QString& code, const QString& message);
    // This stream started the dictation being recorded now (the one its frames feed and its stop ends).
    bool ownsDictation() const;

    quint64 m_id;
    std::unique_ptr<QWebSocket> m_socket;
    DictationControl* m_dictation;
    qint64 m_bytesIn = 0;
    qint64 m_framesIn = 0;
    bool m_frameErrorSent = false;
    bool m_streaming = false; // a dictation fed by this client is being recorded
    QString m_session;        // ... and its session id
    QString m_serviceState;   // the service's state and session, as its stateChanged signal says
    QString m_serviceSession;
    bool m_closed = false;
};

} // namespace utter
