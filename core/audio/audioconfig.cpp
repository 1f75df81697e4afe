#include "audioconfig.h"

#include "settings/settings.h"

namespace utter
{

// The Qt-free config structs of core/vad get their fromSettings() here, so core/vad never sees Qt.

VadConfig VadConfig::fromSettings(const Settings& settings)
{
    VadConfig config;
    config.sensitivity = settings.doubleValue(SettingKey::AudioVadSensitivity);
    return config;
}

ChunkerConfig ChunkerConfig::fromSettings(const Settings& settings)
{
    ChunkerConfig config;
    config.minPauseMs = settings.intValue(SettingKey::AudioMinPauseMs);
    config.targetChunkMs = settings.intValue(SettingKey::AudioTargetChunkS) * 1000;
    config.maxChunkMs = settings.intValue(SettingKey::AudioMaxChunkS) * 1000;
    // A target above the cap would never be reached: the cap wins.
    config.targetChunkMs = std::min(config.targetChunkMs, config.maxChunkMs);
    return config;
}

CaptureConfig CaptureConfig::fromSettings(const Settings& settings)
{
    CaptureConfig config;
    config.device = settings.stringValue(SettingKey::AudioDevice);
    config.preRollMs = settings.intValue(SettingKey::AudioPreRollMs);
    return config;
}

OggOpusOptions opusOptionsFromSettings(const Settings& settings)
{
    OggOpusOptions options;
    options.bitrate = settings.intValue(SettingKey::AudioOpusBitrate);
    // Complexity 5 instead of libopus' 10: the same size for speech at 24 kbit/s (0.088 vs 0.091 of WAV in
    // bench/audio) at 1.7× the speed, which matters for the last chunk, encoded after the key is released.
    options.complexity = 5;
    return options;
}

} // namespace utter
