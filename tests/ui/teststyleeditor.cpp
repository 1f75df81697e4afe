// The style library editor (Settings → Styles) on real style files: edit, new, duplicate, delete; built-ins get
// a user copy; inline validation; nothing is written while a field is invalid; the dialog's Apply saves it too.
#include "providers/style.h"
#include "providers/stylewriter.h"
#include "secrets/filesecretbackend.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"
#include "settingsdialog.h"
#include "styleeditor.h"
#include "testenv.h"

#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;
using namespace utter;
using namespace utter::ui;

class TestStyleEditor final : public QObject
{
    Q_OBJECT

private:
    QString stylesDir() const { return m_home->configDir() + u"/styles"_s; }
    QStringList files() const { return QDir(stylesDir()).entryList(QDir::Files | QDir::Hidden, QDir::Name); }
    QByteArray fileBytes(const QString& name) const
    {
        QFile f(StyleWriter::filePath(stylesDir(), name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    std::optional<Style> onDisk(const QString& name) const { return StyleLibrary::load(stylesDir()).find(name); }
    static QPushButton* button(QWidget& parent, const QString& text)
    {
        for (QPushButton* b : parent.findChildren<QPushButton*>()) {
            if (b->text() == text)
                return b;
        }
        return nullptr;
    }

private slots:
    void init()
    {
        m_home = std::make_unique<test::TestHome>();
        QVERIFY(QDir().mkpath(stylesDir()));
    }

    void cleanup() { m_home.reset(); }

    void listsBuiltinsAndFilesAccessibly()
    {
        Style mine;
        mine.name = u"chat"_s;
        mine.systemPrompt = u"Short chat message."_s;
        QVERIFY(StyleWriter::save(stylesDir(), mine).ok());
        StyleEditor editor(stylesDir());
        QCOMPARE(editor.names(), StyleLibrary::load(stylesDir()).names());
        QVERIFY(editor.names().contains(u"chat"_s));
        QCOMPARE(editor.list()->count(), editor.names().size());
        for (QWidget* w : std::initializer_list<QWidget*>{
                 editor.list(), editor.nameEdit(), editor.descriptionEdit(), editor.modelEdit(),
                 editor.temperatureEdit(), editor.timeoutEdit(), editor.minWordsEdit(), editor.promptEdit()})
            QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());
        // raw has nothing to edit and nothing to delete.
        QVERIFY(editor.select(u"raw"_s));
        QVERIFY(editor.promptEdit()->isReadOnly());
        QVERIFY(!editor.deleteButton()->isEnabled());
        QVERIFY(!editor.isModified());
    }

    void editingABuiltinWritesAUserCopy()
    {
        StyleEditor editor(stylesDir());
        QSignalSpy changed(&editor, &StyleEditor::stylesChanged);
        QVERIFY(editor.select(u"email"_s));
        QVERIFY(editor.nameEdit()->isReadOnly()); // the copy must keep the built-in's name
        QVERIFY(!editor.deleteButton()->isEnabled());
        QVERIFY(!editor.saveButton()->isEnabled());
        editor.modelEdit()->setText(u"deepseek-v4-pro"_s);
        editor.temperatureEdit()->setText(u"0.7"_s);
        editor.timeoutEdit()->setText(u"12"_s);
        editor.minWordsEdit()->setText(u"5"_s);
        editor.promptEdit()->setPlainText(u"Write it as a very short email."_s);
        QVERIFY(editor.isModified());
        QVERIFY(!editor.list()->isEnabled()); // save or discard before switching
        QVERIFY(editor.saveButton()->isEnabled());
        editor.saveButton()->click();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(files(), QStringList{u"email.md"_s});
        const std::optional<Style> saved = onDisk(u"email"_s);
        QVERIFY(saved);
        QCOMPARE(saved->model, u"deepseek-v4-pro"_s);
        QVERIFY(saved->temperature && saved->timeout);
        QCOMPARE(*saved->temperature, 0.7);
        QCOMPARE(saved->timeout->count(), 12000);
        QCOMPARE(saved->minimumWords, std::optional<int>(5));
        QCOMPARE(saved->systemPrompt, u"Write it as a very short email."_s);
        QVERIFY(!editor.isModified());
        QVERIFY(editor.list()->isEnabled());
        QCOMPARE(editor.currentName(), u"email"_s);
        QVERIFY(editor.list()->currentItem()->text().contains(u"email"_s));
        QVERIFY(editor.statusText().contains(u"email.md"_s));

        // The copy can be deleted, which brings the built-in back.
        QVERIFY(editor.deleteButton()->isEnabled());
        QVERIFY(editor.deleteStyle(false).ok());
        QVERIFY(files().isEmpty());
        QCOMPARE(editor.currentName(), u"email"_s);
        QCOMPARE(editor.promptEdit()->toPlainText(), StyleLibrary::load({}).find(u"email"_s)->systemPrompt);
        QCOMPARE(changed.count(), 2);
    }

    void newStyleIsValidatedInlineAndNeverSavedHalfValid()
    {
        StyleEditor editor(stylesDir());
        QPushButton* newButton = button(editor, u"Ne&w"_s);
        QVERIFY(newButton);
        newButton->click();
        QVERIFY(editor.isModified());
        QCOMPARE(editor.currentName(), u"my-style"_s);
        QCOMPARE(editor.nameEdit()->text(), u"my-style"_s);
        // An empty prompt is shown at once; nothing can be saved yet.
        QVERIFY(!editor.fieldError(u"prompt"_s).isEmpty());
        QVERIFY(!editor.saveButton()->isEnabled());

        editor.promptEdit()->setPlainText(u"Turn it into a haiku."_s);
        const QList<std::pair<QString, QString>> badNames = {
            {QString(), u"name"_s}, {u"has space"_s, u"name"_s}, {u"../up"_s, u"name"_s}, {u"Clean"_s, u"name"_s}};
        for (const auto& [name, field] : badNames) {
            editor.nameEdit()->setText(name);
            QVERIFY2(!editor.fieldError(field).isEmpty(), qPrintable(name));
            QVERIFY(!editor.saveButton()->isEnabled());
            QVERIFY(!editor.save().ok());
            QVERIFY(files().isEmpty());
        }
        editor.nameEdit()->setText(u"haiku"_s);
        QVERIFY(editor.fieldError(u"name"_s).isEmpty());
        for (const QString& t : {u"2.5"_s, u"-1"_s, u"warm"_s}) {
            editor.temperatureEdit()->setText(t);
            QVERIFY2(!editor.fieldError(u"temperature"_s).isEmpty(), qPrintable(t));
            QVERIFY(!editor.save().ok());
        }
        editor.temperatureEdit()->setText(u"1.2"_s);
        for (const QString& t : {u"0"_s, u"-3"_s, u"601"_s, u"soon"_s}) {
            editor.timeoutEdit()->setText(t);
            QVERIFY2(!editor.fieldError(u"timeout"_s).isEmpty(), qPrintable(t));
            QVERIFY(!editor.save().ok());
        }
        QVERIFY(files().isEmpty());
        QVERIFY(editor.statusText().contains(u"not saved"_s));
        editor.timeoutEdit()->clear(); // empty = the configured timeout
        QVERIFY(editor.fieldError(u"timeout"_s).isEmpty());
        for (const QString& n : {u"0"_s, u"2.5"_s, u"1001"_s, u"few"_s}) {
            editor.minWordsEdit()->setText(n);
            QVERIFY2(!editor.fieldError(u"minWords"_s).isEmpty(), qPrintable(n));
            // The editor says what the loader and StyleWriter say (validateStyle, one set of limits).
            QVERIFY2(editor.fieldError(u"minWords"_s).startsWith(styleMinimumWordsProblem(0)),
                     qPrintable(editor.fieldError(u"minWords"_s)));
            QVERIFY(!editor.saveButton()->isEnabled());
            QVERIFY(!editor.save().ok());
        }
        QVERIFY(files().isEmpty());
        editor.minWordsEdit()->clear(); // empty = the configured minimum
        QVERIFY(editor.saveButton()->isEnabled());
        QVERIFY(editor.save().ok());
        QCOMPARE(files(), QStringList{u"haiku.md"_s});
        const std::optional<Style> saved = onDisk(u"haiku"_s);
        QVERIFY(saved->temperature);
        QCOMPARE(*saved->temperature, 1.2);
        QVERIFY(!saved->timeout);
        QVERIFY(!saved->minimumWords);
        QCOMPARE(saved->systemPrompt, u"Turn it into a haiku."_s);
        QCOMPARE(editor.currentName(), u"haiku"_s);
    }

    void discardingADraftLeavesNoTrace()
    {
        StyleEditor editor(stylesDir());
        const int count = editor.list()->count();
        editor.newStyle();
        QCOMPARE(editor.list()->count(), count + 1);
        editor.revert();
        QCOMPARE(editor.list()->count(), count);
        QVERIFY(!editor.isModified());
        QVERIFY(files().isEmpty());
    }

    void duplicateRenameAndDelete()
    {
        StyleEditor editor(stylesDir());
        QVERIFY(editor.select(u"bullets"_s));
        editor.duplicateStyle();
        QCOMPARE(editor.nameEdit()->text(), u"bullets-copy"_s);
        QVERIFY(!editor.nameEdit()->isReadOnly());
        QVERIFY(editor.save().ok());
        QCOMPARE(onDisk(u"bullets-copy"_s)->systemPrompt, StyleLibrary::load({}).find(u"bullets"_s)->systemPrompt);

        // Renaming a user style moves its file.
        editor.nameEdit()->setText(u"points"_s);
        editor.descriptionEdit()->setText(u"Key points"_s);
        QVERIFY(editor.save().ok());
        QCOMPARE(files(), QStringList{u"points.md"_s});
        QCOMPARE(onDisk(u"points"_s)->description, u"Key points"_s);

        // Revert puts back what is on disk.
        editor.promptEdit()->setPlainText(u"changed"_s);
        editor.revert();
        QCOMPARE(editor.promptEdit()->toPlainText(), onDisk(u"points"_s)->systemPrompt);

        QVERIFY(editor.deleteStyle(false).ok());
        QVERIFY(files().isEmpty());
        QVERIFY(!editor.names().contains(u"points"_s));
        // Built-ins have no file to delete.
        QVERIFY(editor.select(u"clean"_s));
        QVERIFY(!editor.deleteStyle(false).ok());
    }

    void settingsApplySavesTheStyleAndRefusesHalfValid()
    {
        Settings settings(m_home->configDir() + u"/utter.ini"_s);
        SecretStore secrets(nullptr, std::make_unique<FileSecretBackend>(m_home->configDir() + u"/secrets.ini"_s));
        SettingsDialog dialog(settings, &secrets);
        dialog.setStylesDir(stylesDir());
        StyleEditor* editor = dialog.styleEditor();
        QVERIFY(editor);
        QSignalSpy changed(&dialog, &SettingsDialog::stylesChanged);
        QVERIFY(editor->select(u"formal"_s));
        editor->temperatureEdit()->setText(u"3"_s);
        dialog.showPage(SettingsDialog::Page::General);
        QVERIFY(!dialog.apply().ok());
        QCOMPARE(dialog.currentPage(), SettingsDialog::Page::Styles); // jumps to the bad field
        QVERIFY(files().isEmpty());
        editor->temperatureEdit()->setText(u"0.1"_s);
        QVERIFY(dialog.apply().ok());
        QCOMPARE(files(), QStringList{u"formal.md"_s});
        QCOMPARE(onDisk(u"formal"_s)->temperature.value_or(-1), 0.1);
        QCOMPARE(changed.count(), 1);
    }

private:
    std::unique_ptr<test::TestHome> m_home;
};

QTEST_MAIN(TestStyleEditor)
#include "teststyleeditor.moc"
