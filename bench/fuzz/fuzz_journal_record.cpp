// Journal records (chunk-NNNNNN.json, session.json) read back after a crash or from a disk another program
// touched (core/journal/jobrecord). A record that parses must serialise and parse again to the same JSON.
#include "fuzzsupport.h"
#include "journal/jobrecord.h"
#include "journal/journal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray input = utter::fuzz::bytes(data, size);
    const QByteArray json(input.constData(), input.size());
    if (const auto job = utter::ChunkJob::fromJson(json); job.ok()) {
        const QByteArray once = job.value().toJson();
        const auto again = utter::ChunkJob::fromJson(once);
        if (!again.ok())
            utter::fuzz::fail("a chunk record does not read back", once);
        if (again.value().toJson() != once)
            utter::fuzz::fail("a chunk record changes when read back", once + "\n" + again.value().toJson());
    }
    if (const auto meta = utter::SessionMeta::fromJson(json); meta.ok()) {
        const QByteArray once = meta.value().toJson();
        const auto again = utter::SessionMeta::fromJson(once);
        if (!again.ok())
            utter::fuzz::fail("a session record does not read back", once);
        if (again.value().toJson() != once)
            utter::fuzz::fail("a session record changes when read back", once + "\n" + again.value().toJson());
    }
    (void)utter::Journal::isValidSessionId(QString::fromUtf8(json));
    return 0;
}
