#include "multipart.h"

#include <QRandomGenerator>

namespace utter
{

namespace
{

QByteArray quoted(const QByteArray& value)
{
    QByteArray out = value;
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\r', ' ').replace('\n', ' ');
    return '"' + out + '"';
}

} // namespace

MultipartBuilder::MultipartBuilder()
    : MultipartBuilder("utter-" + QByteArray::number(QRandomGenerator::global()->generate64(), 16))
{}

MultipartBuilder::MultipartBuilder(QByteArray boundary)
    : m_boundary(std::move(boundary))
{}

MultipartBuilder& MultipartBuilder::addField(const QByteArray& name, const QString& value)
{
    m_body += "--" + m_boundary + "\r\nContent-Disposition: form-data; name=" + quoted(name) + "\r\n\r\n" +
              value.toUtf8() + "\r\n";
    return *this;
}

MultipartBuilder& MultipartBuilder::addFile(const QByteArray& name, const QString& fileName, const QByteArray& mimeType,
                                            const QByteArray& data)
{
    m_body += "--" + m_boundary + "\r\nContent-Disposition: form-data; name=" + quoted(name) +
              "; filename=" + quoted(fileName.toUtf8()) + "\r\nContent-Type: " + mimeType + "\r\n\r\n" + data + "\r\n";
    return *this;
}

QByteArray MultipartBuilder::contentType() const
{
    return "multipart/form-data; boundary=" + m_boundary;
}

QByteArray MultipartBuilder::body() const
{
    return m_body + "--" + m_boundary + "--\r\n";
}

} // namespace utter
