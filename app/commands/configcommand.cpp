#include "configcommand.h"

#include "appcontext.h"
#include "console.h"
#include "exitcode.h"
#include "settings/configcheck.h"
#include "settings/migrations.h"
#include "settings/settings.h"
#include "settings/settingsschema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

QString displayValue(const SettingSpec& spec, const QVariant& value)
{
    if (spec.type == SettingType::StringList)
        return value.toStringList().join(u", "_s);
    if (spec.type == SettingType::Bool)
        return value.toBool() ? u"true"_s : u"false"_s;
    return value.toString();
}

QJsonValue jsonValue(const SettingSpec& spec, const QVariant& value)
{
    switch (spec.type) {
    case SettingType::Bool:
        return value.toBool();
    case SettingType::Int:
        return value.toInt();
    case SettingType::Double:
        return value.toDouble();
    case SettingType::StringList:
        return QJsonArray::fromStringList(value.toStringList());
    default:
        return value.toString();
    }
}

QString sourceName(SettingSource source, SettingKey key)
{
    switch (source) {
    case SettingSource::Default:
        return u"default"_s;
    case SettingSource::File:
        return u"file"_s;
    case SettingSource::Environment:
        return u"env "_s + QString::fromLatin1(Settings::environmentOverride(key));
    }
    return {};
}

const SettingSpec* requireSpec(const QString& name)
{
    const SettingSpec* spec = findSettingSpec(name);
    if (!spec) {
        console::err(u"utter config: unknown key \"%1\"; `utter config list` shows every key."_s.arg(name));
    }
    return spec;
}

} // namespace

void ConfigCommand::describe(QCommandLineParser& parser) const
{
    parser.setApplicationDescription(
        u"Read, change and check Utter's settings.\n\n"
        "  get KEY          print a setting's effective value\n"
        "  set KEY VALUE    validate and store a value (lists: comma-separated)\n"
        "  list             every setting with its value and where it comes from\n"
        "  check            report each problem in the settings file with its line\n"
        "  path [--all]     the settings file (--all: every folder Utter uses)\n"
        "  migrate          move the file to the current schema: --dry-run (default), --apply, --rollback"_s);
    parser.addPositionalArgument(u"action"_s, u"get, set, list, check, path or migrate"_s,
                                 u"get|set|list|check|path|migrate"_s);
    parser.addPositionalArgument(u"args"_s, u"KEY and VALUE for get and set"_s, u"[KEY [VALUE]]"_s);
    parser.addOption({u"json"_s, u"Machine-readable output (list, check)."_s});
    parser.addOption({u"all"_s, u"With path: list every folder."_s});
    parser.addOption({u"dry-run"_s, u"With migrate: show what would change (the default)."_s});
    parser.addOption({u"apply"_s, u"With migrate: back the file up, then migrate it."_s});
    parser.addOption({u"rollback"_s, u"With migrate: restore the newest backup."_s});
}

int ConfigCommand::run(const QCommandLineParser& parser, AppContext& context)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        console::err(u"utter config: say what to do: get, set, list, check, path or migrate (see --help)."_s);
        return ExitUsage;
    }
    const QString action = positional.first();
    const QStringList args = positional.mid(1);
    const bool json = parser.isSet(u"json"_s);
    if (action == u"get"_s)
        return get(args, context);
    if (action == u"set"_s)
        return set(args, context);
    if (action == u"list"_s && args.isEmpty())
        return list(json, context);
    if (action == u"check"_s && args.isEmpty())
        return check(json, context);
    if (action == u"path"_s && args.isEmpty())
        return path(parser.isSet(u"all"_s), context);
    if (action == u"migrate"_s && args.isEmpty())
        return migrate(parser, context);
    console::err(u"utter config: \"%1\" is not a config action (or takes no arguments); use get, set, list, "
                 "check, path or migrate."_s.arg(positional.join(u' ')));
    return ExitUsage;
}

int ConfigCommand::get(const QStringList& args, AppContext& context)
{
    if (args.size() != 1) {
        console::err(u"utter config get: give exactly one KEY, e.g. `utter config get audio/preRollMs`."_s);
        return ExitUsage;
    }
    const SettingSpec* spec = requireSpec(args.first());
    if (!spec)
        return ExitUsage;
    console::out(displayValue(*spec, context.settings().value(spec->key)));
    return ExitOk;
}

int ConfigCommand::set(const QStringList& args, AppContext& context)
{
    if (args.size() != 2) {
        console::err(u"utter config set: give a KEY and a VALUE, e.g. `utter config set general/mode toggle`."_s);
        return ExitUsage;
    }
    const SettingSpec* spec = requireSpec(args.at(0));
    if (!spec)
        return ExitUsage;
    const Status stored = context.settings().setValue(spec->key, args.at(1));
    if (!stored) {
        console::err(u"utter config set: "_s + stored.error().message);
        return stored.error().code == ErrorCode::InvalidArgument ? ExitUsage : ExitFailed;
    }
    if (context.settings().source(spec->key) == SettingSource::Environment)
        console::err(u"Note: %1 is set in the environment, which overrides the file."_s.arg(
            QString::fromLatin1(Settings::environmentOverride(spec->key))));
    // Every other setting reaches a running Utter within a moment (it watches the file); say so when not.
    if (spec->needsRestart())
        console::err(
            u"Note: a running Utter does not apply %1 until it restarts. %2"_s.arg(spec->name, spec->restartNotice()));
    return ExitOk;
}

int ConfigCommand::list(bool json, AppContext& context)
{
    Settings& settings = context.settings();
    if (json) {
        QJsonArray entries;
        for (const SettingSpec& spec : settingsSchema()) {
            entries.append(QJsonObject{{u"key"_s, spec.name},
                                       {u"value"_s, jsonValue(spec, settings.value(spec.key))},
                                       {u"default"_s, jsonValue(spec, spec.defaultValue)},
                                       {u"source"_s, sourceName(settings.source(spec.key), spec.key)},
                                       {u"expected"_s, spec.expected()},
                                       {u"description"_s, spec.description},
                                       {u"appliesLive"_s, !spec.needsRestart()}});
        }
        console::outRaw(QJsonDocument(entries).toJson(QJsonDocument::Indented));
        return ExitOk;
    }
    for (const SettingSpec& spec : settingsSchema()) {
        const SettingSource source = settings.source(spec.key);
        QString line = spec.name + u" = "_s + displayValue(spec, settings.value(spec.key));
        if (source != SettingSource::Default)
            line += u"  ("_s + sourceName(source, spec.key) + u')';
        console::out(line);
    }
    return ExitOk;
}

int ConfigCommand::check(bool json, AppContext& context)
{
    const QString file = context.locations().settingsFile();
    const ConfigReport report = ConfigCheck::inspect(file);
    if (json) {
        QJsonArray problems;
        for (const SettingsProblem& p : report.problems)
            problems.append(QJsonObject{{u"key"_s, p.key}, {u"line"_s, p.line}, {u"message"_s, p.message}});
        console::outRaw(QJsonDocument(QJsonObject{{u"file"_s, file},
                                                  {u"exists"_s, report.exists},
                                                  {u"schemaVersion"_s, report.schemaVersion},
                                                  {u"problems"_s, problems}})
                            .toJson(QJsonDocument::Indented));
        return report.problems.isEmpty() ? ExitOk : ExitFailed;
    }
    if (!report.exists) {
        console::out(u"%1 does not exist yet; every setting has its default."_s.arg(file));
        return ExitOk;
    }
    for (const SettingsProblem& p : report.problems) {
        QString line = file + u':' + QString::number(p.line) + u": "_s;
        if (!p.key.isEmpty())
            line += p.key + u": "_s;
        console::out(line + p.message);
    }
    if (report.problems.isEmpty()) {
        console::out(u"%1: no problems."_s.arg(file));
        return ExitOk;
    }
    console::err(u"%1 problem(s) found; Utter uses the defaults for those keys. Fix them with `utter config set` "
                 "or in the file."_s.arg(report.problems.size()));
    return ExitFailed;
}

int ConfigCommand::path(bool all, AppContext& context)
{
    const Locations& l = context.locations();
    if (!all) {
        console::out(l.settingsFile());
        return ExitOk;
    }
    console::out(u"settings  "_s + l.settingsFile());
    console::out(u"styles    "_s + l.stylesDir());
    console::out(u"data      "_s + l.dataDir());
    console::out(u"journal   "_s + l.journalDir());
    console::out(u"history   "_s + l.historyDatabase());
    console::out(u"runtime   "_s + l.runtimeDir());
    console::out(u"logs      "_s + l.logFile());
    return ExitOk;
}

int ConfigCommand::migrate(const QCommandLineParser& parser, AppContext& context)
{
    const int modes =
        int(parser.isSet(u"dry-run"_s)) + int(parser.isSet(u"apply"_s)) + int(parser.isSet(u"rollback"_s));
    if (modes > 1) {
        console::err(u"utter config migrate: choose one of --dry-run, --apply or --rollback."_s);
        return ExitUsage;
    }
    SettingsMigrator migrator(context.locations().settingsFile());
    if (parser.isSet(u"rollback"_s)) {
        const Result<QString> restored = migrator.rollback();
        if (!restored) {
            console::err(u"utter config migrate: "_s + restored.error().message);
            return ExitNothingToDo;
        }
        console::out(u"Restored %1 from %2."_s.arg(context.locations().settingsFile(), restored.value()));
        return ExitOk;
    }
    const QList<SettingsMigration> steps = migrator.plan();
    if (steps.isEmpty()) {
        console::out(u"Nothing to migrate: the settings are at schema version %1."_s.arg(CurrentSchemaVersion));
        return ExitOk;
    }
    if (!parser.isSet(u"apply"_s)) {
        console::out(u"Dry run; these steps would run (add --apply to run them, a backup is made first):"_s);
        for (const SettingsMigration& step : steps)
            console::out(u"  v%1 -> v%2: %3"_s.arg(step.fromVersion).arg(step.toVersion).arg(step.description));
        return ExitOk;
    }
    const Result<QString> backup = migrator.apply();
    if (!backup) {
        console::err(u"utter config migrate: "_s + backup.error().message);
        return ExitFailed;
    }
    console::out(
        u"Migrated to schema version %1; the previous file is at %2 (undo with --rollback)."_s.arg(CurrentSchemaVersion)
            .arg(backup.value()));
    return ExitOk;
}

} // namespace utter
