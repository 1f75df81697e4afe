#pragma once

#include "httpconnection.h"

#include <QString>

#include <functional>

namespace utter
{

class DictationControl;

// POST /v1/audio/transcriptions: OpenAI's multipart form (file, response_format, language, prompt) plus Utter's
// `style`, transcribed by the dictation pipeline and answered in the asked format (transcriptformats.h). What the
// client can fix is refused before any audio is sent (and billed); errors name the file as the client did, never
// by the server's path.
class TranscriptionRoute final
{
    Q_DISABLE_COPY_MOVE(TranscriptionRoute)

public:
    using Reply = std::function<void(const HttpResponse&)>;

    // dictation nullptr: the route answers 501 "not built". stylesDir: where `style` is looked up.
    TranscriptionRoute(DictationControl* dictation, QString stylesDir);

    // request.bodyFile holds the multipart body; it is removed before this returns. The audio part is written
    // into folder (which must outlive the transcription). Answers through reply: at once for a request it refuses,
    // else when the transcript (or the pipeline's error) is there. The transcription lasts as long as context.
    void handle(const ClientRequest& request, const QString& folder, QObject* context, Reply reply);

private:
    DictationControl* m_dictation;
    QString m_stylesDir;
    int m_uploadCounter = 0;
};

} // namespace utter
