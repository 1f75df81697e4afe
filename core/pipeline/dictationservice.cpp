#include "dictationservice.h"

#include "audio/audiocapture.h"
#include "audiopipeline.h"
#include "audiosplitter.h"
#include "codec/pcmconverter.h"
#include "filetranscription.h"
#include "history/historystore.h"
#include "journal/diskwriter.h"
#include "journal/journal.h"
#include "journal/networkwatcher.h"
#include "logging/logcontext.h"
#include "logging/logging.h"
#include "platform/appstyles.h"
#include "platform/globalhotkeys.h"
#include "platform/outputchain.h"
#include "providerclients.h"
#include "providers/providerconfig.h"
#include "providers/transcriber.h"
#include "providers/transformer.h"
#include "realtimesession.h"
#include "sessionfinisher.h"
#include "settings/settings.h"
#include "transcriptdetails.h"
#include "uploadqueue.h"

#include <QDir>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

constexpr int kShutdownUploadWaitMs = 5000; // in-flight uploads may finish; the rest stays journaled
constexpr int kRecordRetryMs = 10000;       // how often a history entry the disk refused is tried again
constexpr int kMicrophoneStartMs = 5000;    // a device that has not started by then is reported

QJsonObject errorJson(const Error& error)
{
    return QJsonObject{{u"code"_s, errorCodeName(error.code)}, {u"message"_s, error.message}};
}

QJsonObject jobJson(const ChunkJob& job)
{
    QJsonObject json{{u"session"_s, job.sessionId},
                     {u"sequence"_s, job.sequence},
                     {u"state"_s, jobStateName(job.state)},
                     {u"attempts"_s, job.attempts},
                     {u"durationMs"_s, job.durationMs}};
    if (job.retryAt.isValid())
        json.insert(u"retryAt"_s, job.retryAt.toString(Qt::ISODate));
    if (!job.reason.isEmpty())
        json.insert(u"reason"_s, job.reason);
    if (!job.durable)
        json.insert(u"durable"_s, false);
    return json;
}

} // namespace

QString DictationService::stateName(State state)
{
    switch (state) {
    case State::Idle:
        return u"idle"_s;
    case State::Listening:
        return u"listening"_s;
    case State::Finishing:
        return u"finishing"_s;
    case State::Transforming:
        return u"transforming"_s;
    case State::Delivering:
        return u"delivering"_s;
    case State::Queued:
        return u"queued"_s;
    case State::Error:
        return u"error"_s;
    }
    return u"idle"_s;
}

DictationService::DictationService(Locations locations, Settings& settings, SecretStore& secrets, HistoryStore* history,
                                   QObject* parent)
    : DictationControl(parent)
    , m_locations(std::move(locations))
    , m_settings(settings)
    , m_secrets(secrets)
    , m_history(history)
    , m_journal(std::make_unique<Journal>(m_locations.journalDir()))
    , m_capture(std::make_unique<AudioCapture>())
    , m_pipeline(std::make_unique<AudioPipeline>(m_locations.journalDir()))
{
    m_uploads = std::make_unique<UploadQueue>(*m_journal, m_clock, nullptr, m_config.maxInFlight);
    m_finisher = std::make_unique<SessionFinisher>(*m_journal);
    reloadConfig();
    connect(&m_settings, &Settings::changed, this, &DictationService::onSettingChanged);
    m_providers = std::make_unique<ProviderClients>(m_settings, m_secrets, m_locations.stylesDir(), m_http, m_clock);
    connect(m_providers.get(), &ProviderClients::rebuilt, this, [this] {
        Transcriber& transcriber = m_providers->transcriber();
        transcriber.setSplitter(makeOggOpusSplitter(m_config.opus));
        m_uploads->setTranscriber(&transcriber);
        m_finisher->setTransformer(&m_providers->transformer(), StyleLibrary::load(m_providers->stylesDir()));
    });
    // Keys come from the keychain in the background: once they are in, the clients are built and the chunks
    // that waited in the journal upload.
    connect(m_providers.get(), &ProviderClients::keysChanged, this, [this] {
        refreshProviders();
        m_uploads->kick();
    });
    m_providers->refresh();

    connect(m_uploads.get(), &UploadQueue::chunkDone, this, &DictationService::onChunkDone);
    connect(m_uploads.get(), &UploadQueue::chunkFailed, this, &DictationService::onChunkFailed);
    connect(m_journal.get(), &Journal::jobChanged, this,
            [this](const ChunkJob& job) { emit jobChanged(jobJson(job)); });
    connect(m_journal.get(), &Journal::writeFailed, this,
            [this](const Error& error) { reportWriteFailure(m_live.empty() ? QString() : m_live.back().id, error); });
    connect(m_journal.get(), &Journal::writesRecovered, this, &DictationService::recordPending);
    connect(m_finisher.get(), &SessionFinisher::archiveFailed, this, [this](const QString& sessionId, const Error& e) {
        // Said once per cause, like the journal's write failures: every dictation on a full disk meets it.
        QString cause = e.message;
        cause.replace(sessionId, u"…"_s);
        if (cause != m_archiveFailure)
            fail(sessionId, e);
        m_archiveFailure = cause;
        if (!m_recordRetry.isActive())
            m_recordRetry.start();
    });
    m_recordRetry.setInterval(kRecordRetryMs);
    connect(&m_recordRetry, &QTimer::timeout, this, &DictationService::recordPending);
    m_pipeline->attach(*m_capture);
    connect(m_pipeline.get(), &AudioPipeline::sessionStarted, this,
            [this](const SessionMeta& meta, bool written) { m_journal->adoptSession(meta, written); });
    connect(m_pipeline.get(), &AudioPipeline::chunkStored, this, &DictationService::onChunkStored);
    connect(m_pipeline.get(), &AudioPipeline::problem, this,
            [this](const QString& sessionId, const Error& error, bool writeRefused) {
                if (writeRefused)
                    reportWriteFailure(sessionId, error);
                else
                    fail(sessionId, error);
            });
    connect(m_pipeline.get(), &AudioPipeline::chunkRejected, this,
            [this](const QString& id, const AudioChunk& chunk, bool kept) {
                // A realtime dictation streamed that sound anyway: only batch dictations held it back.
                Live* live = findLive(id);
                if (live && !live->realtime)
                    m_heldBack.add(id, HeldBackNotes::notUploaded(chunk));
                if (live && kept)
                    ++live->heldBackAudio;
            });
    connect(m_pipeline.get(), &AudioPipeline::silenceReached, this, &DictationService::onSilence);
    connect(m_pipeline.get(), &AudioPipeline::sessionEnded, this, &DictationService::onRecordingEnded);
    connect(m_capture.get(), &AudioCapture::errorOccurred, this, &DictationService::onCaptureError);
    connect(m_capture.get(), &AudioCapture::levelChanged, this, &DictationControl::levelChanged);
}

DictationService::~DictationService()
{
    m_uploads->abortAll();
    m_uploads->pause();
    m_live.clear(); // aborts realtime sessions (queued to their thread, before the quit below)
    if (m_realtimeThread.isRunning()) {
        auto* last = new QObject;
        last->moveToThread(&m_realtimeThread);
        QMetaObject::invokeMethod(last, [this, last] {
            delete last;
            m_realtimeThread.quit();
        });
        m_realtimeThread.wait();
    }
    // The capture first: stopping it delivers a running dictation's last block, which the pipeline journals (and
    // seals) before its own thread ends.
    m_capture.reset();
    m_pipeline.reset();
}

void DictationService::reportWriteFailure(const QString& sessionId, const Error& error)
{
    emit errorOccurred(sessionId, errorJson(Error(error.code, error.message + u" What was captured is kept in memory "
                                                                              "and written as soon as the disk "
                                                                              "allows."_s)));
}

void DictationService::reloadConfig()
{
    m_config = DictationConfig::fromSettings(m_settings);
    m_uploads->setMaxInFlight(m_config.maxInFlight);
    m_finisher->setGuard(m_config.guardConfig());
    m_finisher->setReplacements(m_config.replacements);
    m_finisher->setHistory(m_history, m_locations.audioArchiveDir(), m_config.retention.keepAudio);
}

void DictationService::onSettingChanged(SettingKey key)
{
    // The mode decides what the next key press does, so the snapshot is taken now rather than at the next press.
    reloadConfig();
    if (!m_started || m_shuttingDown)
        return;
    // Microphone privacy (docs/audio.md, "Idle microphone") included: turning the idle microphone off closes it now
    // (a running dictation keeps it until it ends); turning it on opens it for the pre-roll.
    if (key == SettingKey::AudioDevice || key == SettingKey::AudioPreRollMs || key == SettingKey::AudioKeepOpen) {
        applyCaptureSettings();
    } else if (key == SettingKey::TranscribeUrl) {
        startNetworkWatcher(); // probes the new endpoint when the network is in doubt
    }
}

void DictationService::applyCaptureSettings()
{
    if (m_capture->isRecording()) {
        m_captureStale = true; // reopened when the next dictation begins
        return;
    }
    m_captureStale = false;
    if (m_capture->isOpen()) {
        qCInfo(lcAudio).noquote() << "microphone settings changed: reopening the input";
        m_capture->close();
    }
    if (m_config.capture.preRollMs > 0)
        m_capture->open(m_config.capture);
}

void DictationService::startNetworkWatcher()
{
    NetworkWatcher::Options network;
    network.probeUrl = QUrl(m_settings.stringValue(SettingKey::TranscribeUrl).trimmed());
    if (RealtimeConfig::isRealtimeUrl(network.probeUrl)) // the probe is an HTTP request to the same server
        network.probeUrl.setScheme(network.probeUrl.scheme() == u"wss"_s ? u"https"_s : u"http"_s);
    network.forceProbe = !qEnvironmentVariableIsEmpty("UTTER_NETWORK_PROBE");
    auto watcher = std::make_unique<NetworkWatcher>(network);
    m_uploads->setNetworkWatcher(watcher.get());
    watcher->start();
    m_network = std::move(watcher); // the old one goes once the queue no longer knows it
}

void DictationService::refreshProviders()
{
    // Only between uploads: a running upload keeps the transcriber it started with.
    m_providers->refresh(m_uploads->inFlight() > 0);
}

Status DictationService::start()
{
    // From here on the journal's writes (transcripts, clean-up) and the history's commits run on a thread of their
    // own: the main thread never waits for an fsync.
    m_journal->writeOnThread();
    // Recovery (scan, repair, quarantine) runs on a thread of its own too (docs/storage.md, "Recovery at
    // start-up"): meanwhile the service answers, and a dictation begun now records as usual.
    m_journal->openInBackground(this, [this](const Status& opened) { resumeRecovered(opened); });
    if (m_history) { // on the writer's thread, where the history's commits run (docs/storage.md, "Retention")
        m_journal->writer().post<Result<RetentionReport>>(
            [path = m_history->databasePath(), archive = m_locations.audioArchiveDir(), policy = m_config.retention] {
                return HistoryStore::applyRetention(path, archive, policy);
            },
            this,
            [](const Result<RetentionReport>& retention) {
                if (!retention.ok())
                    qCWarning(lcHistory).noquote() << "retention:" << retention.error().message;
                else if (retention->entriesRemoved > 0)
                    qCInfo(lcHistory) << "retention removed" << retention->entriesRemoved << "entries";
            });
    }

    startNetworkWatcher();
    m_uploads->kick();

    if (m_config.capture.preRollMs > 0)
        m_capture->open(m_config.capture); // only armed when the idle microphone is off (audio/keepOpen)
    m_started = true;
    return {};
}

void DictationService::resumeRecovered(const Status& opened)
{
    if (!opened.ok())
        qCWarning(lcPipeline).noquote() << "journal:" << opened.error().message;
    for (const JournalProblem& problem : m_journal->problems())
        qCWarning(lcJournal).noquote() << problem.path << problem.message;
    if (m_shuttingDown)
        return;
    // What an earlier run left: finished sessions go to history, pending chunks upload again.
    const int pending = int(m_journal->pendingJobs().size());
    if (pending > 0)
        qCInfo(lcPipeline) << "resuming" << pending << "journaled chunks";
    resumeCompleted();
    m_uploads->kick();
}

void DictationService::setOutputChain(OutputChain* output)
{
    m_output = output;
}

void DictationService::bindHotkeys(GlobalHotkeys* hotkeys)
{
    if (!hotkeys)
        return;
    connect(hotkeys, &GlobalHotkeys::pressed, this, [this](const QString& id) {
        if (m_hotkeysPaused)
            return;
        if (id == u"cancel"_s) {
            (void)cancel();
            return;
        }
        if (m_config.mode == DictationMode::PushToTalk)
            (void)begin();
        else
            (void)toggle();
    });
    connect(hotkeys, &GlobalHotkeys::released, this, [this](const QString& id) {
        if (!m_hotkeysPaused && id != u"cancel"_s && m_config.mode == DictationMode::PushToTalk &&
            m_state == State::Listening)
            (void)end();
    });
}

void DictationService::setState(State state, const QString& sessionId)
{
    if (state == m_state && sessionId == m_stateSession)
        return;
    m_state = state;
    m_stateSession = sessionId;
    LogScope scope(sessionId);
    qCInfo(lcPipeline).noquote() << "state:" << stateName(state);
    emit stateChanged(stateName(state), sessionId);
}

void DictationService::fail(const QString& sessionId, const Error& error)
{
    LogScope scope(sessionId);
    qCWarning(lcPipeline).noquote() << error.message;
    m_lastError = errorJson(error);
    m_lastError.insert(u"session"_s, sessionId);
    emit errorOccurred(sessionId, errorJson(error));
}

DictationService::Live* DictationService::findLive(const QString& sessionId)
{
    for (Live& live : m_live) {
        if (live.id == sessionId)
            return &live;
    }
    return nullptr;
}

Status DictationService::begin()
{
    return beginSession(false);
}

Status DictationService::beginStream(const QJsonObject& options)
{
    return beginSession(true, options);
}

Status DictationService::pushStreamAudio(const QByteArray& pcm16le)
{
    if (m_state != State::Listening || m_live.empty() || !m_live.back().streamed)
        return Error(ErrorCode::InvalidArgument, u"No streamed dictation is being recorded; start one first."_s);
    if (pcm16le.size() % 2 != 0)
        return Error(ErrorCode::InvalidArgument, u"Audio is PCM16LE: an even number of bytes."_s);
    std::vector<std::int16_t> samples(std::size_t(pcm16le.size() / 2));
    const auto* bytes = reinterpret_cast<const unsigned char*>(pcm16le.constData());
    for (std::size_t i = 0; i < samples.size(); ++i)
        samples[i] = std::int16_t(bytes[2 * i] | (bytes[2 * i + 1] << 8));
    m_pipeline->push(m_live.back().id, std::move(samples));
    return {};
}

Status DictationService::beginSession(bool streamed, const QJsonObject& options)
{
    if (m_shuttingDown)
        return Error(ErrorCode::Failed, u"Utter is shutting down."_s);
    if (m_state == State::Listening)
        return {}; // a repeated press (auto-repeat, a second `utter begin`) changes nothing
    reloadConfig();
    refreshProviders();
    if (!streamed && m_captureStale)
        applyCaptureSettings();
    if (!streamed && !m_capture->isOpen())
        m_capture->open(m_config.capture);

    Live live;
    live.id = Journal::newSessionId();
    live.streamed = streamed;
    live.sinceBegin.start();
    live.assembler = TranscriptAssembler(HallucinationGuard(m_config.guardConfig()));
    live.options = options;
    // Which application has focus, asked without waiting (docs/pipeline.md, "The target application"): X11 answers
    // here and now; a compositor's IPC later, through onFocusAnswered(). The press never waits for it.
    auto answeredNow = std::make_shared<std::optional<TargetApp>>();
    auto asked = std::make_shared<bool>(false);
    if (m_output) {
        m_output->requestFocus(this, [this, id = live.id, answeredNow, asked](const TargetApp& app) {
            if (*asked)
                onFocusAnswered(id, app);
            else
                *answeredNow = app;
        });
    } else {
        *answeredNow = TargetApp{}; // no desktop: nothing to ask
    }
    *asked = true;
    live.targetKnown = answeredNow->has_value();
    if (live.targetKnown)
        live.target = **answeredNow;
    SessionMeta meta;
    meta.id = live.id;
    meta.startedAt = QDateTime::currentDateTimeUtc();
    meta.application = live.target.appId;
    meta.style = styleFor(options, live.target);
    meta.language = options.value(u"language"_s).toString(m_config.language);

    LogScope scope(live.id);
    qCInfo(lcPipeline).noquote() << "dictation begins: app" << (live.targetKnown ? live.target.appId : u"(asked)"_s)
                                 << "mode" << dictationModeName(m_config.mode) << "style"
                                 << (meta.style.isEmpty() ? u"raw"_s : meta.style);
    // The pipeline writes session.json on its thread and reports it (sessionStarted) before any chunk.
    RecordingPlan plan;
    plan.meta = meta;
    plan.chunker = m_config.chunker;
    plan.vad = m_config.vad;
    plan.opus = m_config.opus;
    plan.handsFreeStopMs = m_config.mode == DictationMode::HandsFree ? m_config.handsFreeStopMs : 0;
    plan.sinceBegin = live.sinceBegin;
    // Blocks are numbered per capture dictation; the pipeline learns this one's number before its first block.
    if (!streamed)
        plan.captureStream = m_capture->nextStream();
    startRealtime(live, meta.language);
    if (live.realtime) {
        plan.stream = live.realtime->stream(); // the chunk being collected, from the pipeline's thread
        // Each commit is what makes words appear, and streaming is billed by the second: a chunk at every pause.
        plan.chunker.targetChunkMs = 0;
        plan.chunker.minBilledMs = 0;
    }
    m_pipeline->begin(std::move(plan));
    if (!streamed)
        m_capture->begin();
    m_uploads->setPreferredSession(live.id);
    m_live.push_back(std::move(live));
    if (!streamed)
        watchMicrophone(m_live.back().id);
    setState(State::Listening, m_live.back().id);
    return {};
}

QString DictationService::styleFor(const QJsonObject& options, const TargetApp& target) const
{
    const QString appStyle = AppStyleRules(m_config.appStyles).styleFor(target.appId);
    const QString style = options.value(u"style"_s).toString(appStyle.isEmpty() ? m_config.style : appStyle);
    return style == u"raw"_s ? QString() : style;
}

void DictationService::onFocusAnswered(const QString& sessionId, const TargetApp& target)
{
    Live* live = findLive(sessionId);
    if (!live || live->targetKnown)
        return; // cancelled, or waiting for the provider: it keeps the style it was recorded with
    live->target = target;
    live->targetKnown = true;
    LogScope scope(sessionId);
    qCInfo(lcPipeline).noquote() << "focused app" << target.appId << "(answered" << live->sinceBegin.elapsed()
                                 << "ms after the press), style"
                                 << (styleFor(live->options, target).isEmpty() ? u"raw"_s
                                                                               : styleFor(live->options, target));
    if (live->captureEnded)
        applyTarget(*live);
    deliverNext();
    settleState();
}

void DictationService::applyTarget(const Live& live)
{
    std::optional<SessionMeta> meta = m_journal->session(live.id);
    if (!meta)
        return;
    const QString style = styleFor(live.options, live.target);
    if (meta->application == live.target.appId && meta->style == style)
        return;
    meta->application = live.target.appId;
    meta->style = style;
    (void)m_journal->updateSession(*meta);
}

void DictationService::watchMicrophone(const QString& sessionId)
{
    QTimer::singleShot(kMicrophoneStartMs, this, [this, sessionId] {
        if (m_state != State::Listening || m_live.empty() || m_live.back().id != sessionId || m_capture->isOpen())
            return;
        // Nothing was captured: there is nothing to keep, but the user must know at once, not at key release. The
        // pipeline ends the dictation (cancelled, so its folder is discarded when it says so).
        m_live.back().cancelled = true;
        m_live.back().failedToStart = true;
        m_pipeline->cancel(sessionId);
        m_capture->end();
        fail(sessionId,
             Error(ErrorCode::DeviceLost, u"The microphone did not start within %1 s. Check it with "
                                          "`utter devices` and `utter doctor`."_s.arg(kMicrophoneStartMs / 1000)));
        setState(State::Error, sessionId);
    });
}

Status DictationService::end()
{
    if (m_state != State::Listening || m_live.empty())
        return Error(ErrorCode::InvalidArgument, u"No dictation is being recorded."_s);
    setState(State::Finishing, m_live.back().id);
    m_live.back().sinceEnd.start();
    if (m_live.back().streamed)
        m_pipeline->finish(m_live.back().id); // after every block pushed so far
    else
        m_capture->end(); // its last block ends the dictation in the pipeline
    return {};
}

Status DictationService::toggle()
{
    return m_state == State::Listening ? end() : begin();
}

Status DictationService::cancel()
{
    if (m_live.empty())
        return {};
    Live& live = m_live.back();
    if (live.finishing && !live.cancelled)
        return Error(ErrorCode::InvalidArgument, u"The last dictation is already being delivered."_s);
    LogScope scope(live.id);
    qCInfo(lcPipeline) << "dictation cancelled";
    live.cancelled = true;
    if (live.realtime)
        live.realtime->cancel();
    m_uploads->cancelSession(live.id);
    if (m_state == State::Listening) {
        // Out of "listening" now, like end(): settleState() leaves a listening service alone, so without this
        // a cancelled dictation would stay "listening" for ever once its recording ended.
        setState(State::Finishing, live.id);
        // The pipeline journals nothing more of it and says when it has let go of the session's folder.
        m_pipeline->cancel(live.id);
        if (!live.streamed)
            m_capture->end();
        return {};
    }
    (void)m_journal->discardSession(live.id);
    m_live.pop_back();
    settleState();
    return {};
}

void DictationService::onSilence(const QString& sessionId)
{
    if (m_state != State::Listening || m_live.empty() || m_live.back().id != sessionId)
        return;
    LogScope scope(sessionId);
    qCInfo(lcPipeline) << "hands-free: silence for" << m_config.handsFreeStopMs << "ms ends the dictation";
    (void)end();
}

void DictationService::startRealtime(Live& live, const QString& language)
{
    live.realtime = RealtimeSession::create(live.id, language, m_settings, m_secrets, m_clock, m_realtimeThread,
                                            *m_journal, *m_uploads, this, m_realtimeHoldUntilVoice);
    if (!live.realtime)
        return;
    const QString id = live.id;
    connect(live.realtime.get(), &RealtimeSession::partial, this,
            [this, id](int sequence, const QString& text) { emit partialTranscript(id, sequence, text); });
    connect(live.realtime.get(), &RealtimeSession::failed, this,
            [this, id](const Error& error) { emit errorOccurred(id, errorJson(error)); });
}

void DictationService::onChunkStored(const ChunkJob& job, const QByteArray& oggOpus, bool written)
{
    Live* live = findLive(job.sessionId);
    if (!live || live->cancelled)
        return; // its folder is discarded once the pipeline has ended it
    (void)m_journal->adoptChunk(job, oggOpus, written);
    ++live->chunks;
    m_uploads->kick();
}

void DictationService::onRecordingEnded(const SessionMeta& meta, bool written, int chunks, bool cancelled)
{
    Live* found = findLive(meta.id);
    if (!found || found->captureEnded)
        return;
    Live& live = *found;
    live.captureEnded = true;
    live.assembler.setChunkCount(live.chunks);
    LogScope scope(live.id);
    if (live.sinceEnd.isValid())
        qCDebug(lcPipeline) << "capture flushed and last chunk journaled" << live.sinceEnd.elapsed()
                            << "ms after release";
    const auto drop = [this](const QString& id) {
        m_uploads->release(id);
        (void)m_journal->discardSession(id);
        std::erase_if(m_live, [&id](const Live& l) { return l.id == id; });
    };
    if (cancelled || live.cancelled) {
        (void)m_heldBack.take(meta.id); // a cancelled dictation leaves nothing in history
        const bool failedToStart = live.failedToStart;
        drop(meta.id);
        if (failedToStart)
            return; // the error state stays until the next dictation
        if (m_state == State::Listening && m_stateSession == meta.id)
            setState(State::Finishing, meta.id); // leaves "listening"; settleState() says where things are now
        settleState();
        return;
    }
    if (chunks == 0) {
        const qsizetype heldBack = m_heldBack.count(meta.id);
        const bool audioKept = live.heldBackAudio > 0; // `live` goes below
        if (heldBack > 0 && audioKept) {
            // Everything was held back, and its audio kept: the session is sealed in the journal with its notes
            // (the pipeline wrote it so), and history gets the dictation with the audio, which can be transcribed
            // again from there (docs/storage.md, "What Utter holds back"). Recording it discards the session.
            m_uploads->release(meta.id);
            std::erase_if(m_live, [&meta](const Live& l) { return l.id == meta.id; });
            m_journal->adoptSession(meta, written);
            FinishedDictation nothing;
            nothing.meta = meta;
            nothing.meta.heldBack = heldBackToJson(m_heldBack.take(meta.id));
            (void)m_journal->updateSession(nothing.meta);
            nothing.heldBack = heldBackFromJson(nothing.meta.heldBack);
            nothing.language = meta.language;
            record(nothing);
        } else {
            drop(meta.id);
        }
        if (heldBack > 0 && !audioKept) {
            // Everything was held back: history still gets the dictation, saying so (docs/storage.md).
            FinishedDictation nothing;
            nothing.meta = meta;
            nothing.language = meta.language;
            record(nothing);
        }
        fail(meta.id, Error(ErrorCode::NoSpeech,
                            heldBack > 0 ? u"No voice was heard; %1 sound(s) without a voice were not sent (see "
                                           "history)."_s.arg(heldBack)
                                         : u"No speech was heard; nothing was sent."_s));
        settleState();
        return;
    }
    m_journal->adoptSession(meta, written); // sealed
    if (m_heldBack.has(meta.id)) {
        // The sounds not uploaded go into the session record: a resumed session still tells history about them.
        SessionMeta withNotes = meta;
        withNotes.heldBack = heldBackToJson(m_heldBack.take(meta.id));
        (void)m_journal->updateSession(withNotes);
    }
    if (live.targetKnown)
        applyTarget(live);
    if (live.waiting && !m_journal->status(live.id).complete()) {
        // A chunk already waits for the provider: the dictation will be delivered late, and later ones must
        // not wait behind it.
        const QString id = live.id;
        std::erase_if(m_live, [&id](const Live& l) { return l.id == id; });
    }
    deliverNext();
    settleState();
}

void DictationService::onCaptureError(const Error& error)
{
    const QString session = m_live.empty() ? QString() : m_live.back().id;
    fail(session, error);
    if (m_state == State::Listening) {
        // Everything captured so far was delivered: a lost device's capture ends the dictation with its last
        // block, and the pipeline journals the last chunk. Show the error until then.
        setState(State::Error, session);
    }
}

void DictationService::onChunkDone(const QString& sessionId, int sequence)
{
    if (Live* live = findLive(sessionId)) {
        if (const std::optional<ChunkJob> job = m_journal->job(sessionId, sequence)) {
            if (live->sinceEnd.isValid()) {
                // A request sent before the release (toggle mode, long dictations) counts from the release only.
                const qint64 latency = qint64(job->result.details.value(u"latencyMs"_s).toDouble());
                live->providerAfterEndMs =
                    std::max(live->providerAfterEndMs, std::min(latency, live->sinceEnd.elapsed()));
            }
            const QString committed = live->assembler.add(chunkTranscriptFrom(*job));
            if (live->realtime) // streamed: partials are each chunk's own text (the stream's last partial)
                emit partialTranscript(sessionId, sequence, job->result.text);
            else if (!committed.isEmpty())
                emit partialTranscript(sessionId, sequence, committed);
        }
        deliverNext();
    } else if (m_journal->status(sessionId).complete() && !m_unrecorded.contains(sessionId) &&
               !m_recording.contains(sessionId)) {
        deliverLate(sessionId);
    }
    settleState();
}

void DictationService::onChunkFailed(const QString& sessionId, int sequence, const Error& error, bool willRetry)
{
    Q_UNUSED(sequence);
    Live* live = findLive(sessionId);
    if (!live)
        return; // a resumed job: the journal's jobChanged tells observers
    if (willRetry) {
        // Not an error for the user: the state becomes "queued" and the job's reason says why it waits.
        live->waiting = true;
        LogScope scope(sessionId);
        qCInfo(lcPipeline).noquote() << "dictation queued:" << error.message;
    } else {
        if (error.code == ErrorCode::AuthFailed || error.code == ErrorCode::OutOfCredit)
            m_providers->markStale(); // the user may fix the key next; the next dictation reads it again
        fail(sessionId, Error(error.code, error.message + u" The audio is kept; fix the problem and run "
                                                          "`utter status` to see the waiting dictation."_s));
        live->waiting = true;
    }
    // A waiting dictation leaves the delivery line: later ones must not wait for it.
    if (live->captureEnded) {
        const QString id = live->id;
        std::erase_if(m_live, [&id](const Live& l) { return l.id == id && l.captureEnded && !l.finishing; });
        deliverNext();
    }
    settleState();
}

void DictationService::deliverNext()
{
    if (m_live.empty())
        return;
    Live& front = m_live.front();
    if (front.finishing || !front.captureEnded || !front.targetKnown || !m_journal->status(front.id).complete())
        return; // the focus probe answers within FocusProbe::answerLimitMs of the press, "unknown" at worst
    front.finishing = true;
    const QString id = front.id;
    const std::optional<SessionMeta> meta = m_journal->session(id);
    const Result<FinishedDictation> assembled = m_finisher->assemble(id);
    const bool styling = meta && assembled.ok() && m_finisher->styleWouldRun(meta->style, assembled->rawText);
    setState(styling ? State::Transforming : State::Delivering, id);
    if (assembled.ok())
        emit finalTranscript(id, assembled->rawText);
    if (Live* live = findLive(id); live && styling)
        live->styleTimer.start();
    m_finisher->finish(
        id, this, [this, id](const QString& delta) { emit transformDelta(id, delta); },
        [this, id, lease = m_providers->lease()](const Result<FinishedDictation>& result) {
            if (Live* live = findLive(id); live && live->styleTimer.isValid())
                live->styleMs = live->styleTimer.elapsed();
            if (!result.ok()) {
                fail(id, result.error());
                return;
            }
            delivered(id, result.value());
        });
}

void DictationService::delivered(const QString& sessionId, FinishedDictation dictation)
{
    LogScope scope(sessionId);
    if (!dictation.notice.isEmpty())
        fail(sessionId, Error(ErrorCode::ProviderError, dictation.notice));
    if (!dictation.style.isEmpty())
        emit finalTranscript(sessionId, dictation.text);
    setState(State::Delivering, sessionId);
    TargetApp target;
    if (Live* live = findLive(sessionId)) {
        target = live->target;
        if (live->sinceEnd.isValid())
            qCDebug(lcPipeline) << "text ready" << live->sinceEnd.elapsed() << "ms after release";
    }
    // Typed first, recorded right after: the session stays in the journal until history has it, so a crash in
    // between delivers it to history on the next start (without typing it again).
    auto finished = [this, sessionId, dictation]() mutable {
        record(dictation);
        std::erase_if(m_live, [&sessionId](const Live& live) { return live.id == sessionId; });
        deliverNext();
        settleState();
    };
    if (!m_output || dictation.text.isEmpty()) {
        finished();
        return;
    }
    // Typed with the separator the context needs ("kitchen." + "Please" → "kitchen. Please"); history and the
    // IPC/WebSocket events keep the text as it is.
    const QString typed = m_separator.prefixFor(dictation.text, target, m_config.separator) + dictation.text;
    m_output->insert(typed, target, m_config.insert,
                     [this, sessionId, finished, typed, target,
                      pressedEnter = m_config.insert.pressEnter](const InsertResult& result) mutable {
                         if (!result.ok()) {
                             fail(sessionId, result.error);
                         } else {
                             qCInfo(lcInject).noquote() << "delivered by" << result.method << result.detail;
                             m_separator.inserted(typed, target, pressedEnter);
                         }
                         if (Live* live = findLive(sessionId); live && live->sinceEnd.isValid()) {
                             // The style is a provider call of its own: its time is neither the
                             // transcriber's nor Utter's.
                             const qint64 total = live->sinceEnd.elapsed();
                             qCInfo(lcPipeline).noquote()
                                 << "text inserted" << total << "ms after release; the provider's share"
                                 << live->providerAfterEndMs << "ms, the style's" << live->styleMs << "ms, Utter's"
                                 << total - live->providerAfterEndMs - live->styleMs << "ms";
                         }
                         finished();
                     });
}

void DictationService::record(FinishedDictation dictation, std::function<void(bool)> then)
{
    const QString sessionId = dictation.meta.id;
    m_recording.insert(sessionId);
    if (m_heldBack.has(sessionId)) // once: a retry's copy below already has them
        dictation.heldBack = HeldBackNotes::merged(m_heldBack.take(sessionId), dictation.heldBack);
    // The history's commit, the archive and the journal's clean-up run on the journal's writer thread.
    m_finisher->record(dictation, [this, dictation, then = std::move(then)](const Result<FinishedDictation>& recorded) {
        const QString sessionId = dictation.meta.id;
        m_recording.remove(sessionId);
        if (recorded.ok()) {
            m_unrecorded.erase(sessionId);
            if (then)
                then(true);
            return;
        }
        // The text has been delivered; only the history entry is missing. Keep exactly that text (a style is not
        // run twice) and store it once the disk or the database takes it again.
        if (!m_unrecorded.contains(sessionId))
            fail(sessionId, Error(recorded.error().code, recorded.error().message +
                                                             u" The text is kept and saved to history as soon as "
                                                             "possible; its audio stays in the journal."_s));
        m_unrecorded[sessionId] = dictation;
        if (!m_recordRetry.isActive())
            m_recordRetry.start();
        if (then)
            then(false);
    });
}

void DictationService::recordPending()
{
    auto pending = std::exchange(m_unrecorded, {});
    for (auto& [sessionId, dictation] : pending) {
        record(dictation, [id = sessionId](bool stored) {
            if (stored)
                qCInfo(lcHistory).noquote() << "saved dictation" << id << "to history after all";
        });
    }
    if (m_finisher->unarchivedCount() > 0) {
        m_finisher->archiveWaiting(this, [this](int waiting) {
            if (waiting > 0)
                return;
            m_archiveFailure.clear(); // the next refusal is news again
            if (m_unrecorded.empty())
                m_recordRetry.stop();
        });
    }
    if (m_unrecorded.empty() && m_finisher->unarchivedCount() == 0)
        m_recordRetry.stop();
}

void DictationService::resumeCompleted()
{
    for (const QString& sessionId : m_journal->completedSessions()) {
        if (!findLive(sessionId) && !m_unrecorded.contains(sessionId) && !m_recording.contains(sessionId))
            deliverLate(sessionId);
    }
}

void DictationService::deliverLate(const QString& sessionId)
{
    if (m_lateInProgress.contains(sessionId) || m_recording.contains(sessionId))
        return;
    m_lateInProgress.append(sessionId);
    m_finisher->whenRecorded(sessionId, this, [this, sessionId](bool recorded) {
        if (recorded) {
            // Delivered before a kill that came between the history's commit and the journal's clean-up: only
            // the clean-up is left (archive the audio, remove the session). No style runs again, nothing is
            // announced twice.
            finishRecorded(sessionId);
            return;
        }
        finishLate(sessionId);
    });
}

void DictationService::finishRecorded(const QString& sessionId)
{
    LogScope scope(sessionId);
    const Result<FinishedDictation> assembled = m_finisher->assemble(sessionId);
    if (!assembled.ok()) {
        m_lateInProgress.removeAll(sessionId);
        qCWarning(lcPipeline).noquote() << assembled.error().message;
        return;
    }
    qCInfo(lcPipeline) << "already in history; cleaning up its journal session";
    record(assembled.value(), [this, sessionId](bool) {
        m_lateInProgress.removeAll(sessionId);
        settleState();
    });
}

void DictationService::finishLate(const QString& sessionId)
{
    m_finisher->finish(sessionId, this, {},
                       [this, sessionId, lease = m_providers->lease()](const Result<FinishedDictation>& result) {
                           m_lateInProgress.removeAll(sessionId);
                           LogScope scope(sessionId);
                           if (!result.ok()) {
                               qCWarning(lcPipeline).noquote() << result.error().message;
                               return;
                           }
                           const QString text = result.value().text;
                           record(result.value(), [this, sessionId, text](bool stored) {
                               LogScope scope(sessionId);
                               if (stored)
                                   qCInfo(lcPipeline) << "a dictation that waited is in history now";
                               emit finalTranscript(sessionId, text);
                               emit lateResult(sessionId, text);
                               settleState();
                           });
                       });
}

void DictationService::settleState()
{
    if (m_state == State::Listening)
        return;
    for (const Live& live : m_live) {
        if (live.finishing)
            return; // transforming/delivering says where it is
    }
    if (!m_live.empty()) {
        setState(State::Finishing, m_live.front().id);
        return;
    }
    for (const ChunkJob& job : m_journal->pendingJobs()) {
        if (job.state == JobState::Failed) {
            setState(State::Queued, job.sessionId); // the oldest dictation that waits
            return;
        }
    }
    if (!m_journal->deadJobs().isEmpty()) {
        setState(State::Error, m_lastError.value(u"session"_s).toString());
        return;
    }
    setState(State::Idle, {});
}

QJsonObject DictationService::statusJson() const
{
    QJsonObject status{{u"state"_s, stateName(m_state)},
                       {u"mode"_s, dictationModeName(m_config.mode)},
                       {u"style"_s, m_config.style},
                       {u"pendingJobs"_s, pendingJobs()},
                       {u"deadJobs"_s, int(m_journal->deadJobs().size())},
                       {u"network"_s, m_network && !m_network->isOnline() ? u"offline"_s : u"online"_s},
                       {u"microphone"_s, m_capture->isOpen() ? m_capture->deviceId() : QString()}};
    if (!m_stateSession.isEmpty())
        status.insert(u"session"_s, m_stateSession);
    QJsonArray jobs;
    for (const ChunkJob& job : m_journal->pendingJobs() + m_journal->deadJobs()) {
        if (jobs.size() >= 50)
            break;
        jobs.append(jobJson(job));
    }
    status.insert(u"jobs"_s, jobs);
    if (!m_lastError.isEmpty())
        status.insert(u"lastError"_s, m_lastError);
    return status;
}

int DictationService::pendingJobs() const
{
    return int(m_journal->pendingJobs().size());
}

void DictationService::transcribeFile(const QString& path, const QJsonObject& options, QObject* context,
                                      TranscribeCallback done)
{
    refreshProviders();
    if (!m_providers->built()) { // the keychain has not answered yet
        m_providers->whenBuilt(context, [this, path, options, context, done = std::move(done)]() mutable {
            transcribeFile(path, options, context, std::move(done));
        });
        return;
    }
    FileTranscriptionOptions file = FileTranscriptionOptions::fromConfig(m_config);
    file.language = options.value(u"language"_s).toString(m_config.language);
    if (options.contains(u"prompt"_s))
        file.prompt = options.value(u"prompt"_s).toString();
    if (!options.value(u"voiceGate"_s).toBool(true))
        file.chunker.minSpeechEvidence = 0.0; // asked for: every sound is sent (the hallucination guard still runs)
    auto* job = new FileTranscription(m_providers->transcriber(), file, context);
    const QString styleName = options.value(u"style"_s).toString();
    QPointer<QObject> guard(context);
    job->start(path, [this, job, styleName, guard, done,
                      lease = m_providers->lease()](const Result<FileTranscript>& result) {
        job->deleteLater();
        if (!guard)
            return;
        if (!result.ok()) {
            done(result.error());
            return;
        }
        const FileTranscript& file = result.value();
        QJsonObject reply{{u"text"_s, file.text},
                          {u"raw"_s, file.text},
                          {u"language"_s, file.language},
                          {u"durationMs"_s, qint64(file.durationSeconds * 1000)},
                          {u"spokenMs"_s, qint64(file.spokenSeconds * 1000)},
                          {u"billedSeconds"_s, file.billedSeconds},
                          {u"chunks"_s, file.chunks}};
        QJsonArray segments;
        for (const TranscriptSegment& segment : file.segments)
            segments.append(QJsonObject{{u"start"_s, segment.start},
                                        {u"end"_s, segment.end},
                                        {u"text"_s, segment.text},
                                        {u"avg_logprob"_s, segment.avgLogprob},
                                        {u"compression_ratio"_s, segment.compressionRatio},
                                        {u"no_speech_prob"_s, segment.noSpeechProb}});
        reply.insert(u"segments"_s, segments);
        reply.insert(u"heldBack"_s, heldBackToJson(file.heldBack)); // also in the HTTP route's verbose_json
        if (styleName.isEmpty()) {
            done(reply);
            return;
        }
        const Result<Style> style = m_providers->style(styleName);
        if (!style.ok()) {
            done(style.error());
            return;
        }
        if (!m_providers->transformer().wouldCall(file.text, style.value())) {
            done(reply);
            return;
        }
        m_providers->transformer().transform(
            file.text, style.value(), guard.data(), {}, [reply, done, lease](const TransformResult& styled) mutable {
                reply.insert(u"text"_s, styled.text);
                reply.insert(u"style"_s, styled.transformed ? styled.style : QString());
                if (!styled.notice.isEmpty())
                    reply.insert(u"notice"_s, styled.notice);
                done(reply);
            });
    });
}

void DictationService::prepareShutdown(std::function<void()> done)
{
    m_shuttingDown = true;
    m_uploads->pause();
    if (m_state == State::Listening)
        (void)end(); // its chunks are journaled and resume on the next start
    // In-flight uploads may finish until they drain or one deadline passes, whichever comes first; what is left
    // is aborted and stays journaled. The context object ends both waits at once.
    auto* waiting = new QObject(this);
    const auto finish = [this, waiting, done, once = std::make_shared<bool>(false)] {
        if (std::exchange(*once, true))
            return; // the drain and the deadline fell into the same turn of the event loop
        waiting->deleteLater();
        m_uploads->abortAll();
        (void)m_journal->flushUnwritten();
        m_capture->close();
        m_journal->afterWrites(this, done); // what was delivered is in history, what was not stays journaled
    };
    if (m_uploads->inFlight() == 0) {
        QTimer::singleShot(0, waiting, finish);
        return;
    }
    connect(m_uploads.get(), &UploadQueue::drained, waiting, finish);
    QTimer::singleShot(kShutdownUploadWaitMs, waiting, finish);
}

void DictationService::restyle(const QString& text, const QString& styleName, QObject* context, TranscribeCallback done)
{
    refreshProviders();
    if (!m_providers->built()) { // the keychain has not answered yet
        m_providers->whenBuilt(context, [this, text, styleName, context, done = std::move(done)]() mutable {
            restyle(text, styleName, context, std::move(done));
        });
        return;
    }
    const Result<Style> style = m_providers->style(styleName);
    if (!style.ok()) {
        done(style.error());
        return;
    }
    m_providers->transformer().transform(
        text, style.value(), context, {}, [done, lease = m_providers->lease()](const TransformResult& r) {
            if (r.error && !r.transformed)
                done(*r.error); // the raw text came back: say why instead of passing it off as styled
            else
                done(QJsonObject{{u"text"_s, r.text},
                                 {u"raw"_s, r.rawText},
                                 {u"style"_s, r.style},
                                 {u"transformed"_s, r.transformed},
                                 {u"skipped"_s, r.skipped}});
        });
}

} // namespace utter
