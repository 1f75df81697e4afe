#pragma once

#include "common/result.h"
#include "settings/settingkey.h"

#include <QList>
#include <QObject>
#include <QVariant>

#include <functional>

class QFormLayout;
class QLabel;
class QWidget;

namespace utter
{
class Settings;
}

namespace utter::ui
{

// Binds editors to settings keys and validates them with the schema (settingsschema.cpp): every edit is checked
// as it happens and its error shown under the field; apply() writes nothing unless every field is valid.
class SettingsForm final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsForm)

public:
    // An extra rule of the editor beyond the schema's (a key the capture widget could not record): returns an error
    // sentence or empty. What a value must be belongs in core (SettingSpec::rule, settingConflict), not here.
    using Rule = std::function<QString(const QVariant& value)>;

    explicit SettingsForm(Settings& settings, QObject* parent = nullptr);

    // Adds a row "label: editor" (with an error line under it) to the form and binds it to key. The editor is
    // created from the key's type unless one is given with its getter/setter and change signal hooked up.
    QWidget* addRow(QFormLayout* form, SettingKey key, const QString& label, const QString& help = {});
    void bind(QFormLayout* form, SettingKey key, const QString& label, QWidget* editor, std::function<QVariant()> get,
              std::function<void(const QVariant&)> set, const QString& help = {});
    void addRule(SettingKey key, Rule rule);
    // Call from the editor's change signal for custom editors.
    void edited(SettingKey key);

    QWidget* editor(SettingKey key) const;
    QVariant editorValue(SettingKey key) const;
    void setEditorValue(SettingKey key, const QVariant& value);
    QString errorFor(SettingKey key) const;

    // Re-validates all fields; the first invalid editor, or null.
    QWidget* validateAll();
    // Loads every editor from the settings.
    void load();
    // Writes the changed values; fails (writing nothing) when any field is invalid.
    Status apply();
    bool isModified() const;

signals:
    void validityChanged(bool allValid);
    void modified();

private:
    struct Field
    {
        SettingKey key;
        QWidget* editor = nullptr;
        QLabel* error = nullptr;
        std::function<QVariant()> get;
        std::function<void(const QVariant&)> set;
        QList<Rule> rules;
    };
    Field* find(SettingKey key);
    const Field* find(SettingKey key) const;
    QString check(const Field& field, QVariant* normalised) const;
    void showError(Field& field, const QString& error);

    Settings& m_settings;
    QList<Field> m_fields;
    bool m_loading = false;
};

// The label shown for a schema choice value ("push-to-talk" → "Push to talk").
QString choiceLabel(const QString& value);

} // namespace utter::ui
