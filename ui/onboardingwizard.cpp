#include "onboardingwizard.h"

#include "audio/audiodevices.h"
#include "keycapturewidget.h"
#include "microphonetest.h"
#include "pipeline/desktopintegration.h"
#include "platform/globalhotkeys.h"
#include "providers/endpointhealth.h"
#include "providers/httpclient.h"
#include "providers/providerconfig.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"
#include "settings/settingsschema.h"
#include "settingsform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

namespace
{

// Press → first captured audio with the microphone closed between dictations, rounded up from
// bench/audio/benchmicopen on PulseAudio (docs/audio.md, "Idle microphone").
constexpr int kMicrophoneOpenMs = 130; // median 78–132 ms, p90 up to 331 ms under load

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
    setAccessibleName(tr("Utter setup"));
    setWizardStyle(QWizard::ModernStyle);
    setPixmap(QWizard::LogoPixmap, QIcon(u":/icons/utter.svg"_s).pixmap(48, 48));
    setOption(QWizard::HaveCustomButton1);
    setButtonText(QWizard::CustomButton1, tr("S&kip setup"));
    setButtonText(QWizard::NextButton, tr("&Next >"));
    connect(this, &QWizard::customButtonClicked, this, [this](int which) {
        if (which == QWizard::CustomButton1)
            skip();
    });
    setPage(Welcome, welcomePage());
    setPage(ApiKey, keyPage());
    setPage(Microphone, microphonePage());
    setPage(Hotkey, hotkeyPage());
    setPage(Permissions, permissionsPage());
    setPage(Output, outputPage());
    setPage(Finished, finishedPage());
    setStartId(resumePage());
    connect(this, &QWizard::currentIdChanged, this, &OnboardingWizard::onPageChanged);
    // Every button has a name a screen reader can say (the wizard's buttons carry their text; "<" and ">" are
    // read literally).
    button(QWizard::BackButton)->setAccessibleName(tr("Back"));
    button(QWizard::NextButton)->setAccessibleName(tr("Next"));
    button(QWizard::FinishButton)->setAccessibleName(tr("Finish"));
    button(QWizard::CancelButton)->setAccessibleName(tr("Close setup"));
    button(QWizard::CustomButton1)->setAccessibleName(tr("Skip setup"));
    resize(720, 580);
}

OnboardingWizard::~OnboardingWizard()
{
    if (m_checkingHotkey)
        emit hotkeyCheckActive(false);
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

void OnboardingWizard::runAgain()
{
    setStartId(Welcome);
    restart();
}

QWizardPage* OnboardingWizard::welcomePage()
{
    QWizardPage* p = makePage(tr("Speak, and your words appear where you type"),
                              tr("Two minutes of setup: a speech service, your microphone, your dictation key."));
    auto* layout = new QVBoxLayout(p);
    auto* identity = new QHBoxLayout;
    auto* icon = new QLabel(p);
    icon->setPixmap(QIcon(u":/icons/utter.svg"_s).pixmap(96, 96));
    icon->setAccessibleName(tr("Utter logo"));
    identity->addWidget(icon, 0, Qt::AlignTop);
    auto* promise = paragraph(tr("<p style=\"font-size:large\"><b>Utter</b> — dictation for every application.</p>"
                                 "<p>Press your key, speak, and the text is typed where your cursor is: in the "
                                 "browser, the terminal, the mail client. Fast, exact, and nothing is lost: each "
                                 "recording is saved before it is sent.</p>"),
                              p);
    identity->addWidget(promise, 1);
    layout->addLayout(identity);
    layout->addWidget(paragraph(tr("Each step can be skipped with <b>Next</b>, and you can run this setup again "
                                   "at any time from Settings."),
                                p));
    layout->addStretch();
    return p;
}

QWizardPage* OnboardingWizard::keyPage()
{
    QWizardPage* p = makePage(tr("Speech-to-text service"), tr("Where Utter sends your voice to be written down."));
    auto* layout = new QVBoxLayout(p);
    m_groq = new QRadioButton(tr("&Groq — hosted Whisper, fast and accurate (free key)"), p);
    m_ownServer = new QRadioButton(tr("My &own server — hal0, speaches, whisper.cpp server or any "
                                      "OpenAI-compatible service"),
                                   p);
    layout->addWidget(m_groq);
    layout->addWidget(m_ownServer);

    m_serverFields = new QWidget(p);
    auto* serverForm = new QFormLayout(m_serverFields);
    serverForm->setContentsMargins(24, 0, 0, 0);
    m_serverUrl = new QLineEdit(m_serverFields);
    m_serverUrl->setPlaceholderText(u"http://localhost:8000/v1"_s);
    m_serverUrl->setAccessibleName(tr("Server address"));
    m_serverUrl->setToolTip(tr("The base URL of the OpenAI-compatible API, ending in /v1 — e.g. "
                               "http://localhost:8000/v1 (speaches), http://127.0.0.1:8080/v1 (whisper.cpp "
                               "server) or your hal0 address."));
    serverForm->addRow(tr("&Address:"), m_serverUrl);
    m_serverModel = new QLineEdit(m_serverFields);
    m_serverModel->setAccessibleName(tr("Model"));
    m_serverModel->setPlaceholderText(u"Systran/faster-whisper-small"_s);
    serverForm->addRow(tr("M&odel:"), m_serverModel);
    layout->addWidget(m_serverFields);

    m_keyHelp = paragraph(QString(), p);
    layout->addWidget(m_keyHelp);
    auto* form = new QFormLayout;
    m_key = new QLineEdit(p);
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setAccessibleName(tr("API key"));
    m_keyLabel = new QLabel(tr("&Key:"), p);
    m_keyLabel->setBuddy(m_key);
    form->addRow(m_keyLabel, m_key);
    m_test = new QPushButton(tr("&Test"), p);
    m_test->setAccessibleName(tr("Test the connection"));
    m_keyStatus = new QLabel(p);
    m_keyStatus->setWordWrap(true);
    m_keyStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_keyStatus->setAccessibleName(tr("Test result"));
    form->addRow(m_test, m_keyStatus);
    layout->addLayout(form);
    layout->addStretch();

    const QString groqUrl = settingSpec(SettingKey::TranscribeUrl).defaultValue.toString();
    const QString url = m_settings.stringValue(SettingKey::TranscribeUrl);
    const bool own = !url.isEmpty() && url != groqUrl;
    (own ? m_ownServer : m_groq)->setChecked(true);
    if (own) {
        m_serverUrl->setText(url);
        m_serverModel->setText(m_settings.stringValue(SettingKey::TranscribeModel));
    }
    updateProviderChoice();
    connect(m_groq, &QRadioButton::toggled, this, &OnboardingWizard::updateProviderChoice);
    connect(m_test, &QPushButton::clicked, this, &OnboardingWizard::testProvider);
    return p;
}

void OnboardingWizard::updateProviderChoice()
{
    const bool own = m_ownServer->isChecked();
    m_serverFields->setVisible(own);
    setKeyStatus({});
    if (own) {
        m_keyHelp->setText(tr("Utter sends audio to <code>ADDRESS/audio/transcriptions</code> and checks "
                              "<code>ADDRESS/models</code>. A key is needed only if your server asks for one."));
        m_key->setPlaceholderText(tr("optional"));
        m_keyLabel->setText(tr("&Key (optional):"));
    } else {
        m_keyHelp->setText(tr("Create a free key at <a href=\"https://console.groq.com/keys\">"
                              "console.groq.com/keys</a> and paste it here. It is stored in your system keychain, "
                              "never in a settings file."));
        m_key->setPlaceholderText(hasTranscriptionKey() ? tr("a key is stored; paste another to replace it")
                                                        : u"gsk_…"_s);
        m_keyLabel->setText(tr("&Key:"));
    }
}

void OnboardingWizard::testProvider()
{
    auto* health = findChild<EndpointHealth*>(u"onboardingHealth"_s);
    if (!health) {
        health = new EndpointHealth(*new HttpClient(this), this);
        health->setObjectName(u"onboardingHealth"_s);
    }
    QString key = m_key->text().trimmed();
    if (key.isEmpty() && m_secrets)
        key = cachedKeys(*m_secrets)(m_settings.stringValue(SettingKey::TranscribeKeyName));
    const bool own = m_ownServer->isChecked();
    const QString url =
        own ? m_serverUrl->text().trimmed() : settingSpec(SettingKey::TranscribeUrl).defaultValue.toString();
    QString model = own ? m_serverModel->text().trimmed() : QString();
    if (model.isEmpty())
        model = own ? m_settings.stringValue(SettingKey::TranscribeModel)
                    : settingSpec(SettingKey::TranscribeModel).defaultValue.toString();
    if (own && !QUrl(url).isValid()) {
        setKeyStatus(u"✖ "_s + tr("Enter the server's address, such as http://localhost:8000/v1."));
        return;
    }
    if (own && url.isEmpty()) {
        setKeyStatus(u"✖ "_s + tr("Enter the server's address, such as http://localhost:8000/v1."));
        return;
    }
    m_test->setEnabled(false);
    setKeyStatus(tr("Testing…"));
    const Endpoint endpoint =
        makeEndpoint(u"primary"_s, url, model, m_settings.stringValue(SettingKey::TranscribeKeyName), key);
    health->probe(endpoint, Capability::Transcription, m_keyStatus, [this](const HealthReport& report) {
        m_test->setEnabled(true);
        setKeyStatus((report.ok ? u"✔ "_s : u"✖ "_s) + EndpointHealth::describe(report));
    });
}

bool OnboardingWizard::saveProvider()
{
    const bool own = m_ownServer->isChecked();
    if (own && !m_serverUrl->text().trimmed().isEmpty()) {
        if (Status s = m_settings.setValue(SettingKey::TranscribeUrl, m_serverUrl->text().trimmed()); !s.ok()) {
            setKeyStatus(u"✖ "_s + s.error().message);
            m_serverUrl->setFocus();
            return false;
        }
        if (!m_serverModel->text().trimmed().isEmpty()) {
            if (Status s = m_settings.setValue(SettingKey::TranscribeModel, m_serverModel->text().trimmed()); !s.ok()) {
                setKeyStatus(u"✖ "_s + s.error().message);
                m_serverModel->setFocus();
                return false;
            }
        }
    } else if (!own) {
        // Back to Groq (the defaults) when another server was set before.
        const SettingSpec& urlSpec = settingSpec(SettingKey::TranscribeUrl);
        if (m_settings.stringValue(SettingKey::TranscribeUrl) != urlSpec.defaultValue.toString()) {
            (void)m_settings.setValue(SettingKey::TranscribeUrl, urlSpec.defaultValue);
            (void)m_settings.setValue(SettingKey::TranscribeModel,
                                      settingSpec(SettingKey::TranscribeModel).defaultValue);
        }
    }
    if (m_key->text().trimmed().isEmpty() || !m_secrets)
        return true;
    // Used from now on; stored in the background (the keychain may show a "new keyring" prompt, answered
    // whenever the user gets to it). Only a refusal comes back, on the key page's status line.
    const QString name = m_settings.stringValue(SettingKey::TranscribeKeyName);
    if (!SecretStore::isValidName(name)) {
        setKeyStatus(tr("The key name \"%1\" in the settings is not valid.").arg(name));
        return false;
    }
    m_secrets->setAsync(name, m_key->text().trimmed(), this, [this](const Result<SecretSource>& stored) {
        setKeyStatus(stored.ok() ? tr("Key saved in the %1.").arg(secretSourceName(stored.value()))
                                 : stored.error().message);
        if (!stored.ok() && currentId() != ApiKey) {
            auto* box = new QMessageBox(QMessageBox::Warning, tr("The key was not stored"), stored.error().message,
                                        QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open(); // never a nested event loop
        }
    });
    m_key->clear();
    setKeyStatus(tr("Key in use; storing it in the keychain…"));
    return true;
}

QWizardPage* OnboardingWizard::microphonePage()
{
    QWizardPage* p = makePage(tr("Microphone"), tr("Speak and watch the level; then test what Utter hears."));
    auto* layout = new QVBoxLayout(p);
    auto* form = new QFormLayout;
    m_device = new QComboBox(p);
    m_device->setAccessibleName(tr("Microphone"));
    m_device->addItem(tr("System default"), QString());
    for (const AudioInput& input : AudioDevices::inputs())
        m_device->addItem(input.description, input.id);
    m_device->setCurrentIndex(std::max(0, m_device->findData(m_settings.stringValue(SettingKey::AudioDevice))));
    form->addRow(tr("&Input:"), m_device);
    layout->addLayout(form);
    m_micTest = new MicrophoneTest(m_settings, m_secrets, p);
    layout->addWidget(m_micTest);
    layout->addSpacing(12);
    // Microphone privacy (docs/audio.md, "Idle microphone").
    m_keepOpen = new QCheckBox(tr("Keep the microphone &ready between dictations"), p);
    m_keepOpen->setChecked(m_settings.boolValue(SettingKey::AudioKeepOpen));
    m_keepOpen->setAccessibleName(m_keepOpen->text().remove(u'&'));
    layout->addWidget(m_keepOpen);
    QLabel* privacy = paragraph(tr("<b>On:</b> recording starts the instant you press the key and includes the "
                                   "half second before it, so no first word is ever cut — but your desktop shows "
                                   "the microphone as in use all the time (nothing leaves your computer until you "
                                   "press the key). <b>Off:</b> the microphone opens only when you press the key "
                                   "(about %1 ms later) and the indicator shows only while you dictate.")
                                    .arg(kMicrophoneOpenMs),
                                p);
    privacy->setContentsMargins(24, 0, 0, 0);
    layout->addWidget(privacy);
    layout->addStretch();
    connect(m_device, &QComboBox::currentIndexChanged, m_micTest,
            [this] { m_micTest->setDevice(m_device->currentData().toString()); });
    return p;
}

QWizardPage* OnboardingWizard::hotkeyPage()
{
    QWizardPage* p = makePage(tr("Dictation key"), tr("Choose how you start and stop dictating, then try the key."));
    auto* form = new QFormLayout(p);
    m_mode = new QComboBox(p);
    m_mode->setAccessibleName(tr("Mode"));
    for (const QString& mode : settingSpec(SettingKey::GeneralMode).choices)
        m_mode->addItem(choiceLabel(mode), mode);
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(m_settings.stringValue(SettingKey::GeneralMode))));
    form->addRow(tr("&Mode:"), m_mode);
    m_hotkey = new KeyCaptureWidget(p);
    m_hotkey->setKeySpec(m_settings.stringValue(SettingKey::HotkeyDictate));
    form->addRow(tr("&Key:"), m_hotkey);
    m_hotkeyStatus = new QLabel(tr("To change it, activate the key field, then press the key or combination you "
                                   "want."),
                                p);
    m_hotkeyStatus->setWordWrap(true);
    form->addRow(QString(), m_hotkeyStatus);
    m_grabStatus = new QLabel(p);
    m_grabStatus->setWordWrap(true);
    form->addRow(tr("Status:"), m_grabStatus);
    m_pressStatus = new QLabel(p);
    m_pressStatus->setWordWrap(true);
    m_pressStatus->setStyleSheet(u"font-weight: bold"_s);
    form->addRow(tr("Check:"), m_pressStatus);
    connect(m_hotkey, &KeyCaptureWidget::keySpecChanged, this, [this] {
        if (!m_hotkey->error().isEmpty()) {
            m_hotkeyStatus->setText(m_hotkey->error());
            return;
        }
        // Grabbed at once, so the check below is of the key just chosen.
        if (Status s = m_settings.setValue(SettingKey::HotkeyDictate, m_hotkey->keySpec()); !s.ok()) {
            m_hotkeyStatus->setText(s.error().message);
            return;
        }
        m_hotkeyStatus->setText(tr("%1 it is.").arg(m_hotkey->keySpec()));
        m_pressStatus->clear();
        refreshGrabStatus();
    });
    connect(m_mode, &QComboBox::currentIndexChanged, this,
            [this] { (void)m_settings.setValue(SettingKey::GeneralMode, m_mode->currentData()); });
    return p;
}

void OnboardingWizard::watchHotkeys(const DesktopIntegration* integration)
{
    m_integration = integration;
    if (integration) {
        connect(integration, &DesktopIntegration::hotkeyStatusChanged, this, [this](const QString& id) {
            if (id == u"dictate"_s)
                refreshGrabStatus();
        });
        if (GlobalHotkeys* keys = integration->hotkeys()) {
            connect(keys, &GlobalHotkeys::pressed, this, [this](const QString& id) {
                if (id != u"dictate"_s || currentId() != Hotkey)
                    return;
                m_pressStatus->setText(
                    u"✔ "_s + tr("Utter heard you press %1. That is your dictation key.").arg(m_hotkey->keySpec()));
                m_pressStatus->setAccessibleName(m_pressStatus->text());
            });
        }
    }
    refreshGrabStatus();
}

void OnboardingWizard::refreshGrabStatus()
{
    const QString key = m_hotkey->keySpec();
    QString text;
    if (key.isEmpty()) {
        text = tr("No key is set: dictate from the tray menu or with `utter toggle`.");
    } else if (!m_integration) {
        text = tr("Utter's service is not running here, so the key cannot be tried now.");
    } else if (!m_integration->hotkeys()) {
        text = u"✖ "_s + tr("This desktop does not let Utter grab keys; see the next page.");
    } else {
        const DesktopIntegration::HotkeyStatus status = m_integration->hotkeyStatus(u"dictate"_s);
        if (status.key != key)
            text = tr("Grabbing %1…").arg(key);
        else if (!status.error.isEmpty())
            text = u"✖ "_s + tr("Not active: %1").arg(status.error);
        else
            text = u"✔ "_s + tr("Utter holds %1. Press it now to check — nothing is recorded on this page.").arg(key);
    }
    m_grabStatus->setText(text);
    m_grabStatus->setAccessibleName(text);
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
    QLabel* text =
        paragraph(permissionsText(QGuiApplication::platformName(), qEnvironmentVariable("XDG_SESSION_TYPE")), p);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(text);
    layout->addStretch();
    return p;
}

QWizardPage* OnboardingWizard::outputPage()
{
    QWizardPage* p = makePage(tr("Try it"), tr("Dictate into the field below, exactly as you will everywhere else."));
    auto* layout = new QVBoxLayout(p);
    m_outputField = new QPlainTextEdit(p);
    m_outputField->setAccessibleName(tr("Test field"));
    m_outputField->setTabChangesFocus(true);
    m_outputField->setPlaceholderText(tr("Click here, then dictate: say “Hello from Utter.”"));
    layout->addWidget(m_outputField, 1);
    m_outputStatus = new QLabel(p);
    m_outputStatus->setWordWrap(true);
    layout->addWidget(m_outputStatus);
    connect(m_outputField, &QPlainTextEdit::textChanged, this, [this] {
        const bool arrived = !m_outputField->toPlainText().trimmed().isEmpty();
        m_outputStatus->setText(arrived ? u"✔ "_s + tr("Text arrived. Utter types the same way into any application.")
                                        : QString());
        m_outputStatus->setAccessibleName(m_outputStatus->text());
    });
    return p;
}

QWizardPage* OnboardingWizard::finishedPage()
{
    QWizardPage* p = makePage(tr("You are ready"), tr("Utter lives in the tray from now on."));
    auto* layout = new QVBoxLayout(p);
    m_howTo = paragraph(QString(), p);
    m_howTo->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_howTo);
    layout->addWidget(paragraph(tr("The tray menu has your recent dictations, styles, History, Settings and "
                                   "<b>Doctor…</b>, which checks everything when something does not work. This "
                                   "setup is under Settings → <b>Run setup again</b>."),
                                p));
    layout->addStretch();
    return p;
}

QString OnboardingWizard::howToDictate(const QString& mode, const QString& key, const QString& cancelKey)
{
    QString text;
    if (key.isEmpty())
        text = tr("No dictation key is set. Start and stop dictating from the tray menu, or bind a key of your "
                  "desktop to <code>utter toggle</code>.");
    else if (mode == u"toggle"_s)
        text = tr("<b>Press %1</b>, speak, and <b>press %1 again</b>. The text is typed where your cursor is, in "
                  "any application.")
                   .arg(key.toHtmlEscaped());
    else if (mode == u"hands-free"_s)
        text = tr("<b>Press %1</b> and speak. Utter stops by itself when you pause, and types the text where "
                  "your cursor is, in any application.")
                   .arg(key.toHtmlEscaped());
    else
        text = tr("<b>Hold %1</b>, speak, and <b>let go</b>. The text is typed where your cursor is, in any "
                  "application.")
                   .arg(key.toHtmlEscaped());
    if (!cancelKey.isEmpty())
        text += u" "_s + tr("Changed your mind? %1 throws the dictation away.").arg(cancelKey.toHtmlEscaped());
    return text;
}

void OnboardingWizard::onPageChanged(int id)
{
    const bool checking = id == Hotkey;
    if (checking != m_checkingHotkey) {
        m_checkingHotkey = checking;
        emit hotkeyCheckActive(checking);
    }
    if (id == Hotkey)
        refreshGrabStatus();
    if (id == Output)
        m_outputField->setFocus();
    if (id == Finished)
        m_howTo->setText(howToDictate(m_settings.stringValue(SettingKey::GeneralMode),
                                      m_settings.stringValue(SettingKey::HotkeyDictate),
                                      m_settings.stringValue(SettingKey::HotkeyCancel)));
}

void OnboardingWizard::setKeyStatus(const QString& text)
{
    m_keyStatus->setText(text);
    // What a screen reader says for the label: the result itself.
    m_keyStatus->setAccessibleName(text.isEmpty() ? tr("Test result") : text);
}

QString OnboardingWizard::keyStatus() const
{
    return m_keyStatus->text();
}

QString OnboardingWizard::grabStatus() const
{
    return m_grabStatus->text();
}

QString OnboardingWizard::pressStatus() const
{
    return m_pressStatus->text();
}

QString OnboardingWizard::outputStatus() const
{
    return m_outputStatus->text();
}

QString OnboardingWizard::howToText() const
{
    return m_howTo->text();
}

bool OnboardingWizard::validateCurrentPage()
{
    if (currentId() == ApiKey && !saveProvider())
        return false;
    if (currentId() == Microphone) {
        if (Status s = m_settings.setValue(SettingKey::AudioDevice, m_device->currentData()); !s.ok())
            return false;
        if (Status s = m_settings.setValue(SettingKey::AudioKeepOpen, m_keepOpen->isChecked()); !s.ok())
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
