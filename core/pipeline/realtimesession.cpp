#include "realtimesession.h"

#include "audio/audiocapture.h"
#include "common/handoff.h"
#include "journal/journal.h"
#include "logging/logcontext.h"
#include "logging/logging.h"
#include "providers/providerconfig.h"
#include "providers/transcriber.h"
#include "settings/settings.h"
#include "uploadqueue.h"

#include <QThread>

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

std::unique_ptr<RealtimeSession> RealtimeSession::create(const QString& sessionId, const QString& language,
                                                         const Settings& settings, SecretStore& secrets, Clock& clock,
                                                         QThread& thread, Journal& journal, UploadQueue& uploads,
                                                         QObject* relay)
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
        new RealtimeSession(sessionId, std::move(config), clock, thread, journal, uploads, relay));
}

RealtimeSession::RealtimeSession(QString sessionId, RealtimeConfig config, Clock& clock, QThread& thread,
                                 Journal& journal, UploadQueue& uploads, QObject* relay)
    : m_id(std::move(sessionId))
    , m_url(config.endpoint.url)
    , m_journal(journal)
    , m_uploads(uploads)
    , m_link(std::make_shared<Link>(Link{this}))
{
    m_rt = new RealtimeTranscriber(std::move(config), clock);
    m_rt->moveToThread(&thread);
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
}

RealtimeSession::~RealtimeSession()
{
    m_link->session = nullptr;
    if (m_held)
        m_uploads.release(m_id);
    postTo(m_rt, [rt = m_rt] {
        rt->abort();
        rt->deleteLater();
    });
}

void RealtimeSession::followCapture(AudioCapture& capture, std::uint64_t captureStream)
{
    // Straight from the capture thread to the realtime thread: the main thread never touches the audio.
    connect(&capture, &AudioCapture::samplesReady, m_rt, [rt = m_rt, captureStream](const AudioBlock& block) {
        if (block.stream == captureStream)
            rt->appendLive(std::span<const qint16>(block.samples.data(), block.samples.size()));
    });
}

void RealtimeSession::pushAudio(std::span<const qint16> pcm16k)
{
    postTo(m_rt, [rt = m_rt, copy = std::vector<qint16>(pcm16k.begin(), pcm16k.end())] {
        rt->appendLive(std::span<const qint16>(copy.data(), copy.size()));
    });
}

void RealtimeSession::chunkStored(const ChunkJob& job)
{
    // Where the chunk ends in the dictation's audio (16 kHz samples), so the stream cuts at the same place.
    const qint64 end = job.offsetMs >= 0 ? (job.offsetMs + job.durationMs) * 16 : -1;
    postTo(m_rt, [rt = m_rt, sequence = job.sequence, end] { rt->commit(sequence, end); });
}

void RealtimeSession::recordingEnded()
{
    postTo(m_rt, [rt = m_rt] { rt->finish(); });
}

void RealtimeSession::cancel()
{
    m_cancelled = true;
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
    result.billedSeconds = double(job->durationMs) / 1000.0; // streamed: all of it, pauses too (cost meter)
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
