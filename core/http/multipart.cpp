#include "multipart.h"

using namespace Qt::Literals::StringLiterals;

namespace utter
{

namespace
{

// The value of `key=` in a header parameter list, quoted or not.
QByteArray parameter(const QByteArray& header, const QByteArray& key)
{
    const QList<QByteArray> pieces = header.split(';');
    for (const QByteArray& piece : pieces) {
        const QByteArray trimmed = piece.trimmed();
        const qsizetype equals = trimmed.indexOf('=');
        if (equals <= 0 || trimmed.left(equals).trimmed().toLower() != key)
            continue;
        QByteArray value = trimmed.mid(equals + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        return value;
    }
    return {};
}

} // namespace

Result<QList<FormPart>> parseMultipart(const QByteArray& contentType, QByteArrayView body)
{
    if (!contentType.toLower().trimmed().startsWith("multipart/form-data"))
        return Error(
            ErrorCode::InvalidArgument,
            u"Send the audio as multipart/form-data (curl -F file=@audio.ogg), not %1."_s.arg(
                QString::fromLatin1(contentType.isEmpty() ? QByteArray("an empty Content-Type") : contentType)));
    const QByteArray boundary = parameter(contentType, "boundary");
    if (boundary.isEmpty() || boundary.size() > 200)
        return Error(ErrorCode::InvalidArgument, u"The multipart Content-Type has no usable boundary."_s);
    const QByteArray delimiter = "--" + boundary;
    QList<FormPart> parts;
    qsizetype position = body.indexOf(delimiter);
    if (position < 0)
        return Error(ErrorCode::InvalidArgument, u"The multipart body does not contain its boundary."_s);
    while (true) {
        position += delimiter.size();
        if (position + 2 > body.size())
            return Error(ErrorCode::InvalidArgument, u"The multipart body ends inside a boundary (was the upload cut "
                                                     "short?)."_s);
        if (body.sliced(position).startsWith("--"))
            break; // closing delimiter
        if (!body.sliced(position).startsWith("\r\n"))
            return Error(ErrorCode::InvalidArgument, u"The multipart body is malformed after a boundary."_s);
        position += 2;
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", position);
        if (headersEnd < 0)
            return Error(ErrorCode::InvalidArgument, u"A multipart part has no end of headers."_s);
        FormPart part;
        const QList<QByteArray> headerLines = body.sliced(position, headersEnd - position).toByteArray().split('\n');
        for (QByteArray line : headerLines) {
            line = line.trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-disposition") {
                part.name = QString::fromUtf8(parameter(value, "name"));
                part.fileName = QString::fromUtf8(parameter(value, "filename"));
            } else if (name == "content-type") {
                part.contentType = value;
            }
        }
        const qsizetype dataStart = headersEnd + 4;
        const qsizetype next = body.indexOf(QByteArrayView(QByteArray("\r\n" + delimiter)), dataStart);
        if (next < 0)
            return Error(ErrorCode::InvalidArgument, u"A multipart part is not terminated by the boundary (was the "
                                                     "upload cut short?)."_s);
        part.data = body.sliced(dataStart, next - dataStart);
        if (!part.name.isEmpty())
            parts.append(std::move(part));
        position = next + 2;
    }
    return parts;
}

} // namespace utter
