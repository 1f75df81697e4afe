#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace utter::test
{

// Small Ogg Opus helpers for tests and the provider double (libopusenc / libopusfile directly; the app's own
// codec lives in core/codec).
QByteArray encodeOggOpus(const QList<qint16>& pcm, int sampleRate, int bitrate = 24000);

struct DecodedAudio
{
    QList<qint16> pcm; // mono
    int sampleRate = 48000;
    double durationS() const { return sampleRate > 0 ? double(pcm.size()) / sampleRate : 0; }
};
// Decodes Ogg Opus (any channel count, mixed to mono, 48 kHz); nullopt when the bytes are not Ogg Opus.
std::optional<DecodedAudio> decodeOggOpus(const QByteArray& bytes, QString* error = nullptr);

// 48 kHz → 16 kHz by averaging each group of three samples (the decoder already band-limits).
QList<qint16> downsample48to16(const QList<qint16>& pcm);
// Linear-interpolation resampler for fixture audio (espeak-ng writes 22050 Hz).
QList<qint16> resampleLinear(const QList<qint16>& pcm, int from, int to);

} // namespace utter::test
