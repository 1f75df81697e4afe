#include "networkwatcher.h"

#include "logging/logging.h"

#include <QNetworkInformation>
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
    if (!m_options.forceProbe &&
        QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        QNetworkInformation* info = QNetworkInformation::instance();
        // A backend that cannot tell (Unknown) is no better than none: fall back to probing.
        if (info && info->reachability() != QNetworkInformation::Reachability::Unknown) {
            m_backend = Backend::System;
            connect(info, &QNetworkInformation::reachabilityChanged, this, &NetworkWatcher::onReachabilityChanged);
            m_online = info->reachability() == QNetworkInformation::Reachability::Online;
            qCInfo(lcJournal).noquote() << "watching the network through" << info->backendName();
            return;
        }
    }
    m_backend = Backend::Probe;
    m_online = true;
    qCInfo(lcJournal).noquote() << "watching the network by probing" << m_options.probeUrl.toDisplayString();
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
