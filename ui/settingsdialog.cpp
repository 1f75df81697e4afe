#include "settingsdialog.h"

#include "audio/audiodevices.h"
#include "common/version.h"
#include "http/httpfrontdoor.h"
#include "http/httptoken.h"
#include "keycapturewidget.h"
#include "logging/loghandler.h"
#include "microphonetest.h"
#include "pipeline/desktopintegration.h"
#include "providers/endpointhealth.h"
#include "providers/httpclient.h"
#include "providers/providerconfig.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"
#include "settings/settingsschema.h"
#include "settingsform.h"
#include "styleeditor.h"
#include "theme.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

namespace
{

QLabel* sectionNote(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    QPalette muted = label->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    label->setPalette(muted);
    return label;
}

} // namespace

SettingsDialog::SettingsDialog(Settings& settings, SecretStore* secrets, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_form(new SettingsForm(settings, this))
{
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Utter Settings"));
    setWindowIcon(QIcon(u":/icons/utter.svg"_s));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 12);
    auto* body = new QHBoxLayout;
    body->setSpacing(0);
    m_nav = new QListWidget(this);
    m_nav->setAccessibleName(tr("Settings sections"));
    m_nav->setFixedWidth(180);
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->setSpacing(1);
    m_nav->setStyleSheet(
        u"QListWidget { padding: 10px 6px; }"
        "QListWidget::item { padding: 6px 10px; border-radius: 6px; }"
        "QListWidget::item:selected { background: palette(highlight); color: palette(highlighted-text); }"_s);
    m_pages = new QStackedWidget(this);
    body->addWidget(m_nav);
    body->addWidget(m_pages, 1);
    outer->addLayout(body, 1);

    auto* bottom = new QHBoxLayout;
    bottom->setContentsMargins(16, 0, 16, 0);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_buttons);
    outer->addLayout(bottom);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, [this] { (void)apply(); });
    connect(m_nav, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(m_form, &SettingsForm::validityChanged, this, [this](bool valid) {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
        m_buttons->button(QDialogButtonBox::Apply)->setEnabled(valid);
        if (valid)
            setStatus({}, false);
    });

    buildGeneral();
    buildHotkeys();
    buildAudio();
    buildProviders();
    buildStyles();
    buildOutput();
    buildHistory();
    buildAdvanced();
    m_form->load();
    m_nav->setCurrentRow(0);
    resize(880, 640);
}

SettingsDialog::~SettingsDialog() = default;

QWidget* SettingsDialog::addPage(const QString& title, const QString& icon, QFormLayout** form)
{
    Q_UNUSED(icon)
    auto* scroll = new QScrollArea(m_pages);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* page = new QWidget(scroll);
    auto* column = new QVBoxLayout(page);
    column->setContentsMargins(24, 20, 24, 12);
    column->setSpacing(12);
    auto* heading = new QLabel(title, page);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    heading->setFont(font);
    column->addWidget(heading);
    auto* layout = new QFormLayout;
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    layout->setHorizontalSpacing(16);
    layout->setVerticalSpacing(10);
    column->addLayout(layout);
    column->addStretch();
    scroll->setWidget(page);
    m_pages->addWidget(scroll);
    m_nav->addItem(title);
    *form = layout;
    return page;
}

void SettingsDialog::buildGeneral()
{
    QFormLayout* form = nullptr;
    addPage(tr("General"), u"general"_s, &form);
    // The choices everyone makes first: how the key works, which key, which microphone, which language, which style.
    m_form->addRow(form, SettingKey::GeneralMode, tr("Dictation &mode:"));
    addKeyRow(form, u"dictate"_s, SettingKey::HotkeyDictate, tr("&Dictation key:"), false,
              tr("Click, then press a key (F9, RightCtrl) or a combination (Ctrl+Alt+Space)."));
    addMicrophoneRows(form);
    m_form->addRow(form, SettingKey::AudioKeepOpen, tr("Keep the microphone open between dictations"),
                   tr("On: dictation starts instantly and keeps the half second before the key press, but the "
                      "desktop shows the microphone in use all the time. Off: the microphone opens when you press "
                      "the key (about 0.1 s)."));
    m_form->addRow(form, SettingKey::GeneralLanguage, tr("&Spoken language:"),
                   tr("Two-letter code such as en, de or fr; leave empty to detect it."));
    m_form->addRow(form, SettingKey::GeneralStyle, tr("&Default style:"),
                   tr("\"raw\" types the transcript as spoken; a style rewrites it (e.g. email, notes)."));
    auto* ui = new QComboBox(form->parentWidget());
    ui->addItem(tr("Follow the system"), QString());
    ui->addItem(u"English"_s, u"en"_s);
    ui->addItem(u"Deutsch"_s, u"de"_s);
    ui->addItem(u"Español"_s, u"es"_s);
    ui->addItem(u"Français"_s, u"fr"_s);
    m_form->bind(
        form, SettingKey::GeneralUiLanguage, tr("&Interface language:"), ui, [ui] { return ui->currentData(); },
        [ui](const QVariant& v) { ui->setCurrentIndex(std::max(0, ui->findData(v.toString()))); });
    connect(ui, &QComboBox::currentIndexChanged, m_form, [this] { m_form->edited(SettingKey::GeneralUiLanguage); });
    m_form->addRow(form, SettingKey::GeneralStartAtLogin, tr("Start Utter when I log in"));
    m_form->addRow(form, SettingKey::UiOverlayPosition, tr("&Overlay:"));
    m_form->addRow(form, SettingKey::UiSounds, tr("Play sounds when dictation starts, stops or fails"));
    m_form->addRow(form, SettingKey::UiSoundVolume, tr("Sound &volume (%):"));
    auto* setup = new QPushButton(tr("Run &setup again…"), form->parentWidget());
    setup->setAccessibleName(tr("Run the first-run setup again"));
    connect(setup, &QPushButton::clicked, this, &SettingsDialog::setupRequested);
    form->addRow(QString(), setup);
}

void SettingsDialog::addKeyRow(QFormLayout* form, const QString& id, SettingKey key, const QString& label,
                               bool allowEmpty, const QString& help)
{
    auto* capture = new KeyCaptureWidget(form->parentWidget());
    capture->setAllowEmpty(allowEmpty);
    m_form->bind(
        form, key, label, capture, [capture] { return QVariant(capture->keySpec()); },
        [capture](const QVariant& v) { capture->setKeySpec(v.toString()); }, help);
    m_form->addRule(key, [capture](const QVariant&) { return capture->error(); });
    connect(capture, &KeyCaptureWidget::keySpecChanged, m_form, [this, key] { m_form->edited(key); });
    // Whether the service could grab the saved key: a valid key may still be held by another application.
    // In the key's own cell, right under it (the cell holds the key, its error line and its help).
    QWidget* cell = capture->parentWidget();
    auto* warning = new QLabel(cell);
    warning->setObjectName(u"hotkeyWarning"_s);
    warning->setWordWrap(true);
    warning->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette red = warning->palette();
    red.setColor(QPalette::WindowText, errorTextColor(red));
    warning->setPalette(red);
    warning->hide();
    if (auto* column = qobject_cast<QVBoxLayout*>(cell->layout()))
        column->insertWidget(1, warning);
    m_keyEditors.insert(id, capture);
    m_hotkeyWarnings.insert(id, warning);
    connect(capture, &KeyCaptureWidget::keySpecChanged, this, [this, id] { refreshHotkeyWarning(id); });
}

void SettingsDialog::buildHotkeys()
{
    QFormLayout* form = nullptr;
    addPage(tr("Hotkeys"), u"hotkeys"_s, &form);
    // The dictation key is on the General page, with the other first choices.
    addKeyRow(form, u"cancel"_s, SettingKey::HotkeyCancel, tr("&Cancel key:"), true,
              tr("Discards the current dictation. Backspace clears it."));
    form->addRow(sectionNote(tr("On Wayland, bind a key in your compositor to run “utter begin” and “utter end” "
                                "(or “utter toggle”); “utter doctor” prints the exact lines for your desktop."),
                             form->parentWidget()));
}

void SettingsDialog::addMicrophoneRows(QFormLayout* form)
{
    auto* device = new QComboBox(form->parentWidget());
    device->addItem(tr("System default"), QString());
    for (const AudioInput& input : AudioDevices::inputs())
        device->addItem(input.isDefault ? tr("%1 (default)").arg(input.description) : input.description, input.id);
    m_form->bind(
        form, SettingKey::AudioDevice, tr("&Microphone:"), device, [device] { return device->currentData(); },
        [device](const QVariant& v) {
            int index = device->findData(v.toString());
            if (index < 0 && !v.toString().isEmpty()) {
                // A device that is not plugged in now stays selected rather than silently reset.
                device->addItem(tr("%1 (not connected)").arg(v.toString()), v.toString());
                index = device->count() - 1;
            }
            device->setCurrentIndex(std::max(0, index));
        });
    connect(device, &QComboBox::currentIndexChanged, m_form, [this] { m_form->edited(SettingKey::AudioDevice); });
    auto* test = new MicrophoneTest(m_settings, m_secrets, form->parentWidget());
    form->addRow(QString(), test);
    connect(device, &QComboBox::currentIndexChanged, test,
            [test, device] { test->setDevice(device->currentData().toString()); });
}

void SettingsDialog::buildAudio()
{
    QFormLayout* form = nullptr;
    addPage(tr("Audio"), u"audio"_s, &form);
    m_form->addRow(form, SettingKey::AudioVadSensitivity, tr("Voice &sensitivity:"),
                   tr("0 = only loud speech counts, 1 = everything above the noise floor."));
    m_form->addRow(form, SettingKey::AudioPreRollMs, tr("&Pre-roll (ms):"),
                   tr("Audio kept from just before the key press, so the first word is never cut."));
    m_form->addRow(form, SettingKey::AudioHandsFreeStopMs, tr("&Hands-free stop after (ms):"));
    m_form->addRow(form, SettingKey::AudioMinPauseMs, tr("Shortest &pause (ms):"));
}

void SettingsDialog::buildProviders()
{
    QFormLayout* form = nullptr;
    addPage(tr("Providers"), u"providers"_s, &form);
    form->addRow(sectionNote(tr("Utter sends what you say to a speech-to-text service: Groq by default (paste your "
                                "key and test it), or any OpenAI-compatible server such as a local whisper.cpp or "
                                "speaches server or a hal0 box (under “Endpoints and models”). Keys are stored in "
                                "the system keychain."),
                             form->parentWidget()));
    addSecretRow(form, u"transcribe"_s, tr("Transcription &key:"));
    addTestButton(form, u"transcribe"_s, int(SettingKey::TranscribeUrl), int(SettingKey::TranscribeKeyName));
    // Endpoints and model ids are for people who run their own server: behind a disclosure.
    const int first = form->rowCount() + 1;
    QToolButton* more = addDisclosure(form, tr("&Endpoints and models"));
    m_form->addRow(form, SettingKey::TranscribeUrl, tr("Transcription &URL:"),
                   tr("https:// uploads chunks at your pauses (Groq: $0.04 per hour, at least 10 s per request). "
                      "A wss:// URL streams instead, so words appear while you speak (OpenAI Realtime: "
                      "wss://api.openai.com/v1 with gpt-4o-transcribe, $0.006 per minute, or "
                      "gpt-4o-mini-transcribe, $0.003): everything the microphone records during a dictation is "
                      "sent as it is captured, pauses included, and billed per second."));
    m_form->addRow(form, SettingKey::TranscribeModel, tr("Transcription &model:"));
    m_form->addRow(form, SettingKey::TranscribeFallbackUrl, tr("&Fallback URL:"),
                   tr("Used when the primary fails; leave empty for none."));
    m_form->addRow(form, SettingKey::TranscribeFallbackModel, tr("Fallback m&odel:"));
    addSecretRow(form, u"fallback"_s, tr("Fallback k&ey:"));
    m_form->addRow(form, SettingKey::SpeechUrl, tr("&Read-back URL:"),
                   tr("An /v1/audio/speech endpoint for \"Read back last result\"; empty turns it off."));
    m_form->addRow(form, SettingKey::SpeechVoice, tr("Read-back &voice:"));
    bindDisclosure(more, form, first, form->rowCount(),
                   {SettingKey::TranscribeUrl, SettingKey::TranscribeModel, SettingKey::TranscribeFallbackUrl,
                    SettingKey::TranscribeFallbackModel, SettingKey::SpeechUrl, SettingKey::SpeechVoice});
}

void SettingsDialog::buildStyles()
{
    QFormLayout* form = nullptr;
    addPage(tr("Styles"), u"styles"_s, &form);
    m_stylesForm = form;
    addSecretRow(form, u"transform"_s, tr("Style &key:"));
    addTestButton(form, u"transform"_s, int(SettingKey::TransformUrl), int(SettingKey::TransformKeyName));
    m_form->addRow(form, SettingKey::TransformAppStyles, tr("Per-&application styles:"),
                   tr("One rule per line as application=style, e.g. thunderbird=email. First match wins."));
    m_form->addRow(form, SettingKey::TranscribeVocabulary, tr("&Vocabulary:"),
                   tr("Names and terms the transcriber should spell right, one per line."));
    const int first = form->rowCount() + 1;
    QToolButton* more = addDisclosure(form, tr("&Endpoint, model and timeout"));
    m_form->addRow(form, SettingKey::TransformUrl, tr("Style &URL:"));
    m_form->addRow(form, SettingKey::TransformModel, tr("Style &model:"));
    m_form->addRow(form, SettingKey::TransformTimeoutS, tr("&Timeout (s):"),
                   tr("After this long the raw transcript is delivered instead."));
    bindDisclosure(more, form, first, form->rowCount(),
                   {SettingKey::TransformUrl, SettingKey::TransformModel, SettingKey::TransformTimeoutS});
}

void SettingsDialog::buildOutput()
{
    QFormLayout* form = nullptr;
    addPage(tr("Output"), u"output"_s, &form);
    m_form->addRow(form, SettingKey::OutputMethods, tr("&Methods in order:"),
                   tr("One per line, tried top to bottom; \"auto\" uses the best chain for this desktop."));
    m_form->addRow(form, SettingKey::OutputRestoreClipboard, tr("Restore my clipboard after pasting"));
    m_form->addRow(form, SettingKey::OutputPressEnter, tr("Press Enter after inserting the text"));
    m_form->addRow(form, SettingKey::OutputSeparator, tr("&Between dictations:"),
                   tr("auto: a space when a dictation continues the one typed just before into the same window "
                      "(none after a new line or Enter); space: always; none: the text as spoken."));
    m_form->addRow(form, SettingKey::OutputReplacements, tr("&Replacements:"),
                   tr("One per line as from=>to, applied to every transcript."));
}

void SettingsDialog::buildHistory()
{
    QFormLayout* form = nullptr;
    addPage(tr("History"), u"history"_s, &form);
    m_form->addRow(form, SettingKey::HistoryRetention, tr("&Keep:"));
    m_form->addRow(form, SettingKey::HistoryRetentionValue, tr("&N:"),
                   tr("Days or dictations, for the \"last N\" choices."));
    m_form->addRow(form, SettingKey::HistoryKeepAudio, tr("Keep the audio of each dictation"));
}

void SettingsDialog::buildAdvanced()
{
    QFormLayout* form = nullptr;
    QWidget* page = addPage(tr("Advanced"), u"advanced"_s, &form);
    m_form->addRow(form, SettingKey::HttpEnabled, tr("Serve the HTTP API"));
    m_form->addRow(form, SettingKey::HttpListen, tr("&Address:"), tr("HOST:PORT; loopback unless you allow remote."));
    // The tools in a button box: the platform's spacing, never jammed together.
    auto* tools = new QDialogButtonBox(page);
    tools->setObjectName(u"advancedTools"_s);
    tools->setCenterButtons(false);
    auto* token = tools->addButton(tr("Regenerate API &token"), QDialogButtonBox::ActionRole);
    auto* logs = tools->addButton(tr("Open &log folder"), QDialogButtonBox::ActionRole);
    auto* copy = tools->addButton(tr("&Copy diagnostics"), QDialogButtonBox::ActionRole);
    token->setAccessibleDescription(tr("Makes a new bearer token for the HTTP API; clients need the new one."));
    form->addRow(QString(), tools);
    connect(token, &QPushButton::clicked, this, [this] {
        if (!m_secrets)
            return;
        // In the background: the running service takes the new token at once (the store's cache), and the
        // keychain write is reported when it is done.
        const QString name = QString::fromLatin1(HttpFrontDoor::kTokenSecretName);
        setStatus(tr("Creating a new token…"), false);
        m_secrets->setAsync(
            name, HttpToken::generate(), this,
            [this](const Result<SecretSource>& stored) {
                setStatus(stored.ok() ? tr("A new token was created; clients need it from `utter secret status "
                                           "http-token`.")
                                      : stored.error().message,
                          !stored.ok());
            },
            SecretStore::KeychainRefuses::UseFile);
    });
    connect(logs, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_settings.filePath()).absolutePath()));
    });
    connect(copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(diagnostics());
        setStatus(tr("Diagnostics copied to the clipboard (keys are never included)."), false);
    });
}

QToolButton* SettingsDialog::addDisclosure(QFormLayout* form, const QString& text)
{
    auto* toggle = new QToolButton(form->parentWidget());
    toggle->setObjectName(u"advancedDisclosure"_s);
    toggle->setText(text);
    toggle->setCheckable(true);
    toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toggle->setArrowType(Qt::RightArrow);
    toggle->setAutoRaise(true);
    toggle->setAccessibleName(QString(text).remove(u'&'));
    form->addRow(toggle);
    m_disclosures.append(toggle);
    return toggle;
}

void SettingsDialog::bindDisclosure(QToolButton* toggle, QFormLayout* form, int first, int end,
                                    const QList<SettingKey>& keys)
{
    // The rows by what they hold (rows may be inserted above later: indexes would move).
    QList<QWidget*> widgets;
    QList<QLayout*> layouts;
    for (int row = first; row < end; ++row) {
        for (const auto role : {QFormLayout::FieldRole, QFormLayout::SpanningRole}) {
            if (QLayoutItem* item = form->itemAt(row, role)) {
                if (item->widget())
                    widgets << item->widget();
                else if (item->layout())
                    layouts << item->layout();
            }
        }
    }
    const auto show = [toggle, form, widgets, layouts](bool on) {
        toggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        for (QWidget* widget : widgets)
            form->setRowVisible(widget, on);
        for (QLayout* layout : layouts)
            form->setRowVisible(layout, on);
    };
    connect(toggle, &QToolButton::toggled, this, show);
    // Open from the start when one of them is not the default: what the user set is never hidden.
    bool custom = false;
    for (SettingKey key : keys)
        custom = custom || m_settings.source(key) != SettingSource::Default;
    toggle->setChecked(custom);
    show(custom);
    m_disclosed.insert(toggle, widgets);
}

QString SettingsDialog::diagnostics() const
{
    QString text = u"Utter %1\n%2\nPlatform: %3\nSettings: %4\n"_s.arg(
        utterVersion(), libraryVersions(), QGuiApplication::platformName(), m_settings.filePath());
    for (const SettingsProblem& problem : m_settings.problems())
        text += u"settings problem: %1 (line %2): %3\n"_s.arg(problem.key).arg(problem.line).arg(problem.message);
    text += u"\nRecent log:\n"_s + LogHandler::recentLines().join(u'\n');
    return text;
}

void SettingsDialog::setStylesDir(const QString& dir)
{
    if (m_styleEditor || !m_stylesForm)
        return;
    QWidget* page = m_stylesForm->parentWidget();
    auto* heading = new QLabel(tr("Style library"), page);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    m_styleEditor = new StyleEditor(dir, page);
    // First on the page: what the styles are (the default style is chosen on the General page).
    m_stylesForm->insertRow(0, heading);
    m_stylesForm->insertRow(1, m_styleEditor);
    connect(m_styleEditor, &StyleEditor::stylesChanged, this, &SettingsDialog::stylesChanged);
}

void SettingsDialog::watchHotkeys(const DesktopIntegration* integration)
{
    m_integration = integration;
    if (integration)
        connect(integration, &DesktopIntegration::hotkeyStatusChanged, this, &SettingsDialog::refreshHotkeyWarning);
    for (auto it = m_hotkeyWarnings.constBegin(); it != m_hotkeyWarnings.constEnd(); ++it)
        refreshHotkeyWarning(it.key());
}

void SettingsDialog::refreshHotkeyWarning(const QString& id)
{
    QLabel* warning = m_hotkeyWarnings.value(id);
    const KeyCaptureWidget* editor = m_keyEditors.value(id);
    if (!warning || !editor)
        return;
    const DesktopIntegration::HotkeyStatus status =
        m_integration ? m_integration->hotkeyStatus(id) : DesktopIntegration::HotkeyStatus{};
    // Only while the field shows the key the service tried: a newly picked key is grabbed when it is saved.
    const bool show = !status.error.isEmpty() && editor->keySpec() == status.key;
    warning->setText(show ? tr("✖ Not active: %1").arg(status.error) : QString());
    warning->setAccessibleName(warning->text());
    warning->setVisible(show);
}

QString SettingsDialog::hotkeyWarning(const QString& id) const
{
    const QLabel* warning = m_hotkeyWarnings.value(id);
    return warning && !warning->isHidden() ? warning->text() : QString();
}

QString SettingsDialog::secretNameFor(const QString& which) const
{
    if (which == u"transcribe"_s)
        return m_settings.stringValue(SettingKey::TranscribeKeyName);
    if (which == u"fallback"_s)
        return m_settings.stringValue(SettingKey::TranscribeFallbackKeyName);
    return m_settings.stringValue(SettingKey::TransformKeyName);
}

void SettingsDialog::addSecretRow(QFormLayout* form, const QString& which, const QString& label)
{
    auto* edit = new QLineEdit(form->parentWidget());
    edit->setEchoMode(QLineEdit::Password);
    edit->setClearButtonEnabled(true);
    const QString name = secretNameFor(which);
    // From the cache, never waiting for the keychain: the placeholder follows when the key has been read.
    const auto showStored = [this, edit, name] {
        QString placeholder = tr("Paste the API key");
        if (m_secrets && !name.isEmpty()) {
            const std::optional<SecretLookup> found = m_secrets->cached(name);
            if (!found)
                placeholder = tr("Reading the keychain…");
            else if (found->source == SecretSource::Environment)
                placeholder = tr("Set by the environment (%1)").arg(found->detail);
            else if (!found->value.isEmpty())
                placeholder = tr("Stored — ends in …%1; type to replace").arg(found->value.right(4));
            else if (found->failed)
                placeholder = tr("The keychain did not answer; paste the key to store it");
        }
        edit->setPlaceholderText(placeholder);
    };
    showStored();
    if (m_secrets)
        connect(m_secrets, &SecretStore::resolved, edit, [showStored, name](const QString& resolved) {
            if (resolved == name)
                showStored();
        });
    auto* title = new QLabel(label, form->parentWidget());
    title->setBuddy(edit);
    edit->setAccessibleName(QString(label).remove(u'&').remove(u':'));
    form->addRow(title, edit);
    m_secretEdits.insert(which, edit);
}

void SettingsDialog::addTestButton(QFormLayout* form, const QString& which, int urlKey, int keyNameKey)
{
    Q_UNUSED(keyNameKey)
    auto* row = new QHBoxLayout;
    auto* button = new QPushButton(tr("&Test connection"), form->parentWidget());
    auto* result = new QLabel(form->parentWidget());
    result->setWordWrap(true);
    row->addWidget(button);
    row->addWidget(result, 1);
    form->addRow(QString(), row);
    if (!m_health)
        m_health = new EndpointHealth(*new HttpClient(this), this);
    connect(button, &QPushButton::clicked, this, [=, this] {
        const QString url = m_form->editorValue(SettingKey(urlKey)).toString();
        QString key = m_secretEdits.value(which)->text();
        if (key.isEmpty() && m_secrets)
            key = cachedKeys(*m_secrets)(secretNameFor(which));
        button->setEnabled(false);
        result->setText(tr("Testing…"));
        const bool transcription = which == u"transcribe"_s;
        const Endpoint endpoint = makeEndpoint(
            u"primary"_s, url,
            m_form->editorValue(transcription ? SettingKey::TranscribeModel : SettingKey::TransformModel).toString(),
            secretNameFor(which), key);
        m_health->probe(endpoint, transcription ? Capability::Transcription : Capability::Transform, result,
                        [button, result](const HealthReport& report) {
                            button->setEnabled(true);
                            result->setText((report.ok ? u"✔ "_s : u"✖ "_s) + EndpointHealth::describe(report));
                        });
    });
}

void SettingsDialog::setStatus(const QString& text, bool isError)
{
    m_status->setText(text);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
                     isError ? errorTextColor(palette) : QApplication::palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
}

QString SettingsDialog::statusText() const
{
    return m_status->text();
}

void SettingsDialog::showPage(Page page)
{
    m_nav->setCurrentRow(int(page));
}

SettingsDialog::Page SettingsDialog::currentPage() const
{
    return Page(m_nav->currentRow());
}

Status SettingsDialog::apply()
{
    QWidget* invalid = m_form->validateAll();
    if (!invalid && m_styleEditor && m_styleEditor->isModified())
        invalid = m_styleEditor->validate();
    if (invalid) {
        for (auto it = m_disclosed.constBegin(); it != m_disclosed.constEnd(); ++it) {
            for (QWidget* row : it.value()) {
                if (row == invalid || row->isAncestorOf(invalid))
                    it.key()->setChecked(true);
            }
        }
        for (int i = 0; i < m_pages->count(); ++i) {
            if (m_pages->widget(i)->isAncestorOf(invalid))
                m_nav->setCurrentRow(i);
        }
        invalid->setFocus(Qt::OtherFocusReason);
        const Error error(ErrorCode::InvalidArgument, tr("Nothing was saved: fix the fields marked in red."));
        setStatus(error.message, true);
        return error;
    }
    if (Status saved = m_form->apply(); !saved.ok()) {
        setStatus(saved.error().message, true);
        return saved;
    }
    if (m_styleEditor) {
        if (Status saved = m_styleEditor->save(); !saved.ok()) {
            showPage(Page::Styles);
            setStatus(saved.error().message, true);
            return saved;
        }
    }
    // Keys are used at once (the store's cache) and written to the keychain in the background; a refusal is
    // reported on the status line when it comes.
    bool storing = false;
    for (auto it = m_secretEdits.constBegin(); it != m_secretEdits.constEnd(); ++it) {
        const QString value = it.value()->text().trimmed();
        const QString name = secretNameFor(it.key());
        if (value.isEmpty() || !m_secrets)
            continue;
        if (!SecretStore::isValidName(name)) {
            const Error error(ErrorCode::InvalidArgument, tr("\"%1\" is not a valid key name.").arg(name));
            setStatus(error.message, true);
            return error;
        }
        storing = true;
        m_secrets->setAsync(name, value, this, [this](const Result<SecretSource>& stored) {
            if (!stored.ok())
                setStatus(stored.error().message, true);
            else if (m_status->text() == tr("Saved; storing the key in the keychain…"))
                setStatus(tr("Saved."), false);
        });
        it.value()->clear();
        it.value()->setPlaceholderText(tr("Stored — ends in …%1; type to replace").arg(value.right(4)));
    }
    setStatus(storing ? tr("Saved; storing the key in the keychain…") : tr("Saved."), false);
    return {};
}

void SettingsDialog::accept()
{
    if (apply().ok())
        QDialog::accept();
}

} // namespace utter::ui
