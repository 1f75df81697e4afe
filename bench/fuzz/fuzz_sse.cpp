// text/event-stream from chat providers (core/providers/sseparser). The same bytes fed whole and fed in pieces
// (split where the input's first byte says, as a network would) must give the same events.
#include "fuzzsupport.h"
#include "providers/sseparser.h"

namespace
{

bool sameEvents(const QList<utter::SseParser::Event>& a, const QList<utter::SseParser::Event>& b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a.at(i).event != b.at(i).event || a.at(i).data != b.at(i).data)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const int step = 1 + data[0] % 7;
    const QByteArray stream = utter::fuzz::bytes(data + 1, size - 1);

    utter::SseParser whole;
    QList<utter::SseParser::Event> wholeEvents = whole.feed(stream);
    wholeEvents += whole.finish();

    utter::SseParser pieces;
    QList<utter::SseParser::Event> pieceEvents;
    for (qsizetype at = 0; at < stream.size(); at += step)
        pieceEvents += pieces.feed(stream.mid(at, step));
    pieceEvents += pieces.finish();

    if (!sameEvents(wholeEvents, pieceEvents))
        utter::fuzz::fail("events depend on how the bytes were split", stream);
    if (whole.commentCount() != pieces.commentCount())
        utter::fuzz::fail("comment count depends on how the bytes were split", stream);
    return 0;
}
