#pragma once

#include "codec/oggopus.h"
#include "common/error.h"
#include "vad/audiochunk.h"
#include "vad/chunker.h"
#include "vad/vadconfig.h"

#include <QByteArray>
#include <QObject>

#include <atomic>
#include <compare>
#include <cstdint>
#include <set>

class QThread;

namespace utter
{

class FileChunkWorker;

// Where the chunker cut a chunk of a file. A chunk cut the same way as one an earlier run transcribed is reused
// (FileResultJournal) and so is not encoded again.
struct FileChunkCut
{
    int sequence = 0;
    std::int64_t startSample = 0;
    std::int64_t endSample = 0;

    auto operator<=>(const FileChunkCut&) const = default;
};

// One chunk of a file, ready to upload.
struct FileChunk
{
    AudioChunk place;   // where it sits in the file, with its shortened pauses; no samples
    QByteArray oggOpus; // what is uploaded; empty for a chunk whose cut was known
};

// The codec side of a file transcription, on a thread of its own ("utter-file"): it decodes the file block by
// block (WAV and Ogg Opus natively, anything else through QAudioDecoder), runs it through the VAD chunker with the
// file's whole edges (ChunkerConfig::noLeadIn) and encodes each chunk to Ogg Opus — so that a file sent to the
// desktop app (IPC transcribe.file) or the daemon's front door never decodes or encodes on the main thread.
//
// It reads in slices the owner asks for, so that memory stays bounded by the chunks in flight: each readSlice()
// reads until it has cut `chunks` chunks to upload, or 30 s of audio, or the end, and then says how far it got.
// Signals are emitted on the owner's thread, in order (every chunkCut of a slice before its sliceRead). Destroying
// the reader stops the thread after the block being read; nothing is emitted after that.
class FileChunkReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileChunkReader)

public:
    FileChunkReader(ChunkerConfig chunker, VadConfig vad, OggOpusOptions opus, QObject* parent = nullptr);
    ~FileChunkReader() override;

    // Opens the file; opened() or failed() follows. Chunks whose cut is in `known` are reported without audio.
    void open(const QString& path, std::set<FileChunkCut> known);
    void readSlice(int chunks);

signals:
    void opened(double durationSeconds); // 0 when the container does not say
    void chunkCut(const utter::FileChunk& chunk);
    void sliceRead(std::int64_t samplesRead, bool endOfFile);
    // A stretch of sound without a voice that is not uploaded (ChunkerConfig::minSpeechEvidence); no samples.
    void chunkRejected(const utter::AudioChunk& place);
    void failed(const utter::Error& error); // the file cannot be read or a chunk cannot be encoded: nothing follows

private:
    QThread* m_thread = nullptr;
    FileChunkWorker* m_worker = nullptr;
    std::atomic<bool> m_stopping = false; // read by the worker between blocks
};

} // namespace utter
