#include "reprocesspanel.h"

#include <algorithm>

#include "archivetranscription.h"
#include "history/historystore.h"
#include "pipeline/dictationcontrol.h"
#include "theme.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

ReprocessPanel::ReprocessPanel(HistoryStore& store, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
{
    setObjectName(u"reprocessPanel"_s);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_notice = new QLabel(this);
    m_notice->setWordWrap(true);
    QPalette muted = m_notice->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_notice->setPalette(muted);
    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Progress"));
    m_progress->setTextVisible(false);
    m_result = new QPlainTextEdit(this);
    m_result->setAccessibleName(tr("New text"));
    m_result->setTabChangesFocus(true);
    m_title->setBuddy(m_result);
    m_error = new QLabel(this);
    m_error->setObjectName(u"reprocessError"_s);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    QPalette red = m_error->palette();
    red.setColor(QPalette::WindowText, errorTextColor(red));
    m_error->setPalette(red);
    auto* buttons = new QHBoxLayout;
    m_copy = new QPushButton(tr("C&opy new text"), this);
    m_save = new QPushButton(tr("Save as &new dictation"), this);
    m_save->setToolTip(tr("Adds the new text to the history as a dictation of its own; this one stays as it is."));
    m_discard = new QPushButton(this);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_save);
    buttons->addStretch();
    buttons->addWidget(m_discard);
    // The title and the text line up with the transcript and styled text beside them; the state goes below.
    layout->addWidget(m_title);
    layout->addWidget(m_result, 1);
    layout->addWidget(m_error, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_notice);
    layout->addLayout(buttons);
    connect(m_copy, &QPushButton::clicked, this, &ReprocessPanel::copyResult);
    connect(m_save, &QPushButton::clicked, this, [this] { (void)saveAsNew(); });
    connect(m_discard, &QPushButton::clicked, this, &ReprocessPanel::discard);
    hide();
}

ReprocessPanel::~ReprocessPanel() = default;

void ReprocessPanel::setDictation(DictationControl* dictation)
{
    m_dictation = dictation;
}

void ReprocessPanel::begin(Kind kind, const HistoryEntry& source, const QString& title)
{
    delete m_job;
    m_kind = kind;
    m_source = source;
    m_language.clear();
    m_billedSeconds = 0;
    m_title->setText(title);
    m_notice->setText(
        tr("From the dictation of %1.").arg(QLocale().toString(source.timestamp.toLocalTime(), QLocale::ShortFormat)));
    m_result->clear();
    m_result->setReadOnly(true);
    m_result->setPlaceholderText(tr("The new text appears here."));
    m_result->show();
    m_error->clear();
    m_error->hide();
    m_copy->hide();
    m_save->hide();
    m_progress->setRange(0, 0);
    m_progress->show();
    setRunning(true);
    show();
}

void ReprocessPanel::retranscribe(const HistoryEntry& source)
{
    begin(Kind::Retranscribe, source, tr("New transcript"));
    if (!m_dictation) {
        fail(tr("The dictation service is not available, so nothing can be transcribed."));
        return;
    }
    const QStringList files = ArchiveTranscription::chunkFiles(source.audioPath);
    if (files.isEmpty()) {
        const bool nothingUploaded =
            source.rawText.isEmpty() && !source.heldBack.isEmpty() &&
            std::all_of(source.heldBack.cbegin(), source.heldBack.cend(),
                        [](const HeldBack& item) { return item.kind == HeldBack::Kind::NotUploaded; });
        fail(nothingUploaded
                 ? tr("Utter heard no voice in this dictation, so none of it was uploaded, and sound without a voice "
                      "is not kept: there is nothing to transcribe again.")
             : source.audioPath.isEmpty()
                 ? tr("The audio of this dictation was not kept, so it cannot be transcribed again. New dictations "
                      "keep it while Settings → History → “Keep the audio of each dictation” is on.")
                 : tr("The audio of this dictation is gone from %1, so it cannot be transcribed again.")
                       .arg(QDir::toNativeSeparators(source.audioPath)));
        return;
    }
    auto* run = new ArchiveTranscription(*m_dictation, files, this);
    m_job = run;
    connect(run, &ArchiveTranscription::progressed, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
        m_progress->setAccessibleDescription(tr("%1 of %2 parts transcribed").arg(done).arg(total));
        m_notice->setText(tr("Transcribing part %1 of %2 with the current transcription settings…")
                              .arg(std::min(done + 1, total))
                              .arg(total));
    });
    connect(run, &ArchiveTranscription::succeeded, this,
            [this, run](const QString& text, const QString& language, double billedSeconds) {
                m_language = language;
                m_billedSeconds = billedSeconds;
                run->deleteLater();
                succeed(text);
            });
    connect(run, &ArchiveTranscription::failed, this, [this, run](const QString& message) {
        run->deleteLater();
        fail(message);
    });
    run->start();
}

void ReprocessPanel::restyle(const HistoryEntry& source, const QString& style)
{
    begin(Kind::Restyle, source, tr("Styled with “%1”").arg(style));
    m_style = style;
    if (!m_dictation) {
        fail(tr("The dictation service is not available, so no style can run."));
        return;
    }
    if (source.rawText.trimmed().isEmpty()) {
        fail(tr("This dictation has no transcript to style."));
        return;
    }
    m_notice->setText(tr("Styling the transcript…"));
    auto* job = new QObject(this);
    m_job = job;
    m_dictation->restyle(source.rawText, style, job, [this, job](const Result<QJsonObject>& result) {
        job->deleteLater();
        if (!result.ok()) {
            fail(result.error().message);
            return;
        }
        succeed(result.value().value(u"text"_s).toString());
        if (result.value().value(u"skipped"_s).toBool())
            m_notice->setText(tr("The text is shorter than this style's minimum, so it was left as it was."));
    });
}

void ReprocessPanel::succeed(const QString& text)
{
    setRunning(false);
    m_progress->hide();
    m_result->setPlainText(text);
    m_result->setReadOnly(false);
    m_result->show();
    m_copy->show();
    m_save->show();
    m_notice->setText(tr("Not saved yet. You can edit it before you copy or save it."));
    m_result->setFocus(Qt::OtherFocusReason);
}

void ReprocessPanel::fail(const QString& message)
{
    setRunning(false);
    m_progress->hide();
    m_notice->setText(tr("The dictation itself is unchanged."));
    m_result->hide();
    m_error->setText(u"✖ "_s + message);
    m_error->setAccessibleName(message);
    m_error->show();
}

void ReprocessPanel::setRunning(bool running)
{
    m_running = running;
    m_discard->setText(running ? tr("C&ancel") : tr("C&lose"));
    m_discard->setToolTip(running ? QString() : tr("Closes this column; an unsaved new text is dropped."));
    emit runningChanged(running);
}

void ReprocessPanel::discard()
{
    delete m_job;
    if (m_running)
        setRunning(false);
    hide();
}

void ReprocessPanel::copyResult()
{
    if (m_running || m_result->isHidden())
        return;
    QApplication::clipboard()->setText(m_result->toPlainText());
    emit message(tr("New text copied."));
}

Result<qint64> ReprocessPanel::saveAsNew()
{
    const QString text = m_result->toPlainText().trimmed();
    if (m_running || m_result->isHidden() || text.isEmpty())
        return Error(ErrorCode::InvalidArgument, tr("There is no new text to save."));
    HistoryEntry entry = m_source;
    entry.id = 0;
    entry.timestamp = QDateTime::currentDateTimeUtc();
    // The audio stays with the original entry (deleting this one must not delete it); no session is shared.
    entry.audioPath.clear();
    entry.sessionId.clear();
    if (m_kind == Kind::Retranscribe) {
        entry.rawText = text;
        entry.styledText.clear();
        entry.style.clear();
        entry.billedSeconds = m_billedSeconds;
        entry.provider.clear();
        entry.endpoint.clear();
        if (!m_language.isEmpty())
            entry.language = m_language;
    } else {
        entry.styledText = text;
        entry.style = m_style;
    }
    const Result<qint64> id = m_store.add(entry);
    if (!id.ok()) {
        m_error->setText(u"✖ "_s + id.error().message);
        m_error->show();
        return id;
    }
    hide();
    emit saved(id.value());
    emit message(tr("Saved as a new dictation."));
    return id;
}

QString ReprocessPanel::title() const
{
    return QString(m_title->text()).remove(u'&');
}

QString ReprocessPanel::resultText() const
{
    return m_running || m_result->isHidden() ? QString() : m_result->toPlainText();
}

QString ReprocessPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString ReprocessPanel::noticeText() const
{
    return m_notice->text();
}

} // namespace utter::ui
