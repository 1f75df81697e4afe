#pragma once

#include "history/historyentry.h"

#include <QAbstractTableModel>
#include <QList>

namespace utter
{
class HistoryStore;
}

namespace utter::ui
{

// History as a table, loaded lazily: the view asks for more rows as it scrolls (canFetchMore/fetchMore), a page
// at a time, so 100 000 entries cost what is on screen. With a query it shows the FTS search results instead.
class HistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryModel)

public:
    enum Column
    {
        Date,
        Application,
        Style,
        Duration,
        Text,
        ColumnCount,
    };
    static constexpr int PageSize = 200;

    explicit HistoryModel(HistoryStore& store, QObject* parent = nullptr);

    // Empty shows everything, newest first.
    void setQuery(const QString& query);
    QString query() const { return m_query; }
    // Drops the loaded rows and loads the first page again (after a delete or a new dictation).
    void reload();

    const HistoryEntry* entry(int row) const;
    // The last error from the store, empty when fine.
    QString error() const { return m_error; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

private:
    HistoryStore& m_store;
    QString m_query;
    QString m_error;
    QList<HistoryEntry> m_entries;
    bool m_exhausted = false;
};

} // namespace utter::ui
