#include "historymodel.h"

#include "history/historystore.h"

#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

HistoryModel::HistoryModel(HistoryStore& store, QObject* parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    reload();
}

void HistoryModel::setQuery(const QString& query)
{
    if (query.trimmed() == m_query)
        return;
    m_query = query.trimmed();
    reload();
}

void HistoryModel::reload()
{
    beginResetModel();
    m_entries.clear();
    m_exhausted = false;
    m_error.clear();
    endResetModel();
    fetchMore({});
}

const HistoryEntry* HistoryModel::entry(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

int HistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool HistoryModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_exhausted;
}

void HistoryModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid() || m_exhausted)
        return;
    const int offset = int(m_entries.size());
    // Keyset paging: the next page is "older than the last id shown", as cheap on page 500 as on page 1.
    const qint64 beforeId = m_entries.isEmpty() ? 0 : m_entries.constLast().id;
    const Result<QList<HistoryEntry>> page =
        m_query.isEmpty() ? m_store.listBefore(beforeId, PageSize) : m_store.searchBefore(m_query, beforeId, PageSize);
    if (!page.ok()) {
        m_error = page.error().message;
        m_exhausted = true;
        return;
    }
    if (page->size() < PageSize)
        m_exhausted = true;
    if (page->isEmpty())
        return;
    beginInsertRows({}, offset, offset + int(page->size()) - 1);
    m_entries.append(*page);
    endInsertRows();
}

QVariant HistoryModel::data(const QModelIndex& index, int role) const
{
    const HistoryEntry* e = entry(index.row());
    if (!e)
        return {};
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Date:
            return QLocale().toString(e->timestamp.toLocalTime(), QLocale::ShortFormat);
        case Application:
            return e->application;
        case Style:
            return e->style.isEmpty() || e->style == u"raw"_s ? tr("raw") : e->style;
        case Duration: {
            const int s = qRound(e->durationSeconds);
            return u"%1:%2"_s.arg(s / 60).arg(s % 60, 2, 10, QChar(u'0'));
        }
        case Text:
            return e->text().simplified().left(200);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Text)
        return e->text().left(1000);
    if (role == Qt::TextAlignmentRole && index.column() == Duration)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Date:
        return tr("Date");
    case Application:
        return tr("Application");
    case Style:
        return tr("Style");
    case Duration:
        return tr("Length");
    case Text:
        return tr("Text");
    default:
        return {};
    }
}

} // namespace utter::ui
