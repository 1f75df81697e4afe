#pragma once

#include <QByteArray>
#include <QObject>

#include <memory>

class QAudioSink;
class QBuffer;

namespace utter::ui
{

// The start, stop and error cues: short tones synthesised in code (no audio files to ship or license), played
// through the default output at the ui/soundVolume setting.
class SoundCues final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SoundCues)

public:
    enum class Cue
    {
        Start,
        Stop,
        Error,
    };

    explicit SoundCues(QObject* parent = nullptr);
    ~SoundCues() override;

    void setEnabled(bool enabled) { m_enabled = enabled; }
    void setVolume(int percent) { m_volume = percent; }
    void play(Cue cue);

    // 16-bit mono PCM at 24 kHz: a rising pair of notes (start), a falling pair (stop), two low pulses (error).
    static QByteArray synthesize(Cue cue);
    static constexpr int SampleRate = 24000;

private:
    std::unique_ptr<QAudioSink> m_sink;
    QBuffer* m_buffer = nullptr;
    bool m_enabled = true;
    int m_volume = 60;
};

} // namespace utter::ui
