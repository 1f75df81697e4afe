#pragma once

#include "command.h"

namespace utter
{

class HistoryStore;

// `utter history [search Q] [--limit N] [--json]`, `utter history export --format json|csv|md [--output FILE]`,
// `utter history delete ID`: the dictation history from the command line.
class HistoryCommand final : public Command
{
public:
    void describe(QCommandLineParser& parser) const override;
    int run(const QCommandLineParser& parser, AppContext& context) override;

private:
    int list(const QCommandLineParser& parser, HistoryStore& store, const QString& query);
    int exportAll(const QCommandLineParser& parser, HistoryStore& store);
    int remove(const QStringList& args, HistoryStore& store);
};

} // namespace utter
