#include "oggopus.h"

#include <ogg/ogg.h>
#include <opus/opus.h>
#include <opus/opusfile.h>

#include <QFile>
#include <QRandomGenerator>
#include <QSaveFile>

#include <algorithm>
#include <cstring>

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
//
// libopus at the PCM's own rate (16 kHz here) muxed into Ogg with libogg, as RFC 7845 lays out: an OpusHead page,
// an OpusTags page, then audio pages whose granule positions count 48 kHz samples. libopusenc, which would do
// the muxing for us, always resamples to 48 kHz first; for 16 kHz speech that resampling cost more than the
// encoding itself (bench/audio, section 3).

namespace
{

constexpr int kFrameMs = 20;
constexpr int kGranuleRate = 48000; // Ogg Opus granule positions always count 48 kHz samples
constexpr int kMaxPacketBytes = 4000;

bool isOpusRate(int rate)
{
    return rate == 8000 || rate == 12000 || rate == 16000 || rate == 24000 || rate == 48000;
}

void appendLe16(QByteArray& out, quint16 value)
{
    out.append(char(value & 0xff)).append(char(value >> 8));
}

void appendLe32(QByteArray& out, quint32 value)
{
    for (int shift = 0; shift < 32; shift += 8)
        out.append(char((value >> shift) & 0xff));
}

QByteArray opusHead(int channels, int preSkip48k, int inputRate)
{
    QByteArray head("OpusHead");
    head.append(char(1)).append(char(channels));
    appendLe16(head, quint16(preSkip48k));
    appendLe32(head, quint32(inputRate));
    appendLe16(head, 0);  // output gain
    head.append(char(0)); // channel mapping family 0: mono or stereo
    return head;
}

QByteArray opusTags()
{
    const QByteArray vendor(opus_get_version_string());
    const QByteArray comment("ENCODER=Utter");
    QByteArray tags("OpusTags");
    appendLe32(tags, quint32(vendor.size()));
    tags.append(vendor);
    appendLe32(tags, 1);
    appendLe32(tags, quint32(comment.size()));
    tags.append(comment);
    return tags;
}

} // namespace

struct OggOpusEncoder::Impl
{
    OpusEncoder* opus = nullptr;
    ogg_stream_state ogg{};
    bool oggReady = false;
    QByteArray memory;
    std::unique_ptr<QSaveFile> file;
    bool toFile = false;
    bool writeFailed = false;
    int channels = 1;
    int frameSamples = 0;            // per channel
    int granuleScale = 3;            // 48 kHz granule units per input sample
    int preSkip = 0;                 // encoder lookahead, input samples per channel
    std::vector<std::int16_t> frame; // interleaved, fills up to frameSamples * channels
    std::int64_t samplesIn = 0;      // per channel
    std::int64_t packetNumber = 0;
    std::int64_t granule = 0;
    std::vector<unsigned char> packet = std::vector<unsigned char>(kMaxPacketBytes);

    ~Impl()
    {
        if (opus)
            opus_encoder_destroy(opus);
        if (oggReady)
            ogg_stream_clear(&ogg);
    }

    void output(const ogg_page& page)
    {
        if (toFile) {
            if (file->write(reinterpret_cast<const char*>(page.header), page.header_len) != page.header_len ||
                file->write(reinterpret_cast<const char*>(page.body), page.body_len) != page.body_len)
                writeFailed = true;
        } else {
            memory.append(reinterpret_cast<const char*>(page.header), page.header_len);
            memory.append(reinterpret_cast<const char*>(page.body), page.body_len);
        }
    }

    void submit(const unsigned char* data, long bytes, std::int64_t granulePosition, bool endOfStream, bool flush)
    {
        ogg_packet op{};
        op.packet = const_cast<unsigned char*>(data);
        op.bytes = bytes;
        op.b_o_s = packetNumber == 0 ? 1 : 0;
        op.e_o_s = endOfStream ? 1 : 0;
        op.granulepos = granulePosition;
        op.packetno = packetNumber++;
        ogg_stream_packetin(&ogg, &op);
        ogg_page page;
        while (flush ? ogg_stream_flush(&ogg, &page) : ogg_stream_pageout(&ogg, &page))
            output(page);
    }

    void submitHeader(const QByteArray& header)
    {
        submit(reinterpret_cast<const unsigned char*>(header.constData()), header.size(), 0, false, true);
    }

    // Encodes the full frame buffer as one packet; `last` ends the stream with the true end granule.
    Status encodeFrame(bool last)
    {
        const int bytes = opus_encode(opus, frame.data(), frameSamples, packet.data(), int(packet.size()));
        frame.clear();
        if (bytes < 0)
            return Error(ErrorCode::Failed,
                         u"Opus encoding failed: %1."_s.arg(QString::fromUtf8(opus_strerror(bytes))));
        granule += std::int64_t(frameSamples) * granuleScale;
        // The last page's granule marks where the audio ends, so the decoder drops the padding (RFC 7845 §4.5).
        const std::int64_t position =
            last ? std::min(granule, (std::int64_t(preSkip) + samplesIn) * granuleScale) : granule;
        submit(packet.data(), bytes, position, last, last);
        return {};
    }
};

OggOpusEncoder::OggOpusEncoder(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{}

OggOpusEncoder::~OggOpusEncoder() = default;

Result<std::unique_ptr<OggOpusEncoder>> OggOpusEncoder::create(std::unique_ptr<Impl> impl,
                                                               const OggOpusOptions& options)
{
    if (!isOpusRate(options.sampleRate))
        return Error(ErrorCode::InvalidArgument,
                     u"Opus encodes 8, 12, 16, 24 or 48 kHz audio, not %1 Hz."_s.arg(options.sampleRate));
    impl->channels = std::clamp(options.channels, 1, 2);
    const int application =
        options.application == OpusApplication::LowDelay ? OPUS_APPLICATION_RESTRICTED_LOWDELAY : OPUS_APPLICATION_VOIP;
    int error = OPUS_OK;
    impl->opus = opus_encoder_create(options.sampleRate, impl->channels, application, &error);
    if (!impl->opus)
        return Error(ErrorCode::Failed,
                     u"The Opus encoder could not start: %1."_s.arg(QString::fromUtf8(opus_strerror(error))));
    opus_encoder_ctl(impl->opus, OPUS_SET_BITRATE(std::clamp(options.bitrate, 6000, 256000)));
    opus_encoder_ctl(impl->opus, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
    opus_encoder_ctl(impl->opus, OPUS_SET_COMPLEXITY(std::clamp(options.complexity, 0, 10)));
    opus_int32 lookahead = 0;
    opus_encoder_ctl(impl->opus, OPUS_GET_LOOKAHEAD(&lookahead));
    impl->preSkip = int(lookahead);
    impl->granuleScale = kGranuleRate / options.sampleRate;
    impl->frameSamples = options.sampleRate * kFrameMs / 1000;
    impl->frame.reserve(std::size_t(impl->frameSamples * impl->channels));

    ogg_stream_init(&impl->ogg, int(QRandomGenerator::global()->bounded(1, 0x7fffffff)));
    impl->oggReady = true;
    impl->submitHeader(opusHead(impl->channels, impl->preSkip * impl->granuleScale, options.sampleRate));
    impl->submitHeader(opusTags());
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
    Impl& d = *m_impl;
    if (!d.opus)
        return Error(ErrorCode::Failed, u"The Opus encoder was already finished."_s);
    const std::size_t frameValues = std::size_t(d.frameSamples * d.channels);
    const std::size_t whole = samples.size() - samples.size() % std::size_t(d.channels);
    d.samplesIn += std::int64_t(whole / std::size_t(d.channels));
    for (std::size_t at = 0; at < whole;) {
        const std::size_t take = std::min(frameValues - d.frame.size(), whole - at);
        d.frame.insert(d.frame.end(), samples.begin() + std::ptrdiff_t(at),
                       samples.begin() + std::ptrdiff_t(at + take));
        at += take;
        if (d.frame.size() == frameValues) {
            if (Status s = d.encodeFrame(false); !s)
                return s;
        }
    }
    if (d.writeFailed)
        return Error(ErrorCode::Io,
                     u"Writing the Opus file failed: %1 (is the disk full?)."_s.arg(d.file->errorString()));
    return {};
}

Result<QByteArray> OggOpusEncoder::finish()
{
    Impl& d = *m_impl;
    if (!d.opus)
        return Error(ErrorCode::Failed, u"The Opus encoder was already finished."_s);
    // Silence after the end until the encoder's lookahead has passed the last sample, in whole frames.
    const std::size_t frameValues = std::size_t(d.frameSamples * d.channels);
    const std::int64_t needed = (std::int64_t(d.preSkip) + d.samplesIn) * d.granuleScale;
    Status status;
    do {
        d.frame.resize(frameValues, 0);
        const bool last = d.granule + std::int64_t(d.frameSamples) * d.granuleScale >= needed;
        status = d.encodeFrame(last);
        if (last)
            break;
    } while (status.ok());
    opus_encoder_destroy(d.opus);
    d.opus = nullptr;
    if (!status.ok())
        return status.error();
    if (d.writeFailed)
        return Error(ErrorCode::Io,
                     u"Writing the Opus file failed: %1 (is the disk full?)."_s.arg(d.file->errorString()));
    if (d.toFile) {
        if (!d.file->commit())
            return Error(ErrorCode::Io,
                         u"Cannot write %1: %2 (is the disk full?)."_s.arg(d.file->fileName(), d.file->errorString()));
        return QByteArray();
    }
    return std::move(d.memory);
}

QByteArrayView OggOpusEncoder::flushedStream()
{
    Impl& d = *m_impl;
    if (d.toFile)
        return {};
    ogg_page page;
    while (ogg_stream_flush(&d.ogg, &page))
        d.output(page);
    return QByteArrayView(d.memory);
}

Result<ClosedOggOpus> closeTruncatedOggOpus(const QByteArray& bytes)
{
    ogg_sync_state sync;
    ogg_sync_init(&sync);
    char* buffer = ogg_sync_buffer(&sync, long(bytes.size()));
    std::memcpy(buffer, bytes.constData(), std::size_t(bytes.size()));
    ogg_sync_wrote(&sync, long(bytes.size()));
    struct Page
    {
        QByteArray header;
        QByteArray body;
        std::int64_t granule = -1;
        bool endsPacket = false;
    };
    std::vector<Page> pages;
    ogg_page page;
    // Stops at the first gap or torn page: what follows a hole could not be played in order anyway.
    while (ogg_sync_pageout(&sync, &page) == 1) {
        Page kept;
        kept.header = QByteArray(reinterpret_cast<const char*>(page.header), page.header_len);
        kept.body = QByteArray(reinterpret_cast<const char*>(page.body), page.body_len);
        kept.granule = ogg_page_granulepos(&page);
        const int segments = page.header[26];
        kept.endsPacket = segments > 0 && page.header[27 + segments - 1] < 255;
        pages.push_back(std::move(kept));
    }
    ogg_sync_clear(&sync);
    // OpusHead, OpusTags, then audio: the last audio page that completes a packet becomes the last page.
    qsizetype last = -1;
    for (qsizetype i = qsizetype(pages.size()) - 1; i >= 2; --i) {
        if (pages[std::size_t(i)].granule >= 0 && pages[std::size_t(i)].endsPacket) {
            last = i;
            break;
        }
    }
    if (last < 0 || !pages[0].body.startsWith("OpusHead") || pages[0].body.size() < 19)
        return Error(ErrorCode::Corrupt, u"Not one complete page of Opus audio survived."_s);
    const auto* head = reinterpret_cast<const unsigned char*>(pages[0].body.constData());
    const std::int64_t preSkip = std::int64_t(head[10] | (head[11] << 8));
    Page& end = pages[std::size_t(last)];
    end.header[5] = char(end.header[5] | 0x04); // end of stream
    ogg_page closing{reinterpret_cast<unsigned char*>(end.header.data()), long(end.header.size()),
                     reinterpret_cast<unsigned char*>(end.body.data()), long(end.body.size())};
    ogg_page_checksum_set(&closing);
    ClosedOggOpus closed;
    for (qsizetype i = 0; i <= last; ++i)
        closed.stream.append(pages[std::size_t(i)].header).append(pages[std::size_t(i)].body);
    closed.durationMs = std::max<std::int64_t>(0, end.granule - preSkip) / (kGranuleRate / 1000);
    return closed;
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
