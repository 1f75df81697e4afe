#include "onboardingwizard.h"

#include "audio/audiodevices.h"
#include "keycapturewidget.h"
#include "microphonetest.h"
#include "providers/endpointhealth.h"
#include "providers/httpclient.h"
#include "providers/providerconfig.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"
#include "settings/settingsschema.h"
#include "settingsform.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

namespace
{

QWizardPage* makePage(const QString& title, const QString& subtitle)
{
    auto* p = new QWizardPage;
    p->setTitle(title);
    p->setSubTitle(subtitle);
    return p;
}

QLabel* paragraph(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setOpenExternalLinks(true);
    return label;
}

} // namespace

OnboardingWizard::OnboardingWizard(Settings& settings, SecretStore* secrets, QWidget* parent)
    : QWizard(parent)
    , m_settings(settings)
    , m_secrets(secrets)
{
    setObjectName(u"onboardingWizard"_s);
    setWindowTitle(tr("Welcome to Utter"));
    setWindowIcon(QIcon(u":/icons/utter.svg"_s));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::HaveCustomButton1);
    setButtonText(QWizard::CustomButton1, tr("S&kip setup"));
    connect(this, &QWizard::customButtonClicked, this, [this](int which) {
        if (which == QWizard::CustomButton1)
            skip();
    });
    setPage(Welcome, welcomePage());
    setPage(ApiKey, keyPage());
    setPage(Microphone, microphonePage());
    setPage(Hotkey, hotkeyPage());
    setPage(Permissions, permissionsPage());
    setPage(Finished, finishedPage());
    setStartId(resumePage());
    resize(680, 520);
}

bool OnboardingWizard::hasTranscriptionKey() const
{
    // From the cache (never waiting for the keychain): a key still being read counts as absent.
    if (!m_secrets)
        return false;
    const std::optional<SecretLookup> key = m_secrets->cached(m_settings.stringValue(SettingKey::TranscribeKeyName));
    return key && !key->value.isEmpty();
}

int OnboardingWizard::resumePage() const
{
    return hasTranscriptionKey() ? Microphone : Welcome;
}

QWizardPage* OnboardingWizard::welcomePage()
{
    QWizardPage* p = makePage(tr("Speak, and the words appear where you type"),
                              tr("Two minutes of setup: an API key, a microphone check and your dictation key."));
    auto* layout = new QVBoxLayout(p);
    layout->addWidget(paragraph(tr("Utter records while you hold (or toggle) a key, sends the audio to a "
                                   "speech-to-text service — Groq by default, or your own server — and types the "
                                   "text into the application you are using. Nothing is lost: recordings are "
                                   "saved before they are uploaded."),
                                p));
    layout->addStretch();
    return p;
}

QWizardPage* OnboardingWizard::keyPage()
{
    QWizardPage* p = makePage(tr("Groq API key"), tr("Utter uses Groq's Whisper for transcription."));
    auto* layout = new QVBoxLayout(p);
    layout->addWidget(paragraph(tr("Create a free key at <a href=\"https://console.groq.com/keys\">"
                                   "console.groq.com/keys</a> and paste it here. It is stored in your system "
                                   "keychain, never in a settings file. Using your own server? Skip this step "
                                   "and set it under Settings → Providers."),
                                p));
    auto* form = new QFormLayout;
    m_key = new QLineEdit(p);
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(u"gsk_…"_s);
    m_key->setAccessibleName(tr("Groq API key"));
    form->addRow(tr("&Key:"), m_key);
    auto* test = new QPushButton(tr("&Test key"), p);
    m_keyStatus = new QLabel(p);
    m_keyStatus->setWordWrap(true);
    form->addRow(test, m_keyStatus);
    layout->addLayout(form);
    layout->addStretch();
    auto* health = new EndpointHealth(*new HttpClient(p), p);
    connect(test, &QPushButton::clicked, p, [this, health, test] {
        QString key = m_key->text().trimmed();
        if (key.isEmpty() && m_secrets)
            key = cachedKeys(*m_secrets)(m_settings.stringValue(SettingKey::TranscribeKeyName));
        test->setEnabled(false);
        m_keyStatus->setText(tr("Testing…"));
        const Endpoint endpoint = makeEndpoint(u"primary"_s, m_settings.stringValue(SettingKey::TranscribeUrl),
                                               m_settings.stringValue(SettingKey::TranscribeModel),
                                               m_settings.stringValue(SettingKey::TranscribeKeyName), key);
        health->probe(endpoint, Capability::Transcription, m_keyStatus, [this, test](const HealthReport& report) {
            test->setEnabled(true);
            m_keyStatus->setText((report.ok ? u"✔ "_s : u"✖ "_s) + EndpointHealth::describe(report));
        });
    });
    return p;
}

QWizardPage* OnboardingWizard::microphonePage()
{
    QWizardPage* p = makePage(tr("Microphone"), tr("Speak and watch the level; then test what Utter hears."));
    auto* layout = new QVBoxLayout(p);
    auto* form = new QFormLayout;
    m_device = new QComboBox(p);
    m_device->addItem(tr("System default"), QString());
    for (const AudioInput& input : AudioDevices::inputs())
        m_device->addItem(input.description, input.id);
    m_device->setCurrentIndex(std::max(0, m_device->findData(m_settings.stringValue(SettingKey::AudioDevice))));
    form->addRow(tr("&Input:"), m_device);
    layout->addLayout(form);
    m_micTest = new MicrophoneTest(m_settings, m_secrets, p);
    layout->addWidget(m_micTest);
    layout->addStretch();
    connect(m_device, &QComboBox::currentIndexChanged, m_micTest,
            [this] { m_micTest->setDevice(m_device->currentData().toString()); });
    return p;
}

QWizardPage* OnboardingWizard::hotkeyPage()
{
    QWizardPage* p = makePage(tr("Dictation key"), tr("Choose how you start and stop dictating."));
    auto* form = new QFormLayout(p);
    m_mode = new QComboBox(p);
    for (const QString& mode : settingSpec(SettingKey::GeneralMode).choices)
        m_mode->addItem(choiceLabel(mode), mode);
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(m_settings.stringValue(SettingKey::GeneralMode))));
    form->addRow(tr("&Mode:"), m_mode);
    m_hotkey = new KeyCaptureWidget(p);
    m_hotkey->setKeySpec(m_settings.stringValue(SettingKey::HotkeyDictate));
    form->addRow(tr("&Key:"), m_hotkey);
    m_hotkeyStatus = new QLabel(tr("Click the key field, then press the key or combination you want."), p);
    m_hotkeyStatus->setWordWrap(true);
    form->addRow(QString(), m_hotkeyStatus);
    connect(m_hotkey, &KeyCaptureWidget::keySpecChanged, p, [this] {
        m_hotkeyStatus->setText(m_hotkey->error().isEmpty() ? tr("%1 it is.").arg(m_hotkey->keySpec())
                                                            : m_hotkey->error());
    });
    return p;
}

QString OnboardingWizard::permissionsText(const QString& platformName, const QString& sessionType)
{
#if defined(Q_OS_MACOS)
    Q_UNUSED(platformName)
    Q_UNUSED(sessionType)
    return tr("macOS asks for two permissions: <b>Microphone</b> (the first time you dictate) and "
              "<b>Accessibility</b> (so Utter can type). Allow both in System Settings → Privacy & Security, "
              "then restart Utter.");
#elif defined(Q_OS_WIN)
    Q_UNUSED(platformName)
    Q_UNUSED(sessionType)
    return tr("Windows needs nothing more. Utter cannot type into programs running as administrator unless it "
              "runs as administrator too.");
#else
    if (sessionType == u"wayland"_s || platformName == u"wayland"_s)
        return tr("On Wayland, applications cannot grab keys or type for themselves. If your desktop offers "
                  "the Global Shortcuts portal, Utter asks for your key there. Otherwise bind a key in your "
                  "compositor to run <code>utter toggle</code> (or <code>utter begin</code> on press and "
                  "<code>utter end</code> on release). Run <code>utter doctor</code> for the exact lines for "
                  "your desktop.");
    return tr("Nothing to do on X11: Utter can grab your key and type directly.");
#endif
}

QWizardPage* OnboardingWizard::permissionsPage()
{
    QWizardPage* p = makePage(tr("Permissions"), tr("What your system needs to allow."));
    auto* layout = new QVBoxLayout(p);
    layout->addWidget(
        paragraph(permissionsText(QGuiApplication::platformName(), qEnvironmentVariable("XDG_SESSION_TYPE")), p));
    layout->addStretch();
    return p;
}

QWizardPage* OnboardingWizard::finishedPage()
{
    QWizardPage* p = makePage(tr("Ready"), tr("Utter lives in the tray from now on."));
    auto* layout = new QVBoxLayout(p);
    layout->addWidget(paragraph(tr("Hold your key and speak. The tray menu has your history, styles and "
                                   "settings; <b>Doctor…</b> checks everything if something does not work."),
                                p));
    layout->addStretch();
    return p;
}

QString OnboardingWizard::keyStatus() const
{
    return m_keyStatus->text();
}

bool OnboardingWizard::validateCurrentPage()
{
    if (currentId() == ApiKey && !m_key->text().trimmed().isEmpty() && m_secrets) {
        // Used from now on; stored in the background (the keychain may show a "new keyring" prompt, answered
        // whenever the user gets to it). Only a refusal comes back, on the key page's status line.
        const QString name = m_settings.stringValue(SettingKey::TranscribeKeyName);
        if (!SecretStore::isValidName(name)) {
            m_keyStatus->setText(tr("The key name \"%1\" in the settings is not valid.").arg(name));
            return false;
        }
        m_secrets->setAsync(name, m_key->text().trimmed(), this, [this](const Result<SecretSource>& stored) {
            m_keyStatus->setText(stored.ok() ? tr("Key saved in the %1.").arg(secretSourceName(stored.value()))
                                             : stored.error().message);
            if (!stored.ok() && currentId() != ApiKey) {
                auto* box = new QMessageBox(QMessageBox::Warning, tr("The key was not stored"), stored.error().message,
                                            QMessageBox::Ok, this);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open(); // never a nested event loop
            }
        });
        m_key->clear();
        m_keyStatus->setText(tr("Key in use; storing it in the keychain…"));
    }
    if (currentId() == Microphone) {
        if (Status s = m_settings.setValue(SettingKey::AudioDevice, m_device->currentData()); !s.ok())
            return false;
    }
    if (currentId() == Hotkey) {
        if (!m_hotkey->error().isEmpty())
            return false;
        if (Status s = m_settings.setValue(SettingKey::GeneralMode, m_mode->currentData()); !s.ok())
            return false;
        if (Status s = m_settings.setValue(SettingKey::HotkeyDictate, m_hotkey->keySpec()); !s.ok()) {
            m_hotkeyStatus->setText(s.error().message);
            return false;
        }
    }
    return QWizard::validateCurrentPage();
}

void OnboardingWizard::skip()
{
    (void)m_settings.setValue(SettingKey::UiOnboardingDone, true);
    QWizard::reject();
}

void OnboardingWizard::accept()
{
    (void)m_settings.setValue(SettingKey::UiOnboardingDone, true);
    QWizard::accept();
}

} // namespace utter::ui
