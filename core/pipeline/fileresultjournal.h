#pragma once

#include "chunktranscript.h"
#include "common/result.h"
#include "filechunkreader.h"

#include <QDateTime>
#include <QString>

#include <map>
#include <optional>
#include <set>

namespace utter
{

// One chunk of an audio file that the provider has transcribed, as `utter transcribe` keeps it.
struct StoredFileChunk
{
    int sequence = 0;
    std::int64_t startSample = 0; // where the chunker cut it: a rerun reuses it only when the cut is the same
    std::int64_t endSample = 0;
    double billedSeconds = 0;
    QString language;
    ChunkTranscript transcript; // text, Whisper segments (times within the chunk), speech ratio
};

// The results journal of file transcriptions (`utter transcribe`): one folder per audio file, named by the
// SHA-256 of the file's content (so a renamed or copied file is the same file), holding one small JSON record per
// transcribed chunk, written atomically as each answer arrives. A run that is killed, or gives up because the
// provider stayed away, leaves its results here; the next run over the same bytes reuses every chunk cut the same
// way and sends only the missing ones — nothing is billed twice. A run that completes removes its folder. Folders
// untouched for 30 days are removed when the journal is opened. Settings that change the text (language, prompt)
// are part of the record: a rerun with other settings starts afresh.
class FileResultJournal final
{
public:
    static constexpr int kKeepDays = 30;

    explicit FileResultJournal(QString rootDir); // <data>/transcriptions

    // Hashes the file and loads what an earlier run of it kept. `settingsKey` names whatever else the text
    // depends on (language, prompt). Errors: the file cannot be read.
    Status open(const QString& filePath, const QString& settingsKey);

    QString fileHash() const { return m_hash; }
    QString folder() const;
    int storedCount() const { return int(m_chunks.size()); }

    // The chunk an earlier run transcribed with the same cut, if any.
    std::optional<StoredFileChunk> find(int sequence, std::int64_t startSample, std::int64_t endSample) const;
    // Every cut an earlier run transcribed (what the file's reader need not encode again).
    std::set<FileChunkCut> cuts() const;
    // Keeps one result durably. A disk that refuses is reported (Error{Io}); the transcription goes on.
    Status store(const StoredFileChunk& chunk);
    // The file was transcribed completely: its results are no longer needed.
    Status discard();

private:
    Status writeMeta();
    void pruneOld();

    QString m_root;
    QString m_hash;
    QString m_settingsKey;
    bool m_metaWritten = false;
    std::map<int, StoredFileChunk> m_chunks;
};

} // namespace utter
