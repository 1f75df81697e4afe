#pragma once

#include "common/result.h"

#include <QBuffer>
#include <QObject>

#include <memory>

class QAudioSink;
class QMediaPlayer;
class QAudioOutput;

namespace utter
{

// A parsed RIFF/WAVE file (PCM 8/16/24/32-bit integer or 32-bit float).
struct WavData
{
    int sampleRate = 0;
    int channels = 0;
    int bitsPerSample = 0;
    bool isFloat = false;
    QByteArray pcm;
    double durationS() const;
};
Result<WavData> parseWav(const QByteArray& bytes);

// Plays one buffer of audio on the default output: WAV through QAudioSink (works headless, no decoder needed),
// anything else (mp3, opus, flac) through QMediaPlayer. Emits finished() once.
class AudioPlayback final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AudioPlayback)

public:
    explicit AudioPlayback(QObject* parent = nullptr);
    ~AudioPlayback() override;

    // Starts playback; an error is returned at once when nothing can play (no output device, bad audio).
    Status play(const QByteArray& audio, const QByteArray& mimeType);
    void stop();

signals:
    void finished(bool ok, const QString& message);

private:
    void done(bool ok, const QString& message);

    QBuffer m_buffer;
    QByteArray m_data;
    QAudioSink* m_sink = nullptr;
    QMediaPlayer* m_player = nullptr;
    QAudioOutput* m_output = nullptr;
    bool m_done = false;
};

} // namespace utter
