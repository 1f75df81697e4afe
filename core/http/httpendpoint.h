#pragma once

#include "common/result.h"

#include <QHostAddress>
#include <QString>

namespace utter
{

// HOST:PORT for the HTTP front door: "127.0.0.1:8765", "[::1]:8765", "localhost:8765", "0.0.0.0:8765".
struct HttpEndpoint
{
    QHostAddress address;
    quint16 port = 0;

    static Result<HttpEndpoint> parse(const QString& text);
    bool isLoopback() const { return address.isLoopback(); }
    QString toString() const;
};

} // namespace utter
