#pragma once

#include "common/result.h"
#include "history/historyentry.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace utter
{
class DictationControl;
class HistoryStore;
} // namespace utter

namespace utter::ui
{

class ArchiveTranscription;

// The history window's third column: a dictation transcribed again from its archived audio, or its transcript
// run through another style. Shows progress while the provider works, then the new text with Copy and "Save as
// new dictation" (a new history entry; the original entry, its texts and its audio stay as they are), or the
// error. It never changes an existing entry.
class ReprocessPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReprocessPanel)

public:
    enum class Kind
    {
        Retranscribe,
        Restyle,
    };

    ReprocessPanel(HistoryStore& store, QWidget* parent = nullptr);
    ~ReprocessPanel() override;

    void setDictation(DictationControl* dictation);

    void retranscribe(const HistoryEntry& source);
    void restyle(const HistoryEntry& source, const QString& style);
    // Stops a run, or closes the result.
    void discard();
    void copyResult();
    // Stores the result as a new history entry; its id.
    Result<qint64> saveAsNew();

    bool isRunning() const { return m_running; }
    QString title() const;
    QString resultText() const;
    QString errorText() const;
    QString noticeText() const;
    qint64 sourceId() const { return m_source.id; }

signals:
    void saved(qint64 id);
    void message(const QString& text);
    void runningChanged(bool running);

private:
    void begin(Kind kind, const HistoryEntry& source, const QString& title);
    void succeed(const QString& text);
    void fail(const QString& message);
    void setRunning(bool running);

    HistoryStore& m_store;
    QPointer<DictationControl> m_dictation;
    HistoryEntry m_source;
    Kind m_kind = Kind::Retranscribe;
    QString m_style;
    QString m_language;
    double m_billedSeconds = 0;
    bool m_running = false;
    QPointer<QObject> m_job; // the running request's context: deleting it cancels the request
    QLabel* m_title = nullptr;
    QLabel* m_notice = nullptr;
    QProgressBar* m_progress = nullptr;
    QPlainTextEdit* m_result = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_copy = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_discard = nullptr;
};

} // namespace utter::ui
