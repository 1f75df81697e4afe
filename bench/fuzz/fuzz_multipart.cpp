// multipart/form-data bodies of POST /v1/audio/transcriptions (core/http/multipart).
// Input: the Content-Type header value, a newline, then the body.
#include "fuzzsupport.h"
#include "http/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto [contentType, body] = utter::fuzz::splitOnce(utter::fuzz::bytes(data, size), "\n");
    const QByteArray ownedBody(body.constData(), body.size()); // the parser may keep slices of it
    const auto parts = utter::parseMultipart(contentType, ownedBody);
    if (!parts.ok())
        return 0;
    qsizetype total = 0;
    for (const utter::FormPart& part : parts.value())
        total += part.data.size() + part.contentType.size();
    if (total > ownedBody.size())
        utter::fuzz::fail("the parts hold more bytes than the body");
    return 0;
}
