#include "styleeditor.h"

#include "providers/stylewriter.h"
#include "theme.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMap>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

namespace
{

constexpr int NameRole = Qt::UserRole;

QLabel* errorLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setObjectName(u"fieldError"_s);
    QPalette red = label->palette();
    red.setColor(QPalette::WindowText, errorTextColor(red));
    label->setPalette(red);
    label->hide();
    return label;
}

// A field with its error line under it, as the rest of the settings show them.
QWidget* withError(QWidget* editor, QLabel* error, QWidget* parent)
{
    auto* cell = new QWidget(parent);
    auto* column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(3);
    column->addWidget(editor);
    column->addWidget(error);
    return cell;
}

void showError(QLabel* label, QWidget* editor, const QString& error)
{
    label->setText(error);
    label->setVisible(!error.isEmpty());
    editor->setProperty("invalid", !error.isEmpty());
}

// A number typed the user's way (0,4 in German) or the file's way (0.4); empty = not set.
std::optional<double> parseNumber(const QString& text, bool* ok)
{
    *ok = true;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    double value = QLocale().toDouble(trimmed, ok);
    if (!*ok)
        value = QLocale::c().toDouble(trimmed, ok);
    if (!*ok)
        return std::nullopt;
    return value;
}

// A whole number (locale digits or plain ones); empty text is no value.
std::optional<int> parseWholeNumber(const QString& text, bool* ok)
{
    *ok = true;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    int value = QLocale().toInt(trimmed, ok);
    if (!*ok)
        value = QLocale::c().toInt(trimmed, ok);
    if (!*ok)
        return std::nullopt;
    return value;
}

QString formatNumber(double value)
{
    return QLocale().toString(value, 'g', 6);
}

} // namespace

StyleEditor::StyleEditor(QString stylesDir, QWidget* parent)
    : QWidget(parent)
    , m_dir(std::move(stylesDir))
{
    setObjectName(u"styleEditor"_s);
    for (const Style& style : StyleLibrary::builtins())
        m_builtinNames << style.name;

    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(16);

    auto* left = new QVBoxLayout;
    left->setSpacing(6);
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Styles"));
    m_list->setStyleSheet(u"QListWidget::item { padding: 3px 4px; }"_s);
    m_list->setUniformItemSizes(true);
    left->addWidget(m_list, 1);
    auto* listButtons = new QHBoxLayout;
    listButtons->setSpacing(4);
    m_new = new QPushButton(tr("Ne&w"), this);
    m_new->setToolTip(tr("Starts a new style of your own."));
    m_duplicate = new QPushButton(tr("Dupli&cate"), this);
    m_duplicate->setToolTip(tr("Starts a new style from a copy of the selected one."));
    m_delete = new QPushButton(tr("De&lete"), this);
    listButtons->addWidget(m_new);
    listButtons->addWidget(m_duplicate);
    listButtons->addWidget(m_delete);
    left->addLayout(listButtons);
    // The list is as wide as the buttons under it.
    m_list->setFixedWidth(std::max(170, listButtons->sizeHint().width()));
    outer->addLayout(left);

    auto* right = new QVBoxLayout;
    right->setSpacing(8);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(8);
    const auto addField = [this, form](const QString& label, QWidget* field, QWidget* editor) {
        auto* title = new QLabel(label, this);
        title->setBuddy(editor);
        editor->setAccessibleName(QString(label).remove(u'&').remove(u':'));
        form->addRow(title, field);
    };
    m_name = new QLineEdit(this);
    m_nameError = errorLabel(this);
    addField(tr("&Name:"), withError(m_name, m_nameError, this), m_name);
    m_description = new QLineEdit(this);
    m_description->setPlaceholderText(tr("One line for menus and lists"));
    addField(tr("Descr&iption:"), m_description, m_description);
    m_model = new QLineEdit(this);
    m_model->setPlaceholderText(tr("Default: the style model of the settings"));
    addField(tr("Mod&el:"), m_model, m_model);
    m_temperature = new QLineEdit(this);
    m_temperature->setPlaceholderText(tr("Default"));
    m_temperature->setMaximumWidth(110);
    m_temperatureError = errorLabel(this);
    addField(tr("Tempe&rature:"), withError(m_temperature, m_temperatureError, this), m_temperature);
    m_temperature->setAccessibleDescription(tr("From 0 (predictable) to 2 (inventive); empty for the default."));
    m_timeout = new QLineEdit(this);
    m_timeout->setPlaceholderText(tr("Default"));
    m_timeout->setMaximumWidth(110);
    m_timeoutError = errorLabel(this);
    addField(tr("Time&out (s):"), withError(m_timeout, m_timeoutError, this), m_timeout);
    m_timeout->setAccessibleDescription(
        tr("Seconds before the raw transcript is delivered instead; empty for the timeout above."));
    m_minWords = new QLineEdit(this);
    m_minWords->setPlaceholderText(tr("Default"));
    m_minWords->setMaximumWidth(110);
    m_minWordsError = errorLabel(this);
    addField(tr("Minimum word&s:"), withError(m_minWords, m_minWordsError, this), m_minWords);
    m_minWords->setAccessibleDescription(
        tr("Shorter texts are typed as spoken, without calling the style; empty for the default (3)."));
    m_prompt = new QPlainTextEdit(this);
    m_prompt->setTabChangesFocus(true);
    // Six lines: with the fields above and the buttons below it fits the settings window's default size.
    m_prompt->setMinimumHeight(m_prompt->fontMetrics().lineSpacing() * 6 + 12);
    m_promptError = errorLabel(this);
    addField(tr("&Prompt:"), withError(m_prompt, m_promptError, this), m_prompt);
    right->addLayout(form);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette muted = m_note->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_note->setPalette(muted);
    right->addWidget(m_note);
    auto* actions = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_revert = new QPushButton(tr("Discard c&hanges"), this);
    m_save = new QPushButton(tr("Save st&yle"), this);
    // In the platform's order and spacing.
    auto* box = new QDialogButtonBox(this);
    box->addButton(m_revert, QDialogButtonBox::ResetRole);
    box->addButton(m_save, QDialogButtonBox::ApplyRole);
    actions->addWidget(m_status, 1);
    actions->addWidget(box);
    right->addLayout(actions);
    outer->addLayout(right, 1);

    connect(m_list, &QListWidget::currentRowChanged, this, &StyleEditor::onSelectionChanged);
    connect(m_new, &QPushButton::clicked, this, &StyleEditor::newStyle);
    connect(m_duplicate, &QPushButton::clicked, this, &StyleEditor::duplicateStyle);
    connect(m_delete, &QPushButton::clicked, this, [this] { (void)deleteStyle(true); });
    connect(m_save, &QPushButton::clicked, this, [this] { (void)save(); });
    connect(m_revert, &QPushButton::clicked, this, &StyleEditor::revert);
    for (QLineEdit* edit : {m_name, m_description, m_model, m_temperature, m_timeout, m_minWords})
        connect(edit, &QLineEdit::textChanged, this, &StyleEditor::onEdited);
    connect(m_prompt, &QPlainTextEdit::textChanged, this, &StyleEditor::onEdited);
    reload();
}

StyleEditor::~StyleEditor() = default;

void StyleEditor::reload()
{
    const QString keep = currentName();
    m_library = StyleLibrary::load(m_dir);
    fillList(keep);
}

void StyleEditor::fillList(const QString& selectName)
{
    if (m_kind == Kind::Draft)
        m_kind = Kind::User; // the draft's list entry goes with the rest
    m_loading = true;
    m_list->clear();
    int selected = 0;
    for (const Style& style : m_library.styles()) {
        QString text = style.name;
        const Kind kind = kindOf(style);
        if (kind == Kind::BuiltIn || kind == Kind::Raw)
            text = tr("%1 · built-in").arg(style.name);
        else if (kind == Kind::BuiltInCopy)
            text = tr("%1 · your copy").arg(style.name);
        auto* item = new QListWidgetItem(text, m_list);
        item->setData(NameRole, style.name);
        item->setToolTip(style.description);
        if (style.name.compare(selectName, Qt::CaseInsensitive) == 0)
            selected = m_list->count() - 1;
    }
    m_loading = false;
    m_list->setCurrentRow(-1);
    m_list->setCurrentRow(selected);
}

StyleEditor::Kind StyleEditor::kindOf(const Style& style) const
{
    const bool builtinName = m_builtinNames.contains(style.name, Qt::CaseInsensitive);
    if (style.source == u"built-in"_s)
        return style.isRaw() ? Kind::Raw : Kind::BuiltIn;
    return builtinName ? Kind::BuiltInCopy : Kind::User;
}

QString StyleEditor::currentName() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->data(NameRole).toString() : QString();
}

QStringList StyleEditor::names() const
{
    return m_library.names();
}

bool StyleEditor::select(const QString& name)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(NameRole).toString().compare(name, Qt::CaseInsensitive) == 0) {
            m_list->setCurrentRow(row);
            return currentName().compare(name, Qt::CaseInsensitive) == 0;
        }
    }
    return false;
}

void StyleEditor::onSelectionChanged()
{
    if (m_loading)
        return;
    const QListWidgetItem* item = m_list->currentItem();
    if (!item)
        return;
    if (m_kind == Kind::Draft) {
        // Leaving an unsaved draft drops it (the list is locked while it has changes, so it had none).
        delete m_list->takeItem(m_list->count() - 1);
    }
    if (const std::optional<Style> style = m_library.find(item->data(NameRole).toString()))
        showStyle(*style, kindOf(*style));
}

void StyleEditor::showStyle(const Style& style, Kind kind)
{
    m_loading = true;
    m_baseline = style;
    m_kind = kind;
    m_name->setText(style.name);
    m_description->setText(style.description);
    m_model->setText(style.model);
    m_temperature->setText(style.temperature ? formatNumber(*style.temperature) : QString());
    m_timeout->setText(style.timeout ? formatNumber(double(style.timeout->count()) / 1000.0) : QString());
    m_minWords->setText(style.minimumWords ? QString::number(*style.minimumWords) : QString());
    m_prompt->setPlainText(style.systemPrompt);
    for (QLineEdit* edit : {m_name, m_description, m_model})
        edit->setCursorPosition(0); // show the start of a long value, not its end
    m_loading = false;

    const bool editable = kind != Kind::Raw;
    for (QWidget* field : std::initializer_list<QWidget*>{m_description, m_model, m_temperature, m_timeout, m_minWords})
        field->setEnabled(editable);
    m_prompt->setReadOnly(!editable);
    m_prompt->setPlaceholderText(editable ? tr("What the style does, e.g. “Rewrite the text as a short, friendly chat "
                                               "message. Keep names and numbers exactly.”")
                                          : QString());
    m_name->setEnabled(editable);
    // A built-in's name is what its copy must be called to replace it.
    m_name->setReadOnly(kind != Kind::User && kind != Kind::Draft);
    switch (kind) {
    case Kind::Raw:
        m_note->setText(tr("“raw” types the transcript as spoken, without calling a style; there is nothing to "
                           "edit."));
        break;
    case Kind::BuiltIn:
        m_note->setText(tr("A built-in style. Saving a change writes your own copy to the styles folder, which "
                           "replaces the built-in; deleting the copy brings the built-in back."));
        break;
    case Kind::BuiltInCopy:
        m_note->setText(tr("Your copy of the built-in style, in %1. “Restore built-in” deletes the copy.")
                            .arg(QDir::toNativeSeparators(style.source)));
        break;
    case Kind::User:
        m_note->setText(tr("Stored in %1.").arg(QDir::toNativeSeparators(style.source)));
        break;
    case Kind::Draft:
        m_note->setText(tr("Not saved yet: “Save style” writes it to the styles folder."));
        break;
    }
    m_delete->setText(kind == Kind::BuiltInCopy ? tr("Restore bui&lt-in") : tr("De&lete"));
    m_delete->setToolTip(kind == Kind::BuiltIn || kind == Kind::Raw ? tr("Built-in styles cannot be deleted.")
                                                                    : QString());
    validate();
    setStatus({}, false);
    updateButtons();
}

Style StyleEditor::editedStyle() const
{
    Style style = m_baseline; // keeps what the editor does not show (the source)
    style.name = m_name->text().trimmed();
    style.description = m_description->text().trimmed();
    style.model = m_model->text().trimmed();
    bool ok = false;
    style.temperature = parseNumber(m_temperature->text(), &ok);
    const std::optional<double> seconds = parseNumber(m_timeout->text(), &ok);
    style.timeout = seconds ? std::optional(std::chrono::milliseconds(qRound64(*seconds * 1000))) : std::nullopt;
    style.minimumWords = parseWholeNumber(m_minWords->text(), &ok);
    style.systemPrompt = m_prompt->toPlainText().trimmed();
    return style;
}

bool StyleEditor::isModified() const
{
    if (m_kind == Kind::Draft)
        return true;
    if (m_kind == Kind::Raw)
        return false;
    const Style edited = editedStyle();
    const bool badNumber =
        !m_temperatureError->isHidden() || !m_timeoutError->isHidden() || !m_minWordsError->isHidden();
    return badNumber || edited.name != m_baseline.name || edited.description != m_baseline.description.trimmed() ||
           edited.model != m_baseline.model || edited.temperature != m_baseline.temperature ||
           edited.timeout != m_baseline.timeout || edited.minimumWords != m_baseline.minimumWords ||
           edited.systemPrompt != m_baseline.systemPrompt.trimmed();
}

QWidget* StyleEditor::validate()
{
    if (m_kind == Kind::Raw) {
        for (auto [label, editor] : {std::pair<QLabel*, QWidget*>{m_nameError, m_name},
                                     {m_temperatureError, m_temperature},
                                     {m_timeoutError, m_timeout},
                                     {m_minWordsError, m_minWords},
                                     {m_promptError, m_prompt}})
            showError(label, editor, {});
        return nullptr;
    }
    // What a style may be is core's rule (validateStyle, shared with the loader and StyleWriter); the editor adds
    // what only it knows: text that is not a number, and a name another style already has.
    const Style edited = editedStyle();
    QMap<StyleField, QString> issues;
    for (const StyleIssue& issue : validateStyle(edited))
        issues.insert(issue.field, issue.message);
    const QString name = edited.name;
    QString nameError = issues.value(StyleField::Name);
    if (nameError.isEmpty() && (name.compare(m_baseline.name, Qt::CaseInsensitive) != 0 || m_kind == Kind::Draft)) {
        if (m_library.find(name))
            nameError = tr("There is already a style called “%1”.").arg(name);
    }
    showError(m_nameError, m_name, nameError);

    const auto optionalNumber = [](bool parsed, const QString& problem) {
        return parsed && problem.isEmpty() ? QString() : problem + u' ' + tr("Leave it empty for the default.");
    };
    bool ok = false;
    parseNumber(m_temperature->text(), &ok);
    showError(m_temperatureError, m_temperature,
              optionalNumber(ok, ok ? issues.value(StyleField::Temperature) : styleTemperatureProblem(-1)));
    parseNumber(m_timeout->text(), &ok);
    showError(m_timeoutError, m_timeout,
              optionalNumber(ok, ok ? issues.value(StyleField::Timeout) : styleTimeoutProblem(0)));
    parseWholeNumber(m_minWords->text(), &ok);
    showError(m_minWordsError, m_minWords,
              optionalNumber(ok, ok ? issues.value(StyleField::MinimumWords) : styleMinimumWordsProblem(0)));
    showError(m_promptError, m_prompt, issues.value(StyleField::Prompt));
    for (auto [label, editor] : {std::pair<QLabel*, QWidget*>{m_nameError, m_name},
                                 {m_temperatureError, m_temperature},
                                 {m_timeoutError, m_timeout},
                                 {m_minWordsError, m_minWords},
                                 {m_promptError, m_prompt}}) {
        if (!label->isHidden())
            return editor;
    }
    return nullptr;
}

void StyleEditor::onEdited()
{
    if (m_loading)
        return;
    validate();
    setStatus({}, false);
    updateButtons();
}

void StyleEditor::updateButtons()
{
    const bool modified = isModified();
    const bool valid = m_nameError->isHidden() && m_temperatureError->isHidden() && m_timeoutError->isHidden() &&
                       m_minWordsError->isHidden() && m_promptError->isHidden();
    m_save->setEnabled(modified && valid);
    m_revert->setEnabled(modified);
    // Switching styles would drop the changes: save or discard them first.
    m_list->setEnabled(!modified);
    m_new->setEnabled(!modified);
    m_duplicate->setEnabled(!modified && m_kind != Kind::Raw);
    m_delete->setEnabled(!modified && (m_kind == Kind::User || m_kind == Kind::BuiltInCopy));
    if (modified && m_status->text().isEmpty())
        m_list->setToolTip(tr("Save or discard the changes to pick another style."));
    else
        m_list->setToolTip({});
}

QString StyleEditor::uniqueName(const QString& base) const
{
    QString name = base;
    for (int n = 2; m_library.find(name); ++n)
        name = u"%1-%2"_s.arg(base).arg(n);
    return name;
}

void StyleEditor::startDraft(Style style)
{
    style.source.clear();
    m_loading = true;
    auto* item = new QListWidgetItem(tr("%1 · new").arg(style.name), m_list);
    item->setData(NameRole, style.name);
    m_list->setCurrentItem(item);
    m_loading = false;
    showStyle(style, Kind::Draft);
    m_name->setFocus(Qt::OtherFocusReason);
    m_name->selectAll();
}

void StyleEditor::newStyle()
{
    Style style;
    style.name = uniqueName(u"my-style"_s);
    startDraft(style);
}

void StyleEditor::duplicateStyle()
{
    if (m_kind == Kind::Raw || m_kind == Kind::Draft)
        return;
    Style style = editedStyle();
    style.name = uniqueName(m_baseline.name + u"-copy"_s);
    startDraft(style);
}

Status StyleEditor::deleteStyle(bool confirm)
{
    if (m_kind != Kind::User && m_kind != Kind::BuiltInCopy)
        return Error(ErrorCode::InvalidArgument, tr("Built-in styles cannot be deleted."));
    const QString name = m_baseline.name;
    if (confirm) {
        const QString question =
            m_kind == Kind::BuiltInCopy
                ? tr("Delete your copy of “%1”? The built-in style applies again.").arg(name)
                : tr("Delete the style “%1”? Its file is removed from the styles folder.").arg(name);
        if (QMessageBox::question(this, tr("Delete style"), question) != QMessageBox::Yes)
            return Error(ErrorCode::Cancelled, tr("Nothing was deleted."));
    }
    if (Status removed = StyleWriter::remove(m_dir, name); !removed.ok()) {
        setStatus(removed.error().message, true);
        return removed;
    }
    const bool restored = m_kind == Kind::BuiltInCopy;
    m_kind = Kind::User; // the selection changes below
    m_library = StyleLibrary::load(m_dir);
    fillList(restored ? name : QString());
    setStatus(restored ? tr("The built-in “%1” applies again.").arg(name) : tr("“%1” was deleted.").arg(name), false);
    emit stylesChanged();
    return {};
}

Status StyleEditor::save()
{
    if (!isModified())
        return {};
    if (QWidget* invalid = validate()) {
        invalid->setFocus(Qt::OtherFocusReason);
        const Error error(ErrorCode::InvalidArgument, tr("The style was not saved: fix the fields marked in red."));
        setStatus(error.message, true);
        return error;
    }
    const Style style = editedStyle();
    const Result<QString> written = StyleWriter::save(m_dir, style);
    if (!written.ok()) {
        setStatus(written.error().message, true);
        return written.error();
    }
    // A renamed style of the user's: the old file goes once the new one is safely written.
    const QString oldFile = StyleWriter::filePath(m_dir, m_baseline.name);
    if (m_kind == Kind::User && style.name != m_baseline.name &&
        QFileInfo(oldFile).canonicalFilePath() != QFileInfo(written.value()).canonicalFilePath()) {
        if (Status removed = StyleWriter::remove(m_dir, m_baseline.name); !removed.ok())
            setStatus(removed.error().message, true);
    }
    m_library = StyleLibrary::load(m_dir);
    fillList(style.name);
    setStatus(tr("Saved to %1.").arg(QDir::toNativeSeparators(written.value())), false);
    emit stylesChanged();
    return {};
}

void StyleEditor::revert()
{
    if (m_kind == Kind::Draft) {
        fillList(QString());
        return;
    }
    showStyle(m_baseline, m_kind);
}

void StyleEditor::setStatus(const QString& text, bool isError)
{
    m_status->setText(text);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
                     isError ? errorTextColor(palette) : palette.color(QPalette::PlaceholderText));
    m_status->setPalette(palette);
}

QString StyleEditor::statusText() const
{
    return m_status->text();
}

QString StyleEditor::fieldError(const QString& field) const
{
    const QLabel* label = field == u"name"_s          ? m_nameError
                          : field == u"temperature"_s ? m_temperatureError
                          : field == u"timeout"_s     ? m_timeoutError
                          : field == u"minWords"_s    ? m_minWordsError
                                                      : m_promptError;
    return label->isHidden() ? QString() : label->text();
}

} // namespace utter::ui
