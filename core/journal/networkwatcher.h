#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <chrono>

class QNetworkReply;

namespace utter
{

// Tells the pipeline when the network comes back, so journaled jobs resume without waiting for their retry
// time. Uses QNetworkInformation's reachability where the platform has a backend (NetworkManager on Linux,
// Network List Manager on Windows, SCNetworkReachability on macOS); otherwise, or when forced, probes a URL the
// caller supplies (normally the transcription endpoint) with a HEAD request: any HTTP answer, even 401 or 404,
// counts as reachable, while connection refused, DNS failure or timeout count as offline. Probing runs only
// while the watcher believes it is offline, so it costs nothing in normal use. After reportFailure() it probes
// with either backend, because a system that says "online" may still not reach the provider.
//
// start() never waits: Qt's NetworkManager and GLib back ends ask NetworkManager over the system bus with
// blocking D-Bus calls (up to 25 s when it hangs), so on Linux the watcher first asks NetworkManager the same
// question asynchronously and loads the system backend only once it has answered; until then, and when it does not
// answer within networkManagerTimeout, the watcher probes.
class NetworkWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkWatcher)

public:
    enum class Backend
    {
        None,   // not started
        System, // QNetworkInformation
        Probe,  // periodic probing of probeUrl
    };

    struct Options
    {
        QUrl probeUrl;                                  // required for probing
        std::chrono::milliseconds probeInterval{15000}; // between probes while offline
        std::chrono::milliseconds probeTimeout{5000};
        bool forceProbe = false; // skip QNetworkInformation (tests, odd setups)
        // How long NetworkManager may take to answer before the watcher settles for probing (Linux).
        std::chrono::milliseconds networkManagerTimeout{5000};
    };

    explicit NetworkWatcher(Options options, QObject* parent = nullptr);
    ~NetworkWatcher() override;

    // Starts watching without waiting: probing at once (assuming the network is up), the system backend once it is
    // known to answer (backendChosen).
    void start();
    Backend backend() const { return m_backend; }
    QString backendName() const;
    bool isOnline() const { return m_online; }

    // The pipeline saw a network error: consider the network lost and probe until the endpoint answers.
    void reportFailure();
    // Probes immediately (when offline).
    void probeNow();

signals:
    // The backend is settled (System, or Probe for good); after start(), once.
    void backendChosen(utter::NetworkWatcher::Backend backend);
    // Reachability went from offline to online: resume pending jobs.
    void networkReturned();
    void networkLost();

private:
    void setOnline(bool online);
    // Loads QNetworkInformation (may ask D-Bus: only once NetworkManager answered) and uses it when it can tell.
    bool useSystemBackend();
    void chooseBackend(Backend backend);
    void onReachabilityChanged();
    void onProbeFinished(QNetworkReply* reply);

    Options m_options;
    Backend m_backend = Backend::None;
    bool m_chosen = false;
    bool m_online = true;
    QTimer m_probeTimer;
    QNetworkAccessManager m_network;
    QPointer<QNetworkReply> m_probe;
};

} // namespace utter
