// The IPC methods of DESIGN §5 and the notifications the dictation service feeds to subscribers.
#include "daemon.h"
#include "http/httpfrontdoor.h"
#include "ipc/jsonrpc.h"
#include "logging/logcontext.h"
#include "logging/logging.h"
#include "pipeline/dictationcontrol.h"

#include <QFileInfo>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

const QString kPipeline = u"The dictation pipeline (audio capture, chunking and transcription)"_s;

} // namespace

void Daemon::registerMethods()
{
    const auto control = [this](Status (DictationControl::*action)(), const QString& name) {
        m_ipc.registerMethod(name, IpcServer::SyncHandler(
                                       [this, action, name](const QJsonObject&, quint64 client) -> Result<QJsonValue> {
                                           if (!m_services.dictation)
                                               return jsonrpc::notBuilt(kPipeline);
                                           if (m_stopping)
                                               return Error(ErrorCode::Cancelled, u"The service is shutting down."_s);
                                           LogScope scope(u"ipc#"_s + QString::number(client));
                                           qCInfo(lcIpc).noquote() << name;
                                           const Status done = (m_services.dictation->*action)();
                                           if (!done.ok())
                                               return done.error();
                                           return QJsonValue(m_services.dictation->statusJson());
                                       }));
    };
    control(&DictationControl::toggle, u"dictation.toggle"_s);
    control(&DictationControl::begin, u"dictation.begin"_s);
    control(&DictationControl::end, u"dictation.end"_s);
    control(&DictationControl::cancel, u"dictation.cancel"_s);

    m_ipc.registerMethod(u"status.get"_s,
                         IpcServer::SyncHandler([this](const QJsonObject&, quint64) -> Result<QJsonValue> {
                             return QJsonValue(status());
                         }));
    m_ipc.registerMethod(u"status.subscribe"_s,
                         IpcServer::SyncHandler([this](const QJsonObject&, quint64 client) -> Result<QJsonValue> {
                             m_ipc.subscribe(client);
                             return QJsonValue(status());
                         }));
    m_ipc.registerMethod(u"health"_s, IpcServer::SyncHandler([this](const QJsonObject&, quint64) -> Result<QJsonValue> {
                             return QJsonValue(health());
                         }));
    m_ipc.registerMethod(u"service.shutdown"_s,
                         IpcServer::SyncHandler([this](const QJsonObject&, quint64 client) -> Result<QJsonValue> {
                             LogScope scope(u"ipc#"_s + QString::number(client));
                             qCInfo(lcIpc) << "service.shutdown requested";
                             // Reply first, then stop on the next turn of the event loop.
                             QTimer::singleShot(0, this, [this] { shutdown(u"service.shutdown requested"_s); });
                             return QJsonValue(QJsonObject{{u"stopping"_s, true}});
                         }));

    m_ipc.registerMethod(
        u"transcribe.file"_s, IpcServer::Handler([this](const QJsonObject& params, const IpcResponder& responder) {
            const QString path = params.value(u"path"_s).toString();
            if (path.isEmpty()) {
                responder.fail(jsonrpc::InvalidParams, u"Pass {\"path\": \"/absolute/file.ogg\"}."_s);
                return;
            }
            if (!QFileInfo(path).isAbsolute()) {
                responder.fail(jsonrpc::InvalidParams, u"The path must be absolute: the service does not share your "
                                                       "working folder."_s);
                return;
            }
            if (!m_services.dictation) {
                responder.fail(jsonrpc::notBuilt(kPipeline));
                return;
            }
            if (m_stopping) {
                responder.fail(Error(ErrorCode::Cancelled, u"Utter is shutting down; send the file again once it "
                                                           "is back."_s));
                return;
            }
            // Counted, so a shutdown lets it finish (within the deadline) before the process exits.
            auto* job = new QObject(this);
            m_fileJobs.insert(job, responder);
            m_services.dictation->transcribeFile(
                path, params, job, [this, job, responder](const Result<QJsonObject>& result) {
                    m_fileJobs.remove(job);
                    job->deleteLater();
                    if (result.ok())
                        responder.reply(result.value());
                    else
                        responder.fail(result.error());
                    if (m_stopping)
                        QMetaObject::invokeMethod(this, &Daemon::finishWhenDrained, Qt::QueuedConnection);
                });
        }));

    const auto hook = [this](const QString& name, const IpcServer::Handler& handler, const QString& part) {
        m_ipc.registerMethod(
            name, IpcServer::Handler([handler, part](const QJsonObject& params, const IpcResponder& responder) {
                if (handler)
                    handler(params, responder);
                else
                    responder.fail(jsonrpc::notBuilt(part));
            }));
    };
    hook(u"transform.text"_s, m_services.transformText, u"The style (text transformation) provider"_s);
    hook(u"history.search"_s, m_services.historySearch, u"The dictation history"_s);
    hook(u"history.last"_s, m_services.lastResult, u"The dictation history"_s);
}

void Daemon::connectDictation()
{
    DictationControl* dictation = m_services.dictation;
    if (!dictation)
        return;
    connect(dictation, &DictationControl::stateChanged, this, [this](const QString& state, const QString& session) {
        QJsonObject params = status();
        params.insert(u"state"_s, state);
        params.insert(u"session"_s, session);
        m_ipc.notifySubscribers(u"status.changed"_s, params);
    });
    connect(dictation, &DictationControl::partialTranscript, this,
            [this](const QString& session, int sequence, const QString& text) {
                m_ipc.notifySubscribers(u"transcript.partial"_s,
                                        {{u"session"_s, session}, {u"seq"_s, sequence}, {u"text"_s, text}});
            });
    connect(dictation, &DictationControl::finalTranscript, this, [this](const QString& session, const QString& text) {
        m_ipc.notifySubscribers(u"transcript.final"_s, {{u"session"_s, session}, {u"text"_s, text}});
    });
    connect(dictation, &DictationControl::transformDelta, this, [this](const QString& session, const QString& delta) {
        m_ipc.notifySubscribers(u"transform.delta"_s, {{u"session"_s, session}, {u"delta"_s, delta}});
    });
    connect(dictation, &DictationControl::jobChanged, this,
            [this](const QJsonObject& job) { m_ipc.notifySubscribers(u"job.changed"_s, job); });
    connect(dictation, &DictationControl::errorOccurred, this,
            [this](const QString& session, const QJsonObject& error) {
                QJsonObject params = error;
                params.insert(u"session"_s, session);
                m_ipc.notifySubscribers(u"error"_s, params);
            });
}

} // namespace utter
