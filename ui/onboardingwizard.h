#pragma once

#include <QPointer>
#include <QWizard>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;

namespace utter
{
class DesktopIntegration;
class SecretStore;
class Settings;
} // namespace utter

namespace utter::ui
{

class KeyCaptureWidget;
class MicrophoneTest;

// The first-run assistant (docs/desktop-app.md, "First run"): welcome (what Utter is) → provider (Groq key with
// a live test, or your own server's URL tested against /models) → microphone (live level, a spoken test
// transcription, the idle-microphone privacy choice) → dictation key and mode (captured, grabbed at once, with a
// "press it now" check) → platform permissions → output test (Utter types into a field of the assistant) →
// how to dictate. Every step can be skipped with Next; "Skip setup" ends it for good (ui/onboardingDone);
// closing it half-way brings it back at the next start, resuming after the steps already done (a stored key
// skips the provider step). runAgain() (Settings → "Run setup again", `ui.show setup`) opens it at the welcome.
class OnboardingWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OnboardingWizard)

public:
    enum PageId
    {
        Welcome,
        ApiKey, // the provider: Groq or your own server
        Microphone,
        Hotkey,
        Permissions,
        Output,
        Finished,
    };

    OnboardingWizard(Settings& settings, SecretStore* secrets, QWidget* parent = nullptr);
    ~OnboardingWizard() override;

    // The page a (re)started assistant opens at.
    int resumePage() const;
    void skip();
    // The running service's keys: the hotkey page shows whether the key is grabbed and reacts to a press of it.
    void watchHotkeys(const DesktopIntegration* integration);

    QLineEdit* keyEdit() const { return m_key; }
    QPushButton* testButton() const { return m_test; }
    QRadioButton* groqChoice() const { return m_groq; }
    QRadioButton* ownServerChoice() const { return m_ownServer; }
    QLineEdit* serverUrlEdit() const { return m_serverUrl; }
    QLineEdit* serverModelEdit() const { return m_serverModel; }
    QCheckBox* keepMicrophoneOpenBox() const { return m_keepOpen; }
    KeyCaptureWidget* hotkeyEdit() const { return m_hotkey; }
    QComboBox* modeBox() const { return m_mode; }
    QPlainTextEdit* outputField() const { return m_outputField; }
    QString keyStatus() const;
    QString grabStatus() const;
    QString pressStatus() const;
    QString outputStatus() const;
    QString howToText() const;
    // Platform guidance shown on the permissions page.
    static QString permissionsText(const QString& platformName, const QString& sessionType);
    // What the last page says, for this mode and keys (exact, e.g. "Hold Ctrl+Alt+Space, speak, let go").
    static QString howToDictate(const QString& mode, const QString& key, const QString& cancelKey);

    bool validateCurrentPage() override;
    void accept() override;

public slots:
    // Opens the assistant again at its first page (Settings → "Run setup again").
    void runAgain();

signals:
    // The hotkey page is showing (true) or was left (false): while it shows, a press of the dictation key is a
    // check, not a dictation (the desktop app pauses the service's keys meanwhile).
    void hotkeyCheckActive(bool active);

private:
    QWizardPage* welcomePage();
    QWizardPage* keyPage();
    QWizardPage* microphonePage();
    QWizardPage* hotkeyPage();
    QWizardPage* permissionsPage();
    QWizardPage* outputPage();
    QWizardPage* finishedPage();
    bool hasTranscriptionKey() const;
    void updateProviderChoice();
    void testProvider();
    void refreshGrabStatus();
    void onPageChanged(int id);
    bool saveProvider();
    void setKeyStatus(const QString& text);

    Settings& m_settings;
    SecretStore* m_secrets = nullptr;
    QPointer<const DesktopIntegration> m_integration;
    QRadioButton* m_groq = nullptr;
    QRadioButton* m_ownServer = nullptr;
    QWidget* m_serverFields = nullptr;
    QLineEdit* m_serverUrl = nullptr;
    QLineEdit* m_serverModel = nullptr;
    QLabel* m_keyLabel = nullptr;
    QLabel* m_keyHelp = nullptr;
    QLineEdit* m_key = nullptr;
    QPushButton* m_test = nullptr;
    QLabel* m_keyStatus = nullptr;
    QComboBox* m_device = nullptr;
    MicrophoneTest* m_micTest = nullptr;
    QCheckBox* m_keepOpen = nullptr;
    QComboBox* m_mode = nullptr;
    KeyCaptureWidget* m_hotkey = nullptr;
    QLabel* m_hotkeyStatus = nullptr;
    QLabel* m_grabStatus = nullptr;
    QLabel* m_pressStatus = nullptr;
    QPlainTextEdit* m_outputField = nullptr;
    QLabel* m_outputStatus = nullptr;
    QLabel* m_howTo = nullptr;
    bool m_checkingHotkey = false;
};

} // namespace utter::ui
