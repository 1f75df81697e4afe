#pragma once

#include "common/result.h"
#include "settingkey.h"
#include "settingspec.h"

#include <QHash>
#include <QObject>
#include <QSettings>
#include <QVariant>

#include <memory>

namespace utter
{

// One problem found in the settings file: which key, where, and what is wrong.
struct SettingsProblem
{
    QString key;  // "audio/preRollMs"; empty for a problem with the file itself
    int line = 0; // 1-based line in the INI file, 0 when unknown
    QString message;
};

enum class SettingSource
{
    Default,
    File,
    Environment,
};

// The typed settings registry over one INI file (DESIGN §6). Every value is validated against the schema when
// read: a hand-edited or corrupt file never crashes Utter, invalid values fall back to their default with a
// warning. Environment overrides (UTTER_TRANSCRIBE_URL, ...) beat the file. Code on hot paths receives snapshot
// structs built from here, never this object.
class Settings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Settings)

public:
    explicit Settings(QString filePath, QObject* parent = nullptr);
    ~Settings() override;

    QString filePath() const { return m_filePath; }

    QVariant value(SettingKey key) const;
    bool boolValue(SettingKey key) const { return value(key).toBool(); }
    int intValue(SettingKey key) const { return value(key).toInt(); }
    double doubleValue(SettingKey key) const { return value(key).toDouble(); }
    QString stringValue(SettingKey key) const { return value(key).toString(); }
    QStringList stringListValue(SettingKey key) const { return value(key).toStringList(); }
    SettingSource source(SettingKey key) const;

    // Validates and stores a value; nothing is written when it is invalid (its type, its rule, or a rule between
    // settings such as "the cancel key differs from the dictation key") or the file cannot be written.
    Status setValue(SettingKey key, const QVariant& value);
    // The same for several values at once (the settings dialog's Apply): each is checked with the others already
    // in place, so two keys can trade values; all are written or none.
    Status setValues(const QList<std::pair<SettingKey, QVariant>>& values);
    // Removes the key from the file so the default applies again.
    Status reset(SettingKey key);

    // Re-reads the file (after an external edit) and emits changed() for every value that differs; returns how
    // many did.
    int reload();

    // Problems met while loading (invalid values, unknown keys, syntax errors), with line numbers.
    QList<SettingsProblem> problems() const { return m_problems; }

    // The environment variable that overrides a key, or nullptr.
    static const char* environmentOverride(SettingKey key);

signals:
    void changed(utter::SettingKey key);

private:
    void load();
    Status write(const std::function<void(QSettings&)>& edit);

    QString m_filePath;
    QHash<int, QVariant> m_values; // validated values from the file (absent = default)
    QList<SettingsProblem> m_problems;
};

} // namespace utter
