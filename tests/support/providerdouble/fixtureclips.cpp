#include "fixtureclips.h"

#include "oggopus.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QtEndian>

namespace utter::test
{

QStringList FixtureClips::defaultTexts()
{
    return {
        QStringLiteral("The quick brown fox jumps over the lazy dog."),
        QStringLiteral("Please send the quarterly report to Maria before Friday."),
        QStringLiteral("Seven hundred and twelve bottles of water."),
        QStringLiteral("Turn left at the old lighthouse."),
        QStringLiteral("My favourite colour is a deep shade of green."),
        QStringLiteral("Meeting moved to Tuesday morning."),
        QStringLiteral("How much wood would a woodchuck chuck if a woodchuck could chuck wood?"),
        QStringLiteral("Remember to water the tomatoes."),
    };
}

bool FixtureClips::espeakAvailable()
{
    return !QStandardPaths::findExecutable(QStringLiteral("espeak-ng")).isEmpty();
}

std::optional<QList<qint16>> readWavMono16(const QByteArray& bytes, int* sampleRate)
{
    if (bytes.size() < 44 || !bytes.startsWith("RIFF") || bytes.mid(8, 4) != "WAVE")
        return std::nullopt;
    int channels = 0;
    int bits = 0;
    qsizetype pos = 12;
    while (pos + 8 <= bytes.size()) {
        const QByteArray id = bytes.mid(pos, 4);
        quint32 size = qFromLittleEndian<quint32>(bytes.constData() + pos + 4);
        const qsizetype body = pos + 8;
        if (id == "fmt ") {
            channels = qFromLittleEndian<quint16>(bytes.constData() + body + 2);
            *sampleRate = int(qFromLittleEndian<quint32>(bytes.constData() + body + 4));
            bits = qFromLittleEndian<quint16>(bytes.constData() + body + 14);
        } else if (id == "data") {
            if (bits != 16 || channels < 1)
                return std::nullopt;
            if (size == 0 || size == 0xFFFFFFFFu || body + qsizetype(size) > bytes.size())
                size = quint32(bytes.size() - body);
            QList<qint16> out;
            const qsizetype frames = qsizetype(size) / (2 * channels);
            out.reserve(frames);
            for (qsizetype i = 0; i < frames; ++i) {
                int sum = 0;
                for (int c = 0; c < channels; ++c)
                    sum += qFromLittleEndian<qint16>(bytes.constData() + body + (i * channels + c) * 2);
                out.append(qint16(sum / channels));
            }
            return out;
        }
        pos = body + qsizetype(size) + (size & 1);
    }
    return std::nullopt;
}

QByteArray writeWav(const QList<qint16>& pcm, int sampleRate)
{
    QByteArray out;
    auto u32 = [&out](quint32 v) {
        char b[4];
        qToLittleEndian(v, b);
        out.append(b, 4);
    };
    auto u16 = [&out](quint16 v) {
        char b[2];
        qToLittleEndian(v, b);
        out.append(b, 2);
    };
    const quint32 dataBytes = quint32(pcm.size() * 2);
    out += "RIFF";
    u32(36 + dataBytes);
    out += "WAVEfmt ";
    u32(16);
    u16(1);
    u16(1);
    u32(quint32(sampleRate));
    u32(quint32(sampleRate * 2));
    u16(2);
    u16(16);
    out += "data";
    u32(dataBytes);
    for (qint16 s : pcm)
        u16(quint16(s));
    return out;
}

std::optional<FixtureClips> FixtureClips::synthesize(const QStringList& texts, const QString& cacheDir, QString* error)
{
    FixtureClips out;
    QDir().mkpath(cacheDir);
    for (const QString& text : texts) {
        const QString hash =
            QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1).toHex().left(16));
        const QString path = QDir(cacheDir).filePath(hash + QStringLiteral(".wav"));
        if (!QFile::exists(path)) {
            if (!espeakAvailable()) {
                if (error)
                    *error = QStringLiteral("espeak-ng is not installed (apt-get install espeak-ng)");
                return std::nullopt;
            }
            QProcess espeak;
            espeak.start(QStringLiteral("espeak-ng"),
                         {QStringLiteral("-v"), QStringLiteral("en-us"), QStringLiteral("-s"), QStringLiteral("165"),
                          QStringLiteral("-w"), path + QStringLiteral(".tmp"), text});
            if (!espeak.waitForFinished(30000) || espeak.exitCode() != 0) {
                if (error)
                    *error = QStringLiteral("espeak-ng failed: %1")
                                 .arg(QString::fromLocal8Bit(espeak.readAllStandardError()));
                return std::nullopt;
            }
            QFile::rename(path + QStringLiteral(".tmp"), path);
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            if (error)
                *error = file.errorString();
            return std::nullopt;
        }
        int rate = 0;
        const std::optional<QList<qint16>> pcm = readWavMono16(file.readAll(), &rate);
        if (!pcm) {
            if (error)
                *error = QStringLiteral("unreadable fixture %1").arg(path);
            return std::nullopt;
        }
        // Trim espeak's leading/trailing silence so gaps are exactly what utterance() asks for.
        qsizetype first = 0;
        qsizetype last = pcm->size();
        while (first < last && std::abs(pcm->at(first)) < 200)
            ++first;
        while (last > first && std::abs(pcm->at(last - 1)) < 200)
            --last;
        out.m_clips.append({text, resampleLinear(pcm->mid(first, last - first), rate, 16000)});
    }
    return out;
}

QList<qint16> FixtureClips::utterance(const QList<int>& indexes, int gapMs, int leadMs) const
{
    QList<qint16> out(qsizetype(leadMs) * 16, 0);
    for (qsizetype i = 0; i < indexes.size(); ++i) {
        if (i > 0)
            out += QList<qint16>(qsizetype(gapMs) * 16, 0);
        out += m_clips.at(indexes.at(i)).pcm;
    }
    out += QList<qint16>(qsizetype(leadMs) * 16, 0);
    return out;
}

QString FixtureClips::referenceText(const QList<int>& indexes) const
{
    QStringList parts;
    for (int i : indexes)
        parts << m_clips.at(i).text;
    return parts.join(QLatin1Char(' '));
}

} // namespace utter::test
