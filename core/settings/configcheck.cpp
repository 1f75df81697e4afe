#include "configcheck.h"

#include "settingrules.h"
#include "settingsschema.h"

#include <QFile>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

struct ScannedLine
{
    int line = 0;
    QString key; // "group/name"
};

struct Scan
{
    QList<ScannedLine> keys;
    QList<SettingsProblem> syntax;
};

// QSettings names top-level keys' section [General]; our keys always have a group.
QString qualifiedKey(const QString& section, const QString& key)
{
    QString k = key.trimmed();
    k.replace(u'\\', u'/');
    if (section.isEmpty() || section.compare(u"General"_s, Qt::CaseInsensitive) == 0)
        return settingNameForIniKey(k);
    return section + u'/' + k;
}

Scan scanLines(const QByteArray& content)
{
    Scan scan;
    QString section;
    const QList<QByteArray> lines = content.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = QString::fromUtf8(lines.at(i)).trimmed();
        const int number = i + 1;
        if (line.isEmpty() || line.startsWith(u';') || line.startsWith(u'#'))
            continue;
        if (line.startsWith(u'[')) {
            if (!line.endsWith(u']') || line.size() < 3) {
                scan.syntax.append({{}, number, u"malformed section header \"%1\""_s.arg(line)});
                continue;
            }
            section = line.mid(1, line.size() - 2).trimmed();
            continue;
        }
        const qsizetype eq = line.indexOf(u'=');
        if (eq <= 0) {
            scan.syntax.append({{}, number, u"not a key=value line: \"%1\""_s.arg(line.left(60))});
            continue;
        }
        scan.keys.append({number, qualifiedKey(section, line.left(eq))});
    }
    return scan;
}

bool looksBinary(const QByteArray& content)
{
    return content.contains('\0') || QString::fromUtf8(content).contains(QChar::ReplacementCharacter);
}

} // namespace

ConfigReport ConfigCheck::inspect(const QString& path)
{
    ConfigReport report;
    QFile file(path);
    if (!file.exists())
        return report;
    report.exists = true;
    if (!file.open(QIODevice::ReadOnly)) {
        report.problems.append({{}, 0, u"cannot read the file (%1); using defaults"_s.arg(file.errorString())});
        return report;
    }
    const QByteArray content = file.readAll();
    if (looksBinary(content)) {
        report.problems.append({{}, 0, u"the file is not text (binary or invalid UTF-8); using defaults"_s});
        return report;
    }

    const Scan scan = scanLines(content);
    report.problems = scan.syntax;

    QHash<QString, int> lineOfKey;
    for (const ScannedLine& entry : scan.keys)
        lineOfKey.insert(entry.key.toLower(), entry.line);

    QSettings ini(path, QSettings::IniFormat);
    const QStringList keys = ini.allKeys();
    for (const QString& iniKey : keys) {
        const QString key = settingNameForIniKey(iniKey);
        const int line = lineOfKey.value(key.toLower(), 0);
        if (key.compare(SchemaVersionName, Qt::CaseInsensitive) == 0) {
            bool ok = false;
            report.schemaVersion = ini.value(iniKey).toString().toInt(&ok);
            if (!ok || report.schemaVersion < 1) {
                report.problems.append({key, line, u"schema version must be a positive whole number"_s});
                report.schemaVersion = 0;
            }
            continue;
        }
        const SettingSpec* spec = findSettingSpec(key);
        if (!spec) {
            report.problems.append({key, line, u"unknown key (ignored)"_s});
            continue;
        }
        const SettingSpec::Checked checked = spec->check(ini.value(iniKey));
        if (!checked.error.isEmpty()) {
            report.problems.append({spec->name, line,
                                    checked.error + u"; using the default \""_s +
                                        SettingSpec::Checked{spec->defaultValue, {}}.value.toString() + u'"'});
            continue;
        }
        report.values.insert(int(spec->key), checked.value);
    }
    // Rules between settings: of two keys that must differ, the later one in the schema (the cancel key, not the
    // dictation key) falls back to its default.
    const SettingLookup inFile = [&](SettingKey key) {
        return report.values.contains(int(key)) ? report.values.value(int(key)) : settingSpec(key).defaultValue;
    };
    const QList<SettingSpec>& schema = settingsSchema();
    for (auto spec = schema.crbegin(); spec != schema.crend(); ++spec) {
        if (!report.values.contains(int(spec->key)))
            continue;
        const QString conflict = settingConflict(spec->key, report.values.value(int(spec->key)), inFile);
        if (conflict.isEmpty())
            continue;
        report.problems.append({spec->name, lineOfKey.value(spec->name.toLower(), 0),
                                conflict + u"; using the default \""_s + spec->defaultValue.toString() + u'"'});
        report.values.remove(int(spec->key));
    }
    std::sort(report.problems.begin(), report.problems.end(),
              [](const SettingsProblem& a, const SettingsProblem& b) { return a.line < b.line; });
    return report;
}

bool ConfigCheck::hasSyntaxErrors(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray content = file.readAll();
    return looksBinary(content) || !scanLines(content).syntax.isEmpty();
}

} // namespace utter
