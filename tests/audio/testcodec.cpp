#include "audiotesthelpers.h"
#include "codec/audioreader.h"
#include "codec/oggopus.h"
#include "codec/pcmconverter.h"
#include "codec/wavfile.h"

#include <QBuffer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cmath>
#include <numbers>

using namespace utter;
using namespace Qt::Literals::StringLiterals;
using utter::test::SpeechCorpus;

namespace
{

// Best normalised cross-correlation over small lags (codecs and resamplers may shift by a few samples).
double correlation(const std::vector<std::int16_t>& a, const std::vector<std::int16_t>& b, int maxLag,
                   int* lagOut = nullptr)
{
    double best = -1.0;
    for (int lag = -maxLag; lag <= maxLag; ++lag) {
        double ab = 0, aa = 0, bb = 0;
        for (std::size_t i = 0; i < a.size(); ++i) {
            const std::int64_t j = std::int64_t(i) + lag;
            if (j < 0 || j >= std::int64_t(b.size()))
                continue;
            ab += double(a[i]) * b[std::size_t(j)];
            aa += double(a[i]) * a[i];
            bb += double(b[std::size_t(j)]) * b[std::size_t(j)];
        }
        const double c = ab / std::sqrt(std::max(aa * bb, 1.0));
        if (c > best) {
            best = c;
            if (lagOut)
                *lagOut = lag;
        }
    }
    return best;
}

Result<std::vector<std::int16_t>> readAll(const QString& path)
{
    return decodeAnyAudio(path);
}

QByteArray header16(quint16 channels, quint32 rate, quint16 bits, quint32 dataBytes, quint16 tag = 1)
{
    QByteArray h("RIFF\0\0\0\0WAVEfmt ", 16);
    const auto put32 = [&h](quint32 v) {
        char b[4];
        qToLittleEndian(v, b);
        h.append(b, 4);
    };
    const auto put16 = [&h](quint16 v) {
        char b[2];
        qToLittleEndian(v, b);
        h.append(b, 2);
    };
    put32(16);
    put16(tag);
    put16(channels);
    put32(rate);
    put32(rate * channels * bits / 8);
    put16(quint16(channels * bits / 8));
    put16(bits);
    h.append("data", 4);
    put32(dataBytes);
    return h;
}

} // namespace

class TestCodec final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void wavRoundTripIsExact();
    void wavReaderConvertsRateAndChannels();
    void malformedWavIsRejected_data();
    void malformedWavIsRejected();
    void opusRoundTripKeepsTheSignal_data();
    void opusRoundTripKeepsTheSignal();
    void opusStreamFollowsRfc7845();
    void opusEncodesPiecesAsOneGo();
    void opusEncodesEmptyAndRefusesOtherRates();
    void opusIsSmall();
    void opusFileOutputAndSniffing();
    void damagedOggIsRejected();
    void otherFormatsGoThroughQt();
    void converterResamplesCleanly();

private:
    QTemporaryDir m_dir;
    std::vector<std::int16_t> m_speech;
};

void TestCodec::initTestCase()
{
    UTTER_REQUIRE_SPEECH_TOOLS();
    QVERIFY(m_dir.isValid());
    m_speech = SpeechCorpus::build(SpeechCorpus::sentences().mid(0, 2), {400, 300}, 200).pcm;
    QVERIFY(m_speech.size() > 3 * 16000);
}

void TestCodec::wavRoundTripIsExact()
{
    const QString path = m_dir.filePath(u"exact.wav"_s);
    QVERIFY(writeWavFile(path, m_speech, 16000).ok());
    auto back = readAll(path);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QVERIFY(*back == m_speech);
}

void TestCodec::wavReaderConvertsRateAndChannels()
{
    // sox makes a 44.1 kHz stereo 24-bit file from our 16 kHz speech; we must bring it back close to the original.
    const QString src = m_dir.filePath(u"src.wav"_s);
    const QString wide = m_dir.filePath(u"wide.wav"_s);
    QVERIFY(writeWavFile(src, m_speech, 16000).ok());
    QCOMPARE(QProcess::execute(u"sox"_s, {src, u"-r"_s, u"44100"_s, u"-c"_s, u"2"_s, u"-b"_s, u"24"_s, wide}), 0);
    auto reader = openAudioFile(wide);
    QVERIFY(reader.ok());
    QVERIFY((*reader)->description().contains(u"44100 Hz, 2 ch, 24-bit"_s));
    auto back = readAll(wide);
    QVERIFY(back.ok());
    QVERIFY(std::abs(std::int64_t(back->size()) - std::int64_t(m_speech.size())) < 160);
    const double c = correlation(m_speech, *back, 40);
    QVERIFY2(c > 0.99, qPrintable(QString::number(c)));
}

void TestCodec::malformedWavIsRejected_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    const QByteArray pcm(3200, '\x01');
    QTest::newRow("empty") << QByteArray() << int(ErrorCode::Corrupt);
    QTest::newRow("too short") << QByteArray("RIFF") << int(ErrorCode::Corrupt);
    QTest::newRow("not wave") << QByteArray("RIFF\0\0\0\0AVI LIST", 16) << int(ErrorCode::UnsupportedFormat);
    QTest::newRow("truncated data") << header16(1, 16000, 16, 320000) + pcm << int(ErrorCode::Corrupt);
    QTest::newRow("zero channels") << header16(0, 16000, 16, 3200) + pcm << int(ErrorCode::Corrupt);
    QTest::newRow("absurd rate") << header16(1, 5, 16, 3200) + pcm << int(ErrorCode::Corrupt);
    QTest::newRow("12-bit") << header16(1, 16000, 12, 3200) + pcm << int(ErrorCode::Corrupt);
    QTest::newRow("compressed") << header16(1, 16000, 16, 3200, 0x55) + pcm << int(ErrorCode::UnsupportedFormat);
    QByteArray badAlign = header16(1, 16000, 16, 3200) + pcm;
    qToLittleEndian<quint16>(4, badAlign.data() + 32);
    QTest::newRow("block align") << badAlign << int(ErrorCode::Corrupt);
    QByteArray noData = header16(1, 16000, 16, 3200).left(36);
    QTest::newRow("no data chunk") << noData << int(ErrorCode::Corrupt);
    QByteArray hugeChunk = QByteArray("RIFF\0\0\0\0WAVEJUNK\xff\xff\xff\x7f", 20) + pcm;
    QTest::newRow("huge chunk") << hugeChunk << int(ErrorCode::Corrupt);
    QByteArray dataFirst = QByteArray("RIFF\0\0\0\0WAVEdata\x10\0\0\0", 20) + QByteArray(16, '\0');
    QTest::newRow("data before fmt") << dataFirst << int(ErrorCode::Corrupt);
    QByteArray bigFmt = header16(1, 16000, 16, 3200) + pcm;
    qToLittleEndian<quint32>(0x7fffffff, bigFmt.data() + 16);
    QTest::newRow("fmt size") << bigFmt << int(ErrorCode::Corrupt);
}

void TestCodec::malformedWavIsRejected()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    const QString path = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_') + u".wav"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    if (bytes.isEmpty() || bytes.startsWith("RIFF")) {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::ReadOnly);
        Result<WavInfo> info = parseWavHeader(buffer);
        QVERIFY(!info.ok());
        QCOMPARE(int(info.error().code), code);
        QVERIFY(!info.error().message.isEmpty());
    }
    auto decoded = decodeAnyAudio(path);
    QVERIFY(!decoded.ok());
    QVERIFY2(decoded.error().message.size() > 10, qPrintable(decoded.error().message));
}

void TestCodec::opusRoundTripKeepsTheSignal_data()
{
    QTest::addColumn<int>("application");
    QTest::addColumn<int>("complexity");
    QTest::newRow("SILK c10") << int(OpusApplication::Voip) << 10;
    QTest::newRow("SILK c5") << int(OpusApplication::Voip) << 5;
    QTest::newRow("CELT c0 (uploads)") << int(OpusApplication::LowDelay) << 0;
}

void TestCodec::opusRoundTripKeepsTheSignal()
{
    QFETCH(int, application);
    QFETCH(int, complexity);
    OggOpusOptions options;
    options.application = OpusApplication(application);
    options.complexity = complexity;
    auto encoded = encodeOggOpus(m_speech, options);
    QVERIFY(encoded.ok());
    auto decoded = decodeOggOpus(*encoded);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    // The stream's end granule trims the padding and the pre-skip the encoder's lookahead: the same length, give
    // or take the 48 → 16 kHz conversion of the decoder.
    QVERIFY2(std::abs(std::int64_t(decoded->size()) - std::int64_t(m_speech.size())) <= 2,
             qPrintable(QStringLiteral("%1 vs %2").arg(decoded->size()).arg(m_speech.size())));
    int lag = 0;
    const double c = correlation(m_speech, *decoded, 80, &lag);
    qInfo("Opus 24 kbps round trip: correlation %.4f at lag %d, %lld bytes", c, lag,
          static_cast<long long>(encoded->size()));
    QVERIFY2(c > 0.9, qPrintable(QString::number(c)));
    QVERIFY2(std::abs(lag) <= 2, qPrintable(QString::number(lag)));
}

void TestCodec::opusStreamFollowsRfc7845()
{
    OggOpusOptions options;
    options.application = OpusApplication::LowDelay;
    auto encoded = encodeOggOpus(m_speech, options);
    QVERIFY(encoded.ok());
    // Walk the Ogg pages: OpusHead alone on the first (beginning of stream), OpusTags alone on the second, the
    // audio after; the last page ends the stream at pre-skip + samples, counted at 48 kHz.
    struct Page
    {
        int flags;
        qint64 granule;
        QByteArray body;
    };
    QList<Page> pages;
    const QByteArray& ogg = *encoded;
    for (qsizetype at = 0; at + 27 <= ogg.size();) {
        QCOMPARE(ogg.mid(at, 4), QByteArray("OggS"));
        const auto* p = reinterpret_cast<const uchar*>(ogg.constData() + at);
        const int segments = p[26];
        qsizetype body = 0;
        for (int i = 0; i < segments; ++i)
            body += p[27 + i];
        pages.append({p[5], qFromLittleEndian<qint64>(p + 6), ogg.mid(at + 27 + segments, body)});
        at += 27 + segments + body;
    }
    QVERIFY(pages.size() >= 3);
    const QByteArray head = pages.at(0).body;
    QCOMPARE(pages.at(0).flags & 0x02, 0x02); // beginning of stream
    QCOMPARE(head.left(8), QByteArray("OpusHead"));
    QCOMPARE(head.size(), 19);
    QCOMPARE(int(head.at(8)), 1);                                                // version
    QCOMPARE(int(head.at(9)), 1);                                                // channels
    QCOMPARE(qFromLittleEndian<quint32>(head.constData() + 12), quint32(16000)); // input rate
    const int preSkip = qFromLittleEndian<quint16>(head.constData() + 10);
    QVERIFY2(preSkip > 0 && preSkip % 3 == 0, qPrintable(QString::number(preSkip)));
    QVERIFY(pages.at(1).body.startsWith("OpusTags"));
    QVERIFY(pages.at(1).body.contains("ENCODER=Utter"));
    QCOMPARE(pages.last().flags & 0x04, 0x04); // end of stream
    QCOMPARE(pages.last().granule, qint64(preSkip) + qint64(m_speech.size()) * 3);
    for (qsizetype i = 3; i < pages.size(); ++i)
        QVERIFY(pages.at(i).granule >= pages.at(i - 1).granule);
}

void TestCodec::opusEncodesPiecesAsOneGo()
{
    // Capture hands the encoder 20 ms blocks, the open-chunk encoder whatever is new: odd pieces must give the
    // same audio as one write.
    OggOpusOptions options;
    options.application = OpusApplication::LowDelay;
    auto whole = encodeOggOpus(m_speech, options);
    QVERIFY(whole.ok());
    auto encoder = OggOpusEncoder::toMemory(options);
    QVERIFY(encoder.ok());
    const std::span<const std::int16_t> all(m_speech);
    for (std::size_t at = 0; at < all.size(); at += 137)
        QVERIFY((*encoder)->write(all.subspan(at, std::min<std::size_t>(137, all.size() - at))).ok());
    auto pieces = (*encoder)->finish();
    QVERIFY(pieces.ok());
    QVERIFY(!(*encoder)->write(all.first(10)).ok()); // finished is finished
    auto a = decodeOggOpus(*whole);
    auto b = decodeOggOpus(*pieces);
    QVERIFY(a.ok() && b.ok());
    QVERIFY(*a == *b);
}

void TestCodec::opusEncodesEmptyAndRefusesOtherRates()
{
    auto empty = encodeOggOpus({});
    QVERIFY(empty.ok());
    auto decoded = decodeOggOpus(*empty);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QVERIFY2(decoded->size() <= 2, qPrintable(QString::number(decoded->size())));
    OggOpusOptions cd;
    cd.sampleRate = 44100;
    auto refused = encodeOggOpus(m_speech, cd);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(u"44100"_s), qPrintable(refused.error().message));
}

void TestCodec::opusIsSmall()
{
    auto encoded = encodeOggOpus(m_speech);
    QVERIFY(encoded.ok());
    const double wavBytes = double(m_speech.size()) * 2;
    QVERIFY2(double(encoded->size()) <= wavBytes / 10.0,
             qPrintable(QStringLiteral("%1 bytes of Opus for %2 of WAV").arg(encoded->size()).arg(wavBytes)));
}

void TestCodec::opusFileOutputAndSniffing()
{
    const QString path = m_dir.filePath(u"chunk.ogg"_s);
    QVERIFY(writeOggOpusFile(path, m_speech).ok());
    auto reader = openAudioFile(path);
    QVERIFY(reader.ok());
    QVERIFY((*reader)->description().startsWith(u"Ogg Opus"_s));
    auto back = decodeAnyAudio(path);
    QVERIFY(back.ok());
    QVERIFY(correlation(m_speech, *back, 80) > 0.9);
}

void TestCodec::damagedOggIsRejected()
{
    auto encoded = encodeOggOpus(m_speech);
    QVERIFY(encoded.ok());
    // Cut off: no final page.
    const QByteArray truncated = encoded->left(encoded->size() * 2 / 3);
    auto cut = decodeOggOpus(truncated);
    QVERIFY(!cut.ok());
    QCOMPARE(cut.error().code, ErrorCode::Corrupt);
    const QString cutPath = m_dir.filePath(u"cut.ogg"_s);
    QFile f(cutPath);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(truncated);
    f.close();
    auto cutFile = decodeAnyAudio(cutPath);
    QVERIFY(!cutFile.ok());
    QVERIFY(cutFile.error().message.contains(u"truncated"_s));
    // Garbage in the middle: pages fail their CRC, which must be an error, never noise.
    QByteArray damaged = *encoded;
    for (qsizetype i = damaged.size() / 3; i < damaged.size() / 3 + 2000; ++i)
        damaged[i] = char(damaged[i] ^ 0x5a);
    auto bad = decodeOggOpus(damaged);
    QVERIFY(!bad.ok());
    // A broken header.
    QByteArray header = *encoded;
    header[30] = 'X'; // inside "OpusHead"
    QVERIFY(!decodeOggOpus(header).ok());
}

void TestCodec::otherFormatsGoThroughQt()
{
    const QString src = m_dir.filePath(u"qsrc.wav"_s);
    const QString flac = m_dir.filePath(u"speech.flac"_s);
    QVERIFY(writeWavFile(src, m_speech, 16000).ok());
    QCOMPARE(QProcess::execute(u"sox"_s, {src, u"-r"_s, u"22050"_s, flac}), 0);
    auto back = decodeAnyAudio(flac);
    if (!back.ok() && back.error().code == ErrorCode::Unsupported)
        QSKIP(qPrintable(back.error().message));
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QVERIFY(std::abs(std::int64_t(back->size()) - std::int64_t(m_speech.size())) < 1600);
    const double c = correlation(m_speech, *back, 200);
    QVERIFY2(c > 0.98, qPrintable(QString::number(c)));
    // Not audio at all: a clear error.
    const QString text = m_dir.filePath(u"notes.mp3"_s);
    QFile f(text);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is not audio, just text pretending to be an mp3 file\n");
    f.close();
    auto nonsense = decodeAnyAudio(text);
    QVERIFY(!nonsense.ok());
    QVERIFY(!nonsense.error().message.isEmpty());
}

void TestCodec::converterResamplesCleanly()
{
    // A 1 kHz tone at 48 kHz stereo becomes a 1 kHz tone at 16 kHz mono with the same amplitude.
    const int inRate = 48000;
    std::vector<float> stereo(std::size_t(inRate) * 2);
    for (int i = 0; i < inRate; ++i) {
        const float v = 0.5f * float(std::sin(2.0 * std::numbers::pi * 1000.0 * i / inRate));
        stereo[std::size_t(i) * 2] = v;
        stereo[std::size_t(i) * 2 + 1] = v;
    }
    PcmConverter converter(inRate, 2);
    QVERIFY(converter.isValid());
    std::vector<std::int16_t> out;
    for (std::size_t at = 0; at < stereo.size(); at += 960)
        converter.push(std::span<const float>(stereo.data() + at, std::min<std::size_t>(960, stereo.size() - at)), out);
    converter.flush(out);
    QVERIFY(std::abs(int(out.size()) - 16000) <= 2);
    int crossings = 0;
    double sum = 0.0;
    for (std::size_t i = 1000; i < 15000; ++i) {
        crossings += (out[i - 1] < 0) != (out[i] < 0) ? 1 : 0;
        sum += double(out[i]) * out[i];
    }
    const double rms = std::sqrt(sum / 14000.0) / 32768.0;
    QVERIFY2(std::abs(crossings - 1750) <= 4, qPrintable(QString::number(crossings))); // 2 per period, 0.875 s
    QVERIFY2(std::abs(rms - 0.5 / std::sqrt(2.0)) < 0.01, qPrintable(QString::number(rms)));
}

QTEST_GUILESS_MAIN(TestCodec)
#include "testcodec.moc"
