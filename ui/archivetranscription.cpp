#include "archivetranscription.h"

#include "journal/journallayout.h"
#include "pipeline/dictationcontrol.h"
#include "pipeline/textnormalize.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace utter::ui
{

ArchiveTranscription::ArchiveTranscription(DictationControl& dictation, QStringList files, QObject* parent)
    : QObject(parent)
    , m_dictation(dictation)
    , m_files(std::move(files))
    , m_chunks(m_files.size())
{}

QStringList ArchiveTranscription::chunkFiles(const QString& audioPath)
{
    QStringList files;
    if (audioPath.isEmpty())
        return files;
    const QFileInfo info(audioPath);
    if (info.isDir()) {
        for (const QFileInfo& file :
             QDir(audioPath).entryInfoList({u"*.ogg"_s, u"*.opus"_s, u"*.wav"_s}, QDir::Files, QDir::Name))
            files << file.absoluteFilePath();
    } else if (info.isFile()) {
        files << info.absoluteFilePath();
    }
    return files;
}

void ArchiveTranscription::start()
{
    m_jobs = new QObject(this);
    emit progressed(0, total());
    if (m_files.isEmpty()) {
        finish();
        return;
    }
    startNext();
}

void ArchiveTranscription::startNext()
{
    while (!m_failed && m_running < MaxInFlight && m_next < m_files.size()) {
        const int index = m_next++;
        ++m_running;
        // A stretch the voice gate held back when it was recorded is sent as it is: the user asked for it again.
        const QJsonObject options = journallayout::isHeldBackAudioName(QFileInfo(m_files.at(index)).fileName())
                                        ? QJsonObject{{u"voiceGate"_s, false}}
                                        : QJsonObject();
        m_dictation.transcribeFile(m_files.at(index), options, m_jobs,
                                   [this, index](const Result<QJsonObject>& result) {
                                       --m_running;
                                       if (m_failed)
                                           return;
                                       if (!result.ok() && result.error().code != ErrorCode::NoSpeech) {
                                           m_failed = true;
                                           // The other chunks are not needed any more; their context goes once this
                                           // call has returned
                                           // (this callback runs inside one of them).
                                           m_jobs->deleteLater();
                                           emit failed(result.error().message);
                                           return;
                                       }
                                       Chunk& chunk = m_chunks[index];
                                       chunk.done = true;
                                       if (result.ok()) {
                                           chunk.text = result.value().value(u"text"_s).toString().trimmed();
                                           chunk.language = result.value().value(u"language"_s).toString();
                                           chunk.billedSeconds = result.value().value(u"billedSeconds"_s).toDouble();
                                       }
                                       ++m_done;
                                       emit progressed(m_done, total());
                                       if (m_done == total())
                                           finish();
                                       else
                                           startNext();
                                   });
    }
}

void ArchiveTranscription::finish()
{
    QString text;
    QString language;
    double billed = 0;
    for (const Chunk& chunk : std::as_const(m_chunks)) {
        billed += chunk.billedSeconds;
        if (language.isEmpty())
            language = chunk.language;
        const QString next = chunk.text.trimmed();
        if (!next.isEmpty())
            text = joinTranscript(text, next);
    }
    if (text.isEmpty())
        emit failed(tr("No speech was found in the recording."));
    else
        emit succeeded(text, language, billed);
}

} // namespace utter::ui
