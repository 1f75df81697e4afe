#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace utter
{

// The head of one HTTP/1.x request (RFC 9112 §2-3): request line and header fields, parsed before any byte of
// the body is read, so the front door can refuse (token, size, method, load) without buffering a body.
struct RequestHead
{
    QByteArray method; // as sent, e.g. "POST"
    QByteArray target; // request-target, e.g. "/v1/stream?token=x"
    QString path;      // percent-decoded path of the target
    QUrlQuery query;
    int minorVersion = 1;                         // HTTP/1.<minor>
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-case, values trimmed, in order
    qint64 contentLength = 0;                     // 0 when absent
    bool chunked = false;                         // Transfer-Encoding: chunked

    QByteArray header(QByteArrayView lowerName) const;                   // the first value, or empty
    bool hasToken(QByteArrayView lowerName, QByteArrayView token) const; // "Connection: keep-alive, Upgrade"
    // HTTP/1.1 keeps the connection unless "Connection: close"; HTTP/1.0 only with "Connection: keep-alive".
    bool keepAlive() const;
    bool expectsContinue() const;
    bool isWebSocketUpgrade() const;
};

// Parses a request head (everything before the blank line; the "\r\n\r\n" itself may be left off). Bare "\n"
// line ends are accepted; obsolete line folding, a bad request line, a malformed or conflicting
// Content-Length, and versions other than HTTP/1.x are errors (InvalidArgument, or Unsupported for the version).
Result<RequestHead> parseRequestHead(QByteArrayView bytes);

} // namespace utter
