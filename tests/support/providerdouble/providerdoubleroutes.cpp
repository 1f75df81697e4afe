// The provider double's endpoints: what each real service validates and answers (apis.md §1–§4).
#include "fixtureclips.h"
#include "oggopus.h"
#include "providerdouble.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUrlQuery>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace utter::test
{

namespace
{

QJsonObject parseJson(const QByteArray& body, bool* ok)
{
    QJsonParseError e{};
    const QJsonDocument doc = QJsonDocument::fromJson(body.trimmed(), &e);
    *ok = e.error == QJsonParseError::NoError && doc.isObject();
    return doc.object();
}

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QList<qint16> tone(double seconds, int rate)
{
    QList<qint16> out(qsizetype(seconds * rate));
    for (qsizetype i = 0; i < out.size(); ++i)
        out[i] = qint16(3000 * std::sin(2 * 3.14159265 * 440.0 * double(i) / rate));
    return out;
}

} // namespace

ProviderDouble::Reply ProviderDouble::route(const QHttpServerRequest& request, RecordedRequest& record)
{
    const QString path = record.path;
    const bool post = request.method() == QHttpServerRequest::Method::Post;
    if (path.startsWith(u"/_double/"_s))
        return control(request, record);
    if (post && (path.endsWith(u"/audio/transcriptions"_s) || path.endsWith(u"/audio/translations"_s)))
        return transcription(request, record);
    if (post && path.endsWith(u"/chat/completions"_s))
        return chat(request, record);
    if (post && path.endsWith(u"/audio/speech"_s))
        return speech(request, record);
    if (!post && path.endsWith(u"/models"_s))
        return models(request);
    if (m_options.hal0 && path == u"/api/health"_s) {
        Reply r;
        r.body = compact({{u"status"_s, u"ok"_s}, {u"name"_s, u"hal0"_s}, {u"version"_s, u"0.8.3"_s}});
        return r;
    }
    if (m_options.hal0 && path.startsWith(u"/api/slots/"_s)) {
        const QStringList parts = path.split(u'/', Qt::SkipEmptyParts); // api slots NAME [state]
        if (parts.size() >= 3 && m_slots.contains(parts.at(2))) {
            const Slot& slot = m_slots[parts.at(2)];
            Reply r;
            r.body =
                compact({{u"name"_s, parts.at(2)},
                         {u"state"_s, slot.state},
                         {u"port"_s, 8095},
                         {u"model_id"_s, parts.at(2) == u"tts"_s ? u"qwen3-tts"_s : u"moonshine-small_streaming-en"_s},
                         {u"backend"_s, u"podman"_s}});
            return r;
        }
        return hal0Error(404, u"slot.not_found"_s, u"No slot named %1"_s.arg(parts.value(2)));
    }
    if (m_options.hal0)
        return hal0Error(404, u"dispatch.no_route"_s, u"No route for %1"_s.arg(path));
    return error(
        404,
        u"Unknown request URL: %1 %2. Please check the URL for typos."_s.arg(QString::fromLatin1(record.method), path),
        u"invalid_request_error"_s, u"unknown_url"_s);
}

std::optional<ProviderDouble::Reply> ProviderDouble::checkAuth(const QHttpServerRequest& request,
                                                               bool deepseekStyle) const
{
    if (m_options.hal0 || m_options.keys.isEmpty())
        return std::nullopt; // hal0 strips Authorization and has no auth (ADR-0012)
    const QByteArray auth = request.value("Authorization");
    for (const QString& key : m_options.keys) {
        if (auth == "Bearer " + key.toUtf8())
            return std::nullopt;
    }
    if (deepseekStyle)
        return error(401,
                     u"Authentication Fails, Your api key: ****%1 is invalid"_s.arg(QString::fromUtf8(auth.right(4))),
                     u"authentication_error"_s, u"invalid_request_error"_s);
    return error(401, u"Invalid API Key"_s, u"invalid_request_error"_s, u"invalid_api_key"_s);
}

std::optional<ProviderDouble::Reply> ProviderDouble::slotLoading(const QString& name)
{
    if (!m_options.hal0)
        return std::nullopt;
    Slot& slot = m_slots[name];
    if (slot.loadingRequests > 0) {
        --slot.loadingRequests;
        Reply r = hal0Error(503, u"slot.loading"_s, u"Slot %1 is loading its model"_s.arg(name));
        r.body =
            compact({{u"error"_s, QJsonObject{{u"code"_s, u"slot.loading"_s},
                                              {u"message"_s, u"Slot %1 is loading its model"_s.arg(name)},
                                              {u"details"_s, QJsonObject{{u"retry_after_s"_s, slot.retryAfterS}}}}}});
        r.headers.append({"Retry-After", QByteArray::number(slot.retryAfterS)});
        if (slot.loadingRequests == 0)
            slot.state = u"ready"_s;
        return r;
    }
    if (slot.state == u"error"_s)
        return hal0Error(502, u"slot.load_failed"_s, u"Slot %1 failed to load its model"_s.arg(name));
    return std::nullopt;
}

ProviderDouble::Reply ProviderDouble::models(const QHttpServerRequest& request)
{
    if (auto denied = checkAuth(request, false))
        return *denied;
    QJsonArray data;
    const QString owner = m_options.hal0 ? u"hal0"_s : u"double"_s;
    for (const QStringList* list : {&m_options.transcriptionModels, &m_options.chatModels, &m_options.speechModels}) {
        for (const QString& id : *list)
            data.append(
                QJsonObject{{u"id"_s, id}, {u"object"_s, u"model"_s}, {u"owned_by"_s, owner}, {u"active"_s, true}});
    }
    Reply r;
    r.body = compact({{u"object"_s, u"list"_s}, {u"data"_s, data}});
    return r;
}

ProviderDouble::Reply ProviderDouble::transcription(const QHttpServerRequest& request, RecordedRequest& record)
{
    if (auto denied = checkAuth(request, false))
        return *denied;
    if (request.body().size() > m_options.maxUploadBytes)
        return m_options.hal0
                   ? hal0Error(413, u"resource.too_large"_s, u"Request entity too large"_s)
                   : error(413, u"Request Entity Too Large"_s, u"invalid_request_error"_s, u"request_too_large"_s);
    const std::optional<QList<MultipartPart>> parts = parseMultipart(request.value("Content-Type"), request.body());
    if (!parts)
        return error(400, u"request Content-Type isn't multipart/form-data"_s, u"invalid_request_error"_s, {});
    const MultipartPart* file = nullptr;
    for (const MultipartPart& part : *parts) {
        if (part.fileName.isEmpty() && part.name != "file")
            record.fields.insert(QString::fromUtf8(part.name), QString::fromUtf8(part.data));
        else if (part.name == "file")
            file = &part;
    }
    if (file) {
        record.fileName = file->fileName;
        record.fileContentType = file->contentType;
        record.fileBytes = file->data.size();
    }
    const QString model = record.fields.value(u"model"_s);
    if (model.isEmpty())
        return m_options.hal0 ? hal0Error(400, u"request.missing_model"_s, u"The model field is required"_s)
                              : error(400, u"'model' : property 'model' is missing"_s, u"invalid_request_error"_s, {});
    if (!m_options.hal0 && !m_options.transcriptionModels.contains(model))
        return error(404, u"The model `%1` does not exist or you do not have access to it."_s.arg(model),
                     u"invalid_request_error"_s, u"model_not_found"_s);
    if (!file || file->data.isEmpty())
        return m_options.hal0 ? hal0Error(400, u"validation.empty_upload"_s, u"The uploaded file is empty"_s)
                              : error(400, u"file or url must be provided"_s, u"invalid_request_error"_s, {});
    const QString extension = file->fileName.section(u'.', -1).toLower();
    static const QStringList allowed{u"flac"_s, u"mp3"_s, u"mp4"_s,  u"mpeg"_s, u"mpga"_s,
                                     u"m4a"_s,  u"ogg"_s, u"opus"_s, u"wav"_s,  u"webm"_s};
    if (!m_options.hal0 && (!file->fileName.contains(u'.') || !allowed.contains(extension)))
        return error(400, u"file must be one of the following types: [flac mp3 mp4 mpeg mpga m4a ogg opus wav webm]"_s,
                     u"invalid_request_error"_s, u"unsupported_audio_format"_s);
    const QString format = record.fields.value(u"response_format"_s, u"json"_s);
    if (format != u"json"_s && format != u"text"_s && format != u"verbose_json"_s)
        return error(400, u"response_format must be one of [json text verbose_json]"_s, u"invalid_request_error"_s, {});
    if (auto loading = slotLoading(u"stt"_s))
        return *loading;

    // Decode what was really sent.
    QList<qint16> pcm16k;
    QString decodeError;
    if (extension == u"wav"_s) {
        int rate = 0;
        if (auto wav = readWavMono16(file->data, &rate))
            pcm16k = resampleLinear(*wav, rate, 16000);
        else
            decodeError = u"not a 16-bit WAV"_s;
    } else if (auto decoded = decodeOggOpus(file->data, &decodeError)) {
        pcm16k = downsample48to16(decoded->pcm);
    }
    if (pcm16k.isEmpty() && !decodeError.isEmpty())
        return m_options.hal0
                   ? hal0Error(415, u"audio.unsupported_format"_s, u"Could not decode audio: %1"_s.arg(decodeError))
                   : error(400, u"could not process file - is it a valid media file?"_s, u"invalid_request_error"_s,
                           u"invalid_media"_s);
    const double duration = double(pcm16k.size()) / 16000.0;
    record.audioS = duration;
    record.billedS = m_options.hal0 ? 0 : std::max(duration, m_options.minimumBilledS);
    m_billedSeconds += record.billedS;

    const QList<AudioMatcher::Match> matches = m_matcher.identify(pcm16k);
    std::optional<TranscriptScript> script;
    if (!m_scripts.isEmpty() && (!matches.isEmpty() || m_scripts.first().anyAudio)) {
        script = m_scripts.first();
        if (--m_scripts.first().times <= 0)
            m_scripts.removeFirst();
    }
    QStringList texts;
    QJsonArray segments;
    for (const AudioMatcher::Match& m : matches) {
        record.identifiedClips << m.clip;
        texts << m_clipTexts.value(m.clip);
        segments.append(QJsonObject{
            {u"id"_s, int(segments.size())},
            {u"seek"_s, 0},
            {u"start"_s, m.startS},
            {u"end"_s, m.endS},
            {u"text"_s, QString(u" "_s + m_clipTexts.value(m.clip))},
            {u"tokens"_s, QJsonArray{}},
            {u"temperature"_s, 0},
            {u"avg_logprob"_s, script && script->clipAvgLogprob <= 0 ? script->clipAvgLogprob : -0.1 - m.distance / 2},
            {u"compression_ratio"_s, 1.2},
            {u"no_speech_prob"_s, script && script->clipNoSpeechProb >= 0 ? script->clipNoSpeechProb : 0.01}});
    }
    if (script) {
        double at = segments.isEmpty() ? 0.0 : segments.last().toObject().value(u"end"_s).toDouble();
        for (const ScriptedSegment& extra : std::as_const(script->extra)) {
            const double end = std::min(duration, at + 1.0);
            texts << extra.text;
            segments.append(QJsonObject{{u"id"_s, int(segments.size())},
                                        {u"seek"_s, 0},
                                        {u"start"_s, at},
                                        {u"end"_s, end},
                                        {u"text"_s, QString(u" "_s + extra.text)},
                                        {u"tokens"_s, QJsonArray{}},
                                        {u"temperature"_s, 0},
                                        {u"avg_logprob"_s, extra.avgLogprob},
                                        {u"compression_ratio"_s, extra.compressionRatio},
                                        {u"no_speech_prob"_s, extra.noSpeechProb}});
            at = end;
        }
    }
    if (script && matches.isEmpty()) {
        // Scripted for audio without a clip: the extra segments are the whole answer.
    } else if (matches.isEmpty() && AudioMatcher::voicedSeconds(pcm16k) < 0.2) {
        // Whisper on silence: the classic hallucination, flagged by no_speech_prob.
        texts << u"Thank you."_s;
        segments.append(QJsonObject{{u"id"_s, 0},
                                    {u"seek"_s, 0},
                                    {u"start"_s, 0.0},
                                    {u"end"_s, duration},
                                    {u"text"_s, u" Thank you."_s},
                                    {u"tokens"_s, QJsonArray{}},
                                    {u"temperature"_s, 0},
                                    {u"avg_logprob"_s, -1.2},
                                    {u"compression_ratio"_s, 0.6},
                                    {u"no_speech_prob"_s, 0.93}});
    } else if (matches.isEmpty()) {
        texts << u"[unrecognised speech]"_s;
    }
    const QString text = texts.join(u' ');
    const QJsonObject groq{{u"id"_s, u"req_double_%1"_s.arg(++m_counter)}};
    Reply r;
    if (m_options.groqLatency)
        r.delayMs = m_options.roundTripMs + int(duration / m_options.speedFactor * 1000.0);
    if (format == u"text"_s) {
        r.contentType = "text/plain; charset=utf-8";
        r.body = text.toUtf8();
    } else if (format == u"verbose_json"_s && !m_options.hal0) {
        r.body = compact({{u"task"_s, u"transcribe"_s},
                          {u"language"_s, u"English"_s},
                          {u"duration"_s, duration},
                          {u"text"_s, text},
                          {u"segments"_s, segments},
                          {u"x_groq"_s, groq}});
    } else if (m_options.hal0) {
        r.body = compact({{u"text"_s, text}, {u"language"_s, u"en"_s}}); // moonshine: no segments
    } else {
        r.body = compact({{u"text"_s, text}, {u"x_groq"_s, groq}});
    }
    return r;
}

ProviderDouble::Reply ProviderDouble::chat(const QHttpServerRequest& request, RecordedRequest& record)
{
    if (auto denied = checkAuth(request, true))
        return *denied;
    if (!m_options.hasBalance)
        return error(402, u"Insufficient Balance"_s, u"unknown_error"_s, u"invalid_request_error"_s);
    bool ok = false;
    const QJsonObject body = parseJson(request.body(), &ok);
    record.json = body;
    if (!ok)
        return error(400, u"Failed to deserialize the JSON body into the target type"_s, u"invalid_request_error"_s,
                     u"invalid_request_error"_s);
    const QString model = body.value(u"model"_s).toString();
    if (model.isEmpty())
        return m_options.hal0 ? hal0Error(400, u"request.missing_model"_s, u"The model field is required"_s)
                              : error(400, u"Missing field `model`"_s, u"invalid_request_error"_s, {});
    if (!m_options.hal0 && !m_options.chatModels.contains(model))
        return error(400, u"Model Not Exist"_s, u"invalid_request_error"_s, u"invalid_request_error"_s);
    if (body.value(u"reasoning_effort"_s).toString() == u"none"_s)
        return error(400, u"Invalid reasoning_effort value: none, expected one of low, high, max"_s,
                     u"invalid_request_error"_s, u"invalid_request_error"_s);
    const QJsonArray messages = body.value(u"messages"_s).toArray();
    QString user;
    for (const QJsonValue& m : messages) {
        if (m.toObject().value(u"role"_s).toString() == u"user"_s)
            user = m.toObject().value(u"content"_s).toString();
    }
    if (messages.isEmpty() || user.isEmpty())
        return error(400, u"messages must contain a user message"_s, u"invalid_request_error"_s, {});
    // Thinking is on unless the request turns it off: reasoning first, and slower.
    const bool thinking = body.value(u"thinking"_s).toObject().value(u"type"_s).toString() != u"disabled"_s;
    const QString answer = user.toUpper(); // a deterministic "style" the tests can check
    const QString id = u"chatcmpl-double-%1"_s.arg(++m_counter);
    Reply r;
    r.delayMs = thinking ? m_options.thinkingDelayMs : 0;
    const QJsonObject usage{{u"prompt_tokens"_s, user.size() / 4 + 20},
                            {u"completion_tokens"_s, answer.size() / 4 + 1}};
    if (!body.value(u"stream"_s).toBool()) {
        QJsonObject message{{u"role"_s, u"assistant"_s}, {u"content"_s, answer}};
        if (thinking)
            message.insert(u"reasoning_content"_s, u"The user wants the text rewritten."_s);
        r.body = compact(
            {{u"id"_s, id},
             {u"object"_s, u"chat.completion"_s},
             {u"model"_s, model},
             {u"choices"_s,
              QJsonArray{QJsonObject{{u"index"_s, 0}, {u"message"_s, message}, {u"finish_reason"_s, u"stop"_s}}}},
             {u"usage"_s, usage}});
        return r;
    }
    r.sse = true;
    auto chunk = [&](const QJsonObject& delta, const QJsonValue& finish) {
        return compact({{u"id"_s, id},
                        {u"object"_s, u"chat.completion.chunk"_s},
                        {u"model"_s, model},
                        {u"choices"_s,
                         QJsonArray{QJsonObject{{u"index"_s, 0}, {u"delta"_s, delta}, {u"finish_reason"_s, finish}}}}});
    };
    r.events << chunk({{u"role"_s, u"assistant"_s}, {u"content"_s, u""_s}}, QJsonValue::Null);
    if (thinking)
        r.events << chunk({{u"reasoning_content"_s, u"Rewriting."_s}}, QJsonValue::Null);
    const int step = std::max(1, m_options.sseChunkChars);
    for (qsizetype i = 0; i < answer.size(); i += step)
        r.events << chunk({{u"content"_s, answer.mid(i, step)}}, QJsonValue::Null);
    r.events << chunk({}, u"stop"_s);
    r.events << "[DONE]";
    return r;
}

ProviderDouble::Reply ProviderDouble::speech(const QHttpServerRequest& request, RecordedRequest& record)
{
    if (auto denied = checkAuth(request, false))
        return *denied;
    bool ok = false;
    const QJsonObject body = parseJson(request.body(), &ok);
    record.json = body;
    if (!ok)
        return error(400, u"The request body is not valid JSON"_s, u"invalid_request_error"_s, {});
    const QString model = body.value(u"model"_s).toString();
    if (model.isEmpty())
        return m_options.hal0 ? hal0Error(400, u"request.missing_model"_s, u"The model field is required"_s)
                              : error(400, u"model is required"_s, u"invalid_request_error"_s, {});
    if (!m_options.speechModels.contains(model))
        return m_options.hal0 ? hal0Error(404, u"dispatch.no_route"_s, u"No route for model %1"_s.arg(model))
                              : error(404, u"The model `%1` does not exist"_s.arg(model), u"invalid_request_error"_s,
                                      u"model_not_found"_s);
    const QString input = body.value(u"input"_s).toString();
    if (input.trimmed().isEmpty())
        return error(400, u"input must not be empty"_s, u"invalid_request_error"_s, {});
    const QString format = body.value(u"response_format"_s).toString(u"wav"_s);
    if (format != u"wav"_s && format != u"pcm"_s)
        return error(400, u"response_format %1 is not available on this server"_s.arg(format),
                     u"invalid_request_error"_s, {});
    if (auto loading = slotLoading(u"tts"_s))
        return *loading;
    const QList<qint16> pcm = tone(std::min(8.0, 0.05 * double(input.size()) + 0.2), 24000);
    Reply r;
    if (format == u"pcm"_s) {
        r.contentType = "audio/pcm";
        r.body = QByteArray(reinterpret_cast<const char*>(pcm.constData()), pcm.size() * 2);
    } else {
        r.contentType = "audio/wav";
        r.body = writeWav(pcm, 24000);
    }
    record.audioS = double(pcm.size()) / 24000.0;
    return r;
}

ProviderDouble::Reply ProviderDouble::control(const QHttpServerRequest& request, RecordedRequest& record)
{
    Reply r;
    if (record.path == u"/_double/requests"_s) {
        QJsonArray list;
        for (const RecordedRequest& req : std::as_const(m_requests))
            list.append(req.toJson());
        r.body = QJsonDocument(list).toJson(QJsonDocument::Compact);
    } else if (record.path == u"/_double/faults"_s && request.method() == QHttpServerRequest::Method::Post) {
        bool ok = false;
        const QJsonObject body = parseJson(request.body(), &ok);
        if (!ok)
            return error(400, u"fault must be a JSON object"_s, u"invalid_request_error"_s, {});
        addFault(Fault::fromJson(body));
        r.body = compact({{u"pending"_s, m_faults.size()}});
    } else if (record.path == u"/_double/scripts"_s && request.method() == QHttpServerRequest::Method::Post) {
        bool ok = false;
        const QJsonObject body = parseJson(request.body(), &ok);
        if (!ok)
            return error(400, u"script must be a JSON object"_s, u"invalid_request_error"_s, {});
        addScript(TranscriptScript::fromJson(body));
        r.body = compact({{u"pending"_s, m_scripts.size()}});
    } else if (record.path == u"/_double/reset"_s) {
        m_scripts.clear();
        m_faults.clear();
        m_requests.clear();
        m_billedSeconds = 0;
        r.body = compact({{u"ok"_s, true}});
    } else if (record.path == u"/_double/billing"_s) {
        r.body = compact({{u"billed_s"_s, m_billedSeconds}});
    } else {
        r.status = 404;
        r.body = compact({{u"error"_s, u"unknown control path"_s}});
    }
    return r;
}

} // namespace utter::test
