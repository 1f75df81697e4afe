#pragma once

#include "common/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace utter::jsonrpc
{

// JSON-RPC 2.0 error codes: the standard ones and Utter's server range (-32000 .. -32099).
enum Code : int
{
    ParseError = -32700,
    InvalidRequest = -32600,
    MethodNotFound = -32601,
    InvalidParams = -32602,
    InternalError = -32603,
    ServerError = -32000, // an utter::Error; data.code carries its machine name
    NotBuilt = -32001,    // the method exists in the protocol, but the part behind it is not in this build
    Busy = -32002,        // too many clients or requests; try again
    ShuttingDown = -32003,
};

// One message of the protocol, classified.
struct Message
{
    enum class Kind
    {
        Request,      // has method and id
        Notification, // has method, no id
        Response,     // has result or error, and id
        Invalid,
    };
    Kind kind = Kind::Invalid;
    QJsonValue id; // string, number or null
    QString method;
    QJsonValue params;
    QJsonValue result;
    QJsonObject error; // {code, message, data?}
    QString problem;   // for Invalid: what is wrong, one sentence
};

// Parses one line (without its newline). A line that is not JSON gives Kind::Invalid with problem set and
// parseError true.
Message parse(const QByteArray& line, bool* parseError = nullptr);

// Serialised messages, compact, each ending with '\n'.
QByteArray request(const QJsonValue& id, const QString& method, const QJsonObject& params = {});
QByteArray notification(const QString& method, const QJsonObject& params);
QByteArray response(const QJsonValue& id, const QJsonValue& result);
QByteArray errorResponse(const QJsonValue& id, int code, const QString& message, const QJsonValue& data = {});
// An utter::Error as a JSON-RPC error: ServerError (or NotBuilt for ErrorCode::Unsupported raised by
// notBuilt()) with data {code, retryAfterMs?}.
QByteArray errorResponse(const QJsonValue& id, const Error& error);

// The error for a method whose part is not built in this version.
Error notBuilt(const QString& part);
bool isNotBuilt(const Error& error);

// The reverse mapping, for clients: a JSON-RPC error object back to an utter::Error.
Error toError(const QJsonObject& error);

} // namespace utter::jsonrpc
