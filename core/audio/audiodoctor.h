#pragma once

#include "doctor/doctorcheck.h"

namespace utter
{

class Settings;

// The audio section of `utter doctor`: is there an input at all, which one is the default (PulseAudio's on
// Linux), and does the configured device exist. It never opens the microphone (that would light the privacy
// indicator for a diagnosis); `utter segment` and the settings window's microphone test do.
class AudioDoctor final : public DoctorContributor
{
public:
    explicit AudioDoctor(QString configuredDevice);
    static std::unique_ptr<AudioDoctor> fromSettings(const Settings& settings);

    QString section() const override { return QStringLiteral("audio"); }
    void run(QObject* context, std::function<void(QList<DoctorCheck>)> done) override;

private:
    QString m_configured;
};

} // namespace utter
