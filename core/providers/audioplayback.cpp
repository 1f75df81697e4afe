#include "audioplayback.h"

#include "logging/logging.h"

#include <QAudioOutput>
#include <QAudioSink>
#include <QMediaDevices>
#include <QMediaPlayer>
#include <QtEndian>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

double WavData::durationS() const
{
    const int frameBytes = channels * bitsPerSample / 8;
    return frameBytes > 0 && sampleRate > 0 ? double(pcm.size()) / frameBytes / sampleRate : 0;
}

Result<WavData> parseWav(const QByteArray& bytes)
{
    if (bytes.size() < 12 || !bytes.startsWith("RIFF") || bytes.mid(8, 4) != "WAVE")
        return Error(ErrorCode::UnsupportedFormat, u"not a WAV file"_s);
    WavData wav;
    bool haveFormat = false;
    qsizetype pos = 12;
    while (pos + 8 <= bytes.size()) {
        const QByteArray id = bytes.mid(pos, 4);
        quint32 size = qFromLittleEndian<quint32>(bytes.constData() + pos + 4);
        const qsizetype body = pos + 8;
        if (id == "fmt " && body + 16 <= bytes.size()) {
            const auto* p = reinterpret_cast<const uchar*>(bytes.constData() + body);
            const quint16 tag = qFromLittleEndian<quint16>(p);
            wav.channels = qFromLittleEndian<quint16>(p + 2);
            wav.sampleRate = int(qFromLittleEndian<quint32>(p + 4));
            wav.bitsPerSample = qFromLittleEndian<quint16>(p + 14);
            wav.isFloat = tag == 3;
            if (tag == 0xFFFE && size >= 40) // WAVE_FORMAT_EXTENSIBLE: the sub-format's first two bytes
                wav.isFloat = qFromLittleEndian<quint16>(p + 24) == 3;
            haveFormat = true;
        } else if (id == "data") {
            // Streaming servers write 0 or 0xFFFFFFFF when they do not know the length: take the rest.
            if (size == 0 || size == 0xFFFFFFFFu || body + qsizetype(size) > bytes.size())
                size = quint32(bytes.size() - body);
            wav.pcm = bytes.mid(body, size);
            break;
        }
        pos = body + qsizetype(size) + (size & 1);
    }
    if (!haveFormat || wav.channels <= 0 || wav.sampleRate <= 0)
        return Error(ErrorCode::UnsupportedFormat, u"the WAV file has no usable format chunk"_s);
    if (!(wav.bitsPerSample == 16 || wav.bitsPerSample == 32 || wav.bitsPerSample == 8))
        return Error(ErrorCode::UnsupportedFormat, u"%1-bit WAV is not supported"_s.arg(wav.bitsPerSample));
    return wav;
}

AudioPlayback::AudioPlayback(QObject* parent)
    : QObject(parent)
{}

AudioPlayback::~AudioPlayback()
{
    stop();
}

Status AudioPlayback::play(const QByteArray& audio, const QByteArray& mimeType)
{
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    if (device.isNull())
        return Error(ErrorCode::NotFound, u"No audio output device was found; save the audio with --output FILE "
                                          "instead."_s);
    const Result<WavData> wav = parseWav(audio);
    if (wav) {
        QAudioFormat format;
        format.setSampleRate(wav->sampleRate);
        format.setChannelCount(wav->channels);
        format.setSampleFormat(wav->isFloat               ? QAudioFormat::Float
                               : wav->bitsPerSample == 8  ? QAudioFormat::UInt8
                               : wav->bitsPerSample == 32 ? QAudioFormat::Int32
                                                          : QAudioFormat::Int16);
        m_data = wav->pcm;
        m_buffer.setData(m_data);
        m_buffer.open(QIODevice::ReadOnly);
        m_sink = new QAudioSink(device, format, this);
        connect(m_sink, &QAudioSink::stateChanged, this, [this](QAudio::State state) {
            if (state == QAudio::IdleState)
                done(true, {});
            else if (state == QAudio::StoppedState && m_sink->error() != QAudio::NoError)
                done(false, u"The audio output stopped with an error."_s);
        });
        m_sink->start(&m_buffer);
        if (m_sink->error() != QAudio::NoError)
            return Error(ErrorCode::DeviceLost, u"The audio output could not be opened."_s);
        qCInfo(lcSpeech).noquote() << u"playing %1 s of WAV on %2"_s.arg(QString::number(wav->durationS(), 'f', 2),
                                                                         device.description());
        return {};
    }
    if (mimeType.contains("wav"))
        return wav.error();
    // Compressed formats: let the media backend decode them.
    m_data = audio;
    m_buffer.setData(m_data);
    m_buffer.open(QIODevice::ReadOnly);
    m_output = new QAudioOutput(device, this);
    m_player = new QMediaPlayer(this);
    m_player->setAudioOutput(m_output);
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this, [this](QMediaPlayer::MediaStatus status) {
        if (status == QMediaPlayer::EndOfMedia)
            done(true, {});
        else if (status == QMediaPlayer::InvalidMedia)
            done(false, u"The audio from the read-back endpoint could not be decoded."_s);
    });
    connect(m_player, &QMediaPlayer::errorOccurred, this,
            [this](QMediaPlayer::Error, const QString& message) { done(false, message); });
    m_player->setSourceDevice(&m_buffer, QUrl(u"speech"_s));
    m_player->play();
    return {};
}

void AudioPlayback::stop()
{
    if (m_sink)
        m_sink->stop();
    if (m_player)
        m_player->stop();
}

void AudioPlayback::done(bool ok, const QString& message)
{
    if (m_done)
        return;
    m_done = true;
    if (m_sink)
        m_sink->stop();
    emit finished(ok, message);
}

} // namespace utter
