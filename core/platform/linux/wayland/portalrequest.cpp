#include "portalrequest.h"

#include "logging/logging.h"

#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

#include <atomic>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{
const QString kRequestInterface = u"org.freedesktop.portal.Request"_s;
constexpr int kCallTimeoutMs = 10000; // the method call itself; the Response may come much later
} // namespace

const QString PortalRequest::service = u"org.freedesktop.portal.Desktop"_s;
const QString PortalRequest::desktopPath = u"/org/freedesktop/portal/desktop"_s;

QString PortalRequest::senderPart(const QString& uniqueName)
{
    QString sender = uniqueName.startsWith(u':') ? uniqueName.mid(1) : uniqueName;
    sender.replace(u'.', u'_');
    return sender;
}

QString PortalRequest::requestPath(const QString& uniqueName, const QString& token)
{
    return u"/org/freedesktop/portal/desktop/request/%1/%2"_s.arg(senderPart(uniqueName), token);
}

QString PortalRequest::sessionPath(const QString& uniqueName, const QString& token)
{
    return u"/org/freedesktop/portal/desktop/session/%1/%2"_s.arg(senderPart(uniqueName), token);
}

QString PortalRequest::handleToken(const QString& purpose, quint32 serial)
{
    QString clean = purpose;
    for (QChar& c : clean) {
        const char16_t u = c.unicode();
        const bool valid = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
        if (!valid)
            c = u'_';
    }
    return u"utter_%1_%2"_s.arg(clean).arg(serial);
}

QString PortalRequest::nextToken(const QString& purpose)
{
    static std::atomic<quint32> serial{0};
    return handleToken(purpose, ++serial);
}

QString PortalRequest::objectPathValue(const QVariant& value)
{
    if (value.metaType() == QMetaType::fromType<QDBusObjectPath>())
        return value.value<QDBusObjectPath>().path();
    return value.toString();
}

PortalRequest::PortalRequest(const QDBusConnection& bus, Callback done, QObject* context)
    : QObject(context)
    , m_bus(bus)
    , m_done(std::move(done))
{
    m_timeout.setSingleShot(true);
}

void PortalRequest::send(const QDBusConnection& bus, const QDBusMessage& call, const QString& token, QObject* context,
                         Callback done, int timeoutMs)
{
    auto* request = new PortalRequest(bus, std::move(done), context); // parent-owned; deletes itself when done
    request->listen(requestPath(bus.baseService(), token));
    if (timeoutMs > 0) {
        connect(&request->m_timeout, &QTimer::timeout, request, [request, timeoutMs] {
            for (const QString& path : std::as_const(request->m_paths)) {
                // Close the dialog the user did not answer, so it does not act later.
                request->m_bus.call(QDBusMessage::createMethodCall(service, path, kRequestInterface, u"Close"_s),
                                    QDBus::NoBlock);
            }
            PortalResponse response;
            response.error = u"no answer within %1 s"_s.arg(timeoutMs / 1000);
            request->finish(response);
        });
        request->m_timeout.start(timeoutMs);
    }
    auto* watcher = new QDBusPendingCallWatcher(request->m_bus.asyncCall(call, kCallTimeoutMs), request);
    connect(watcher, &QDBusPendingCallWatcher::finished, request, [request, watcher] {
        watcher->deleteLater();
        const QDBusPendingReply<QDBusObjectPath> reply = *watcher;
        if (reply.isError()) {
            PortalResponse response;
            response.error = reply.error().message().isEmpty() ? reply.error().name() : reply.error().message();
            request->finish(response);
            return;
        }
        // Portals before 0.9 chose the path themselves: listen there too.
        const QString path = reply.value().path();
        if (!request->m_paths.contains(path))
            request->listen(path);
    });
}

void PortalRequest::listen(const QString& path)
{
    if (!m_bus.connect(service, path, kRequestInterface, u"Response"_s, this, SLOT(onResponse(uint, QVariantMap))))
        qCWarning(lcInject) << "cannot listen to the portal's answer at" << path << m_bus.lastError().message();
    m_paths << path;
}

void PortalRequest::onResponse(uint response, const QVariantMap& results)
{
    finish(PortalResponse{response, results, {}});
}

void PortalRequest::finish(PortalResponse response)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    for (const QString& path : std::as_const(m_paths))
        m_bus.disconnect(service, path, kRequestInterface, u"Response"_s, this, SLOT(onResponse(uint, QVariantMap)));
    deleteLater();
    // The callback may destroy the context and with it this object: nothing of ours is touched after it.
    const Callback done = std::move(m_done);
    done(response);
}

} // namespace utter
