#include "oggopus.h"

#include <opus/opusenc.h>
#include <opus/opusfile.h>

#include <QFile>
#include <QSaveFile>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

constexpr qint64 kTailBytes = 65536 + 512; // an Ogg page is at most 65307 bytes

QString opusFileError(int error)
{
    switch (error) {
    case OP_ENOTFORMAT:
        return u"it is not an Ogg Opus stream"_s;
    case OP_EBADHEADER:
        return u"its Opus header is malformed"_s;
    case OP_EVERSION:
        return u"it uses an unsupported Ogg Opus version"_s;
    case OP_EBADLINK:
    case OP_EBADTIMESTAMP:
        return u"its page structure is damaged"_s;
    case OP_HOLE:
        return u"pages are missing or damaged in the middle"_s;
    case OP_EBADPACKET:
        return u"an audio packet is damaged"_s;
    case OP_EREAD:
        return u"it could not be read"_s;
    default:
        return u"libopusfile error %1"_s.arg(error);
    }
}

} // namespace

bool oggEndsWithEos(const QByteArray& tail)
{
    // Find the last "OggS" whose page ends exactly at the end of the data.
    for (qsizetype at = tail.lastIndexOf("OggS"); at >= 0; at = at > 0 ? tail.lastIndexOf("OggS", at - 1) : -1) {
        if (tail.size() - at < 27)
            continue;
        const auto* p = reinterpret_cast<const unsigned char*>(tail.constData() + at);
        const int segments = p[26];
        if (tail.size() - at < 27 + segments)
            continue;
        qsizetype body = 0;
        for (int i = 0; i < segments; ++i)
            body += p[27 + i];
        if (at + 27 + segments + body == tail.size())
            return (p[5] & 0x04) != 0;
    }
    return false;
}

// ---- encoder ----

struct OggOpusEncoder::Impl
{
    OggOpusEnc* encoder = nullptr;
    OggOpusComments* comments = nullptr;
    QByteArray memory;
    std::unique_ptr<QSaveFile> file;
    bool toFile = false;
    bool writeFailed = false;
    int channels = 1;

    ~Impl()
    {
        if (encoder)
            ope_encoder_destroy(encoder);
        if (comments)
            ope_comments_destroy(comments);
    }

    static int write(void* user, const unsigned char* data, opus_int32 len)
    {
        auto* self = static_cast<Impl*>(user);
        const char* bytes = reinterpret_cast<const char*>(data);
        if (self->toFile) {
            if (self->file->write(bytes, len) != len) {
                self->writeFailed = true;
                return 1;
            }
        } else {
            self->memory.append(bytes, len);
        }
        return 0;
    }
    static int close(void*) { return 0; }
};

OggOpusEncoder::OggOpusEncoder(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{}

OggOpusEncoder::~OggOpusEncoder() = default;

Result<std::unique_ptr<OggOpusEncoder>> OggOpusEncoder::create(std::unique_ptr<Impl> impl,
                                                               const OggOpusOptions& options)
{
    static const OpusEncCallbacks callbacks{&Impl::write, &Impl::close};
    impl->channels = std::clamp(options.channels, 1, 2);
    impl->comments = ope_comments_create();
    ope_comments_add(impl->comments, "ENCODER", "Utter");
    int error = 0;
    impl->encoder = ope_encoder_create_callbacks(&callbacks, impl.get(), impl->comments, options.sampleRate,
                                                 impl->channels, 0, &error);
    if (!impl->encoder)
        return Error(ErrorCode::Failed,
                     u"The Opus encoder could not start: %1."_s.arg(QString::fromUtf8(ope_strerror(error))));
    ope_encoder_ctl(impl->encoder, OPUS_SET_BITRATE(std::clamp(options.bitrate, 6000, 256000)));
    ope_encoder_ctl(impl->encoder, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
    ope_encoder_ctl(impl->encoder, OPUS_SET_COMPLEXITY(std::clamp(options.complexity, 0, 10)));
    ope_encoder_ctl(impl->encoder, OPE_SET_COMMENT_PADDING(0)); // chunks are never re-tagged: save 512 bytes each
    // libopusenc holds back up to 2 s of audio by default before encoding it, which finish() then has to encode
    // at once: 17 ms at release for a chunk encoded while it was spoken. Encode every frame as it arrives.
    ope_encoder_ctl(impl->encoder, OPE_SET_DECISION_DELAY(0));
    if (options.sampleRate <= 16000)
        ope_encoder_ctl(impl->encoder, OPUS_SET_MAX_BANDWIDTH(OPUS_BANDWIDTH_WIDEBAND)); // nothing above 8 kHz
    return std::unique_ptr<OggOpusEncoder>(new OggOpusEncoder(std::move(impl)));
}

Result<std::unique_ptr<OggOpusEncoder>> OggOpusEncoder::toMemory(const OggOpusOptions& options)
{
    return create(std::make_unique<Impl>(), options);
}

Result<std::unique_ptr<OggOpusEncoder>> OggOpusEncoder::toFile(const QString& path, const OggOpusOptions& options)
{
    auto impl = std::make_unique<Impl>();
    impl->toFile = true;
    impl->file = std::make_unique<QSaveFile>(path);
    if (!impl->file->open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io, u"Cannot write %1: %2."_s.arg(path, impl->file->errorString()));
    return create(std::move(impl), options);
}

Status OggOpusEncoder::write(std::span<const std::int16_t> samples)
{
    if (!m_impl->encoder)
        return Error(ErrorCode::Failed, u"The Opus encoder was already finished."_s);
    const int frames = int(samples.size() / std::size_t(m_impl->channels));
    const int error = ope_encoder_write(m_impl->encoder, samples.data(), frames);
    if (error != OPE_OK || m_impl->writeFailed)
        return Error(ErrorCode::Io,
                     m_impl->writeFailed
                         ? u"Writing the Opus file failed: %1 (is the disk full?)."_s.arg(m_impl->file->errorString())
                         : u"Opus encoding failed: %1."_s.arg(QString::fromUtf8(ope_strerror(error))));
    return {};
}

Result<QByteArray> OggOpusEncoder::finish()
{
    if (!m_impl->encoder)
        return Error(ErrorCode::Failed, u"The Opus encoder was already finished."_s);
    const int error = ope_encoder_drain(m_impl->encoder);
    ope_encoder_destroy(m_impl->encoder);
    m_impl->encoder = nullptr;
    if (error != OPE_OK || m_impl->writeFailed)
        return Error(ErrorCode::Io,
                     u"Finishing the Opus stream failed: %1."_s.arg(QString::fromUtf8(ope_strerror(error))));
    if (m_impl->toFile) {
        if (!m_impl->file->commit())
            return Error(ErrorCode::Io, u"Cannot write %1: %2 (is the disk full?)."_s.arg(m_impl->file->fileName(),
                                                                                          m_impl->file->errorString()));
        return QByteArray();
    }
    return std::move(m_impl->memory);
}

Result<QByteArray> encodeOggOpus(std::span<const std::int16_t> samples, const OggOpusOptions& options)
{
    auto encoder = OggOpusEncoder::toMemory(options);
    if (!encoder)
        return encoder.error();
    if (Status s = (*encoder)->write(samples); !s)
        return s.error();
    return (*encoder)->finish();
}

Status writeOggOpusFile(const QString& path, std::span<const std::int16_t> samples, const OggOpusOptions& options)
{
    auto encoder = OggOpusEncoder::toFile(path, options);
    if (!encoder)
        return encoder.error();
    if (Status s = (*encoder)->write(samples); !s)
        return s;
    Result<QByteArray> done = (*encoder)->finish();
    if (!done)
        return done.error();
    return {};
}

// ---- decoder ----

struct OggOpusReader::Impl
{
    OggOpusFile* file = nullptr;
    QByteArray memory; // backing store for op_open_memory
    QString name;
    PcmConverter converter{48000, 2};
    std::vector<float> buffer = std::vector<float>(5760 * 2);
    std::vector<std::int16_t> pending;
    bool flushed = false;
    ~Impl()
    {
        if (file)
            op_free(file);
    }
};

OggOpusReader::OggOpusReader(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{}

OggOpusReader::~OggOpusReader() = default;

Result<std::unique_ptr<OggOpusReader>> OggOpusReader::finishOpen(std::unique_ptr<Impl> impl, int error,
                                                                 const QString& name)
{
    impl->name = name;
    if (!impl->file)
        return Error(error == OP_ENOTFORMAT ? ErrorCode::UnsupportedFormat : ErrorCode::Corrupt,
                     u"Cannot decode %1: %2. Re-export it, or convert it to WAV."_s.arg(name, opusFileError(error)));
    return std::unique_ptr<OggOpusReader>(new OggOpusReader(std::move(impl)));
}

Result<std::unique_ptr<OggOpusReader>> OggOpusReader::openFile(const QString& path, bool allowTruncated)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(f.exists() ? ErrorCode::Io : ErrorCode::NotFound,
                     u"Cannot open %1: %2."_s.arg(path, f.errorString()));
    if (!allowTruncated) {
        f.seek(std::max<qint64>(0, f.size() - kTailBytes));
        if (!oggEndsWithEos(f.readAll()))
            return Error(ErrorCode::Corrupt, u"%1 is truncated: its Ogg stream has no final page. It was probably "
                                             "cut off while being written; re-record or re-export it."_s.arg(path));
    }
    f.close();
    auto impl = std::make_unique<Impl>();
    int error = 0;
    impl->file = op_open_file(QFile::encodeName(path).constData(), &error);
    return finishOpen(std::move(impl), error, path);
}

Result<std::unique_ptr<OggOpusReader>> OggOpusReader::openMemory(QByteArray bytes, bool allowTruncated)
{
    if (!allowTruncated && !oggEndsWithEos(bytes.right(kTailBytes)))
        return Error(ErrorCode::Corrupt, u"The Ogg Opus data is truncated: it has no final page."_s);
    auto impl = std::make_unique<Impl>();
    impl->memory = std::move(bytes);
    int error = 0;
    impl->file = op_open_memory(reinterpret_cast<const unsigned char*>(impl->memory.constData()),
                                std::size_t(impl->memory.size()), &error);
    return finishOpen(std::move(impl), error, u"the Ogg Opus data"_s);
}

QString OggOpusReader::description() const
{
    const OpusHead* head = op_head(m_impl->file, -1);
    return u"Ogg Opus, %1 ch, recorded at %2 Hz"_s.arg(head ? head->channel_count : 0)
        .arg(head ? int(head->input_sample_rate) : 48000);
}

std::optional<double> OggOpusReader::durationSeconds() const
{
    const ogg_int64_t total = op_pcm_total(m_impl->file, -1);
    if (total < 0)
        return std::nullopt;
    return double(total) / 48000.0;
}

Result<std::size_t> OggOpusReader::read(std::vector<std::int16_t>& out, std::size_t maxSamples)
{
    Impl& d = *m_impl;
    while (d.pending.size() < maxSamples && !d.flushed) {
        const int frames = op_read_float_stereo(d.file, d.buffer.data(), int(d.buffer.size()));
        if (frames < 0) {
            const double at = double(op_pcm_tell(d.file)) / 48000.0;
            return Error(ErrorCode::Corrupt,
                         u"Cannot decode %1 near %2 s: %3. Re-export it, or convert it to WAV."_s.arg(d.name)
                             .arg(at, 0, 'f', 1)
                             .arg(opusFileError(frames)));
        }
        if (frames == 0) {
            d.converter.flush(d.pending);
            d.flushed = true;
            break;
        }
        d.converter.push(std::span<const float>(d.buffer.data(), std::size_t(frames) * 2), d.pending);
    }
    const std::size_t n = std::min(maxSamples, d.pending.size());
    out.insert(out.end(), d.pending.begin(), d.pending.begin() + std::ptrdiff_t(n));
    d.pending.erase(d.pending.begin(), d.pending.begin() + std::ptrdiff_t(n));
    return n;
}

Result<std::vector<std::int16_t>> decodeOggOpus(const QByteArray& bytes)
{
    auto reader = OggOpusReader::openMemory(bytes);
    if (!reader)
        return reader.error();
    std::vector<std::int16_t> all;
    while (true) {
        Result<std::size_t> n = (*reader)->read(all, 16000);
        if (!n)
            return n.error();
        if (*n == 0)
            break;
    }
    return all;
}

} // namespace utter
