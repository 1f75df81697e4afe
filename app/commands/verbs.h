#pragma once

#include "command.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace utter
{

// Every verb of DESIGN §4: its name, help line and the Command that runs it.
struct Verb
{
    QString name;
    bool headless = false; // a lifecycle verb: `utter --headless NAME`
    QString synopsis;      // arguments after the verb
    QString summary;       // one line for `utter --help`
    std::function<std::unique_ptr<Command>()> create;
};

const QList<Verb>& verbs();
const Verb* findVerb(const QString& name, bool headless);

} // namespace utter
