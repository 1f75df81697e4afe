#pragma once

#include "common/result.h"
#include "ipc/ipcserver.h"

#include <functional>

namespace utter
{

class HistoryStore;

// The history's IPC methods (docs/daemon.md), over the same SQLite history `utter history` and `utter last` read.
// history: opens the store on first use; a store that cannot be opened is the call's error.
namespace historymethods
{

using Opener = std::function<Result<HistoryStore*>()>;

// history.search {query?, limit? (1–500, default 20)} → {entries: [...]}; an empty query lists the newest.
IpcServer::Handler search(Opener history);
// history.last → the newest entry, or null when there is none.
IpcServer::Handler last(Opener history);

} // namespace historymethods

} // namespace utter
