// JSON-RPC 2.0 over newline-delimited JSON, as the IPC server reads it from a client (core/ipc/jsonrpc):
// the input is split into lines like IpcConnection does, and every line is classified. A request that parses
// must survive being serialised again (what the client library sends) with the same method and id.
#include "fuzzsupport.h"
#include "ipc/jsonrpc.h"

#include <QJsonObject>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray input = utter::fuzz::bytes(data, size);
    for (const QByteArray& rawLine : input.split('\n')) {
        QByteArray line = rawLine;
        if (line.endsWith('\r'))
            line.chop(1);
        bool parseError = false;
        const utter::jsonrpc::Message message = utter::jsonrpc::parse(line, &parseError);
        if (parseError && message.kind != utter::jsonrpc::Message::Kind::Invalid)
            utter::fuzz::fail("a parse error that is not Invalid", line);
        if (message.kind == utter::jsonrpc::Message::Kind::Invalid && message.problem.isEmpty())
            utter::fuzz::fail("Invalid without a problem sentence", line);
        if (message.kind != utter::jsonrpc::Message::Kind::Request || !message.params.isObject())
            continue;
        const QByteArray again = utter::jsonrpc::request(message.id, message.method, message.params.toObject());
        if (!again.endsWith('\n'))
            utter::fuzz::fail("a serialised request without its newline", again);
        const utter::jsonrpc::Message reparsed = utter::jsonrpc::parse(again.chopped(1));
        if (reparsed.kind != utter::jsonrpc::Message::Kind::Request || reparsed.method != message.method ||
            reparsed.id != message.id)
            utter::fuzz::fail("a request does not survive serialisation", line + "\n" + again);
    }
    return 0;
}
