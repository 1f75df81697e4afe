#include "jsonrpc.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::Literals::StringLiterals;

namespace utter::jsonrpc
{

namespace
{

const QString kNotBuiltPrefix = u"Not built: "_s;

QByteArray serialise(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

bool validId(const QJsonValue& id)
{
    return id.isString() || id.isDouble() || id.isNull();
}

} // namespace

Message parse(const QByteArray& line, bool* parseError)
{
    Message message;
    if (parseError)
        *parseError = false;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError) {
        message.problem = u"The line is not valid JSON (%1 at offset %2)."_s.arg(error.errorString()).arg(error.offset);
        if (parseError)
            *parseError = true;
        return message;
    }
    if (document.isArray()) {
        message.problem = u"Batch requests are not supported; send one JSON object per line."_s;
        return message;
    }
    const QJsonObject object = document.object();
    if (object.value(u"jsonrpc"_s).toString() != u"2.0"_s) {
        message.problem = u"The message lacks \"jsonrpc\": \"2.0\"."_s;
        message.id = object.value(u"id"_s);
        return message;
    }
    const bool hasId = object.contains(u"id"_s);
    message.id = object.value(u"id"_s);
    if (hasId && !validId(message.id)) {
        message.id = QJsonValue::Null;
        message.problem = u"The id must be a string, a number or null."_s;
        return message;
    }
    if (object.contains(u"method"_s)) {
        const QJsonValue method = object.value(u"method"_s);
        if (!method.isString() || method.toString().isEmpty()) {
            message.problem = u"The method must be a non-empty string."_s;
            return message;
        }
        message.method = method.toString();
        message.params = object.value(u"params"_s);
        if (!message.params.isUndefined() && !message.params.isObject() && !message.params.isArray()) {
            message.problem = u"The params must be an object or an array."_s;
            return message;
        }
        message.kind = hasId ? Message::Kind::Request : Message::Kind::Notification;
        return message;
    }
    if (hasId && (object.contains(u"result"_s) || object.value(u"error"_s).isObject())) {
        message.kind = Message::Kind::Response;
        message.result = object.value(u"result"_s);
        message.error = object.value(u"error"_s).toObject();
        return message;
    }
    message.problem = u"The message is neither a request nor a response (no \"method\", \"result\" or \"error\")."_s;
    return message;
}

QByteArray request(const QJsonValue& id, const QString& method, const QJsonObject& params)
{
    return serialise({{u"jsonrpc"_s, u"2.0"_s}, {u"id"_s, id}, {u"method"_s, method}, {u"params"_s, params}});
}

QByteArray notification(const QString& method, const QJsonObject& params)
{
    return serialise({{u"jsonrpc"_s, u"2.0"_s}, {u"method"_s, method}, {u"params"_s, params}});
}

QByteArray response(const QJsonValue& id, const QJsonValue& result)
{
    return serialise({{u"jsonrpc"_s, u"2.0"_s}, {u"id"_s, id}, {u"result"_s, result}});
}

QByteArray errorResponse(const QJsonValue& id, int code, const QString& message, const QJsonValue& data)
{
    QJsonObject error{{u"code"_s, code}, {u"message"_s, message}};
    if (!data.isUndefined() && !data.isNull())
        error.insert(u"data"_s, data);
    return serialise({{u"jsonrpc"_s, u"2.0"_s}, {u"id"_s, id.isUndefined() ? QJsonValue() : id}, {u"error"_s, error}});
}

QByteArray errorResponse(const QJsonValue& id, const Error& error)
{
    QJsonObject data{{u"code"_s, errorCodeName(error.code)}};
    if (error.retryAfter)
        data.insert(u"retryAfterMs"_s, double(error.retryAfter->count()));
    if (isNotBuilt(error))
        return errorResponse(id, NotBuilt, error.message.mid(kNotBuiltPrefix.size()), data);
    return errorResponse(id, ServerError, error.message, data);
}

Error notBuilt(const QString& part)
{
    return Error(ErrorCode::Unsupported, kNotBuiltPrefix + u"%1 is not built in this version of Utter."_s.arg(part));
}

bool isNotBuilt(const Error& error)
{
    return error.code == ErrorCode::Unsupported && error.message.startsWith(kNotBuiltPrefix);
}

Error toError(const QJsonObject& error)
{
    const int code = error.value(u"code"_s).toInt();
    const QString message = error.value(u"message"_s).toString();
    const QString name = error.value(u"data"_s).toObject().value(u"code"_s).toString();
    static const QList<ErrorCode> all{ErrorCode::Failed,
                                      ErrorCode::InvalidArgument,
                                      ErrorCode::NotFound,
                                      ErrorCode::Io,
                                      ErrorCode::Corrupt,
                                      ErrorCode::Unsupported,
                                      ErrorCode::Network,
                                      ErrorCode::Timeout,
                                      ErrorCode::RateLimited,
                                      ErrorCode::AuthFailed,
                                      ErrorCode::OutOfCredit,
                                      ErrorCode::TooLarge,
                                      ErrorCode::UnsupportedFormat,
                                      ErrorCode::ProviderError,
                                      ErrorCode::SlotLoading,
                                      ErrorCode::NoSpeech,
                                      ErrorCode::MicDenied,
                                      ErrorCode::DeviceLost,
                                      ErrorCode::InjectionBlocked,
                                      ErrorCode::Cancelled,
                                      ErrorCode::NotRunning,
                                      ErrorCode::AlreadyRunning};
    for (const ErrorCode candidate : all) {
        if (errorCodeName(candidate) == name) {
            std::optional<std::chrono::milliseconds> retry;
            const QJsonValue retryMs = error.value(u"data"_s).toObject().value(u"retryAfterMs"_s);
            if (retryMs.isDouble())
                retry = std::chrono::milliseconds(qint64(retryMs.toDouble()));
            return Error(candidate, message, retry);
        }
    }
    switch (code) {
    case NotBuilt:
        return Error(ErrorCode::Unsupported, message);
    case InvalidParams:
    case InvalidRequest:
    case MethodNotFound:
        return Error(ErrorCode::InvalidArgument, message);
    default:
        return Error(ErrorCode::Failed, message);
    }
}

} // namespace utter::jsonrpc
