#include "verbs.h"

#include "configcommand.h"
#include "devicescommand.h"
#include "historycommand.h"
#include "ipcverbs.h"
#include "lastcommand.h"
#include "lifecyclecommand.h"
#include "providercommands.h"
#include "secretcommand.h"
#include "segmentcommand.h"
#include "servecommand.h"
#include "transcribecommand.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

template<typename T>
std::function<std::unique_ptr<Command>()> factory()
{
    return [] { return std::make_unique<T>(); };
}

std::function<std::unique_ptr<Command>()> lifecycleVerb(const QString& action)
{
    return [action] { return std::make_unique<LifecycleCommand>(action); };
}

std::function<std::unique_ptr<Command>()> control(const QString& action)
{
    return [action] { return std::make_unique<ControlCommand>(action); };
}

QList<Verb> buildVerbs()
{
    return {
        {u"serve"_s, true, u"[--listen HOST:PORT] [--allow-root]"_s,
         u"Run the dictation service in the foreground (what a supervisor runs)"_s, factory<ServeCommand>()},
        {u"run"_s, true, u"[--supervisor auto|systemd|launchd|task|zinit|none]"_s,
         u"Start under the supervisor, then follow its logs until Ctrl-C"_s, lifecycleVerb(u"run"_s)},
        {u"start"_s, true, u"[--supervisor ...]"_s, u"Register the service with the supervisor and start it"_s,
         lifecycleVerb(u"start"_s)},
        {u"stop"_s, true, u"[--supervisor ...]"_s, u"Stop the service through the supervisor"_s,
         lifecycleVerb(u"stop"_s)},
        {u"status"_s, true, u"[--supervisor ...] [--quiet]"_s,
         u"The supervisor's view of the service plus its own health"_s, lifecycleVerb(u"status"_s)},
        {u"logs"_s, true, u"[--supervisor ...] [-f]"_s, u"Show the service's logs (-f follows)"_s,
         lifecycleVerb(u"logs"_s)},

        {u"toggle"_s, false, {}, u"Start or stop a dictation in the running instance"_s, control(u"toggle"_s)},
        {u"begin"_s, false, {}, u"Start a dictation (push-to-talk press)"_s, control(u"begin"_s)},
        {u"end"_s, false, {}, u"End the dictation and deliver its text (push-to-talk release)"_s, control(u"end"_s)},
        {u"cancel"_s, false, {}, u"Discard the current dictation"_s, control(u"cancel"_s)},
        {u"status"_s, false, u"[--json] [--follow] [--quiet]"_s,
         u"State of the running instance; --follow streams events as JSON lines"_s, factory<StatusCommand>()},
        {u"last"_s, false, u"[--raw] [--json]"_s, u"Print the last result"_s, factory<LastCommand>()},
        {u"transcribe"_s, false, u"FILE... [--style S] [--language xx] [--json]"_s,
         u"Transcribe audio files (no running instance needed)"_s, factory<TranscribeCommand>()},
        {u"transform"_s, false, u"[--style S] [TEXT|-]"_s, u"Apply a style to text, streaming the result"_s,
         factory<TransformCommand>()},
        {u"speak"_s, false, u"TEXT|- [--output FILE]"_s, u"Read text aloud through the speech endpoint"_s,
         factory<SpeakCommand>()},
        {u"devices"_s, false, u"[--json]"_s, u"List audio inputs, marking the default and the configured one"_s,
         factory<DevicesCommand>()},
        {u"segment"_s, false, u"FILE [--json]"_s, u"Show the chunks Utter would upload for an audio file"_s,
         factory<SegmentCommand>()},
        {u"doctor"_s, false, u"[--json]"_s,
         u"Diagnose audio, hotkeys, text output, keychain and providers, with fixes"_s, factory<DoctorCommand>()},
        {u"config"_s, false, u"get|set|list|check|path|migrate ..."_s, u"Read, change and check settings"_s,
         factory<ConfigCommand>()},
        {u"secret"_s, false, u"set|clear|status [NAME]"_s,
         u"Manage API keys (values are read from stdin, never from arguments)"_s, factory<SecretCommand>()},
        {u"history"_s, false,
         u"[search Q] [--limit N] [--json] | export --format json|csv|md [--output FILE] | delete ID"_s,
         u"Search and export past dictations"_s, factory<HistoryCommand>()},
    };
}

} // namespace

const QList<Verb>& verbs()
{
    static const QList<Verb> all = buildVerbs();
    return all;
}

const Verb* findVerb(const QString& name, bool headless)
{
    for (const Verb& verb : verbs()) {
        if (verb.name == name && verb.headless == headless)
            return &verb;
    }
    return nullptr;
}

} // namespace utter
