#include "audiodoctor.h"

#include "audiodevices.h"
#include "settings/settings.h"

#include <QObject>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

AudioDoctor::AudioDoctor(QString configuredDevice)
    : m_configured(std::move(configuredDevice))
{}

std::unique_ptr<AudioDoctor> AudioDoctor::fromSettings(const Settings& settings)
{
    return std::make_unique<AudioDoctor>(settings.stringValue(SettingKey::AudioDevice));
}

void AudioDoctor::run(QObject* context, std::function<void(QList<DoctorCheck>)> done)
{
    QList<DoctorCheck> checks;
    const QList<AudioInput> inputs = AudioDevices::inputs();
    DoctorCheck found{section(), u"microphones"_s, CheckStatus::Ok, {}, {}, {}};
    if (inputs.isEmpty()) {
        found.status = CheckStatus::Fail;
        found.detail = u"No audio input was found."_s;
        found.fix = u"Connect a microphone, or check that PulseAudio/PipeWire (Linux), the microphone permission "
                    "(macOS) or the privacy settings (Windows) allow Utter to see one."_s;
    } else {
        QStringList names;
        for (const AudioInput& input : inputs)
            names.append(input.isDefault ? input.description + u" (default)"_s : input.description);
        found.detail = u"%1 input(s): %2"_s.arg(inputs.size()).arg(names.join(u", "_s));
    }
    checks.append(found);

    DoctorCheck chosen{section(), u"dictation input"_s, CheckStatus::Ok, {}, {}, {}};
    if (m_configured.isEmpty()) {
        const QString id = AudioDevices::defaultInputId();
        chosen.status = id.isEmpty() && !inputs.isEmpty() ? CheckStatus::Warn : chosen.status;
        chosen.detail = id.isEmpty() ? u"The system names no default input."_s : u"The system default: %1"_s.arg(id);
        if (id.isEmpty() && !inputs.isEmpty())
            chosen.fix = u"Choose one: utter config set audio/device \"<name from utter devices>\""_s;
    } else if (const Result<AudioInput> selected = AudioDevices::select(m_configured); selected.ok()) {
        chosen.detail = u"%1 (configured as \"%2\")"_s.arg(selected->description, m_configured);
    } else {
        chosen.status = CheckStatus::Fail;
        chosen.detail = selected.error().message;
        chosen.fix = u"Pick an input from `utter devices`, or clear the setting to follow the system default: "
                     "utter config set audio/device \"\""_s;
    }
    checks.append(chosen);
    QTimer::singleShot(0, context, [done = std::move(done), checks] { done(checks); });
}

} // namespace utter
