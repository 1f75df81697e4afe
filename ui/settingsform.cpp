#include "settingsform.h"

#include "settings/settingrules.h"
#include "settings/settings.h"
#include "settings/settingsschema.h"
#include "theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

QString choiceLabel(const QString& value)
{
    static const QHash<QString, const char*> labels = {
        {u"push-to-talk"_s, QT_TRANSLATE_NOOP("utter::ui::SettingsForm", "Push to talk — hold the key")},
        {u"toggle"_s, QT_TRANSLATE_NOOP("utter::ui::SettingsForm", "Toggle — press to start, press to stop")},
        {u"hands-free"_s, QT_TRANSLATE_NOOP("utter::ui::SettingsForm", "Hands-free — stops when you pause")},
        {u"top"_s, QT_TRANSLATE_NOOP("utter::ui::SettingsForm", "Top of the screen")},
        {u"bottom"_s, QT_TRANSLATE_NOOP("utter::ui::SettingsForm", "Bottom of the screen")},
        {u"off"_s, QT_TRANSLATE_NOOP("utter::ui::SettingsForm", "Hidden")},
        {u"all"_s, QT_TRANSLATE_NOOP("utter::ui::SettingsForm", "Keep everything")},
        {u"days"_s, QT_TRANSLATE_NOOP("utter::ui::SettingsForm", "Keep the last N days")},
        {u"entries"_s, QT_TRANSLATE_NOOP("utter::ui::SettingsForm", "Keep the last N dictations")},
        {u"none"_s, QT_TRANSLATE_NOOP("utter::ui::SettingsForm", "Keep nothing")},
    };
    const char* label = labels.value(value);
    return label ? SettingsForm::tr(label) : value;
}

SettingsForm::SettingsForm(Settings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
{}

QWidget* SettingsForm::addRow(QFormLayout* form, SettingKey key, const QString& label, const QString& help)
{
    const SettingSpec& spec = settingSpec(key);
    QWidget* parent = form->parentWidget();
    switch (spec.type) {
    case SettingType::Bool: {
        auto* box = new QCheckBox(label, parent);
        bind(
            form, key, QString(), box, [box] { return QVariant(box->isChecked()); },
            [box](const QVariant& v) { box->setChecked(v.toBool()); }, help);
        connect(box, &QCheckBox::toggled, this, [this, key] { edited(key); });
        return box;
    }
    case SettingType::Int: {
        auto* spin = new QSpinBox(parent);
        spin->setRange(int(spec.minimum), int(spec.maximum));
        spin->setMinimumWidth(120);
        bind(
            form, key, label, spin, [spin] { return QVariant(spin->value()); },
            [spin](const QVariant& v) { spin->setValue(v.toInt()); }, help);
        connect(spin, &QSpinBox::valueChanged, this, [this, key] { edited(key); });
        return spin;
    }
    case SettingType::Double: {
        auto* spin = new QDoubleSpinBox(parent);
        spin->setRange(spec.minimum, spec.maximum);
        spin->setSingleStep(0.05);
        spin->setDecimals(2);
        spin->setMinimumWidth(120);
        bind(
            form, key, label, spin, [spin] { return QVariant(spin->value()); },
            [spin](const QVariant& v) { spin->setValue(v.toDouble()); }, help);
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this, key] { edited(key); });
        return spin;
    }
    case SettingType::Choice: {
        auto* combo = new QComboBox(parent);
        for (const QString& choice : spec.choices)
            combo->addItem(choiceLabel(choice), choice);
        bind(
            form, key, label, combo, [combo] { return combo->currentData(); },
            [combo](const QVariant& v) { combo->setCurrentIndex(std::max(0, combo->findData(v.toString()))); }, help);
        connect(combo, &QComboBox::currentIndexChanged, this, [this, key] { edited(key); });
        return combo;
    }
    case SettingType::StringList: {
        auto* edit = new QPlainTextEdit(parent);
        edit->setTabChangesFocus(true);
        edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 4 + 12);
        bind(
            form, key, label, edit,
            [edit] {
                QStringList lines;
                for (const QString& line : edit->toPlainText().split(u'\n')) {
                    if (!line.trimmed().isEmpty())
                        lines << line.trimmed();
                }
                return QVariant(lines);
            },
            [edit](const QVariant& v) { edit->setPlainText(v.toStringList().join(u'\n')); }, help);
        connect(edit, &QPlainTextEdit::textChanged, this, [this, key] { edited(key); });
        return edit;
    }
    case SettingType::String:
    case SettingType::Url: {
        auto* line = new QLineEdit(parent);
        if (spec.type == SettingType::Url)
            line->setPlaceholderText(u"https://…"_s);
        bind(
            form, key, label, line, [line] { return QVariant(line->text().trimmed()); },
            [line](const QVariant& v) { line->setText(v.toString()); }, help);
        connect(line, &QLineEdit::textChanged, this, [this, key] { edited(key); });
        return line;
    }
    }
    return nullptr;
}

void SettingsForm::bind(QFormLayout* form, SettingKey key, const QString& label, QWidget* editor,
                        std::function<QVariant()> get, std::function<void(const QVariant&)> set, const QString& help)
{
    QWidget* parent = form->parentWidget();
    auto* cell = new QWidget(parent);
    auto* column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(3);
    column->addWidget(editor);
    auto* error = new QLabel(cell);
    error->setWordWrap(true);
    error->setObjectName(u"fieldError"_s);
    QPalette red = error->palette();
    red.setColor(QPalette::WindowText, errorTextColor(red));
    error->setPalette(red);
    error->hide();
    column->addWidget(error);
    // Every other setting applies as soon as it is saved; the few that wait for a restart say so (core's spec, the
    // same sentence `utter config set` prints).
    const QString restart = settingSpec(key).restartNotice();
    if (!restart.isEmpty()) {
        auto* note = new QLabel(u"⟳ "_s + restart, cell);
        note->setObjectName(u"restartNote"_s);
        note->setWordWrap(true);
        QFont small = note->font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        note->setFont(small);
        column->addWidget(note);
    }
    if (!help.isEmpty()) {
        auto* hint = new QLabel(help, cell);
        hint->setWordWrap(true);
        QPalette muted = hint->palette();
        muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
        hint->setPalette(muted);
        QFont small = hint->font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        hint->setFont(small);
        column->addWidget(hint);
    }
    if (!help.isEmpty() || !restart.isEmpty())
        editor->setAccessibleDescription(QStringList{help, restart}.join(u' ').trimmed());
    if (label.isEmpty()) {
        // Check boxes carry their own text; they sit in the field column, aligned with the other editors.
        form->addRow(QString(), cell);
    } else {
        auto* title = new QLabel(label, parent);
        title->setBuddy(editor);
        form->addRow(title, cell);
        editor->setAccessibleName(QString(label).remove(u'&').remove(u':'));
    }
    if (editor->accessibleName().isEmpty())
        editor->setAccessibleName(settingSpec(key).description);
    m_fields.append(Field{key, editor, error, std::move(get), std::move(set), {}});
}

void SettingsForm::addRule(SettingKey key, Rule rule)
{
    if (Field* field = find(key))
        field->rules.append(std::move(rule));
}

SettingsForm::Field* SettingsForm::find(SettingKey key)
{
    for (Field& field : m_fields) {
        if (field.key == key)
            return &field;
    }
    return nullptr;
}

const SettingsForm::Field* SettingsForm::find(SettingKey key) const
{
    return const_cast<SettingsForm*>(this)->find(key);
}

QWidget* SettingsForm::editor(SettingKey key) const
{
    const Field* field = find(key);
    return field ? field->editor : nullptr;
}

QVariant SettingsForm::editorValue(SettingKey key) const
{
    const Field* field = find(key);
    return field ? field->get() : QVariant();
}

void SettingsForm::setEditorValue(SettingKey key, const QVariant& value)
{
    if (Field* field = find(key))
        field->set(value);
}

QString SettingsForm::errorFor(SettingKey key) const
{
    const Field* field = find(key);
    return field && !field->error->isHidden() ? field->error->text() : QString();
}

QString SettingsForm::check(const Field& field, QVariant* normalised) const
{
    const SettingSpec::Checked checked = settingSpec(field.key).check(field.get());
    if (!checked.error.isEmpty())
        return checked.error;
    // Rules between settings (the hotkeys must differ) compare with what the other fields show now.
    const SettingLookup shown = [this](SettingKey key) {
        const Field* other = find(key);
        return other ? settingSpec(key).check(other->get()).value : m_settings.value(key);
    };
    if (const QString conflict = settingConflict(field.key, checked.value, shown); !conflict.isEmpty())
        return conflict;
    for (const Rule& rule : field.rules) {
        if (const QString error = rule(checked.value); !error.isEmpty())
            return error;
    }
    if (normalised)
        *normalised = checked.value;
    return {};
}

void SettingsForm::showError(Field& field, const QString& error)
{
    field.error->setText(error);
    field.error->setVisible(!error.isEmpty());
    field.editor->setProperty("invalid", !error.isEmpty());
}

void SettingsForm::edited(SettingKey key)
{
    if (m_loading)
        return;
    // Rules may compare fields (hotkey conflicts), so re-check everything; it is cheap.
    const bool valid = validateAll() == nullptr;
    Q_UNUSED(key)
    emit validityChanged(valid);
    emit modified();
}

QWidget* SettingsForm::validateAll()
{
    QWidget* first = nullptr;
    for (Field& field : m_fields) {
        const QString error = check(field, nullptr);
        showError(field, error);
        if (!error.isEmpty() && !first)
            first = field.editor;
    }
    return first;
}

void SettingsForm::load()
{
    m_loading = true;
    for (Field& field : m_fields) {
        field.set(m_settings.value(field.key));
        showError(field, {});
    }
    m_loading = false;
    emit validityChanged(true);
}

bool SettingsForm::isModified() const
{
    for (const Field& field : m_fields) {
        QVariant value;
        if (!check(field, &value).isEmpty() || value != m_settings.value(field.key))
            return true;
    }
    return false;
}

Status SettingsForm::apply()
{
    if (validateAll())
        return Error(ErrorCode::InvalidArgument, tr("Some settings are not valid; fix the fields marked in red."));
    // One write for every changed value, so that two fields can trade values (the hotkeys) and nothing is half
    // saved.
    QList<std::pair<SettingKey, QVariant>> changed;
    for (Field& field : m_fields) {
        QVariant value;
        check(field, &value);
        if (value != m_settings.value(field.key))
            changed.append({field.key, value});
    }
    if (changed.isEmpty())
        return {};
    return m_settings.setValues(changed);
}

} // namespace utter::ui
