#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace utter
{

// One part of a multipart/form-data body (RFC 7578), as OpenAI-style clients send it.
struct FormPart
{
    QString name;
    QString fileName; // empty for plain fields
    QByteArray contentType;
    QByteArray data;
};

// Splits a multipart/form-data body. contentType is the request's Content-Type header (it carries the boundary).
Result<QList<FormPart>> parseMultipart(const QByteArray& contentType, const QByteArray& body);

} // namespace utter
