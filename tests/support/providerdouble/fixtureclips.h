#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace utter::test
{

// A spoken sentence with its reference text, 16 kHz mono.
struct FixtureClip
{
    QString text;
    QList<qint16> pcm;
    double durationS() const { return double(pcm.size()) / 16000.0; }
};

// Fixture utterances synthesised with espeak-ng at test time (deterministic for a given espeak-ng version) and
// cached as WAV in a directory, so the provider double can recognise them in uploaded audio.
class FixtureClips final
{
public:
    // The default sentences: distinct in length and sound.
    static QStringList defaultTexts();

    // Synthesises (or loads from cacheDir) one clip per text; nullopt with *error when espeak-ng is missing.
    static std::optional<FixtureClips> synthesize(const QStringList& texts, const QString& cacheDir,
                                                  QString* error = nullptr);
    static bool espeakAvailable();

    const QList<FixtureClip>& clips() const { return m_clips; }
    const FixtureClip& at(qsizetype i) const { return m_clips.at(i); }
    qsizetype size() const { return m_clips.size(); }

    // The clips with the given indexes one after the other, separated by gapMs of silence (with leadMs before
    // the first), as one 16 kHz buffer — what a user saying those sentences would produce.
    QList<qint16> utterance(const QList<int>& indexes, int gapMs = 400, int leadMs = 200) const;
    QString referenceText(const QList<int>& indexes) const;

private:
    QList<FixtureClip> m_clips;
};

// 16-bit PCM WAV read/write (for the cache and the double's WAV uploads).
std::optional<QList<qint16>> readWavMono16(const QByteArray& bytes, int* sampleRate);
QByteArray writeWav(const QList<qint16>& pcm, int sampleRate);

} // namespace utter::test
