#pragma once

#include "common/result.h"

#include <QString>

#include <functional>
#include <optional>

class QObject;

namespace utter
{

// Somewhere API keys can be kept. Implementations: the OS keychain and a 0600 file.
//
// Two forms of every operation: the blocking one for the command line, and an asynchronous one for processes
// that must never wait (the desktop app, the daemon). The asynchronous forms call `done` later on the thread of
// `context`, never from inside the call, and not at all once `context` is gone: an answer that arrives late is
// dropped, it never touches state that no longer exists.
class SecretBackend
{
public:
    using ReadDone = std::function<void(const Result<std::optional<QString>>&)>;
    using WriteDone = std::function<void(const Status&)>;

    virtual ~SecretBackend() = default;

    virtual QString description() const = 0;
    // The value, std::nullopt when the backend has no entry, or an error when the backend cannot answer.
    virtual Result<std::optional<QString>> read(const QString& name) = 0;
    virtual Status write(const QString& name, const QString& value) = 0;
    // Removing an entry that does not exist succeeds.
    virtual Status remove(const QString& name) = 0;

    // The default runs the blocking form on the next turn of the event loop (right for a small local file).
    virtual void readAsync(const QString& name, QObject* context, ReadDone done);
    virtual void writeAsync(const QString& name, const QString& value, QObject* context, WriteDone done);
    virtual void removeAsync(const QString& name, QObject* context, WriteDone done);
};

} // namespace utter
