#include "transcriptionroute.h"

#include "multipart.h"
#include "pipeline/dictationcontrol.h"
#include "providers/style.h"
#include "transcriptformats.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

// The client's file extension when it is a plain short one (format detection and Groq's file-name check both look
// at it), else "bin".
QString safeSuffix(const QString& clientFileName)
{
    const QString suffix = QFileInfo(clientFileName).suffix().toLower();
    const bool plain =
        !suffix.isEmpty() && suffix.size() <= 8 &&
        std::all_of(suffix.begin(), suffix.end(), [](QChar c) { return c.isLetterOrNumber() && c.unicode() < 128; });
    return plain ? suffix : u"bin"_s;
}

} // namespace

TranscriptionRoute::TranscriptionRoute(DictationControl* dictation, QString stylesDir)
    : m_dictation(dictation)
    , m_stylesDir(std::move(stylesDir))
{}

void TranscriptionRoute::handle(const ClientRequest& request, const QString& folder, QObject* context, Reply reply)
{
    const auto fail = [&](int status, const QString& message, const QString& code) {
        reply(HttpResponse::error(status, message, code));
    };
    QFile body(request.bodyFile);
    if (!body.open(QIODevice::ReadOnly)) {
        fail(500, u"The upload cannot be read back; is the disk full?"_s, u"io"_s);
        return;
    }
    const qint64 size = body.size();
    uchar* mapped = size > 0 ? body.map(0, size) : nullptr;
    if (size > 0 && !mapped) {
        fail(500, u"The upload cannot be read back."_s, u"io"_s);
        return;
    }
    // The body is read through the mapping (no copy in memory); it is unmapped and deleted on every way out.
    const auto release = qScopeGuard([&] {
        if (mapped)
            body.unmap(mapped);
        body.close();
        body.remove();
    });
    const QByteArrayView bytes(reinterpret_cast<const char*>(mapped), size);
    const Result<QList<FormPart>> parts = parseMultipart(request.head.header("content-type"), bytes);
    if (!parts.ok()) {
        fail(400, parts.error().message, u"invalid_multipart"_s);
        return;
    }
    const FormPart* file = nullptr;
    QJsonObject options;
    for (const FormPart& part : parts.value()) {
        if (part.name == u"file"_s)
            file = &part;
        else if (part.fileName.isEmpty() && part.data.size() < 64 * 1024)
            options.insert(part.name, QString::fromUtf8(part.data.toByteArray()));
    }
    if (!file || file->data.isEmpty()) {
        fail(400, u"The form has no `file` part with audio (curl -F file=@audio.ogg)."_s, u"missing_file"_s);
        return;
    }
    const QString format = options.value(u"response_format"_s).toString(u"json"_s);
    if (!transcriptFormats().contains(format)) {
        fail(400, u"response_format must be one of %1."_s.arg(transcriptFormats().join(u", "_s)),
             u"unsupported_response_format"_s);
        return;
    }
    // An unknown style is the client's mistake: said before a second of audio is sent (and billed).
    const QString style = options.value(u"style"_s).toString();
    if (!style.isEmpty()) {
        const StyleLibrary styles = StyleLibrary::load(m_stylesDir);
        if (!styles.find(style)) {
            fail(400, u"Unknown style \"%1\"; known styles: %2."_s.arg(style.left(100), styles.names().join(u", "_s)),
                 u"unknown_style"_s);
            return;
        }
    }
    if (!m_dictation) {
        fail(501, u"Transcription is not built in this version of Utter (the dictation pipeline is missing)."_s,
             u"not_built"_s);
        return;
    }
    // The pipeline reads files: the audio part gets its own file with the client's extension.
    const QString clientName = QFileInfo(file->fileName).fileName().left(200);
    const QString audioPath =
        QDir(folder).filePath(u"upload-%1.%2"_s.arg(++m_uploadCounter).arg(safeSuffix(file->fileName)));
    QFile audio(audioPath);
    if (!audio.open(QIODevice::WriteOnly) || audio.write(file->data.data(), file->data.size()) != file->data.size()) {
        fail(500, u"The upload cannot be stored; is the disk full?"_s, u"io"_s);
        return;
    }
    audio.close();

    m_dictation->transcribeFile(audioPath, options, context,
                                [reply, format, audioPath, folder, clientName](const Result<QJsonObject>& result) {
                                    if (!result.ok()) {
                                        // The client sent the file: name it as the client did, never by the server's
                                        // path.
                                        QString message = result.error().message;
                                        message.replace(audioPath, clientName.isEmpty() ? u"the upload"_s : clientName);
                                        message.replace(folder, QString());
                                        reply(HttpResponse::fromError(result.error(), message));
                                        return;
                                    }
                                    const FormattedTranscript formatted = formatTranscript(result.value(), format);
                                    HttpResponse response;
                                    response.contentType = formatted.contentType;
                                    response.body = formatted.body;
                                    reply(response);
                                });
}

} // namespace utter
