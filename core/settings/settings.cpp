#include "settings.h"

#include "configcheck.h"
#include "logging/logging.h"
#include "paths/locations.h"
#include "settingrules.h"
#include "settingsschema.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

Settings::Settings(QString filePath, QObject* parent)
    : QObject(parent)
    , m_filePath(std::move(filePath))
{
    load();
}

Settings::~Settings() = default;

const char* Settings::environmentOverride(SettingKey key)
{
    switch (key) {
    case SettingKey::TranscribeUrl:
        return "UTTER_TRANSCRIBE_URL";
    case SettingKey::TranscribeFallbackUrl:
        return "UTTER_TRANSCRIBE_FALLBACK_URL";
    case SettingKey::TransformUrl:
        return "UTTER_TRANSFORM_URL";
    case SettingKey::SpeechUrl:
        return "UTTER_SPEECH_URL";
    case SettingKey::SpeechFallbackUrl:
        return "UTTER_SPEECH_FALLBACK_URL";
    default:
        return nullptr;
    }
}

void Settings::load()
{
    const ConfigReport report = ConfigCheck::inspect(m_filePath);
    m_values = report.values;
    m_problems = report.problems;
    for (const SettingsProblem& problem : std::as_const(m_problems)) {
        if (problem.key.isEmpty())
            qCWarning(lcSettings).noquote() << m_filePath << u"line"_s << problem.line << problem.message;
        else
            qCWarning(lcSettings).noquote()
                << m_filePath << u"line"_s << problem.line << problem.key << problem.message;
    }
}

int Settings::reload()
{
    QHash<int, QVariant> before;
    for (const SettingSpec& spec : settingsSchema())
        before.insert(int(spec.key), value(spec.key));
    load();
    int differing = 0;
    for (const SettingSpec& spec : settingsSchema()) {
        if (before.value(int(spec.key)) != value(spec.key)) {
            ++differing;
            emit changed(spec.key);
        }
    }
    return differing;
}

QVariant Settings::value(SettingKey key) const
{
    const SettingSpec& spec = settingSpec(key);
    if (const char* variable = environmentOverride(key)) {
        const QString fromEnv = qEnvironmentVariable(variable);
        if (!fromEnv.isEmpty()) {
            const SettingSpec::Checked checked = spec.check(fromEnv);
            if (checked.error.isEmpty())
                return checked.value;
        }
    }
    const auto it = m_values.constFind(int(key));
    return it != m_values.cend() ? it.value() : spec.defaultValue;
}

SettingSource Settings::source(SettingKey key) const
{
    if (const char* variable = environmentOverride(key)) {
        if (!qEnvironmentVariable(variable).isEmpty() &&
            settingSpec(key).check(qEnvironmentVariable(variable)).error.isEmpty())
            return SettingSource::Environment;
    }
    return m_values.contains(int(key)) ? SettingSource::File : SettingSource::Default;
}

Status Settings::write(const std::function<void(QSettings&)>& edit)
{
    const QFileInfo info(m_filePath);
    if (!Locations::ensurePrivateDir(info.absolutePath()))
        return Error(ErrorCode::Io, u"Cannot create the settings folder %1."_s.arg(info.absolutePath()));

    // A file QSettings cannot parse would be rewritten without its unreadable parts: keep a copy first.
    if (info.exists() && ConfigCheck::hasSyntaxErrors(m_filePath)) {
        const QString backup =
            m_filePath + u".corrupt-"_s + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
        QFile::copy(m_filePath, backup);
        qCWarning(lcSettings).noquote() << "settings file had syntax errors; kept a copy at" << backup;
    }

    QSettings file(m_filePath, QSettings::IniFormat);
    if (!file.contains(SchemaVersionName))
        file.setValue(SchemaVersionName, CurrentSchemaVersion);
    edit(file);
    file.sync();
    if (file.status() == QSettings::AccessError)
        return Error(ErrorCode::Io, u"Cannot write %1: check its permissions and free disk space."_s.arg(m_filePath));
    QFile::setPermissions(m_filePath, QFile::ReadOwner | QFile::WriteOwner);
    return {};
}

Status Settings::setValue(SettingKey key, const QVariant& raw)
{
    return setValues({{key, raw}});
}

Status Settings::setValues(const QList<std::pair<SettingKey, QVariant>>& raw)
{
    QHash<int, QVariant> checkedValues;
    for (const auto& [key, given] : raw) {
        const SettingSpec& spec = settingSpec(key);
        const SettingSpec::Checked checked = spec.check(given);
        if (!checked.error.isEmpty())
            return Error(ErrorCode::InvalidArgument, spec.name + u": "_s + checked.error + u'.');
        checkedValues.insert(int(key), checked.value);
    }
    const SettingLookup valueAfter = [&](SettingKey other) {
        return checkedValues.contains(int(other)) ? checkedValues.value(int(other)) : value(other);
    };
    for (auto it = checkedValues.cbegin(); it != checkedValues.cend(); ++it) {
        const SettingKey key = SettingKey(it.key());
        if (const QString conflict = settingConflict(key, it.value(), valueAfter); !conflict.isEmpty())
            return Error(ErrorCode::InvalidArgument, settingSpec(key).name + u": "_s + conflict + u'.');
    }

    QHash<int, QVariant> before;
    for (auto it = checkedValues.cbegin(); it != checkedValues.cend(); ++it)
        before.insert(it.key(), value(SettingKey(it.key())));
    const Status written = write([&](QSettings& file) {
        for (auto it = checkedValues.cbegin(); it != checkedValues.cend(); ++it) {
            const SettingSpec& spec = settingSpec(SettingKey(it.key()));
            const QString iniKey = iniKeyFor(spec.name);
            if (spec.type == SettingType::StringList)
                file.setValue(iniKey, it.value().toStringList());
            else if (spec.type == SettingType::Bool)
                file.setValue(iniKey, it.value().toBool() ? u"true"_s : u"false"_s);
            else
                file.setValue(iniKey, it.value().toString());
        }
    });
    if (!written)
        return written;
    for (auto it = checkedValues.cbegin(); it != checkedValues.cend(); ++it)
        m_values.insert(it.key(), it.value());
    // In the order given, so listeners see the changes as the caller listed them.
    for (const auto& entry : raw) {
        const SettingKey key = entry.first;
        if (before.contains(int(key)) && before.value(int(key)) != value(key)) {
            before.remove(int(key));
            emit changed(key);
        }
    }
    return {};
}

Status Settings::reset(SettingKey key)
{
    const SettingSpec& spec = settingSpec(key);
    const QVariant old = value(key);
    const Status written = write([&](QSettings& file) { file.remove(iniKeyFor(spec.name)); });
    if (!written)
        return written;
    m_values.remove(int(key));
    if (old != value(key))
        emit changed(key);
    return {};
}

} // namespace utter
