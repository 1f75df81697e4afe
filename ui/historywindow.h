#pragma once

#include "history/heldback.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QMenu;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace utter
{
class AudioPlayback;
class DictationControl;
class HistoryStore;
} // namespace utter

namespace utter::ui
{

class HistoryModel;
class ReprocessPanel;

// The history window: search-as-you-type over the FTS index, a lazily loaded list (date, application, style,
// length, text) and the selected dictation's raw and styled text with copy, play audio, delete and export.
class HistoryWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryWindow)

public:
    explicit HistoryWindow(HistoryStore& store, QWidget* parent = nullptr);
    ~HistoryWindow() override;

    // The service that transcribes and styles again (Re-transcribe, Re-style), and the styles folder for the
    // Re-style menu. Without a service both buttons are disabled.
    void setDictation(DictationControl* dictation, const QString& stylesDir);

    HistoryModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QLineEdit* searchField() const { return m_search; }
    void selectRow(int row);
    // Acts on the selected entry.
    void copySelected();
    bool deleteSelected(bool confirm = true);
    void playSelected();
    void retranscribeSelected();
    void restyleSelected(const QString& style);
    ReprocessPanel* reprocessPanel() const { return m_reprocess; }
    // The Re-style menu as it is when opened (every style but raw).
    QMenu* restyleMenu() const { return m_restyleMenu; }
    // Writes every entry to path in the format named by its suffix (.json, .csv, .md).
    bool exportTo(const QString& path);
    QString statusText() const;
    // The detail pane's "Not uploaded: …" / "Not typed: …" lines, translated; empty when nothing was held back.
    static QStringList heldBackLines(const QList<HeldBack>& items);
    QLabel* heldBackLabel() const { return m_heldBack; }

public slots:
    void reload();

private:
    void showSelection();
    void fillRestyleMenu();
    void setStatus(const QString& text);

    HistoryStore& m_store;
    HistoryModel* m_model = nullptr;
    QLineEdit* m_search = nullptr;
    QTableView* m_view = nullptr;
    QPlainTextEdit* m_raw = nullptr;
    QPlainTextEdit* m_styled = nullptr;
    QLabel* m_meta = nullptr;
    QLabel* m_heldBack = nullptr; // "Not uploaded: …" / "Not typed: …"; hidden when nothing was held back
    QLabel* m_status = nullptr;
    QPushButton* m_copy = nullptr;
    QPushButton* m_play = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_retranscribe = nullptr;
    QPushButton* m_restyle = nullptr;
    QMenu* m_restyleMenu = nullptr;
    ReprocessPanel* m_reprocess = nullptr;
    DictationControl* m_dictation = nullptr;
    QString m_stylesDir;
    QTimer m_debounce;
    AudioPlayback* m_playback = nullptr;
    QStringList m_playQueue;
};

} // namespace utter::ui
