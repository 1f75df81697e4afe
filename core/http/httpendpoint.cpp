#include "httpendpoint.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace utter
{

Result<HttpEndpoint> HttpEndpoint::parse(const QString& text)
{
    const QString trimmed = text.trimmed();
    const qsizetype colon = trimmed.lastIndexOf(u':');
    // Translatable: the settings dialog shows it under http/listen (the command line stays English).
    const Error usage(ErrorCode::InvalidArgument,
                      QCoreApplication::translate("utter::HttpEndpoint",
                                                  "\"%1\" is not HOST:PORT; use e.g. 127.0.0.1:8765 or [::1]:8765.")
                          .arg(text));
    if (colon <= 0)
        return usage;
    QString host = trimmed.left(colon);
    bool ok = false;
    const uint port = trimmed.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535) // 0 = any free port (status.get reports the real one)
        return usage;
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    HttpEndpoint endpoint;
    endpoint.port = quint16(port);
    if (host == u"localhost"_s)
        endpoint.address = QHostAddress(QHostAddress::LocalHost);
    else if (host == u"*"_s)
        endpoint.address = QHostAddress(QHostAddress::Any);
    else if (!endpoint.address.setAddress(host))
        return Error(ErrorCode::InvalidArgument,
                     QCoreApplication::translate("utter::HttpEndpoint",
                                                 "\"%1\" is not an IP address; use a numeric address (or localhost) "
                                                 "to listen on.")
                         .arg(host));
    return endpoint;
}

QString HttpEndpoint::toString() const
{
    const QString host =
        address.protocol() == QAbstractSocket::IPv6Protocol ? u"["_s + address.toString() + u"]"_s : address.toString();
    return host + u':' + QString::number(port);
}

} // namespace utter
