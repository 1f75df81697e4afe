#include "dictationconfig.h"

#include "platform/platformconfig.h"
#include "providers/providerconfig.h"
#include "settings/settings.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

QString dictationModeName(DictationMode mode)
{
    switch (mode) {
    case DictationMode::PushToTalk:
        return u"push-to-talk"_s;
    case DictationMode::Toggle:
        return u"toggle"_s;
    case DictationMode::HandsFree:
        return u"hands-free"_s;
    }
    return u"push-to-talk"_s;
}

std::optional<DictationMode> dictationModeFromName(const QString& name)
{
    for (const DictationMode mode : {DictationMode::PushToTalk, DictationMode::Toggle, DictationMode::HandsFree}) {
        if (dictationModeName(mode) == name)
            return mode;
    }
    return std::nullopt;
}

HallucinationGuardConfig DictationConfig::guardConfig() const
{
    HallucinationGuardConfig guard;
    guard.vocabulary = vocabulary;
    return guard;
}

DictationConfig DictationConfig::fromSettings(const Settings& settings)
{
    DictationConfig config;
    config.mode = dictationModeFromName(settings.stringValue(SettingKey::GeneralMode)).value_or(config.mode);
    config.style = settings.stringValue(SettingKey::GeneralStyle);
    config.language = settings.stringValue(SettingKey::GeneralLanguage);
    config.vocabulary = settings.stringListValue(SettingKey::TranscribeVocabulary);
    config.replacements = settings.stringListValue(SettingKey::OutputReplacements);
    config.appStyles = settings.stringListValue(SettingKey::TransformAppStyles);
    config.maxInFlight = settings.intValue(SettingKey::TranscribeMaxInFlight);
    config.handsFreeStopMs = settings.intValue(SettingKey::AudioHandsFreeStopMs);
    config.capture = CaptureConfig::fromSettings(settings);
    config.vad = VadConfig::fromSettings(settings);
    config.chunker = ChunkerConfig::fromSettings(settings);
    // Chunks are sized for what the endpoint bills: a request shorter than its minimum costs the minimum.
    config.chunker.minBilledMs = int(transcriptionMinimumBilledSeconds(settings) * 1000.0);
    config.opus = opusOptionsFromSettings(settings);
    config.retention = RetentionPolicy::fromSettings(settings);
    config.insert = OutputConfig::fromSettings(settings).options;
    config.separator =
        separatorModeFromName(settings.stringValue(SettingKey::OutputSeparator)).value_or(SeparatorMode::Auto);
    return config;
}

} // namespace utter
