#pragma once

#include "codec/oggopus.h"
#include "vad/chunker.h"
#include "vad/vadconfig.h"

#include <QAudioFormat>
#include <QString>

#include <optional>

namespace utter
{

class Settings;

// Snapshot of the capture settings, taken when capture opens.
struct CaptureConfig
{
    QString device;      // id or name; empty = the system default input (PulseAudio's on Linux)
    int preRollMs = 500; // audio kept from before begin()
    // The device stays open between dictations (the pre-roll keeps filling; the desktop's "microphone in use"
    // indicator stays on). When false, open() only remembers the device: begin() opens it, the dictation's end
    // closes it, and there is no pre-roll.
    bool keepOpen = true;
    int periodMs = 20; // requested QAudioSource buffer (PulseAudio may round it)
    // Capture in this format instead of asking for 16 kHz mono s16 (tests; devices that misreport support).
    std::optional<QAudioFormat> deviceFormat;

    static CaptureConfig fromSettings(const Settings& settings);
};

// The Opus settings for uploads and the archive.
OggOpusOptions opusOptionsFromSettings(const Settings& settings);

} // namespace utter
