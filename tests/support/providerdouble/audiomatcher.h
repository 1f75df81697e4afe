#pragma once

#include <QList>
#include <QString>

#include <vector>

namespace utter::test
{

// Finds which known clips an audio recording contains, and where, by comparing log-spectral band features
// (robust to Opus coding and gain) of every clip at every offset. This lets the provider double answer with the
// reference texts of what was really uploaded — tests then prove nothing was lost, duplicated or reordered.
class AudioMatcher final
{
public:
    struct Match
    {
        int clip = -1;
        double startS = 0;
        double endS = 0;
        double distance = 0; // lower is closer
    };

    // Clips at 16 kHz mono.
    void addClip(const QList<qint16>& pcm16k);
    qsizetype clipCount() const { return qsizetype(m_clips.size()); }

    // Matches in time order.
    QList<Match> identify(const QList<qint16>& pcm16k) const;

    // Seconds of audio louder than the silence floor (for "is this only silence?").
    static double voicedSeconds(const QList<qint16>& pcm16k);

    double threshold = 0.55; // mean normalised band distance accepted as a match

private:
    struct Features
    {
        std::vector<std::vector<float>> bands; // per 10 ms frame, mean-removed log band energies
        std::vector<float> energy;             // per frame, log energy
        std::vector<bool> voiced;
    };
    static Features extract(const QList<qint16>& pcm);
    static double distance(const Features& clip, const Features& audio, size_t offset);

    std::vector<Features> m_clips;
};

} // namespace utter::test
