#include "settingsschema.h"

#include "settingrules.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

SettingSpec base(SettingKey key, QString name, SettingType type, QVariant def, QString description)
{
    SettingSpec s;
    s.key = key;
    s.name = std::move(name);
    s.type = type;
    s.defaultValue = std::move(def);
    s.description = std::move(description);
    return s;
}

SettingSpec boolean(SettingKey key, QString name, bool def, QString description)
{
    return base(key, std::move(name), SettingType::Bool, def, std::move(description));
}

SettingSpec integer(SettingKey key, QString name, int def, int min, int max, QString description)
{
    SettingSpec s = base(key, std::move(name), SettingType::Int, def, std::move(description));
    s.minimum = min;
    s.maximum = max;
    return s;
}

SettingSpec real(SettingKey key, QString name, double def, double min, double max, QString description)
{
    SettingSpec s = base(key, std::move(name), SettingType::Double, def, std::move(description));
    s.minimum = min;
    s.maximum = max;
    return s;
}

SettingSpec text(SettingKey key, QString name, QString def, QString description, bool allowEmpty = true)
{
    SettingSpec s = base(key, std::move(name), SettingType::String, std::move(def), std::move(description));
    s.allowEmpty = allowEmpty;
    return s;
}

SettingSpec choice(SettingKey key, QString name, QString def, QStringList choices, QString description)
{
    SettingSpec s = base(key, std::move(name), SettingType::Choice, std::move(def), std::move(description));
    s.choices = std::move(choices);
    return s;
}

SettingSpec url(SettingKey key, QString name, QString def, QString description, bool allowEmpty = true)
{
    SettingSpec s = base(key, std::move(name), SettingType::Url, std::move(def), std::move(description));
    s.allowEmpty = allowEmpty;
    return s;
}

SettingSpec list(SettingKey key, QString name, QStringList def, QString description)
{
    return base(key, std::move(name), SettingType::StringList, std::move(def), std::move(description));
}

// A setting with a rule beyond its type (settingrules.h); accepts is what `utter config list --json` and the
// error messages say is expected.
SettingSpec ruled(SettingSpec s, SettingSpec::Rule rule, const char* accepts)
{
    s.rule = rule;
    s.accepts = accepts;
    return s;
}

// A setting a running Utter applies only when it starts again (SettingSpec::restartReason).
SettingSpec atRestart(SettingSpec s, const char* reason)
{
    s.restartReason = reason;
    return s;
}

constexpr const char* kRetentionAtStart = QT_TRANSLATE_NOOP(
    "utter::Settings", "History is trimmed to this when Utter starts; a running Utter applies it at its next start.");
constexpr const char* kHttpAtStart = QT_TRANSLATE_NOOP(
    "utter::Settings", "The HTTP API is opened when the service starts: restart Utter (or `utter --headless serve`) "
                       "to apply this.");

QList<SettingSpec> buildSchema()
{
    using K = SettingKey;
    return {
        choice(K::GeneralMode, u"general/mode"_s, u"push-to-talk"_s, {u"push-to-talk"_s, u"toggle"_s, u"hands-free"_s},
               u"How the dictation key works"_s),
        ruled(text(K::GeneralLanguage, u"general/language"_s, {}, u"Spoken language (ISO-639-1, empty = detect)"_s),
              settingrules::language,
              QT_TRANSLATE_NOOP("utter::Settings", "a two-letter language code such as en, or nothing to detect it")),
        text(K::GeneralStyle, u"general/style"_s, u"raw"_s, u"Style applied to dictations (raw = none)"_s, false),
        boolean(K::GeneralStartAtLogin, u"general/startAtLogin"_s, false, u"Start Utter with the desktop session"_s),
        atRestart(text(K::GeneralUiLanguage, u"general/uiLanguage"_s, {}, u"UI language (empty = follow the system)"_s),
                  QT_TRANSLATE_NOOP("utter::Settings", "The interface language changes when Utter is started again.")),

        ruled(text(K::HotkeyDictate, u"hotkey/dictate"_s, u"Ctrl+Alt+Space"_s, u"Dictation key or chord"_s, false),
              settingrules::hotkey,
              QT_TRANSLATE_NOOP("utter::Settings", "a key such as F9 or RightCtrl, or a chord such as Ctrl+Alt+Space")),
        ruled(text(K::HotkeyCancel, u"hotkey/cancel"_s, {}, u"Key that discards the current dictation"_s),
              settingrules::hotkey,
              QT_TRANSLATE_NOOP("utter::Settings",
                                "a key such as F10 or a chord such as Ctrl+Alt+Backspace, or nothing for none")),

        text(K::AudioDevice, u"audio/device"_s, {}, u"Input device id or name (empty = system default)"_s),
        integer(K::AudioPreRollMs, u"audio/preRollMs"_s, 500, 0, 3000, u"Audio kept from before the key press (ms)"_s),
        boolean(K::AudioKeepOpen, u"audio/keepOpen"_s, false,
                u"Keep the microphone open between dictations (instant start with pre-roll; the desktop shows the "
                "microphone in use)"_s),
        real(K::AudioVadSensitivity, u"audio/vadSensitivity"_s, 0.5, 0.0, 1.0,
             u"Voice detection sensitivity (0 = loud speech only, 1 = most sensitive)"_s),
        integer(K::AudioMinPauseMs, u"audio/minPauseMs"_s, 400, 300, 5000,
                u"Shortest pause that may end a chunk (ms)"_s),
        integer(K::AudioTargetChunkS, u"audio/targetChunkSeconds"_s, 10, 1, 120,
                u"Keep merging speech into a chunk until it is this long (s)"_s),
        integer(K::AudioMaxChunkS, u"audio/maxChunkSeconds"_s, 60, 5, 600, u"Hard cap on a chunk's length (s)"_s),
        integer(K::AudioHandsFreeStopMs, u"audio/handsFreeStopMs"_s, 2000, 300, 30000,
                u"Hands-free mode stops after this much silence (ms)"_s),
        integer(K::AudioOpusBitrate, u"audio/opusBitrate"_s, 24000, 6000, 128000, u"Ogg Opus bitrate (bit/s)"_s),

        url(K::TranscribeUrl, u"transcribe/url"_s, u"https://api.groq.com/openai/v1"_s,
            u"Transcription endpoint (OpenAI-compatible base URL)"_s, false),
        text(K::TranscribeModel, u"transcribe/model"_s, u"whisper-large-v3-turbo"_s, u"Transcription model"_s, false),
        text(K::TranscribeKeyName, u"transcribe/keyName"_s, u"groq"_s,
             u"Name of the API key (utter secret set NAME)"_s),
        url(K::TranscribeFallbackUrl, u"transcribe/fallbackUrl"_s, {}, u"Fallback transcription endpoint"_s),
        text(K::TranscribeFallbackModel, u"transcribe/fallbackModel"_s, u"whisper-1"_s,
             u"Fallback transcription model"_s),
        text(K::TranscribeFallbackKeyName, u"transcribe/fallbackKeyName"_s, u"fallback"_s,
             u"Name of the fallback endpoint's API key"_s),
        list(K::TranscribeVocabulary, u"transcribe/vocabulary"_s, {}, u"Words the transcriber should spell right"_s),
        integer(K::TranscribeMaxInFlight, u"transcribe/maxInFlight"_s, 3, 1, 16, u"Chunks uploaded in parallel"_s),
        integer(K::TranscribeAttempts, u"transcribe/attempts"_s, 3, 1, 10, u"Attempts per request"_s),
        integer(K::TranscribeTimeoutS, u"transcribe/timeoutSeconds"_s, 60, 5, 600, u"Total timeout per request (s)"_s),
        integer(K::TranscribeStallS, u"transcribe/stallSeconds"_s, 15, 2, 600,
                u"A request silent this long is given up and retried (s)"_s),
        ruled(text(K::TranscribeMinBilledS, u"transcribe/minBilledSeconds"_s, u"auto"_s,
                   u"Shortest duration the endpoint bills per request (s; auto = 10 for Groq, else 0)"_s, false),
              settingrules::minBilledSeconds,
              QT_TRANSLATE_NOOP("utter::Settings", "auto, or a number of seconds from 0 to 600")),

        url(K::TransformUrl, u"transform/url"_s, u"https://api.deepseek.com"_s,
            u"Style endpoint (OpenAI-compatible base URL)"_s, false),
        text(K::TransformModel, u"transform/model"_s, u"deepseek-flash"_s, u"Style model"_s, false),
        text(K::TransformKeyName, u"transform/keyName"_s, u"deepseek"_s, u"Name of the style endpoint's API key"_s),
        integer(K::TransformTimeoutS, u"transform/timeoutSeconds"_s, 15, 1, 300,
                u"After this long the raw text is delivered (s)"_s),
        ruled(list(K::TransformAppStyles, u"transform/appStyles"_s, {}, u"Per-application styles as appid=style"_s),
              settingrules::appStyles,
              QT_TRANSLATE_NOOP("utter::Settings", "a comma-separated list of application=style")),

        url(K::SpeechUrl, u"speech/url"_s, {}, u"Read-back endpoint (/v1/audio/speech base URL)"_s),
        text(K::SpeechModel, u"speech/model"_s, u"kokoro"_s, u"Read-back model"_s),
        text(K::SpeechVoice, u"speech/voice"_s, u"af_heart"_s, u"Read-back voice"_s),
        text(K::SpeechKeyName, u"speech/keyName"_s, u"speech"_s, u"Name of the read-back endpoint's API key"_s),
        url(K::SpeechFallbackUrl, u"speech/fallbackUrl"_s, {}, u"Fallback read-back endpoint"_s),
        text(K::SpeechFallbackModel, u"speech/fallbackModel"_s, u"kokoro"_s, u"Fallback read-back model"_s),
        text(K::SpeechFallbackVoice, u"speech/fallbackVoice"_s, u"af_heart"_s, u"Fallback read-back voice"_s),

        list(K::OutputMethods, u"output/methods"_s, {u"auto"_s},
             u"Ranked text output methods (auto = platform default)"_s),
        boolean(K::OutputRestoreClipboard, u"output/restoreClipboard"_s, true,
                u"Restore the clipboard after pasting"_s),
        boolean(K::OutputPressEnter, u"output/pressEnter"_s, false, u"Press Enter after inserting"_s),
        choice(K::OutputSeparator, u"output/separator"_s, u"auto"_s, {u"auto"_s, u"space"_s, u"none"_s},
               u"Between consecutive dictations (auto: a space after text typed into the same window)"_s),
        ruled(list(K::OutputReplacements, u"output/replacements"_s, {}, u"Word replacements as from=>to"_s),
              settingrules::replacements, QT_TRANSLATE_NOOP("utter::Settings", "a comma-separated list of from=>to")),

        atRestart(choice(K::HistoryRetention, u"history/retention"_s, u"all"_s,
                         {u"all"_s, u"days"_s, u"entries"_s, u"none"_s}, u"Which dictations history keeps"_s),
                  kRetentionAtStart),
        atRestart(integer(K::HistoryRetentionValue, u"history/retentionValue"_s, 90, 1, 1000000,
                          u"N for days or entries retention"_s),
                  kRetentionAtStart),
        boolean(K::HistoryKeepAudio, u"history/keepAudio"_s, true, u"Keep each dictation's audio"_s),

        atRestart(boolean(K::HttpEnabled, u"http/enabled"_s, false, u"Serve the HTTP API in the daemon"_s),
                  kHttpAtStart),
        atRestart(
            ruled(text(K::HttpListen, u"http/listen"_s, u"127.0.0.1:8765"_s, u"HTTP API address as HOST:PORT"_s, false),
                  settingrules::listenAddress,
                  QT_TRANSLATE_NOOP("utter::Settings",
                                    "HOST:PORT with a numeric address or localhost, e.g. 127.0.0.1:8765")),
            kHttpAtStart),
        atRestart(boolean(K::HttpAllowRemote, u"http/allowRemote"_s, false, u"Allow a non-loopback HTTP address"_s),
                  kHttpAtStart),

        choice(K::UiOverlayPosition, u"ui/overlayPosition"_s, u"bottom"_s, {u"top"_s, u"bottom"_s, u"off"_s},
               u"Where the recording overlay appears"_s),
        boolean(K::UiSounds, u"ui/sounds"_s, true, u"Play start/stop/error sounds"_s),
        integer(K::UiSoundVolume, u"ui/soundVolume"_s, 60, 0, 100, u"Sound volume (%)"_s),
        boolean(K::UiOnboardingDone, u"ui/onboardingDone"_s, false, u"First-run assistant completed"_s),
    };
}

} // namespace

QString iniKeyFor(const QString& settingName)
{
    static const QString general = u"general/"_s;
    return settingName.startsWith(general, Qt::CaseInsensitive) ? settingName.mid(general.size()) : settingName;
}

QString settingNameForIniKey(const QString& iniKey)
{
    return iniKey.contains(u'/') ? iniKey : u"general/"_s + iniKey;
}

const QList<SettingSpec>& settingsSchema()
{
    static const QList<SettingSpec> schema = buildSchema();
    return schema;
}

const SettingSpec& settingSpec(SettingKey key)
{
    static const QHash<int, qsizetype> index = [] {
        QHash<int, qsizetype> h;
        for (qsizetype i = 0; i < settingsSchema().size(); ++i)
            h.insert(int(settingsSchema().at(i).key), i);
        return h;
    }();
    return settingsSchema().at(index.value(int(key)));
}

const SettingSpec* findSettingSpec(const QString& name)
{
    for (const SettingSpec& spec : settingsSchema()) {
        if (spec.name.compare(name, Qt::CaseInsensitive) == 0)
            return &spec;
    }
    return nullptr;
}

} // namespace utter
