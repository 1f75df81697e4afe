#include "secretbackend.h"

#include <QObject>
#include <QTimer>

namespace utter
{

// The backend belongs to the store that passes itself as context, so it outlives the queued call.

void SecretBackend::readAsync(const QString& name, QObject* context, ReadDone done)
{
    QTimer::singleShot(0, context, [this, name, done = std::move(done)] { done(read(name)); });
}

void SecretBackend::writeAsync(const QString& name, const QString& value, QObject* context, WriteDone done)
{
    QTimer::singleShot(0, context, [this, name, value, done = std::move(done)] { done(write(name, value)); });
}

void SecretBackend::removeAsync(const QString& name, QObject* context, WriteDone done)
{
    QTimer::singleShot(0, context, [this, name, done = std::move(done)] { done(remove(name)); });
}

} // namespace utter
