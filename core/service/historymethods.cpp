#include "historymethods.h"

#include "history/historystore.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace utter::historymethods
{

IpcServer::Handler search(Opener history)
{
    return [history = std::move(history)](const QJsonObject& params, const IpcResponder& responder) {
        const Result<HistoryStore*> store = history();
        if (!store.ok()) {
            responder.fail(store.error());
            return;
        }
        const int limit = qBound(1, params.value(u"limit"_s).toInt(20), 500);
        const QString query = params.value(u"query"_s).toString();
        const Result<QList<HistoryEntry>> found =
            query.isEmpty() ? store.value()->list(limit) : store.value()->search(query, limit);
        if (!found.ok()) {
            responder.fail(found.error());
            return;
        }
        QJsonArray entries;
        for (const HistoryEntry& entry : found.value())
            entries.append(entry.toJson());
        responder.reply(QJsonObject{{u"entries"_s, entries}});
    };
}

IpcServer::Handler last(Opener history)
{
    return [history = std::move(history)](const QJsonObject&, const IpcResponder& responder) {
        const Result<HistoryStore*> store = history();
        if (!store.ok()) {
            responder.fail(store.error());
            return;
        }
        const Result<std::optional<HistoryEntry>> latest = store.value()->latest();
        if (!latest.ok())
            responder.fail(latest.error());
        else
            responder.reply(latest.value() ? QJsonValue(latest.value()->toJson()) : QJsonValue());
    };
}

} // namespace utter::historymethods
