#pragma once

#include <QWizard>

class QComboBox;
class QLabel;
class QLineEdit;

namespace utter
{
class SecretStore;
class Settings;
} // namespace utter

namespace utter::ui
{

class KeyCaptureWidget;
class MicrophoneTest;

// The first-run assistant: welcome → Groq key (with a test) → microphone check (level and what Utter heard) →
// dictation key and mode → platform permissions → done. "Skip setup" ends it for good (ui/onboardingDone);
// closing it half-way brings it back at the next start, resuming after the steps already done (a stored key
// skips the key step).
class OnboardingWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OnboardingWizard)

public:
    enum PageId
    {
        Welcome,
        ApiKey,
        Microphone,
        Hotkey,
        Permissions,
        Finished,
    };

    OnboardingWizard(Settings& settings, SecretStore* secrets, QWidget* parent = nullptr);

    // The page a (re)started assistant opens at.
    int resumePage() const;
    void skip();

    QLineEdit* keyEdit() const { return m_key; }
    KeyCaptureWidget* hotkeyEdit() const { return m_hotkey; }
    QComboBox* modeBox() const { return m_mode; }
    QString keyStatus() const;
    // Platform guidance shown on the permissions page.
    static QString permissionsText(const QString& platformName, const QString& sessionType);

    bool validateCurrentPage() override;
    void accept() override;

private:
    QWizardPage* welcomePage();
    QWizardPage* keyPage();
    QWizardPage* microphonePage();
    QWizardPage* hotkeyPage();
    QWizardPage* permissionsPage();
    QWizardPage* finishedPage();
    bool hasTranscriptionKey() const;

    Settings& m_settings;
    SecretStore* m_secrets = nullptr;
    QLineEdit* m_key = nullptr;
    QLabel* m_keyStatus = nullptr;
    QComboBox* m_device = nullptr;
    MicrophoneTest* m_micTest = nullptr;
    QComboBox* m_mode = nullptr;
    KeyCaptureWidget* m_hotkey = nullptr;
    QLabel* m_hotkeyStatus = nullptr;
};

} // namespace utter::ui
