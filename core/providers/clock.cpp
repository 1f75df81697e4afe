#include "clock.h"

#include <QTimer>

namespace utter
{

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

void SystemClock::callAfter(std::chrono::milliseconds delay, QObject* context, std::function<void()> fn)
{
    QTimer::singleShot(delay, context, std::move(fn));
}

} // namespace utter
