#include "textchunking.h"

namespace utter
{

QList<QString> utf16Chunks(const QString& text, int maxUnits)
{
    QList<QString> chunks;
    if (maxUnits < 2)
        maxUnits = 2; // a surrogate pair must fit
    QString current;
    const auto flush = [&] {
        if (!current.isEmpty())
            chunks << current;
        current.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
            continue; // "\r\n" is one newline
        if (c == u'\n' || c == u'\r') {
            flush();
            chunks << QStringLiteral("\n");
            continue;
        }
        const bool pair = c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate();
        const int units = pair ? 2 : 1;
        if (current.size() + units > maxUnits)
            flush();
        current += c;
        if (pair)
            current += text.at(++i);
    }
    flush();
    return chunks;
}

QList<UnicodeKeyEvent> windowsUnicodeEvents(const QString& text)
{
    constexpr std::uint16_t vkReturn = 0x0d;
    constexpr std::uint16_t vkTab = 0x09;
    QList<UnicodeKeyEvent> events;
    events.reserve(text.size() * 2);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
            continue;
        if (c == u'\n' || c == u'\r' || c == u'\t') {
            const std::uint16_t vk = c == u'\t' ? vkTab : vkReturn;
            events << UnicodeKeyEvent{vk, false, true} << UnicodeKeyEvent{vk, true, true};
            continue;
        }
        events << UnicodeKeyEvent{c.unicode(), false, false} << UnicodeKeyEvent{c.unicode(), true, false};
    }
    return events;
}

std::uint32_t keysymForCodePoint(char32_t codePoint)
{
    if (codePoint == U'\n' || codePoint == U'\r')
        return 0xff0d; // Return
    if (codePoint == U'\t')
        return 0xff09; // Tab
    if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0))
        return 0;
    if ((codePoint >= 0xd800 && codePoint <= 0xdfff) || (codePoint >= 0xfdd0 && codePoint <= 0xfdef) ||
        (codePoint & 0xfffe) == 0xfffe || codePoint > 0x10ffff)
        return 0; // surrogates, noncharacters, beyond Unicode: no keysym (as xkb_utf32_to_keysym)
    if (codePoint < 0x100)
        return std::uint32_t(codePoint);
    return 0x01000000u + std::uint32_t(codePoint);
}

} // namespace utter
