#pragma once

#include "common/result.h"
#include "pipeline/desktopintegration.h"
#include "settings/settingkey.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QStackedWidget;
class QToolButton;

namespace utter
{
class EndpointHealth;
class SecretStore;
class Settings;
} // namespace utter

namespace utter::ui
{

class KeyCaptureWidget;
class SettingsForm;
class StyleEditor;

// The settings window: general, hotkeys, audio, providers, styles, output, history, advanced. Every field is
// validated inline against the settings schema; OK/Apply write nothing unless every field is valid. API keys go
// to the keychain (SecretStore), shown masked.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    enum class Page
    {
        General,
        Hotkeys,
        Audio,
        Providers,
        Styles,
        Output,
        History,
        Advanced,
    };

    SettingsDialog(Settings& settings, SecretStore* secrets, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    SettingsForm& form() { return *m_form; }
    void showPage(Page page);
    Page currentPage() const;
    // Validates and saves settings and changed API keys; on error shows it and saves nothing.
    Status apply();
    // The masked key editor for a key name setting (TranscribeKeyName, ...), for tests.
    QLineEdit* secretEditor(const QString& which) const { return m_secretEdits.value(which); }
    // Text of the banner at the bottom (errors from apply, test results).
    QString statusText() const;
    // Diagnostics as "Copy diagnostics" puts them on the clipboard.
    QString diagnostics() const;
    // Shows under each key whether the service could grab it (another application may hold it), and follows
    // the service as it grabs a changed key again.
    void watchHotkeys(const DesktopIntegration* integration);
    // The warning under a key ("dictate", "cancel"), empty when none is shown.
    QString hotkeyWarning(const QString& id) const;
    // The style library editor on the Styles page; null without a styles folder.
    StyleEditor* styleEditor() const { return m_styleEditor; }
    // Adds the style library editor for the style files in dir (call once, before the dialog is shown).
    void setStylesDir(const QString& dir);
    // The "Endpoints and models" toggles (Providers, Styles): closed unless a setting behind one is customised.
    QList<QToolButton*> disclosures() const { return m_disclosures; }

signals:
    // A style file was saved or deleted.
    void stylesChanged();
    // "Run setup again…" (General page): the first-run assistant, from its first page.
    void setupRequested();

public slots:
    void accept() override;

private:
    QWidget* addPage(const QString& title, const QString& icon, QFormLayout** form);
    void buildGeneral();
    void buildHotkeys();
    void buildAudio();
    void buildProviders();
    void buildStyles();
    void buildOutput();
    void buildHistory();
    void buildAdvanced();
    // "Endpoints and models": a toggle row; bindDisclosure() makes rows [first, end) follow it, shown at once when
    // one of keys is not at its default.
    QToolButton* addDisclosure(QFormLayout* form, const QString& text);
    void bindDisclosure(QToolButton* toggle, QFormLayout* form, int first, int end, const QList<SettingKey>& keys);
    // A key capture field with its "not active" warning ("dictate", "cancel").
    void addKeyRow(QFormLayout* form, const QString& id, SettingKey key, const QString& label, bool allowEmpty,
                   const QString& help);
    // The input device and its live test.
    void addMicrophoneRows(QFormLayout* form);
    void addSecretRow(QFormLayout* form, const QString& which, const QString& label);
    void addTestButton(QFormLayout* form, const QString& which, int urlKey, int keyNameKey);
    QString secretNameFor(const QString& which) const;
    void setStatus(const QString& text, bool isError);
    void refreshHotkeyWarning(const QString& id);

    Settings& m_settings;
    SecretStore* m_secrets = nullptr;
    SettingsForm* m_form = nullptr;
    QListWidget* m_nav = nullptr;
    QStackedWidget* m_pages = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QLabel* m_status = nullptr;
    QHash<QString, QLineEdit*> m_secretEdits;
    QHash<QString, KeyCaptureWidget*> m_keyEditors;
    QHash<QString, QLabel*> m_hotkeyWarnings;
    QPointer<const DesktopIntegration> m_integration;
    QFormLayout* m_stylesForm = nullptr;
    StyleEditor* m_styleEditor = nullptr;
    QList<QToolButton*> m_disclosures;
    QHash<QToolButton*, QList<QWidget*>> m_disclosed; // what each disclosure shows, to open it on an error
    EndpointHealth* m_health = nullptr; // the "Test connection" buttons' probe (owns nothing; both are children)
};

} // namespace utter::ui
