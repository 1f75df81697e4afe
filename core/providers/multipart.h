#pragma once

#include <QByteArray>
#include <QString>

namespace utter
{

// Builds a multipart/form-data body in memory. Unlike QHttpMultiPart the result is a plain byte array, so the
// same body can be sent again on a retry or to a fallback endpoint.
class MultipartBuilder final
{
public:
    MultipartBuilder();
    explicit MultipartBuilder(QByteArray boundary);

    MultipartBuilder& addField(const QByteArray& name, const QString& value);
    MultipartBuilder& addFile(const QByteArray& name, const QString& fileName, const QByteArray& mimeType,
                              const QByteArray& data);

    QByteArray contentType() const; // multipart/form-data; boundary=...
    QByteArray body() const;        // with the closing boundary

private:
    QByteArray m_boundary;
    QByteArray m_body;
};

} // namespace utter
