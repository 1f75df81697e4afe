#include "soundcues.h"

#include "logging/logging.h"

#include <QAudioSink>
#include <QBuffer>
#include <QMediaDevices>

#include <cmath>
#include <numbers>

namespace utter::ui
{

namespace
{

struct Note
{
    double hz;
    int ms;
};

void appendNote(QByteArray& pcm, const Note& note, double amplitude)
{
    const int samples = SoundCues::SampleRate * note.ms / 1000;
    const int ramp = SoundCues::SampleRate * 6 / 1000; // 6 ms fades: no clicks
    for (int i = 0; i < samples; ++i) {
        double envelope = 1.0;
        if (i < ramp)
            envelope = double(i) / ramp;
        else if (i > samples - ramp)
            envelope = double(samples - i) / ramp;
        // A soft bell: the fundamental plus a quiet octave, decaying.
        const double t = double(i) / SoundCues::SampleRate;
        const double decay = std::exp(-3.0 * t * 1000.0 / note.ms);
        const double value = note.hz <= 0 ? 0.0
                                          : (0.8 * std::sin(2 * std::numbers::pi * note.hz * t) +
                                             0.2 * std::sin(4 * std::numbers::pi * note.hz * t)) *
                                                envelope * decay * amplitude;
        const auto sample = static_cast<qint16>(std::lround(value * 32767.0));
        pcm.append(static_cast<char>(sample & 0xff));
        pcm.append(static_cast<char>((sample >> 8) & 0xff));
    }
}

} // namespace

SoundCues::SoundCues(QObject* parent)
    : QObject(parent)
{}

SoundCues::~SoundCues()
{
    if (m_sink)
        m_sink->stop();
}

QByteArray SoundCues::synthesize(Cue cue)
{
    QList<Note> notes;
    switch (cue) {
    case Cue::Start:
        notes = {{660, 70}, {0, 15}, {880, 110}};
        break;
    case Cue::Stop:
        notes = {{880, 70}, {0, 15}, {587, 110}};
        break;
    case Cue::Error:
        notes = {{220, 110}, {0, 60}, {220, 150}};
        break;
    }
    QByteArray pcm;
    for (const Note& note : notes)
        appendNote(pcm, note, 0.5);
    return pcm;
}

void SoundCues::play(Cue cue)
{
    if (!m_enabled || m_volume <= 0)
        return;
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    if (device.isNull())
        return;
    QAudioFormat format;
    format.setSampleRate(SampleRate);
    format.setChannelCount(1);
    format.setSampleFormat(QAudioFormat::Int16);
    if (!device.isFormatSupported(format)) {
        qCInfo(lcUi) << "sound cues: the output device does not take 24 kHz mono; cues are off";
        return;
    }
    if (m_sink)
        m_sink->stop();
    delete m_buffer;
    m_buffer = new QBuffer(this);
    m_buffer->setData(synthesize(cue));
    m_buffer->open(QIODevice::ReadOnly);
    m_sink = std::make_unique<QAudioSink>(device, format);
    m_sink->setVolume(
        QAudio::convertVolume(m_volume / 100.0, QAudio::LogarithmicVolumeScale, QAudio::LinearVolumeScale));
    m_sink->start(m_buffer);
}

} // namespace utter::ui
