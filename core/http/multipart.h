#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QByteArrayView>
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
    QByteArrayView data; // points into the body passed to parseMultipart: valid while that is
};

// Splits a multipart/form-data body without copying it (an upload's body is a mapped file). contentType is the
// request's Content-Type header (it carries the boundary).
Result<QList<FormPart>> parseMultipart(const QByteArray& contentType, QByteArrayView body);

} // namespace utter
