#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace utter
{
class DictationControl;
}

namespace utter::ui
{

// Transcribes a dictation again from its archived audio: the archive keeps one Ogg Opus file per chunk, and each
// goes through DictationControl::transcribeFile (with the current transcription settings, no style), a few at a
// time; the texts are joined in spoken order, with words a chunk repeats from the end of the one before removed
// (as the live assembler does). A chunk without speech adds nothing; any other failure ends the run with the
// provider's message. Deleting the object cancels what is still running.
class ArchiveTranscription final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArchiveTranscription)

public:
    static constexpr int MaxInFlight = 3;

    ArchiveTranscription(DictationControl& dictation, QStringList files, QObject* parent = nullptr);

    // The chunk files of an archived dictation (a folder of chunk files, or one file), in spoken order.
    static QStringList chunkFiles(const QString& audioPath);

    void start();
    int total() const { return int(m_files.size()); }
    int done() const { return m_done; }

signals:
    void progressed(int done, int total);
    void succeeded(const QString& text, const QString& language, double billedSeconds);
    void failed(const QString& message);

private:
    void startNext();
    void finish();

    struct Chunk
    {
        bool done = false;
        QString text;
        QString language;
        double billedSeconds = 0;
    };

    DictationControl& m_dictation;
    QStringList m_files;
    QList<Chunk> m_chunks;
    QPointer<QObject> m_jobs; // the context of the running requests: deleting it cancels them
    int m_next = 0;
    int m_running = 0;
    int m_done = 0;
    bool m_failed = false;
};

} // namespace utter::ui
