#pragma once

#include "audio/audioconfig.h"
#include "codec/oggopus.h"
#include "hallucinationguard.h"
#include "history/retention.h"
#include "platform/insertionseparator.h"
#include "platform/textoutput.h"
#include "vad/chunker.h"
#include "vad/vadconfig.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace utter
{

class Settings;

// How a dictation starts and ends (settings general/mode).
enum class DictationMode
{
    PushToTalk, // begin on key press, end on release
    Toggle,     // one press begins, the next ends
    HandsFree,  // one press begins; the dictation ends itself after audio/handsFreeStopMs of silence
};

QString dictationModeName(DictationMode mode); // "push-to-talk", "toggle", "hands-free"
std::optional<DictationMode> dictationModeFromName(const QString& name);

// Snapshot of every setting the dictation pipeline reads, taken when the service starts and again when a
// dictation begins (so a change in the settings window applies to the next dictation, never halfway through).
struct DictationConfig
{
    DictationMode mode = DictationMode::PushToTalk;
    QString style; // general/style; "raw" or empty = no style
    QString language;
    QStringList vocabulary;   // sent as the transcription prompt; also what the guard treats as a prompt echo
    QStringList replacements; // "from=>to", applied after assembly
    QStringList appStyles;    // "appid=style" rules, first match wins
    int maxInFlight = 3;
    int handsFreeStopMs = 2000;
    CaptureConfig capture;
    VadConfig vad;
    ChunkerConfig chunker;
    OggOpusOptions opus;
    RetentionPolicy retention;
    InsertOptions insert;
    SeparatorMode separator = SeparatorMode::Auto;

    HallucinationGuardConfig guardConfig() const;

    static DictationConfig fromSettings(const Settings& settings);
};

} // namespace utter
