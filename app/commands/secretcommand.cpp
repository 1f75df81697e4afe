#include "secretcommand.h"

#include "appcontext.h"
#include "console.h"
#include "exitcode.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

// The key names the configuration refers to, then any others stored in the file.
QStringList knownNames(AppContext& context)
{
    Settings& settings = context.settings();
    QStringList names;
    for (const SettingKey key : {SettingKey::TranscribeKeyName, SettingKey::TranscribeFallbackKeyName,
                                 SettingKey::TransformKeyName, SettingKey::SpeechKeyName}) {
        const QString name = settings.stringValue(key);
        if (!name.isEmpty() && !names.contains(name))
            names << name;
    }
    const QStringList stored = context.secrets().fileNames();
    for (const QString& name : stored) {
        if (!names.contains(name))
            names << name;
    }
    return names;
}

} // namespace

void SecretCommand::describe(QCommandLineParser& parser) const
{
    parser.setApplicationDescription(
        u"Manage API keys. Keys live in the OS keychain (a 0600 file when none answers); environment variables\n"
        "such as GROQ_API_KEY or UTTER_<NAME>_API_KEY always win.\n\n"
        "  set NAME       read the key from stdin (typed without echo on a terminal) and store it\n"
        "  clear NAME     remove the stored key\n"
        "  status [NAME]  where each key comes from (never the key itself)\n\n"
        "Example: utter secret set groq   (then paste the key)\n"
        "         printf %s \"$KEY\" | utter secret set deepseek"_s);
    parser.addPositionalArgument(u"action"_s, u"set, clear or status"_s, u"set|clear|status"_s);
    parser.addPositionalArgument(u"name"_s, u"Key name: groq, deepseek, fallback, ..."_s, u"[NAME]"_s);
    parser.addOption({u"json"_s, u"Machine-readable status."_s});
}

int SecretCommand::run(const QCommandLineParser& parser, AppContext& context)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        console::err(u"utter secret: say what to do: set NAME, clear NAME or status (see --help)."_s);
        return ExitUsage;
    }
    const QString action = positional.first();
    const QStringList args = positional.mid(1);
    if (action == u"status"_s)
        return status(args, parser.isSet(u"json"_s), context);
    if (action != u"set"_s && action != u"clear"_s) {
        console::err(u"utter secret: \"%1\" is not an action; use set, clear or status."_s.arg(action));
        return ExitUsage;
    }
    if (args.size() > 1 && action == u"set"_s) {
        // Do not echo the extra argument: it may well be the key itself.
        console::err(u"utter secret set: give only the key's NAME; the value is read from stdin so it never "
                     "appears in the process list or shell history."_s);
        return ExitUsage;
    }
    if (args.size() != 1) {
        console::err(u"utter secret %1: give exactly one key NAME, e.g. `utter secret %1 groq`."_s.arg(action));
        return ExitUsage;
    }
    if (!SecretStore::isValidName(args.first())) {
        console::err(u"utter secret: \"%1\" is not a valid key name; use lower-case letters, digits, '-' or '_'."_s.arg(
            args.first()));
        return ExitUsage;
    }
    return action == u"set"_s ? set(args.first(), context) : clear(args.first(), context);
}

int SecretCommand::set(const QString& name, AppContext& context)
{
    const std::optional<QString> value = console::readSecret(u"Paste the %1 API key and press Enter: "_s.arg(name));
    if (!value || value->isEmpty()) {
        console::err(u"utter secret set: no key was given on stdin; nothing was stored."_s);
        return ExitUsage;
    }
    const Result<SecretSource> stored = context.secrets().set(name, *value);
    if (!stored) {
        console::err(u"utter secret set: "_s + stored.error().message);
        return ExitFailed;
    }
    if (!context.secrets().fallbackWarning().isEmpty())
        console::err(u"Warning: "_s + context.secrets().fallbackWarning());
    console::out(u"Stored the %1 key in the %2."_s.arg(name, secretSourceName(stored.value())));
    for (const QString& variable : SecretStore::environmentVariables(name)) {
        if (!qEnvironmentVariable(variable.toLatin1().constData()).isEmpty())
            console::err(u"Note: %1 is set in the environment and takes precedence."_s.arg(variable));
    }
    return ExitOk;
}

int SecretCommand::clear(const QString& name, AppContext& context)
{
    const Status cleared = context.secrets().clear(name);
    if (!cleared) {
        console::err(u"utter secret clear: "_s + cleared.error().message);
        return ExitFailed;
    }
    console::out(u"Removed the stored %1 key."_s.arg(name));
    const SecretLookup remaining = context.secrets().lookup(name);
    if (remaining.source == SecretSource::Environment)
        console::err(u"Note: %1 still provides a %2 key from the environment."_s.arg(remaining.detail, name));
    return ExitOk;
}

int SecretCommand::status(const QStringList& names, bool json, AppContext& context)
{
    QStringList wanted = names.isEmpty() ? knownNames(context) : names;
    for (const QString& name : std::as_const(wanted)) {
        if (!SecretStore::isValidName(name)) {
            console::err(u"utter secret status: \"%1\" is not a valid key name."_s.arg(name));
            return ExitUsage;
        }
    }
    QJsonArray entries;
    for (const QString& name : std::as_const(wanted)) {
        const SecretLookup found = context.secrets().lookup(name);
        if (json) {
            entries.append(QJsonObject{
                {u"name"_s, name}, {u"source"_s, secretSourceName(found.source)}, {u"detail"_s, found.detail}});
            continue;
        }
        QString line = name + u": "_s + secretSourceName(found.source);
        if (!found.detail.isEmpty())
            line += u" ("_s + found.detail + u')';
        console::out(line);
    }
    if (json)
        console::outRaw(QJsonDocument(entries).toJson(QJsonDocument::Indented));
    return ExitOk;
}

} // namespace utter
