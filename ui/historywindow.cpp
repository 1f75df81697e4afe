#include "historywindow.h"

#include "archivetranscription.h"
#include "history/historyexport.h"
#include "history/historystore.h"
#include "historymodel.h"
#include "pipeline/dictationcontrol.h"
#include "providers/audioplayback.h"
#include "providers/style.h"
#include "reprocesspanel.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>

#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

namespace
{

QPlainTextEdit* readOnlyText(const QString& name, QWidget* parent)
{
    auto* edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setAccessibleName(name);
    edit->setTabChangesFocus(true);
    return edit;
}

} // namespace

HistoryWindow::HistoryWindow(HistoryStore& store, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_store(store)
{
    setObjectName(u"historyWindow"_s);
    setWindowTitle(tr("Utter History"));
    setWindowIcon(QIcon(u":/icons/utter.svg"_s));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(8);

    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search dictations…"));
    m_search->setAccessibleName(tr("Search history"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_model = new HistoryModel(store, this);
    m_view = new QTableView(splitter);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Dictations"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setColumnWidth(HistoryModel::Date, 150);
    m_view->setColumnWidth(HistoryModel::Application, 120);
    m_view->setColumnWidth(HistoryModel::Style, 90);
    m_view->setColumnWidth(HistoryModel::Duration, 60);

    auto* detail = new QWidget(splitter);
    auto* detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 8, 0, 0);
    m_meta = new QLabel(detail);
    m_meta->setWordWrap(true);
    detailLayout->addWidget(m_meta);
    m_heldBack = new QLabel(detail);
    m_heldBack->setObjectName(u"heldBack"_s);
    m_heldBack->setWordWrap(true);
    m_heldBack->setTextFormat(Qt::PlainText);
    m_heldBack->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_heldBack->setFocusPolicy(Qt::TabFocus); // screen readers reach it with Tab
    m_heldBack->setAccessibleName(tr("Held back"));
    m_heldBack->hide();
    detailLayout->addWidget(m_heldBack);
    auto* texts = new QHBoxLayout;
    auto* rawColumn = new QVBoxLayout;
    auto* rawLabel = new QLabel(tr("&Transcript"), detail);
    m_raw = readOnlyText(tr("Transcript"), detail);
    rawLabel->setBuddy(m_raw);
    rawColumn->addWidget(rawLabel);
    rawColumn->addWidget(m_raw);
    auto* styledColumn = new QVBoxLayout;
    auto* styledLabel = new QLabel(tr("St&yled text"), detail);
    m_styled = readOnlyText(tr("Styled text"), detail);
    styledLabel->setBuddy(m_styled);
    styledColumn->addWidget(styledLabel);
    styledColumn->addWidget(m_styled);
    texts->addLayout(rawColumn);
    texts->addLayout(styledColumn);
    m_reprocess = new ReprocessPanel(store, detail);
    texts->addWidget(m_reprocess);
    detailLayout->addLayout(texts);
    auto* buttons = new QHBoxLayout;
    m_copy = new QPushButton(tr("&Copy"), detail);
    m_play = new QPushButton(tr("&Play audio"), detail);
    m_delete = new QPushButton(tr("&Delete"), detail);
    auto* exportButton = new QPushButton(tr("&Export all…"), detail);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_play);
    buttons->addWidget(m_delete);
    m_retranscribe = new QPushButton(tr("&Re-transcribe"), detail);
    m_retranscribe->setToolTip(tr("Transcribes the archived audio again with the current settings; the result "
                                  "is shown next to this one and saved only if you ask."));
    m_restyle = new QPushButton(tr("Re-&style"), detail);
    m_restyle->setToolTip(tr("Applies a style to the transcript; the result is shown next to this one and saved "
                             "only if you ask."));
    m_restyleMenu = new QMenu(m_restyle);
    m_restyle->setMenu(m_restyleMenu);
    buttons->addSpacing(12);
    buttons->addWidget(m_retranscribe);
    buttons->addWidget(m_restyle);
    buttons->addStretch();
    buttons->addWidget(exportButton);
    detailLayout->addLayout(buttons);
    splitter->addWidget(m_view);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    m_status = new QLabel(this);
    layout->addWidget(m_status);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(m_search, &QLineEdit::textChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        m_model->setQuery(m_search->text());
        selectRow(0);
        setStatus({});
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &HistoryWindow::showSelection);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &HistoryWindow::showSelection);
    connect(m_copy, &QPushButton::clicked, this, &HistoryWindow::copySelected);
    connect(m_play, &QPushButton::clicked, this, &HistoryWindow::playSelected);
    connect(m_delete, &QPushButton::clicked, this, [this] { deleteSelected(true); });
    connect(m_retranscribe, &QPushButton::clicked, this, &HistoryWindow::retranscribeSelected);
    connect(m_restyleMenu, &QMenu::aboutToShow, this, &HistoryWindow::fillRestyleMenu);
    connect(m_reprocess, &ReprocessPanel::message, this, &HistoryWindow::setStatus);
    connect(m_reprocess, &ReprocessPanel::runningChanged, this, &HistoryWindow::showSelection);
    connect(m_reprocess, &ReprocessPanel::saved, this, [this](qint64 id) {
        m_model->reload();
        for (int row = 0; row < m_model->rowCount(); ++row) {
            if (m_model->entry(row)->id == id) {
                selectRow(row);
                return;
            }
        }
        selectRow(0);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export history"), QDir::home().filePath(u"utter-history.md"_s),
                                         tr("Markdown (*.md);;JSON (*.json);;CSV (*.csv)"));
        if (!path.isEmpty())
            exportTo(path);
    });
    auto* del = new QShortcut(QKeySequence::Delete, m_view);
    connect(del, &QShortcut::activated, this, [this] { deleteSelected(true); });
    auto* find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, m_search, [this] { m_search->setFocus(Qt::ShortcutFocusReason); });

    m_playback = new AudioPlayback(this);
    connect(m_playback, &AudioPlayback::finished, this, [this](bool ok, const QString& message) {
        if (!ok) {
            m_playQueue.clear();
            setStatus(message);
        } else if (!m_playQueue.isEmpty()) {
            playSelected();
        }
    });
    resize(1040, 680);
    selectRow(0);
}

HistoryWindow::~HistoryWindow() = default;

void HistoryWindow::reload()
{
    m_model->reload();
    selectRow(0);
}

void HistoryWindow::selectRow(int row)
{
    if (m_model->rowCount() == 0) {
        showSelection();
        return;
    }
    m_view->selectRow(std::clamp(row, 0, m_model->rowCount() - 1));
    showSelection();
}

void HistoryWindow::showSelection()
{
    const HistoryEntry* e = m_model->entry(m_view->currentIndex().row());
    m_copy->setEnabled(e);
    m_delete->setEnabled(e);
    m_play->setEnabled(e && !e->audioPath.isEmpty() && QFileInfo::exists(e->audioPath));
    m_play->setToolTip(e && e->audioPath.isEmpty() ? tr("The audio of this dictation was not kept.") : QString());
    m_retranscribe->setEnabled(e && m_dictation && !m_reprocess->isRunning());
    m_restyle->setEnabled(e && m_dictation && !m_reprocess->isRunning());
    if (!e) {
        m_meta->setText(m_model->query().isEmpty() ? tr("No dictations yet.")
                                                   : tr("Nothing matches “%1”.").arg(m_model->query()));
        m_raw->clear();
        m_styled->clear();
        m_heldBack->hide();
        return;
    }
    const QStringList heldBack = heldBackLines(e->heldBack);
    m_heldBack->setText(heldBack.join(u'\n'));
    m_heldBack->setAccessibleDescription(heldBack.join(u' '));
    m_heldBack->setVisible(!heldBack.isEmpty());
    QStringList meta{QLocale().toString(e->timestamp.toLocalTime(), QLocale::LongFormat)};
    if (!e->application.isEmpty())
        meta << e->application;
    if (!e->provider.isEmpty())
        meta << e->provider;
    if (!e->language.isEmpty())
        meta << e->language;
    m_meta->setText(meta.join(u" · "_s));
    m_raw->setPlainText(e->rawText);
    m_styled->setPlainText(e->styledText.isEmpty() ? tr("(no style was applied)") : e->styledText);
}

QStringList HistoryWindow::heldBackLines(const QList<HeldBack>& items)
{
    QStringList stretches;
    int sounds = 0;
    QStringList typed;
    for (const HeldBack& item : items) {
        const QString where = item.startS >= 0 && item.endS >= 0
                                  ? tr("%1–%2").arg(formatClock(item.startS), formatClock(std::ceil(item.endS)))
                                  : QString();
        if (item.kind == HeldBack::Kind::NotUploaded) {
            ++sounds;
            if (!where.isEmpty())
                stretches << where;
            continue;
        }
        QString why;
        switch (item.reason) {
        case HeldBack::Reason::WhisperNoSpeech:
            why = item.noSpeechProb >= 0 ? tr("Whisper: no speech (p=%1)").arg(item.noSpeechProb, 0, 'f', 2)
                                         : tr("Whisper: no speech");
            break;
        case HeldBack::Reason::PhantomPhrase:
            why = tr("phantom phrase");
            break;
        case HeldBack::Reason::PromptEcho:
            why = tr("echoes the prompt");
            break;
        case HeldBack::Reason::RepetitionLoop:
            why = tr("repetition loop");
            break;
        case HeldBack::Reason::NoVoice:
            why = tr("no voice");
            break;
        }
        if (!where.isEmpty())
            why = tr("%1, %2").arg(why, where);
        typed << tr("“%1” (%2)").arg(item.text.trimmed(), why);
    }
    QStringList lines;
    if (sounds > 0) {
        QString line = sounds == 1 ? tr("Not uploaded: 1 sound without a voice")
                                   : tr("Not uploaded: %1 sounds without a voice").arg(sounds);
        if (!stretches.isEmpty())
            line = tr("%1, %2").arg(line, stretches.join(tr(", ")));
        lines << line;
    }
    if (!typed.isEmpty())
        lines << tr("Not typed: %1").arg(typed.join(tr("; ")));
    return lines;
}

void HistoryWindow::setDictation(DictationControl* dictation, const QString& stylesDir)
{
    m_dictation = dictation;
    m_stylesDir = stylesDir;
    m_reprocess->setDictation(dictation);
    showSelection();
}

void HistoryWindow::fillRestyleMenu()
{
    m_restyleMenu->clear();
    const StyleLibrary library = StyleLibrary::load(m_stylesDir);
    for (const Style& style : library.styles()) {
        if (style.isRaw())
            continue;
        QAction* action = m_restyleMenu->addAction(style.name);
        action->setToolTip(style.description);
        action->setStatusTip(style.description);
        connect(action, &QAction::triggered, this, [this, name = style.name] { restyleSelected(name); });
    }
}

void HistoryWindow::retranscribeSelected()
{
    if (const HistoryEntry* e = m_model->entry(m_view->currentIndex().row()))
        m_reprocess->retranscribe(*e);
}

void HistoryWindow::restyleSelected(const QString& style)
{
    if (const HistoryEntry* e = m_model->entry(m_view->currentIndex().row()))
        m_reprocess->restyle(*e, style);
}

void HistoryWindow::copySelected()
{
    if (const HistoryEntry* e = m_model->entry(m_view->currentIndex().row())) {
        QApplication::clipboard()->setText(e->text());
        setStatus(tr("Copied."));
    }
}

bool HistoryWindow::deleteSelected(bool confirm)
{
    const int row = m_view->currentIndex().row();
    const HistoryEntry* e = m_model->entry(row);
    if (!e)
        return false;
    if (confirm &&
        QMessageBox::question(this, tr("Delete dictation"),
                              tr("Delete this dictation and its audio? This cannot be undone.")) != QMessageBox::Yes)
        return false;
    if (Status removed = m_store.remove(e->id); !removed.ok()) {
        setStatus(removed.error().message);
        return false;
    }
    m_model->reload();
    selectRow(row);
    setStatus(tr("Deleted."));
    return true;
}

void HistoryWindow::playSelected()
{
    if (m_playQueue.isEmpty()) {
        const HistoryEntry* e = m_model->entry(m_view->currentIndex().row());
        if (!e || e->audioPath.isEmpty())
            return;
        // The archive keeps one Ogg Opus file per chunk; play them in order.
        m_playQueue = ArchiveTranscription::chunkFiles(e->audioPath);
    }
    if (m_playQueue.isEmpty())
        return;
    QFile file(m_playQueue.takeFirst());
    if (!file.open(QIODevice::ReadOnly)) {
        setStatus(tr("Cannot read %1.").arg(file.fileName()));
        m_playQueue.clear();
        return;
    }
    const QByteArray mime = file.fileName().endsWith(u".wav"_s) ? "audio/wav" : "audio/ogg";
    if (Status playing = m_playback->play(file.readAll(), mime); !playing.ok()) {
        setStatus(playing.error().message);
        m_playQueue.clear();
    }
}

bool HistoryWindow::exportTo(const QString& path)
{
    const std::optional<ExportFormat> format = exportFormatFromName(QFileInfo(path).suffix().toLower());
    if (!format) {
        setStatus(tr("Pick a .md, .json or .csv file name."));
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        setStatus(tr("Cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    if (Status written = exportHistory(m_store, file, *format); !written.ok()) {
        setStatus(written.error().message);
        return false;
    }
    setStatus(tr("Exported to %1.").arg(QDir::toNativeSeparators(path)));
    return true;
}

void HistoryWindow::setStatus(const QString& text)
{
    m_status->setText(text);
}

QString HistoryWindow::statusText() const
{
    return m_status->text();
}

} // namespace utter::ui
