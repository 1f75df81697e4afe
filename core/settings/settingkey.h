#pragma once

namespace utter
{

// Every setting Utter has. The table in settingsschema.cpp gives each its INI name, type, default and
// validator; add a key there and here together.
enum class SettingKey
{
    // general
    GeneralMode,          // push-to-talk | toggle | hands-free
    GeneralLanguage,      // ISO-639-1 spoken language, empty = detect
    GeneralStyle,         // style applied to dictations (raw = none)
    GeneralStartAtLogin,  // start the tray app with the desktop session
    GeneralUiLanguage,    // UI translation, empty = follow the system
                          // hotkeys
    HotkeyDictate,        // the push-to-talk / toggle key: "Ctrl+Alt+Space", "F9", "RightCtrl"
    HotkeyCancel,         // discards the current dictation; empty = none
                          // audio
    AudioDevice,          // device id or name, empty = the system default input
    AudioPreRollMs,       // audio kept from before the key press
    AudioKeepOpen,        // the microphone stays open between dictations (pre-roll, instant start)
    AudioVadSensitivity,  // 0 = only loud speech counts, 1 = everything above the noise floor
    AudioMinPauseMs,      // a pause at least this long may end a chunk
    AudioTargetChunkS,    // keep merging speech into a chunk until it is this long
    AudioMaxChunkS,       // hard cap, cut at the quietest point
    AudioHandsFreeStopMs, // hands-free mode ends the dictation after this much silence
    AudioOpusBitrate,     // bits per second for uploads and the archive
                          // transcription
    TranscribeUrl,
    TranscribeModel,
    TranscribeKeyName,
    TranscribeFallbackUrl,
    TranscribeFallbackModel,
    TranscribeFallbackKeyName,
    TranscribeVocabulary, // words sent as the prompt so the model spells them right
    TranscribeMaxInFlight,
    TranscribeAttempts,
    TranscribeTimeoutS,
    TranscribeStallS,
    TranscribeMinBilledS, // "auto" (by the endpoint's host: Groq 10 s) or seconds every request is billed at least
                          // transformation (styles)
    TransformUrl,
    TransformModel,
    TransformKeyName,
    TransformTimeoutS,
    TransformAppStyles, // "appid=style" rules, first match wins
                        // speech read-back
    SpeechUrl,
    SpeechModel,
    SpeechVoice,
    SpeechKeyName,
    SpeechFallbackUrl,
    SpeechFallbackModel,
    SpeechFallbackVoice,
    // output
    OutputMethods,          // ranked output methods, "auto" = the platform's default chain
    OutputRestoreClipboard, // put the user's clipboard back after a paste
    OutputPressEnter,       // press Enter after inserting
    OutputSeparator,        // between consecutive dictations: auto, space or none
    OutputReplacements,     // "from=>to" word replacements applied after assembly
                            // history
    HistoryRetention,       // all | days | entries | none
    HistoryRetentionValue,  // N for days/entries
    HistoryKeepAudio,       // move chunk audio to the archive
                            // HTTP front door
    HttpEnabled,
    HttpListen,        // HOST:PORT
    HttpAllowRemote,   // permit a non-loopback listen address
                       // desktop UI
    UiOverlayPosition, // top | bottom | off
    UiSounds,
    UiSoundVolume, // 0..100
    UiOnboardingDone,
};

} // namespace utter
