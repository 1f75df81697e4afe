#pragma once

#include <QJsonObject>
#include <QString>

namespace utter::ui
{

// What a queued dictation waits for, in the user's words, from the service's status (DictationControl::statusJson):
// the network only when the service's network watcher sees none ("network": "offline"); otherwise the provider,
// with the reason the first waiting chunk got (its host and error).
struct QueuedNotice
{
    bool networkDown = false;
    QString state;   // "Queued — waiting for the network" / "… for the provider"
    QString overlay; // "Queued — will finish when the network is back" / "… when the provider answers"
    QString message; // for the notification: why, and that the recording is kept
};

QueuedNotice queuedNotice(const QJsonObject& status);

} // namespace utter::ui
