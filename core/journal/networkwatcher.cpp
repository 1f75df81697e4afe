#include "networkwatcher.h"

#include "logging/logging.h"

#include <QNetworkInformation>
#if defined(Q_OS_LINUX) && defined(QT_DBUS_LIB)
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#endif
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

NetworkWatcher::NetworkWatcher(Options options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_probeTimer.setInterval(m_options.probeInterval);
    connect(&m_probeTimer, &QTimer::timeout, this, &NetworkWatcher::probeNow);
}

NetworkWatcher::~NetworkWatcher()
{
    if (m_probe)
        m_probe->abort();
}

QString NetworkWatcher::backendName() const
{
    switch (m_backend) {
    case Backend::None:
        return u"none"_s;
    case Backend::System: {
        const QNetworkInformation* info = QNetworkInformation::instance();
        return info ? info->backendName() : u"system"_s;
    }
    case Backend::Probe:
        return u"probe"_s;
    }
    return u"none"_s;
}

void NetworkWatcher::start()
{
    if (m_backend != Backend::None)
        return;
    // Probing from the start: it works while the system backend is being chosen, and is the fallback.
    m_backend = Backend::Probe;
    m_online = true;
    if (m_options.forceProbe) {
        chooseBackend(Backend::Probe);
        return;
    }
#if defined(Q_OS_LINUX) && defined(QT_DBUS_LIB)
    // Loaded already (an earlier watcher): no D-Bus call is made.
    if (QNetworkInformation::instance()) {
        chooseBackend(useSystemBackend() ? Backend::System : Backend::Probe);
        return;
    }
    // Qt's back ends ask NetworkManager with blocking calls: ask first without waiting, load once it answered.
    const QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected()) {
        qCInfo(lcJournal) << "no system bus: no NetworkManager to ask";
        chooseBackend(Backend::Probe);
        return;
    }
    QDBusMessage call =
        QDBusMessage::createMethodCall(u"org.freedesktop.NetworkManager"_s, u"/org/freedesktop/NetworkManager"_s,
                                       u"org.freedesktop.DBus.Properties"_s, u"GetAll"_s);
    call << u"org.freedesktop.NetworkManager"_s;
    call.setAutoStartService(false);
    auto* watcher =
        new QDBusPendingCallWatcher(bus.asyncCall(call, int(m_options.networkManagerTimeout.count())), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QDBusMessage reply = watcher->reply();
        // NetworkManager absent (ServiceUnknown) is no hang: the back ends then only ask the bus itself and may use
        // another source (GLib's netlink monitor). One that does not answer would block them: probe instead.
        const QString error = reply.type() == QDBusMessage::ErrorMessage ? reply.errorName() : QString();
        if (error == u"org.freedesktop.DBus.Error.NoReply"_s || error == u"org.freedesktop.DBus.Error.Timeout"_s ||
            error == u"org.freedesktop.DBus.Error.Disconnected"_s) {
            qCInfo(lcJournal).noquote() << u"NetworkManager did not answer (%1): %2"_s.arg(error, reply.errorMessage());
            chooseBackend(Backend::Probe);
            return;
        }
        chooseBackend(useSystemBackend() ? Backend::System : Backend::Probe);
    });
#else
    chooseBackend(useSystemBackend() ? Backend::System : Backend::Probe);
#endif
}

bool NetworkWatcher::useSystemBackend()
{
    if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability))
        return false;
    QNetworkInformation* info = QNetworkInformation::instance();
    // A backend that cannot tell (Unknown) is no better than none: fall back to probing.
    if (!info || info->reachability() == QNetworkInformation::Reachability::Unknown)
        return false;
    m_backend = Backend::System;
    connect(info, &QNetworkInformation::reachabilityChanged, this, &NetworkWatcher::onReachabilityChanged);
    // A failure reported meanwhile stands: the probe says when the endpoint answers again.
    if (!m_probeTimer.isActive() && !m_probe)
        setOnline(info->reachability() == QNetworkInformation::Reachability::Online);
    return true;
}

void NetworkWatcher::chooseBackend(Backend backend)
{
    if (m_chosen)
        return;
    m_chosen = true;
    if (backend == Backend::System)
        qCInfo(lcJournal).noquote() << "watching the network through" << backendName();
    else
        qCInfo(lcJournal).noquote() << "watching the network by probing" << m_options.probeUrl.toDisplayString();
    emit backendChosen(backend);
}

void NetworkWatcher::onReachabilityChanged()
{
    const QNetworkInformation* info = QNetworkInformation::instance();
    if (info)
        setOnline(info->reachability() == QNetworkInformation::Reachability::Online);
}

void NetworkWatcher::reportFailure()
{
    // Even with a system backend: it may say "online" while the provider's host is unreachable (a captive
    // portal, a VPN down, a container). Probing the endpoint until it answers covers those cases too.
    if (m_backend == Backend::None)
        return;
    setOnline(false);
}

void NetworkWatcher::probeNow()
{
    if (m_backend == Backend::None || m_probe || !m_options.probeUrl.isValid())
        return;
    QNetworkRequest request(m_options.probeUrl);
    request.setTransferTimeout(static_cast<int>(m_options.probeTimeout.count()));
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    m_probe = m_network.head(request);
    QNetworkReply* reply = m_probe;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onProbeFinished(reply); });
}

void NetworkWatcher::onProbeFinished(QNetworkReply* reply)
{
    reply->deleteLater();
    // An HTTP status means a server answered: the path is up even if it refuses us (401, 404, 405 ...).
    const bool answered = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();
    qCDebug(lcJournal) << "network probe" << (answered ? "answered" : "failed:") << reply->errorString();
    setOnline(answered);
}

void NetworkWatcher::setOnline(bool online)
{
    if (online)
        m_probeTimer.stop();
    else if (!m_probeTimer.isActive() && m_options.probeUrl.isValid())
        m_probeTimer.start();
    if (online == m_online)
        return;
    m_online = online;
    qCInfo(lcJournal) << (online ? "network is back" : "network is unreachable");
    if (online)
        emit networkReturned();
    else
        emit networkLost();
}

} // namespace utter
