#include "queuednotice.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

namespace
{

// The reason of the first chunk that waits for a retry ("The transcription endpoint … answered 503 …").
QString waitingReason(const QJsonObject& status)
{
    for (const QJsonValue& value : status.value(u"jobs"_s).toArray()) {
        const QJsonObject job = value.toObject();
        if (job.value(u"state"_s).toString() == u"failed"_s && !job.value(u"reason"_s).toString().isEmpty())
            return job.value(u"reason"_s).toString();
    }
    return {};
}

} // namespace

QueuedNotice queuedNotice(const QJsonObject& status)
{
    QueuedNotice notice;
    notice.networkDown = status.value(u"network"_s).toString() == u"offline"_s;
    if (notice.networkDown) {
        notice.state = QCoreApplication::translate("utter::ui::QueuedNotice", "Queued — waiting for the network");
        notice.overlay =
            QCoreApplication::translate("utter::ui::QueuedNotice", "Queued — will finish when the network is back");
        notice.message = QCoreApplication::translate(
            "utter::ui::QueuedNotice",
            "There is no network connection. Your recording is saved and will be transcribed when "
            "the connection is back.");
        return notice;
    }
    notice.state = QCoreApplication::translate("utter::ui::QueuedNotice", "Queued — waiting for the provider");
    notice.overlay =
        QCoreApplication::translate("utter::ui::QueuedNotice", "Queued — will finish when the provider answers");
    const QString reason = waitingReason(status);
    notice.message =
        (reason.isEmpty()
             ? QCoreApplication::translate("utter::ui::QueuedNotice", "The transcription provider is not answering.")
             : reason) +
        u' ' +
        QCoreApplication::translate("utter::ui::QueuedNotice",
                                    "Your recording is saved and will be transcribed when the provider answers again.");
    return notice;
}

} // namespace utter::ui
