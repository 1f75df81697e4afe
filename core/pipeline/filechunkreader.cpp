#include "filechunkreader.h"

#include "codec/audioreader.h"
#include "codec/pcmconverter.h"
#include "common/handoff.h"
#include "logging/logging.h"
#include "vad/vadbackend.h"

#include <QThread>

#include <memory>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{
constexpr std::size_t kReadBlock = kPipelineSampleRate; // one second per read
constexpr int kBlocksPerSlice = 30;                     // then the owner's uploads and answers get a turn
} // namespace

// The file thread's side. Every member is used on that thread only, except the stop flag.
class FileChunkWorker final : public QObject
{
public:
    FileChunkWorker(ChunkerConfig chunker, VadConfig vad, OggOpusOptions opus, FileChunkReader* front,
                    const std::atomic<bool>& stopping)
        : m_chunking(std::move(chunker))
        , m_vad(std::move(vad))
        , m_opus(std::move(opus))
        , m_front(front)
        , m_stopping(stopping)
    {}

    void open(const QString& path, std::set<FileChunkCut> known);
    void readSlice(int chunks);
    // The decoder is closed on the thread that made it (QAudioDecoder's timers and GStreamer's bus live there).
    void close()
    {
        m_chunker.reset();
        m_reader.reset();
    }

private:
    void onChunk(AudioChunk&& chunk);
    void fail(const Error& error);

    // Posts to the front object on its thread; the front outlives this worker's thread.
    template<typename F>
    void post(F&& emitter)
    {
        postTo(m_front, std::forward<F>(emitter));
    }

    ChunkerConfig m_chunking;
    VadConfig m_vad;
    OggOpusOptions m_opus;
    FileChunkReader* m_front;
    const std::atomic<bool>& m_stopping;
    std::set<FileChunkCut> m_known;
    std::unique_ptr<AudioReader> m_reader;
    std::unique_ptr<Chunker> m_chunker;
    std::vector<std::int16_t> m_block;
    std::int64_t m_samplesRead = 0; // the chunker's count restarts at its end()
    int m_budget = 0;               // chunks to upload this slice may still cut
    bool m_ended = false;
    bool m_failed = false;
};

void FileChunkWorker::open(const QString& path, std::set<FileChunkCut> known)
{
    Result<std::unique_ptr<AudioReader>> reader = openAudioFile(path);
    if (!reader.ok()) {
        fail(reader.error());
        return;
    }
    m_known = std::move(known);
    m_reader = std::move(reader).value();
    // A file has no pre-roll: its first and last words are kept whole.
    ChunkerConfig chunking = m_chunking;
    chunking.noLeadIn = true;
    m_chunker = std::make_unique<Chunker>(chunking, createVad(m_vad),
                                          [this](AudioChunk&& chunk) { onChunk(std::move(chunk)); });
    m_chunker->setRejectObserver([this](const AudioChunk& chunk) {
        qCInfo(lcPipeline).noquote() << "not uploaded, no voice:" << chunk.startSeconds() << "-" << chunk.endSeconds()
                                     << "s of the file, speech evidence" << chunk.speechEvidence;
        AudioChunk place = chunk;
        place.pcm = {};
        post([front = m_front, place = std::move(place)] { emit front->chunkRejected(place); });
    });
    post([front = m_front, seconds = m_reader->durationSeconds().value_or(0)] { emit front->opened(seconds); });
}

void FileChunkWorker::readSlice(int chunks)
{
    if (!m_reader || m_ended || m_failed)
        return;
    m_budget = chunks;
    int blocks = 0;
    while (!m_stopping && !m_failed && !m_ended && m_budget > 0 && blocks < kBlocksPerSlice) {
        m_block.clear();
        const Result<std::size_t> read = m_reader->read(m_block, kReadBlock);
        if (!read.ok()) {
            fail(read.error());
            return;
        }
        ++blocks;
        if (read.value() == 0) {
            m_ended = true;
            m_chunker->end();
        } else {
            m_samplesRead += std::int64_t(read.value());
            m_chunker->feed(m_block);
        }
    }
    if (m_failed || m_stopping)
        return;
    post([front = m_front, samples = m_samplesRead, ended = m_ended] { emit front->sliceRead(samples, ended); });
}

void FileChunkWorker::onChunk(AudioChunk&& chunk)
{
    if (m_failed)
        return;
    FileChunk out;
    if (!m_known.contains(FileChunkCut{int(chunk.sequence), chunk.startSample, chunk.endSample})) {
        Result<QByteArray> encoded = encodeOggOpus(chunk.pcm, m_opus);
        if (!encoded.ok()) {
            fail(encoded.error());
            return;
        }
        out.oggOpus = std::move(encoded).value();
        --m_budget;
    }
    chunk.pcm = {};
    out.place = std::move(chunk);
    post([front = m_front, out = std::move(out)] { emit front->chunkCut(out); });
}

void FileChunkWorker::fail(const Error& error)
{
    m_failed = true;
    m_reader.reset();
    post([front = m_front, error] { emit front->failed(error); });
}

FileChunkReader::FileChunkReader(ChunkerConfig chunker, VadConfig vad, OggOpusOptions opus, QObject* parent)
    : QObject(parent)
{
    m_thread = new QThread;
    m_thread->setObjectName(u"utter-file"_s);
    m_worker = new FileChunkWorker(std::move(chunker), std::move(vad), std::move(opus), this, m_stopping);
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

FileChunkReader::~FileChunkReader()
{
    // The slice being read stops after its block; what the worker posted from here on is dropped with this object.
    m_stopping = true;
    stopWorkerThread(m_thread, m_worker, [worker = m_worker] { worker->close(); });
    delete m_worker;
    delete m_thread;
}

void FileChunkReader::open(const QString& path, std::set<FileChunkCut> known)
{
    postTo(m_worker,
           [worker = m_worker, path, known = std::move(known)]() mutable { worker->open(path, std::move(known)); });
}

void FileChunkReader::readSlice(int chunks)
{
    postTo(m_worker, [worker = m_worker, chunks] { worker->readSlice(chunks); });
}

} // namespace utter
