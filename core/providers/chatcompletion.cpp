#include "chatcompletion.h"

#include "providererror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

QByteArray buildChatBody(const ChatRequestSpec& spec)
{
    QJsonArray messages;
    if (!spec.systemPrompt.isEmpty())
        messages.append(QJsonObject{{u"role"_s, u"system"_s}, {u"content"_s, spec.systemPrompt}});
    messages.append(QJsonObject{{u"role"_s, u"user"_s}, {u"content"_s, spec.userText}});
    QJsonObject body{{u"model"_s, spec.model}, {u"messages"_s, messages}, {u"stream"_s, spec.stream}};
    if (spec.temperature)
        body.insert(u"temperature"_s, *spec.temperature);
    if (spec.disableThinking)
        body.insert(u"thinking"_s, QJsonObject{{u"type"_s, u"disabled"_s}});
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

Result<QString> parseChatCompletion(const QByteArray& body)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body.trimmed(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error(ErrorCode::ProviderError, u"malformed JSON: %1"_s.arg(parseError.errorString()));
    const QJsonObject root = doc.object();
    if (root.contains(u"error"_s))
        return Error(ErrorCode::ProviderError, parseErrorBody(body).message);
    const QJsonArray choices = root.value(u"choices"_s).toArray();
    if (choices.isEmpty())
        return Error(ErrorCode::ProviderError, u"no choices in the answer"_s);
    const QJsonValue content = choices.first().toObject().value(u"message"_s).toObject().value(u"content"_s);
    if (!content.isString())
        return Error(ErrorCode::ProviderError, u"no message content in the answer"_s);
    return content.toString();
}

Result<ChatChunk> parseChatChunk(const QString& data)
{
    ChatChunk chunk;
    const QString trimmed = data.trimmed();
    if (trimmed == u"[DONE]"_s) {
        chunk.done = true;
        return chunk;
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error(ErrorCode::ProviderError, u"malformed stream event: %1"_s.arg(parseError.errorString()));
    const QJsonObject root = doc.object();
    if (root.contains(u"error"_s)) {
        chunk.error = parseErrorBody(trimmed.toUtf8()).message;
        return chunk;
    }
    const QJsonArray choices = root.value(u"choices"_s).toArray();
    if (choices.isEmpty())
        return chunk; // a usage-only chunk
    const QJsonObject choice = choices.first().toObject();
    chunk.content = choice.value(u"delta"_s).toObject().value(u"content"_s).toString();
    chunk.finishReason = choice.value(u"finish_reason"_s).toString();
    return chunk;
}

} // namespace utter
