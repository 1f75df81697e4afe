#include "realtimesession.h"

#include "common/handoff.h"
#include "journal/journal.h"
#include "logging/logcontext.h"
#include "logging/logging.h"
#include "providers/providerconfig.h"
#include "providers/transcriber.h"
#include "settings/settings.h"
#include "uploadqueue.h"

#include <QThread>

#include <mutex>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

// Replies from the realtime thread reach the session through this: handed to the relay's (the main) thread first,
// where `session` is read and cleared, so a reply that arrives after the session went finds nobody.
struct RealtimeSession::Link
{
    RealtimeSession* session = nullptr;
};

// Called on the pipeline thread; every call is handed to the transcriber's thread, in order, until the session
// detaches it (then the transcriber may be gone: the lock keeps a call from racing the detach).
class RealtimeSession::Feed final : public ChunkStream
{
public:
    explicit Feed(RealtimeTranscriber* rt)
        : m_rt(rt)
    {}

    void detach()
    {
        const std::lock_guard lock(m_mutex);
        m_rt = nullptr;
    }

    void append(int sequence, std::vector<std::int16_t> pcm) override
    {
        post([sequence, pcm = std::move(pcm)](RealtimeTranscriber* rt) {
            rt->appendAudio(sequence, std::span<const qint16>(pcm.data(), pcm.size()));
        });
    }
    void commit(int sequence) override
    {
        post([sequence](RealtimeTranscriber* rt) { rt->commit(sequence); });
    }
    void discard(int sequence) override
    {
        post([sequence](RealtimeTranscriber* rt) { rt->discard(sequence); });
    }
    void end() override
    {
        post([](RealtimeTranscriber* rt) { rt->finish(); });
    }

private:
    template<typename F>
    void post(F&& f)
    {
        const std::lock_guard lock(m_mutex);
        if (m_rt)
            postTo(m_rt, [rt = m_rt, f = std::forward<F>(f)]() mutable { f(rt); });
    }

    std::mutex m_mutex;
    RealtimeTranscriber* m_rt;
};

std::unique_ptr<RealtimeSession> RealtimeSession::create(const QString& sessionId, const QString& language,
                                                         const Settings& settings, SecretStore& secrets, Clock& clock,
                                                         QThread& thread, Journal& journal, UploadQueue& uploads,
                                                         QObject* relay, bool holdUntilAccepted)
{
    const QUrl url(settings.stringValue(SettingKey::TranscribeUrl).trimmed());
    if (!RealtimeConfig::isRealtimeUrl(url))
        return nullptr;
    RealtimeConfig config;
    const QString keyName = settings.stringValue(SettingKey::TranscribeKeyName);
    config.endpoint = makeEndpoint(u"realtime"_s, url.toString(), settings.stringValue(SettingKey::TranscribeModel),
                                   keyName, keyName.isEmpty() ? QString() : cachedKeys(secrets)(keyName));
    config.language = language;
    TranscriberConfig vocabulary; // the same prompt the uploads send
    vocabulary.vocabulary = settings.stringListValue(SettingKey::TranscribeVocabulary);
    config.prompt = vocabulary.prompt();
    if (!thread.isRunning()) {
        thread.setObjectName(u"utter-realtime"_s);
        thread.start();
    }
    return std::unique_ptr<RealtimeSession>(
        new RealtimeSession(sessionId, std::move(config), clock, thread, journal, uploads, relay, holdUntilAccepted));
}

RealtimeSession::RealtimeSession(QString sessionId, RealtimeConfig config, Clock& clock, QThread& thread,
                                 Journal& journal, UploadQueue& uploads, QObject* relay, bool holdUntilAccepted)
    : m_id(std::move(sessionId))
    , m_url(config.endpoint.url)
    , m_journal(journal)
    , m_uploads(uploads)
    , m_link(std::make_shared<Link>(Link{this}))
{
    m_rt = new RealtimeTranscriber(std::move(config), clock);
    m_rt->moveToThread(&thread);
    m_feed = std::make_shared<Feed>(m_rt);
    m_feed->holdUntilAccepted = holdUntilAccepted;
    m_uploads.hold(m_id); // the stream transcribes the chunks; the queue uploads them only if it gives up
    connectHandOff(m_rt, &RealtimeTranscriber::partial, relay, [link = m_link](int sequence, const QString& text) {
        if (link->session && !link->session->m_cancelled)
            emit link->session->partial(sequence, text);
    });
    connectHandOff(m_rt, &RealtimeTranscriber::segmentCompleted, relay,
                   [link = m_link](int sequence, const QString& text) {
                       if (link->session)
                           link->session->onSegmentCompleted(sequence, text);
                   });
    connectHandOff(m_rt, &RealtimeTranscriber::failed, relay,
                   [link = m_link](const ProviderError& error, const QList<int>& unfinished) {
                       if (link->session)
                           link->session->onFailed(error, unfinished);
                   });
    postTo(m_rt, [rt = m_rt] { rt->open(); }); // the handshake while the first words are spoken
}

RealtimeSession::~RealtimeSession()
{
    m_link->session = nullptr;
    m_feed->detach(); // the pipeline may still hold the feed: it reaches nothing from here on
    if (m_held)
        m_uploads.release(m_id);
    postTo(m_rt, [rt = m_rt] {
        rt->abort();
        rt->deleteLater();
    });
}

std::shared_ptr<ChunkStream> RealtimeSession::stream() const
{
    return m_feed;
}

void RealtimeSession::cancel()
{
    m_cancelled = true;
    m_feed->detach();
    postTo(m_rt, [rt = m_rt] { rt->abort(); });
}

void RealtimeSession::onSegmentCompleted(int sequence, const QString& text)
{
    const std::optional<ChunkJob> job = m_journal.job(m_id, sequence);
    if (m_cancelled || !job)
        return;
    TranscriptionResult result;
    result.text = text;
    result.sequence = sequence;
    result.endpointName = u"realtime"_s;
    result.endpointUrl = m_url;
    // What was streamed: the chunk's audio as its upload would hold it (long pauses shortened), never the silence
    // between chunks nor a chunk without a voice.
    result.billedSeconds = double(job->uploadedMs()) / 1000.0;
    result.attempts = 1;
    m_uploads.storeStreamed(m_id, sequence, result);
}

void RealtimeSession::onFailed(const ProviderError& error, const QList<int>& unfinished)
{
    LogScope scope(m_id);
    qCWarning(lcPipeline).noquote() << "realtime transcription gave up:" << error.error.message << unfinished.size()
                                    << "chunk(s) go to the batch endpoint";
    m_held = false;
    m_uploads.release(m_id); // nothing is lost: the journaled chunks upload as usual
    emit failed(
        Error(error.error.code, error.error.message + u" The dictation continues through the batch endpoint."_s));
}

} // namespace utter
