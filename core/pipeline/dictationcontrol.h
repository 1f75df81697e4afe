#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QObject>

#include <functional>

namespace utter
{

// What the front ends need from the dictation service, as one seam next to the pipeline that implements it: the
// IPC methods dictation.*, status.*, transcribe.file, the HTTP front door and the desktop widgets call it, and its
// signals become the IPC notifications, WebSocket events and what the tray and overlay show. DictationService
// implements it; neither core/daemon nor core/http depends on the other for it.
class DictationControl : public QObject
{
    Q_OBJECT

public:
    using TranscribeCallback = std::function<void(const Result<QJsonObject>& result)>;

    using QObject::QObject;
    ~DictationControl() override = default;

    virtual Status begin() = 0;
    virtual Status end() = 0;
    virtual Status toggle() = 0;
    virtual Status cancel() = 0;
    // A dictation whose audio comes from a client instead of the microphone (the WebSocket stream): begin it,
    // push PCM16LE 16 kHz mono as it arrives, and end() or cancel() it like any other.
    // options: "style" and "language" for this dictation only.
    virtual Status beginStream(const QJsonObject& options) = 0;
    virtual Status pushStreamAudio(const QByteArray& pcm16le) = 0;

    // {"state": "idle|listening|finishing|transforming|delivering|queued|error", "session": ..., ...}
    virtual QJsonObject statusJson() const = 0;
    virtual int pendingJobs() const = 0;

    // One audio file through decode → chunk → transcribe → assemble → optional style. options: style,
    // language, prompt, and "voiceGate": false to send sounds the voice gate would hold back (a held-back stretch
    // of an archived dictation the user asks to transcribe again: docs/storage.md, "What Utter holds back"). The
    // callback gets {"text", "raw", "style", "language", "durationMs", ...}.
    virtual void transcribeFile(const QString& path, const QJsonObject& options, QObject* context,
                                TranscribeCallback done) = 0;

    // Applies a style to a text (re-styling a dictation from history). The callback gets {"text", "raw",
    // "style", "transformed", "skipped"} — or an error: an unknown style, or the style provider failed (the
    // provider's message; the raw text is never passed off as styled). The default answers Unsupported.
    virtual void restyle(const QString& text, const QString& style, QObject* context, TranscribeCallback done);

    // Lets in-flight chunks finish or stay journaled before the process exits; calls done when safe.
    virtual void prepareShutdown(std::function<void()> done) = 0;

signals:
    void stateChanged(const QString& state, const QString& sessionId);
    void partialTranscript(const QString& sessionId, int sequence, const QString& text);
    void finalTranscript(const QString& sessionId, const QString& text);
    void transformDelta(const QString& sessionId, const QString& delta);
    void jobChanged(const QJsonObject& job);
    void errorOccurred(const QString& sessionId, const QJsonObject& error);
    // The microphone's level while it is open (~30 Hz), for meters.
    void levelChanged(float rmsDbfs, float peakDbfs);
};

} // namespace utter
