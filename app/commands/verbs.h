#pragma once

#include "command.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace utter
{

// Every verb of DESIGN §4, built or not. A verb without a factory is listed in help and, when used, says in one
// line which part is not built yet and exits 2 — it is never faked.
struct Verb
{
    QString name;
    bool headless = false; // a lifecycle verb: `utter --headless NAME`
    QString synopsis;      // arguments after the verb
    QString summary;       // one line for `utter --help`
    QString part;          // the part that delivers it
    std::function<std::unique_ptr<Command>()> create;
};

const QList<Verb>& verbs();
const Verb* findVerb(const QString& name, bool headless);

} // namespace utter
