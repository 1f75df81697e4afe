#pragma once

#include "common/result.h"
#include "providers/style.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace utter::ui
{

// The style library on the Settings → Styles page: every style (built-ins and the Markdown files in the styles
// folder) in a list, and an editor for the selected one's name, description, model, temperature, timeout,
// minimum words and prompt. New, Duplicate and Delete work on files. A built-in cannot be changed in place: saving it
// writes the user's own copy (a file of the same name, which the library prefers), and deleting that copy brings the
// built-in back. Every field is checked as it is typed; Save writes the file atomically through StyleWriter only
// when every field is valid. While the selected style has unsaved changes the list is locked (save or revert).
class StyleEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StyleEditor)

public:
    explicit StyleEditor(QString stylesDir, QWidget* parent = nullptr);
    ~StyleEditor() override;

    // Re-reads the library (keeps the selection by name, drops unsaved changes).
    void reload();
    bool select(const QString& name);
    QString currentName() const;
    QStringList names() const;

    void newStyle();
    void duplicateStyle();
    // Deletes the selected style's file (asks first when confirm); built-ins have none.
    Status deleteStyle(bool confirm = true);
    // Writes the edited style; nothing is written while a field is invalid.
    Status save();
    void revert();

    bool isModified() const;
    // The first field with an error after checking them all, or null.
    QWidget* validate();
    QString statusText() const;
    // The error shown under a field ("name", "temperature", "timeout", "minWords", "prompt"), empty when none.
    QString fieldError(const QString& field) const;

    QListWidget* list() const { return m_list; }
    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* descriptionEdit() const { return m_description; }
    QLineEdit* modelEdit() const { return m_model; }
    QLineEdit* temperatureEdit() const { return m_temperature; }
    QLineEdit* timeoutEdit() const { return m_timeout; }
    QLineEdit* minWordsEdit() const { return m_minWords; }
    QPlainTextEdit* promptEdit() const { return m_prompt; }
    QPushButton* saveButton() const { return m_save; }
    QPushButton* deleteButton() const { return m_delete; }

signals:
    // A style file was written or deleted.
    void stylesChanged();

private:
    enum class Kind
    {
        Raw,         // the built-in without a prompt: nothing to edit
        BuiltIn,     // shipped with Utter; saving writes a copy
        BuiltInCopy, // the user's file that replaces a built-in
        User,        // the user's own style file
        Draft,       // new or duplicated, not on disk yet
    };

    void fillList(const QString& selectName);
    void showStyle(const Style& style, Kind kind);
    void onSelectionChanged();
    void onEdited();
    Style editedStyle() const;
    Kind kindOf(const Style& style) const;
    QString uniqueName(const QString& base) const;
    void startDraft(Style style);
    void setStatus(const QString& text, bool isError);
    void updateButtons();

    QString m_dir;
    StyleLibrary m_library;
    QStringList m_builtinNames;
    Style m_baseline;
    Kind m_kind = Kind::Raw;
    bool m_loading = false;

    QListWidget* m_list = nullptr;
    QPushButton* m_new = nullptr;
    QPushButton* m_duplicate = nullptr;
    QPushButton* m_delete = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_description = nullptr;
    QLineEdit* m_model = nullptr;
    QLineEdit* m_temperature = nullptr;
    QLineEdit* m_timeout = nullptr;
    QLineEdit* m_minWords = nullptr;
    QPlainTextEdit* m_prompt = nullptr;
    QLabel* m_nameError = nullptr;
    QLabel* m_temperatureError = nullptr;
    QLabel* m_timeoutError = nullptr;
    QLabel* m_minWordsError = nullptr;
    QLabel* m_promptError = nullptr;
    QLabel* m_note = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_revert = nullptr;
};

} // namespace utter::ui
