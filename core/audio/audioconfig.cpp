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
    config.keepOpen = settings.boolValue(SettingKey::AudioKeepOpen);
    return config;
}

OggOpusOptions opusOptionsFromSettings(const Settings& settings)
{
    OggOpusOptions options;
    options.bitrate = settings.intValue(SettingKey::AudioOpusBitrate);
    // CELT at complexity 0: 947x real time with VAD and chunking against 175x for SILK at complexity 5 and 63x for
    // the libopusenc encoder used before, at the same distance from the original in Whisper's log-Mel features
    // (0.062 vs 0.066 and 0.069 with a quiet room's noise; 0.071 vs 0.051 on digitally clean speech) and 0.098
    // of WAV's size (bench/audio, sections 3 and 3b). Encoding speed matters for the last chunk, encoded after
    // the key is released when it was not encoded while spoken, and for long files.
    options.application = OpusApplication::LowDelay;
    options.complexity = 0;
    return options;
}

} // namespace utter
