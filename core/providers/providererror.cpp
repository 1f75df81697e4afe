#include "providererror.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using namespace std::chrono_literals;

namespace utter
{

QByteArray headerValue(const HttpHeaders& headers, const QByteArray& name)
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString capabilityNoun(Capability capability)
{
    switch (capability) {
    case Capability::Transcription:
        return u"transcription"_s;
    case Capability::Transform:
        return u"style"_s;
    case Capability::Speech:
        return u"read-back"_s;
    }
    return {};
}

ErrorBody parseErrorBody(const QByteArray& body)
{
    ErrorBody out;
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body.trimmed(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        // Plain text or HTML from a proxy: keep a short, single-line excerpt.
        QString text = QString::fromUtf8(body.left(300)).simplified();
        if (text.startsWith(u'<'))
            text.clear();
        out.message = text;
        return out;
    }
    out.parsed = true;
    const QJsonObject root = doc.object();
    const QJsonValue error = root.value(u"error"_s);
    if (error.isObject()) {
        const QJsonObject e = error.toObject();
        out.message = e.value(u"message"_s).toString();
        out.type = e.value(u"type"_s).toString();
        const QJsonValue code = e.value(u"code"_s);
        out.code = code.isDouble() ? QString::number(code.toInt()) : code.toString();
        const QJsonObject details = e.value(u"details"_s).toObject();
        if (details.value(u"retry_after_s"_s).isDouble())
            out.retryAfterS = details.value(u"retry_after_s"_s).toDouble();
    } else if (error.isString()) {
        out.message = error.toString();
    } else if (root.value(u"detail"_s).isString()) {
        out.message = root.value(u"detail"_s).toString();
    } else if (root.value(u"message"_s).isString()) {
        out.message = root.value(u"message"_s).toString();
        out.code = root.value(u"code"_s).toString();
    }
    return out;
}

std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray& value, const QDateTime& now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double seconds = trimmed.toDouble(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt : std::optional(std::chrono::milliseconds(qint64(seconds * 1000)));
    // HTTP-date (RFC 9110): IMF-fixdate, the obsolete RFC 850 form and asctime. The weekday is dropped first:
    // it is redundant, and Qt rejects a weekday that does not match a two-digit year's century.
    QString text = QString::fromLatin1(trimmed).simplified();
    const qsizetype comma = text.indexOf(u',');
    text = comma >= 0 ? text.mid(comma + 1).trimmed() : text.section(u' ', 1);
    const QLocale c = QLocale::c();
    QDateTime when;
    for (const QString& format : {u"dd MMM yyyy HH:mm:ss 'GMT'"_s, u"d MMM yyyy HH:mm:ss 'GMT'"_s,
                                  u"dd-MMM-yy HH:mm:ss 'GMT'"_s, u"MMM d HH:mm:ss yyyy"_s}) {
        when = c.toDateTime(text, format);
        if (when.isValid()) {
            if (when.date().year() < 1970)
                when = when.addYears(100);
            when = QDateTime(when.date(), when.time(), QTimeZone::utc());
            break;
        }
    }
    if (!when.isValid())
        return std::nullopt;
    const qint64 ms = now.msecsTo(when);
    return std::chrono::milliseconds(std::max<qint64>(0, ms));
}

std::optional<std::chrono::milliseconds> parseGroqDuration(const QByteArray& value)
{
    static const QRegularExpression part(u"(\\d+(?:\\.\\d+)?)(ms|h|m|s)"_s);
    const QString text = QString::fromLatin1(value.trimmed());
    if (text.isEmpty())
        return std::nullopt;
    double total = 0;
    qsizetype consumed = 0;
    auto it = part.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedStart() != consumed)
            return std::nullopt;
        consumed = m.capturedEnd();
        const double n = m.captured(1).toDouble();
        const QString unit = m.captured(2);
        total += unit == u"ms"_s ? n : unit == u"s"_s ? n * 1000 : unit == u"m"_s ? n * 60000 : n * 3600000;
    }
    if (consumed != text.size())
        return std::nullopt;
    return std::chrono::milliseconds(qint64(total));
}

bool isRetryableStatus(int status)
{
    if (status >= 500)
        return status != 501 && status != 505;
    switch (status) {
    case 408: // request timeout
    case 409: // hal0 slot.illegal_transition while a slot changes state
    case 425:
    case 429:
    case 498: // Groq flex-tier capacity
        return true;
    default:
        return false;
    }
}

namespace
{

QString detail(const ErrorBody& body)
{
    if (body.message.isEmpty())
        return {};
    QString text = body.message.left(240);
    if (text.endsWith(u'.'))
        text.chop(1);
    return u" (\"%1\")"_s.arg(text);
}

QString secretHint(const ErrorContext& context)
{
    if (context.keyName.isEmpty())
        return u"set the right API key with `utter secret set NAME`"_s;
    return u"set the right one with `utter secret set %1`"_s.arg(context.keyName);
}

QString settingPrefix(Capability capability)
{
    switch (capability) {
    case Capability::Transcription:
        return u"transcribe"_s;
    case Capability::Transform:
        return u"transform"_s;
    case Capability::Speech:
        return u"speech"_s;
    }
    return {};
}

std::optional<std::chrono::milliseconds> rateLimitWait(const HttpHeaders& headers, const QDateTime& now)
{
    if (auto retry = parseRetryAfter(headerValue(headers, "retry-after"), now))
        return retry;
    // Without retry-after, Groq's reset headers tell when the exhausted budget refills.
    std::optional<std::chrono::milliseconds> wait;
    const QByteArray remainingRequests = headerValue(headers, "x-ratelimit-remaining-requests");
    const QByteArray remainingTokens = headerValue(headers, "x-ratelimit-remaining-tokens");
    if (remainingRequests.trimmed() == "0")
        wait = parseGroqDuration(headerValue(headers, "x-ratelimit-reset-requests"));
    if (remainingTokens.trimmed() == "0") {
        if (auto tokens = parseGroqDuration(headerValue(headers, "x-ratelimit-reset-tokens")))
            wait = std::max(wait.value_or(0ms), *tokens);
    }
    return wait;
}

} // namespace

ProviderError classifyHttpError(const ErrorContext& context, int status, const QByteArray& body,
                                const HttpHeaders& headers, const QDateTime& now)
{
    ProviderError out;
    out.httpStatus = status;
    const ErrorBody parsed = parseErrorBody(body);
    out.providerCode = parsed.code;
    out.providerMessage = parsed.message;
    out.retryable = isRetryableStatus(status);
    const QString noun = capabilityNoun(context.capability);
    const QString where = u"The %1 endpoint %2"_s.arg(noun, context.endpoint);
    const QString why = detail(parsed);
    const QString prefix = settingPrefix(context.capability);
    std::optional<std::chrono::milliseconds> retryAfter = parseRetryAfter(headerValue(headers, "retry-after"), now);
    if (!retryAfter && parsed.retryAfterS)
        retryAfter = std::chrono::milliseconds(qint64(*parsed.retryAfterS * 1000));

    auto set = [&](ErrorCode code, QString message) { out.error = Error(code, std::move(message), retryAfter); };
    const QString code = parsed.code;

    switch (status) {
    case 400:
        if (code == u"unsupported_audio_format"_s || code.contains(u"unsupported_format"_s)) {
            set(ErrorCode::UnsupportedFormat,
                u"%1 rejected the audio format%2; Utter uploads Ogg Opus as audio.ogg — if this is a whisper.cpp "
                "server, start it with --convert, or point %3/url at an endpoint that accepts Ogg."_s.arg(where, why,
                                                                                                          prefix));
        } else if (code == u"request.missing_model"_s) {
            set(ErrorCode::InvalidArgument,
                u"%1 needs a model name%2; set one with `utter config set %3/model NAME`."_s.arg(where, why, prefix));
        } else if (parsed.message.contains(u"reasoning_effort"_s)) {
            set(ErrorCode::InvalidArgument, u"%1 rejected the reasoning setting%2; this is a bug in Utter, please "
                                            "report it."_s.arg(where, why));
        } else if (parsed.message.contains(u"model"_s, Qt::CaseInsensitive) &&
                   (parsed.message.contains(u"not exist"_s, Qt::CaseInsensitive) ||
                    parsed.message.contains(u"not found"_s, Qt::CaseInsensitive))) {
            set(ErrorCode::NotFound, u"%1 does not offer the model \"%2\"%3; choose another with `utter config set "
                                     "%4/model NAME`."_s.arg(where, context.model, why, prefix));
        } else {
            set(ErrorCode::InvalidArgument, u"%1 rejected the request (HTTP 400)%2."_s.arg(where, why));
        }
        break;
    case 401:
        set(ErrorCode::AuthFailed, u"%1 rejected the API key (HTTP 401)%2; %3."_s.arg(where, why, secretHint(context)));
        break;
    case 402:
        set(ErrorCode::OutOfCredit,
            u"%1 says the account is out of balance (HTTP 402)%2; top it up with the provider, then try again."_s.arg(
                where, why));
        break;
    case 403:
        set(ErrorCode::AuthFailed, u"%1 refused access (HTTP 403)%2; check that the key may use the model \"%3\", "
                                   "or %4."_s.arg(where, why, context.model, secretHint(context)));
        break;
    case 404:
        set(ErrorCode::NotFound,
            u"%1 does not know the model \"%2\" or the path (HTTP 404)%3; check `utter config get %4/model` and "
            "`%4/url`."_s.arg(where, context.model, why, prefix));
        break;
    case 413:
        set(ErrorCode::TooLarge,
            u"%1 refused the upload as too large (HTTP 413)%2; it has to be split."_s.arg(where, why));
        break;
    case 415:
        set(ErrorCode::UnsupportedFormat, u"%1 cannot decode the audio (HTTP 415)%2; point %3/url at an endpoint "
                                          "that accepts Ogg Opus."_s.arg(where, why, prefix));
        break;
    case 422:
        set(ErrorCode::InvalidArgument, u"%1 found the request invalid (HTTP 422)%2."_s.arg(where, why));
        break;
    case 429:
    case 498:
        if (!retryAfter)
            retryAfter = rateLimitWait(headers, now);
        set(ErrorCode::RateLimited,
            status == 429
                ? u"%1 is rate-limiting requests (HTTP 429)%2; wait a moment or raise the plan's limits."_s.arg(where,
                                                                                                                why)
                : u"%1 is over capacity (HTTP 498)%2; try again shortly."_s.arg(where, why));
        break;
    case 499:
        set(ErrorCode::Cancelled, u"%1 reports the request as cancelled (HTTP 499)."_s.arg(where));
        break;
    default:
        if (code == u"slot.loading"_s || code == u"gpu.image_mode"_s || code == u"slot.not_ready"_s) {
            out.retryable = true;
            set(ErrorCode::SlotLoading,
                u"%1 is still loading its model (%2)%3; Utter waits and tries again."_s.arg(where, code, why));
        } else if (code == u"slot.load_failed"_s) {
            out.retryable = false;
            set(ErrorCode::ProviderError, u"%1 could not load its model (slot.load_failed)%2; check the server, or "
                                          "configure a fallback endpoint."_s.arg(where, why));
        } else if (status >= 500) {
            set(ErrorCode::ProviderError, u"%1 failed with HTTP %2%3; try again later or configure a fallback."_s.arg(
                                              where, QString::number(status), why));
        } else {
            set(ErrorCode::ProviderError, u"%1 answered HTTP %2%3."_s.arg(where, QString::number(status), why));
        }
        break;
    }
    return out;
}

ProviderError malformedReply(const ErrorContext& context, const QString& what)
{
    ProviderError out;
    out.retryable = true;
    out.error = Error(ErrorCode::ProviderError, u"The %1 endpoint %2 sent an answer Utter cannot read (%3)."_s.arg(
                                                    capabilityNoun(context.capability), context.endpoint, what));
    return out;
}

} // namespace utter
