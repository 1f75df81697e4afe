#include "daemon.h"

#include "common/fdlimit.h"
#include "common/version.h"
#include "http/httpfrontdoor.h"
#include "http/httptoken.h"
#include "instancelock.h"
#include "ipc/ipcclient.h"
#include "logging/logging.h"
#include "pipeline/dictationcontrol.h"
#include "secrets/secretstore.h"
#include "settings/settings.h"
#include "signalwatcher.h"
#include "systemdnotifier.h"

#include <QCoreApplication>

#include <QDir>
#include <QFile>
#include <algorithm>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace utter
{

Daemon::Daemon(DaemonServices services, DaemonOptions options, QObject* parent)
    : QObject(parent)
    , m_services(std::move(services))
    , m_options(std::move(options))
    , m_ipc(IpcLimits{}, this)
{
    m_forceExit.setSingleShot(true);
    connect(&m_forceExit, &QTimer::timeout, this, [this] {
        qCWarning(lcDaemon) << "in-flight work did not finish in time; exiting anyway (dictations stay journaled;"
                            << m_fileJobs.size() + (m_http ? m_http->inFlight() : 0)
                            << "file transcription(s) are answered \"shutting down, send again\")";
        if (m_http)
            m_http->abortInFlight();
        const auto jobs = m_fileJobs;
        m_fileJobs.clear();
        for (auto job = jobs.begin(); job != jobs.end(); ++job) {
            job.value().fail(Error(ErrorCode::Cancelled, u"Utter is shutting down and could not finish this "
                                                         "transcription in time; send it again once it is back."_s));
            delete job.key(); // cancels its provider calls
        }
        finishShutdown();
    });
}

Daemon::~Daemon()
{
    if (m_started && !m_finished) {
        m_ipc.stopListening();
        if (m_lock)
            m_lock->release();
    }
}

Status Daemon::start()
{
    m_uptime.start();
#ifdef Q_OS_UNIX
    if (::geteuid() == 0 && !m_options.allowRoot)
        return Error(ErrorCode::InvalidArgument,
                     u"Refusing to serve as root: the daemon would own the microphone, keys and sockets of root. Run "
                     "it as your user, or pass --allow-root if this really is a root-only container."_s);
#endif
    // A busy daemon holds many sockets and files: run out of descriptors as late as the system allows.
    const FdLimits fds = raiseFdLimit();
    m_fdLimit = fds.soft;
    if (fds.soft > 0)
        qCInfo(lcDaemon) << "file descriptors: limit" << fds.soft << "(hard" << fds.hard << ")," << openFdCount()
                         << "open";
    // Signals first: a SIGTERM that arrives while starting is handled (queued) once the event loop runs.
    m_signals = new SignalWatcher(this);
    connect(m_signals, &SignalWatcher::terminationRequested, this,
            [this](const QString& name) { shutdown(u"received "_s + name); });
    m_lock = std::make_unique<InstanceLock>(m_services.locations.runtimeDir());
    if (Status locked = m_lock->acquire(); !locked.ok()) {
        m_lock.reset();
        return locked;
    }
    registerMethods();
    // HTTP first: once the control socket answers, everything is ready (clients and tests rely on that).
    if (Status http = startHttp(); !http.ok()) {
        m_lock->release();
        return http;
    }
    const QString endpoint = ipcEndpointName(m_services.locations);
    if (Status listening = m_ipc.listen(endpoint); !listening.ok()) {
        delete m_http;
        m_http = nullptr;
        m_lock->release();
        return listening;
    }
    m_providers = providerSummary();
    if (m_services.secrets)
        connect(m_services.secrets, &SecretStore::resolved, this, [this] { m_providers = providerSummary(); });
    connectDictation();

    m_notifier = new SystemdNotifier(this);
    QString ready = u"serving on "_s + endpoint;
    if (m_http)
        ready += u" and http://"_s + m_http->address();
    m_notifier->ready(ready);
    m_notifier->startWatchdog();
    m_started = true;
    if (!m_pendingShutdown.isEmpty())
        QMetaObject::invokeMethod(
            this, [this] { shutdown(m_pendingShutdown); }, Qt::QueuedConnection);
    qCInfo(lcDaemon).noquote() << "utter" << utterVersion() << "pid" << QCoreApplication::applicationPid() << ready
                               << (m_services.dictation ? QString()
                                                        : u"(dictation pipeline not built: control "
                                                          "methods answer \"not built\")"_s);
    return {};
}

Status Daemon::startHttp()
{
    QString listen = m_options.listen;
    bool allowRemote = m_options.allowRemote;
    if (m_services.settings) {
        if (listen.isEmpty() && m_services.settings->boolValue(SettingKey::HttpEnabled))
            listen = m_services.settings->stringValue(SettingKey::HttpListen);
        allowRemote = allowRemote || m_services.settings->boolValue(SettingKey::HttpAllowRemote);
    }
    if (listen.isEmpty())
        return {};
    const Result<HttpEndpoint> endpoint = HttpEndpoint::parse(listen);
    if (!endpoint.ok())
        return endpoint.error();
    if (!endpoint->isLoopback() && !allowRemote)
        return Error(ErrorCode::InvalidArgument,
                     u"%1 is reachable from other machines; pass --allow-remote (or set http/allowRemote=true) to "
                     "serve there — a bearer token is always required."_s.arg(listen));
    if (!m_services.secrets)
        return Error(ErrorCode::Failed, u"The HTTP API needs the secret store for its token."_s);
    // The token comes from the store without waiting: until it is known the front door answers 503, and a
    // keychain that cannot be read keeps only the HTTP API waiting (never the start, never the control socket).
    auto* token = new HttpToken(*m_services.secrets, this);

    HttpConfig config;
    config.endpoint = *endpoint;
    config.stylesDir = m_services.locations.stylesDir();
    if (m_fdLimit > 0) {
        // Descriptors for the control socket's clients, the pipeline's files and provider connections stay
        // free whatever the HTTP side is sent.
        const long reserve = IpcLimits{}.maxClients + 128;
        config.maxConnections = int(std::clamp<long>(m_fdLimit - reserve, 8, config.maxConnections));
        config.maxStreams = std::min(config.maxStreams, config.maxConnections / 2);
    }
    HttpHooks hooks;
    hooks.health = [this] { return health(); };
    hooks.status = [this] { return status(); };
    hooks.dictation = m_services.dictation;
    if (m_services.settings && m_services.secrets)
        hooks.speechConfig = [this] { return SpeechConfig::fromSettings(*m_services.settings, *m_services.secrets); };
    m_http = new HttpFrontDoor(std::move(config), std::move(hooks), this);
    if (Status listening = m_http->listen(); !listening.ok()) {
        delete m_http;
        m_http = nullptr;
        delete token;
        return listening;
    }
    m_httpToken = token;
    connect(token, &HttpToken::ready, m_http, &HttpFrontDoor::setToken);
    token->start();
    return {};
}

void Daemon::shutdown(const QString& reason)
{
    if (!m_started) {
        // start() may spin a nested event loop (the keychain answers over D-Bus): a SIGTERM that arrives then
        // is carried out as soon as start() has finished, never dropped.
        m_pendingShutdown = reason;
        return;
    }
    if (m_stopping)
        return;
    m_stopping = true;
    qCInfo(lcDaemon).noquote() << "shutting down:" << reason;
    m_notifier->stopping();
    // 1. Stop accepting: no new IPC connections; new HTTP requests get 503 + Retry-After while in-flight ones
    //    (uploads, read-backs) finish.
    m_ipc.stopListening();
    if (m_http) {
        connect(m_http, &HttpFrontDoor::drained, this, &Daemon::finishWhenDrained, Qt::UniqueConnection);
        m_http->beginDrain();
    }
    // 2. Let in-flight work finish or stay journaled, bounded so the exit stays within 10 s.
    m_forceExit.start(m_options.shutdownGraceMs);
    if (m_services.dictation) {
        m_services.dictation->prepareShutdown([self = QPointer<Daemon>(this)] {
            if (!self)
                return;
            self->m_dictationDrained = true;
            QMetaObject::invokeMethod(self.data(), &Daemon::finishWhenDrained, Qt::QueuedConnection);
        });
    } else {
        m_dictationDrained = true;
        QMetaObject::invokeMethod(this, &Daemon::finishWhenDrained, Qt::QueuedConnection);
    }
}

void Daemon::finishWhenDrained()
{
    if (!m_stopping || m_finished || !m_dictationDrained || !m_fileJobs.isEmpty() || (m_http && m_http->inFlight() > 0))
        return;
    finishShutdown();
}

void Daemon::finishShutdown()
{
    if (m_finished)
        return;
    m_finished = true;
    m_forceExit.stop();
    // 3. Tell clients and close them; 4. remove the socket, pid and lock files.
    m_ipc.closeClients(u"the service is shutting down"_s);
    if (m_http) {
        m_http->stopListening();
        m_http->closeAll(u"the service is shutting down"_s);
    }
    m_ipc.stopListening();
    if (m_lock)
        m_lock->release();
    qCInfo(lcDaemon) << "stopped cleanly after" << m_uptime.elapsed() / 1000.0 << "s";
    // Give queued socket writes one turn of the event loop before the process ends.
    QTimer::singleShot(50, this, [this] { emit finished(0); });
}

QJsonObject Daemon::providerSummary() const
{
    QJsonObject providers;
    if (!m_services.settings)
        return providers;
    Settings& settings = *m_services.settings;
    const auto describe = [&](SettingKey url, SettingKey model, SettingKey keyName) {
        QJsonObject provider{{u"url"_s, settings.stringValue(url)}, {u"model"_s, settings.stringValue(model)}};
        const QString name = settings.stringValue(keyName);
        if (!name.isEmpty() && m_services.secrets) {
            // From the cache: the environment, or what the keychain answered ("reading" until it has).
            const std::optional<SecretLookup> key = m_services.secrets->cached(name);
            provider.insert(u"key"_s, !key                    ? u"reading"_s
                                      : !key->value.isEmpty() ? secretSourceName(key->source)
                                      : key->failed           ? u"unavailable"_s
                                                              : u"missing"_s);
        }
        return provider;
    };
    providers.insert(u"transcribe"_s,
                     describe(SettingKey::TranscribeUrl, SettingKey::TranscribeModel, SettingKey::TranscribeKeyName));
    if (!settings.stringValue(SettingKey::TranscribeFallbackUrl).isEmpty())
        providers.insert(u"transcribeFallback"_s,
                         describe(SettingKey::TranscribeFallbackUrl, SettingKey::TranscribeFallbackModel,
                                  SettingKey::TranscribeFallbackKeyName));
    providers.insert(u"transform"_s,
                     describe(SettingKey::TransformUrl, SettingKey::TransformModel, SettingKey::TransformKeyName));
    return providers;
}

QJsonObject Daemon::status() const
{
    QJsonObject object;
    if (m_services.dictation) {
        object = m_services.dictation->statusJson();
    } else {
        object.insert(u"state"_s, u"unavailable"_s);
        object.insert(u"reason"_s, u"The dictation pipeline is not built in this version of Utter."_s);
    }
    if (m_stopping)
        object.insert(u"service"_s, u"stopping"_s);
    else
        object.insert(u"service"_s, u"running"_s);
    object.insert(u"version"_s, utterVersion());
    object.insert(u"pid"_s, QCoreApplication::applicationPid());
    object.insert(u"uptimeMs"_s, double(m_uptime.elapsed()));
    object.insert(u"ipcClients"_s, m_ipc.clientCount());
    object.insert(u"http"_s, m_http ? QJsonValue(m_http->address()) : QJsonValue());
    if (m_httpToken)
        object.insert(u"httpToken"_s, m_httpToken->describe());
    return object;
}

QJsonObject Daemon::health() const
{
    const QJsonObject current = status();
    QJsonObject object{
        {u"status"_s, m_stopping ? u"stopping"_s : u"ok"_s},
        {u"state"_s, current.value(u"state"_s)},
        {u"version"_s, utterVersion()},
        {u"pid"_s, QCoreApplication::applicationPid()},
        {u"uptimeMs"_s, double(m_uptime.elapsed())},
        {u"pendingJobs"_s, m_services.dictation ? QJsonValue(m_services.dictation->pendingJobs()) : QJsonValue()},
        {u"providers"_s, m_providers},
    };
    return object;
}

} // namespace utter
