// What a user types into history search (`utter history search`, the history window, IPC history.search) →
// the FTS5 MATCH expression and the LIKE pattern (core/history/ftsquery). Both must be valid SQL for SQLite
// whatever was typed: the expressions are run against an in-memory FTS5 table like the history's.
#include "fuzzsupport.h"
#include "history/ftsquery.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace
{

QSqlDatabase& database()
{
    static QSqlDatabase db = [] {
        QSqlDatabase created = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fuzz"));
        created.setDatabaseName(QStringLiteral(":memory:"));
        if (!created.open())
            utter::fuzz::fail("cannot open SQLite in memory");
        QSqlQuery setup(created);
        if (!setup.exec(QStringLiteral("CREATE VIRTUAL TABLE entries USING fts5(raw, styled, application)")) ||
            !setup.exec(QStringLiteral("INSERT INTO entries VALUES ('meet Tom at noon', 'Meet Tom at noon.', 'kate')")))
            utter::fuzz::fail("cannot create the FTS5 table", setup.lastError().text().toUtf8());
        return created;
    }();
    return db;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    utter::fuzz::ensureApplication();
    database();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString typed = QString::fromUtf8(utter::fuzz::bytes(data, size));
    const QString match = utter::ftsMatchExpression(typed);
    if (!match.isEmpty()) {
        QSqlQuery query(database());
        query.prepare(QStringLiteral("SELECT rowid FROM entries WHERE entries MATCH ?"));
        query.addBindValue(match);
        if (!query.exec())
            utter::fuzz::fail("the MATCH expression is not valid FTS5",
                              QString(typed + u"\n" + match + u"\n" + query.lastError().text()).toUtf8());
    }
    QSqlQuery like(database());
    like.prepare(QStringLiteral("SELECT rowid FROM entries WHERE raw LIKE ? ESCAPE '\\'"));
    like.addBindValue(utter::likeContainsPattern(typed));
    if (!like.exec())
        utter::fuzz::fail("the LIKE pattern is not valid", QString(typed + u"\n" + like.lastError().text()).toUtf8());
    return 0;
}
