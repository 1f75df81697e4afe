#include "oggopus.h"

#include <opusenc.h>
#include <opusfile.h>

#include <cmath>

namespace utter::test
{

namespace
{

int writeToArray(void* user, const unsigned char* ptr, opus_int32 len)
{
    static_cast<QByteArray*>(user)->append(reinterpret_cast<const char*>(ptr), len);
    return 0;
}

int closeArray(void*)
{
    return 0;
}

} // namespace

QByteArray encodeOggOpus(const QList<qint16>& pcm, int sampleRate, int bitrate)
{
    QByteArray out;
    OpusEncCallbacks callbacks{writeToArray, closeArray};
    OggOpusComments* comments = ope_comments_create();
    int error = 0;
    OggOpusEnc* encoder = ope_encoder_create_callbacks(&callbacks, &out, comments, sampleRate, 1, 0, &error);
    if (!encoder) {
        ope_comments_destroy(comments);
        return {};
    }
    ope_encoder_ctl(encoder, OPUS_SET_BITRATE(bitrate));
    ope_encoder_ctl(encoder, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
    if (!pcm.isEmpty())
        ope_encoder_write(encoder, pcm.constData(), int(pcm.size()));
    ope_encoder_drain(encoder);
    ope_encoder_destroy(encoder);
    ope_comments_destroy(comments);
    return out;
}

std::optional<DecodedAudio> decodeOggOpus(const QByteArray& bytes, QString* errorText)
{
    int error = 0;
    OggOpusFile* file =
        op_open_memory(reinterpret_cast<const unsigned char*>(bytes.constData()), size_t(bytes.size()), &error);
    if (!file) {
        if (errorText)
            *errorText = QStringLiteral("not an Ogg Opus stream (opusfile error %1)").arg(error);
        return std::nullopt;
    }
    DecodedAudio audio;
    const int channels = op_channel_count(file, -1);
    QList<opus_int16> buffer(5760 * std::max(1, channels));
    for (;;) {
        const int n = op_read(file, buffer.data(), int(buffer.size()), nullptr);
        if (n == OP_HOLE)
            continue;
        if (n < 0) {
            if (errorText)
                *errorText = QStringLiteral("corrupt Ogg Opus data (opusfile error %1)").arg(n);
            op_free(file);
            return std::nullopt;
        }
        if (n == 0)
            break;
        const int ch = op_head(file, -1)->channel_count;
        for (int i = 0; i < n; ++i) {
            int sum = 0;
            for (int c = 0; c < ch; ++c)
                sum += buffer.at(i * ch + c);
            audio.pcm.append(qint16(sum / ch));
        }
    }
    op_free(file);
    return audio;
}

QList<qint16> downsample48to16(const QList<qint16>& pcm)
{
    QList<qint16> out;
    out.reserve(pcm.size() / 3);
    for (qsizetype i = 0; i + 2 < pcm.size(); i += 3)
        out.append(qint16((int(pcm.at(i)) + pcm.at(i + 1) + pcm.at(i + 2)) / 3));
    return out;
}

QList<qint16> resampleLinear(const QList<qint16>& pcm, int from, int to)
{
    if (from == to || pcm.isEmpty())
        return pcm;
    const qsizetype n = qsizetype(double(pcm.size()) * to / from);
    QList<qint16> out(n);
    for (qsizetype i = 0; i < n; ++i) {
        const double pos = double(i) * from / to;
        const qsizetype a = qsizetype(pos);
        const qsizetype b = std::min(a + 1, pcm.size() - 1);
        const double f = pos - double(a);
        out[i] = qint16(std::lround(pcm.at(a) * (1 - f) + pcm.at(b) * f));
    }
    return out;
}

} // namespace utter::test
